import { expect, waitUntil } from '@open-wc/testing';
import { createApiClient } from '../../src/api/client.js';
import { CallController, type CallEvents } from '../../src/call/call-controller.js';
import { VisitorSession } from '../../src/session/visitor-session.js';
import { fakeDevices } from '../helpers/fake-device.js';
import { API_BASE, DEMO_KEY, FakeServer } from '../helpers/fake-server.js';
import { settle } from '../helpers/expect.js';
import { guardPage } from '../helpers/guards.js';
import { type CallStatusLog, followCallStatus } from '../helpers/call-status.js';

describe('call controller', () => {
  let server: FakeServer;
  let devices: ReturnType<typeof fakeDevices>;
  let call: CallStatusLog;
  let ended: { reason: string; durationMs: number }[];
  let controller: CallController;
  let session: VisitorSession;
  const guard = guardPage();

  function create(events: CallEvents = {}, connectTimeoutMs = 5000) {
    const api = createApiClient({ apiBase: API_BASE, clientKey: DEMO_KEY });
    session = new VisitorSession({ api, agentId: 'agent_ava' });
    controller = new CallController({
      api,
      session,
      deviceFactory: devices.factory,
      hangupTimeoutMs: 200,
      connectTimeoutMs,
      events: {
        report: (event) => call.report(event),
        ended: (info) => ended.push(info),
        ...events,
      },
    });
  }

  beforeEach(() => {
    server = new FakeServer().install();
    devices = fakeDevices();
    call = followCallStatus();
    ended = [];
    guard.start();
    create();
  });
  afterEach(async () => {
    controller.dispose();
    session.dispose();
    server.restore();
    await guard.stop();
  });

  it('walks idle → connecting → ringing → connected → ended and passes the server params to Twilio', async () => {
    const started = controller.start('agent_ava');
    await waitUntil(() => devices.devices.length === 1);
    const device = devices.last;
    expect(device.init).to.deep.equal({ token: 'twilio-token-1', edge: 'local', signalingHost: '127.0.0.1:8443' });
    await waitUntil(() => device.calls.length === 1);
    expect(device.connectOptions?.params).to.deep.equal({ agent_id: 'agent_ava', session_id: 'sess_1' });
    expect(device.connectOptions?.rtcConfiguration).to.deep.equal({ iceServers: [] });
    device.call.answer();
    await started;
    expect(call.status).to.equal('connected');
    await controller.end();
    expect(call.statuses).to.deep.equal(['connecting', 'ringing', 'connected', 'ended']);
    expect(ended[0]?.reason).to.equal('local');
    expect(device.destroyed).to.equal(true);
  });

  it('leave() drops an answered call quietly: no hangup, no call end, `callMoved`', async () => {
    const started = controller.start('agent_ava');
    await waitUntil(() => devices.devices[0]?.calls.length === 1);
    const device = devices.last;
    // Not before the answer: there is no call to move yet.
    expect(controller.leave()).to.equal(false);
    device.call.answer();
    await started;
    expect(controller.leave()).to.equal(true);
    expect(call.statuses).to.deep.equal(['connecting', 'ringing', 'connected', 'elsewhere']);
    expect(device.leftQuietly).to.equal(true);
    expect(device.call.disconnected, 'hung up').to.equal(false);
    expect(ended).to.deep.equal([]);
    // Over here: end() and a second leave() have nothing left to do.
    await controller.end();
    expect(controller.leave()).to.equal(false);
    expect(call.statuses.at(-1)).to.equal('elsewhere');
  });

  it('start() is idempotent while a call is starting or live', async () => {
    const first = controller.start('agent_ava');
    const second = controller.start('agent_ava');
    await waitUntil(() => devices.devices[0]?.calls.length === 1);
    devices.last.call.answer();
    await Promise.all([first, second, controller.start('agent_ava')]);
    expect(devices.devices).to.have.length(1);
    expect(server.requestsTo('POST /widget/connect')).to.have.length(1);
  });

  it('end() during connecting cancels cleanly: no Device is left behind', async () => {
    server.on('POST /widget/connect', { delayMs: 200, body: {} });
    const started = controller.start('agent_ava');
    await waitUntil(() => server.requestsTo('POST /widget/connect').length === 1);
    await controller.end();
    await started;
    expect(call.status).to.equal('ended');
    expect(ended[0]?.reason).to.equal('cancelled');
    expect(call.errors).to.have.length(0);
    expect(devices.devices).to.have.length(0);
    // A second end() is a no-op: it settles at once and reports nothing more.
    const reported = [call.statuses.length, ended.length, call.errors.length];
    await controller.end();
    await settle();
    expect([call.statuses.length, ended.length, call.errors.length]).to.deep.equal(reported);
    expect(call.status).to.equal('ended');
  });

  it('refreshes the visitor token once after a 401 from connect', async () => {
    server.once('POST /widget/connect', { status: 401, body: 'token_expired: visitor token expired' });
    const started = controller.start('agent_ava');
    await waitUntil(() => devices.devices[0]?.calls.length === 1);
    devices.last.call.answer();
    await started;
    const auths = server.requestsTo('POST /widget/connect').map((request) => request.headers.get('Authorization'));
    expect(auths).to.deep.equal(['Bearer jwt-guest-1', 'Bearer jwt-guest-2']);
  });

  it('maps Twilio failures: mic denied before answer, dropped after answer', async () => {
    void controller.start('agent_ava');
    await waitUntil(() => devices.devices[0]?.calls.length === 1);
    devices.last.call.fail(31401, 'Permission denied');
    await waitUntil(() => call.status === 'error');
    expect(call.errors.map((error) => error.code)).to.deep.equal(['mic_denied']);

    const started = controller.start('agent_ava');
    await waitUntil(() => devices.devices[1]?.calls.length === 1);
    devices.last.call.answer();
    await started;
    devices.last.call.fail(31005, 'connection error');
    await waitUntil(() => call.errors.length === 2);
    expect(call.errors[1]?.code).to.equal('call_dropped');
    expect(ended.map((info) => info.reason)).to.deep.equal(['error', 'error']);
  });

  it('keeps the error when Twilio emits disconnect before it (getUserMedia failures do)', async () => {
    void controller.start('agent_ava');
    await waitUntil(() => devices.devices[0]?.calls.length === 1);
    const twilioCall = devices.last.call;
    twilioCall.disconnected = true;
    twilioCall.emit('disconnect', twilioCall);
    twilioCall.emit('error', { code: 31402, message: 'AcquisitionFailedError' });
    await waitUntil(() => call.status === 'error');
    expect(call.errors.map((error) => error.code)).to.deep.equal(['mic_unavailable']);
    expect(ended.map((info) => info.reason)).to.deep.equal(['error']);
  });

  it('fails as call_failed when nobody answers before the connect timeout', async () => {
    controller.dispose();
    session.dispose();
    create({}, 150);
    void controller.start('agent_ava');
    await waitUntil(() => devices.devices[0]?.calls.length === 1);
    devices.last.call.emit('ringing', false);
    await waitUntil(() => call.status === 'error', 'no timeout', { timeout: 2000 });
    expect(call.errors.map((error) => error.code)).to.deep.equal(['call_failed']);
    expect(devices.last.destroyed).to.equal(true);
    expect(devices.last.call.disconnected).to.equal(true);
  });

  it('a timeout while the Device is still being created leaves no Device behind', async () => {
    controller.dispose();
    session.dispose();
    create({}, 100);
    let releaseDevice!: () => void;
    const gate = new Promise<void>((resolve) => (releaseDevice = resolve));
    const slowFactory = devices.factory;
    controller = new CallController({
      api: createApiClient({ apiBase: API_BASE, clientKey: DEMO_KEY }),
      session,
      deviceFactory: async (init) => {
        await gate;
        return slowFactory(init);
      },
      connectTimeoutMs: 100,
      events: { report: (event) => call.report(event) },
    });
    void controller.start('agent_ava');
    await waitUntil(() => call.status === 'error', 'no timeout', { timeout: 2000 });
    releaseDevice();
    await waitUntil(() => devices.devices.length === 1);
    await waitUntil(() => devices.last.destroyed, 'the late Device was never destroyed');
    expect(devices.last.calls).to.have.length(0);
    expect(call.errors.map((error) => error.code)).to.deep.equal(['call_failed']);
  });

  it('fails on a Device token error that Twilio reports only on the Device', async () => {
    void controller.start('agent_ava');
    await waitUntil(() => devices.devices[0]?.calls.length === 1);
    devices.last.emit('error', { code: 20101, message: 'AccessTokenInvalid' });
    await waitUntil(() => call.status === 'error');
    expect(call.errors[0]?.code).to.equal('call_failed');
    expect(devices.last.destroyed).to.equal(true);
  });

  it('goes reconnecting → connected on signaling loss, and answers tokenWillExpire with a fresh token', async () => {
    const started = controller.start('agent_ava');
    await waitUntil(() => devices.devices[0]?.calls.length === 1);
    const device = devices.last;
    device.call.answer();
    await started;
    device.call.emit('reconnecting', { code: 53001 });
    expect(call.status).to.equal('reconnecting');
    device.call.emit('reconnected');
    expect(call.status).to.equal('connected');
    device.emit('tokenWillExpire', device);
    await waitUntil(() => device.tokens.length === 2);
    expect(device.tokens).to.deep.equal(['twilio-token-1', 'twilio-token-2']);
    expect(server.requestsTo('POST /widget/connect/refresh')[0]?.body).to.deep.equal({ session_id: 'sess_1' });
  });

  it('reports the call-quality warnings in force, without a status change, and clears them when the call ends', async () => {
    const reported: (readonly string[])[] = [];
    create({ networkWarnings: (warnings) => reported.push(warnings) });
    const started = controller.start('agent_ava');
    await waitUntil(() => devices.devices[0]?.calls.length === 1);
    const device = devices.last;
    device.call.answer();
    await started;
    device.call.emit('warning', 'high-packet-loss', { name: 'packetsLostFraction', values: [5, 6, 7] });
    device.call.emit('warning', 'high-jitter', { name: 'jitter' });
    device.call.emit('warning', 'high-jitter', { name: 'jitter' }); // already in force: no report
    device.call.emit('warning-cleared', 'high-packet-loss');
    device.call.emit('warning-cleared', 'low-mos'); // never raised: no report
    device.call.emit('warning', 42); // not a name: ignored
    expect(reported).to.deep.equal([['high-packet-loss'], ['high-packet-loss', 'high-jitter'], ['high-jitter']]);
    expect(call.status).to.equal('connected');
    device.call.emit('warning', 'low-mos', { name: 'mos' });
    await controller.end();
    expect(reported.slice(3)).to.deep.equal([['high-jitter', 'low-mos'], []]);
    expect(call.status).to.equal('ended');
  });

  it('reports captions from user-defined messages and ignores malformed ones', async () => {
    const captions: unknown[] = [];
    controller.dispose();
    session.dispose();
    create({ caption: (caption) => captions.push(caption) });
    const started = controller.start('agent_ava');
    await waitUntil(() => devices.devices[0]?.calls.length === 1);
    devices.last.call.answer();
    await started;
    devices.last.call.emit('messageReceived', { content: { role: 'agent', text: 'Hi', final: false } });
    devices.last.call.emit('messageReceived', { content: '{"role":"agent","text":"Hi there"}' });
    devices.last.call.emit('messageReceived', { content: { role: 'system', text: '<b>x</b>' } });
    devices.last.call.emit('messageReceived', { content: 'not json' });
    expect(captions).to.deep.equal([
      { role: 'agent', text: 'Hi', final: false },
      { role: 'agent', text: 'Hi there', final: true },
    ]);
  });

  it('dispose() mid-call releases the Device and emits nothing more', async () => {
    const started = controller.start('agent_ava');
    await waitUntil(() => devices.devices[0]?.calls.length === 1);
    devices.last.call.answer();
    await started;
    const before = call.statuses.length;
    controller.dispose();
    expect(devices.last.destroyed).to.equal(true);
    expect(devices.last.call.disconnected).to.equal(true);
    // The fake call reports its disconnect a microtask later, as Twilio does: nothing may come of it.
    await settle();
    expect(call.statuses.length).to.equal(before);
  });
});
