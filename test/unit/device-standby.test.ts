// The first call after a click: the Device is built ahead (on intent, or while /widget/connect is in
// flight), its signaling socket opens on intent with a standby grant, and nothing built ahead outlives its use.
import { expect, waitUntil } from '@open-wc/testing';
import { createApiClient } from '../../src/api/client.js';
import { CallController } from '../../src/call/call-controller.js';
import type { DeviceFactory, DeviceInit } from '../../src/call/device.js';
import { DeviceStandby } from '../../src/call/device-standby.js';
import { VisitorSession } from '../../src/session/visitor-session.js';
import { fakeDevices } from '../helpers/fake-device.js';
import { API_BASE, DEMO_KEY, FakeServer, connectBody, sessionBody, signalingBody } from '../helpers/fake-server.js';
import { fastForward, hasClock, installClock } from '../helpers/clock.js';
import { settle } from '../helpers/expect.js';
import { guardPage } from '../helpers/guards.js';
import { type CallStatusLog, followCallStatus } from '../helpers/call-status.js';

const CALL_GRANT = { token: 'twilio-token-1', edge: 'local', signalingHost: '127.0.0.1:8443' };
const STANDBY_GRANT = { token: 'twilio-standby-1', edge: 'local', signalingHost: '127.0.0.1:8443' };

describe('devices built ahead of the call', () => {
  let server: FakeServer;
  let devices: ReturnType<typeof fakeDevices>;
  let call: CallStatusLog;
  let controller: CallController;
  let session: VisitorSession;
  /** For each Device built: how many connect requests had gone out by then. */
  let connectsBeforeBuild: number[];
  let typing: boolean;
  const guard = guardPage();

  beforeEach(() => {
    server = new FakeServer().install();
    devices = fakeDevices({ buildsAhead: true });
    call = followCallStatus();
    connectsBeforeBuild = [];
    typing = false;
    guard.start();
    const api = createApiClient({ apiBase: API_BASE, clientKey: DEMO_KEY });
    session = new VisitorSession({ api, agentId: 'agent_ava' });
    const deviceFactory: DeviceFactory = Object.assign(
      (init: DeviceInit) => {
        connectsBeforeBuild.push(server.requestsTo('POST /widget/connect').length);
        return devices.factory(init);
      },
      { buildsAhead: true },
    );
    controller = new CallController({
      api,
      session,
      deviceFactory,
      hangupTimeoutMs: 200,
      silentMicrophone: () => typing,
      events: { report: (event) => call.report(event) },
    });
  });
  afterEach(async () => {
    controller.dispose();
    session.dispose();
    server.restore();
    await guard.stop();
  });

  it('at the click: builds the Device and asks for the microphone while /widget/connect is in flight', async () => {
    server.on('POST /widget/connect', async () => {
      // The answer waits until the Device exists: it must be built during the request, not after it.
      await waitUntil(() => devices.devices.length === 1, 'no Device while the request was in flight');
      return { body: connectBody };
    });
    const started = controller.start('agent_ava');
    await waitUntil(() => devices.devices[0]?.calls.length === 1);
    const device = devices.last;
    expect(connectsBeforeBuild, 'built after the request went out').to.deep.equal([1]);
    expect(device.init.token, 'no grant yet').to.equal('');
    expect(device.microphoneWarmed).to.equal(1);
    expect(device.grants).to.deep.equal([{ grant: CALL_GRANT, silentMicrophone: false }]);
    expect(device.signalingOpened, 'the call opens its socket at connect()').to.equal(0);
    device.call.answer();
    await started;
    expect(call.status).to.equal('connected');
    expect(devices.devices).to.have.length(1);
    await controller.end();
    expect(device.destroyed).to.equal(true);
    expect(server.requestsTo('POST /widget/signaling'), 'a click alone asks for no standby').to.have.length(0);
  });

  it('typing instead of speaking: no microphone is asked for', async () => {
    typing = true;
    const started = controller.start('agent_ava');
    await waitUntil(() => devices.devices[0]?.calls.length === 1);
    expect(devices.last.microphoneWarmed).to.equal(0);
    expect(devices.last.grants).to.deep.equal([{ grant: CALL_GRANT, silentMicrophone: true }]);
    devices.last.call.answer();
    await started;
  });

  it('on intent: a standby grant opens the signaling socket, and the click places the call on that Device', async () => {
    controller.prepare('agent_ava');
    await waitUntil(() => devices.devices[0]?.signalingOpened === 1, 'the standby socket never opened');
    const standby = devices.last;
    expect(standby.init).to.deep.equal(STANDBY_GRANT);
    const [grantRequest] = server.requestsTo('POST /widget/signaling');
    expect(grantRequest?.headers.get('Authorization')).to.equal('Bearer jwt-guest-1');
    expect(grantRequest?.body).to.deep.equal({ agent_id: 'agent_ava' });
    expect(server.requestsTo('POST /widget/connect'), 'intent never creates a call session').to.have.length(0);

    // More intent (another hover) changes nothing.
    controller.prepare('agent_ava');
    await settle();
    expect(server.requestsTo('POST /widget/signaling')).to.have.length(1);
    expect(devices.devices).to.have.length(1);

    const started = controller.start('agent_ava');
    await waitUntil(() => standby.calls.length === 1);
    expect(devices.devices, 'the click built no second Device').to.have.length(1);
    expect(standby.grants).to.deep.equal([{ grant: CALL_GRANT, silentMicrophone: false }]);
    expect(standby.tokens).to.deep.equal(['twilio-standby-1', 'twilio-token-1']);
    expect(standby.microphoneWarmed).to.equal(1);
    standby.call.answer();
    await started;
    expect(call.statuses).to.deep.equal(['connecting', 'ringing', 'connected']);
    await controller.end();
    expect(standby.destroyed).to.equal(true);
  });

  it('with a grant in the visitor session answer: the click opens the socket while /widget/connect is in flight', async () => {
    server.on('POST /widget/auth/guest', { body: { ...sessionBody('guest'), signaling: signalingBody } });
    server.on('POST /widget/connect', async () => {
      await waitUntil(() => devices.devices[0]?.signalingOpened === 1, 'no socket while the request was in flight');
      return { body: connectBody };
    });
    const started = controller.start('agent_ava');
    await waitUntil(() => devices.devices[0]?.calls.length === 1);
    const device = devices.last;
    expect(device.init).to.deep.equal(STANDBY_GRANT);
    expect(device.grants).to.deep.equal([{ grant: CALL_GRANT, silentMicrophone: false }]);
    expect(server.requestsTo('POST /widget/signaling'), 'the session answer had one').to.have.length(0);
    device.call.answer();
    await started;
    expect(devices.devices).to.have.length(1);
  });

  it('on intent, the grant from the visitor session answer serves once; later standbys ask for their own', async () => {
    server.on('POST /widget/auth/guest', { body: { ...sessionBody('guest'), signaling: signalingBody } });
    server.on('POST /widget/signaling', { body: { ...signalingBody, twilio: { token: 'twilio-standby-2' } } });
    controller.prepare('agent_ava');
    await waitUntil(() => devices.devices[0]?.signalingOpened === 1);
    expect(devices.last.init.token).to.equal('twilio-standby-1');
    expect(server.requestsTo('POST /widget/signaling')).to.have.length(0);
    const started = controller.start('agent_ava');
    await waitUntil(() => devices.devices[0]?.calls.length === 1);
    devices.last.call.answer();
    await started;
    await controller.end();

    controller.prepare('agent_ava');
    await waitUntil(() => devices.devices[1]?.signalingOpened === 1);
    expect(devices.last.init.token).to.equal('twilio-standby-2');
    expect(server.requestsTo('POST /widget/signaling')).to.have.length(1);
  });

  it('a server without standby grants (404): the Device is built ahead without a socket, and not asked again', async () => {
    server.on('POST /widget/signaling', { status: 404, body: 'not_found: no such route' });
    controller.prepare('agent_ava');
    await waitUntil(() => devices.devices.length === 1);
    expect(devices.last.init.token).to.equal('');
    expect(devices.last.signalingOpened).to.equal(0);
    const started = controller.start('agent_ava');
    await waitUntil(() => devices.last.calls.length === 1);
    devices.last.call.answer();
    await started;
    await controller.end();
    controller.prepare('agent_ava');
    await waitUntil(() => devices.devices.length === 2);
    expect(server.requestsTo('POST /widget/signaling')).to.have.length(1);
    expect(call.errors).to.have.length(0);
  });

  it('a standby Device that fails before the click is dropped; the click builds a fresh one', async () => {
    controller.prepare('agent_ava');
    await waitUntil(() => devices.devices[0]?.signalingOpened === 1);
    const standby = devices.last;
    standby.emit('error', { code: 31005, message: 'connection error' });
    await waitUntil(() => standby.destroyed, 'the failed standby Device was kept');
    const started = controller.start('agent_ava');
    await waitUntil(() => devices.devices[1]?.calls.length === 1);
    devices.last.call.answer();
    await started;
    expect(call.status).to.equal('connected');
    expect(call.errors, 'the standby failure is not the call’s').to.have.length(0);
  });

  it('a refused call (429) releases the Device built ahead, microphone and all', async () => {
    server.on('POST /widget/connect', {
      status: 429,
      body: 'concurrent_limit: too many calls',
      headers: { 'Retry-After': '30' },
    });
    controller.prepare('agent_ava');
    await waitUntil(() => devices.devices[0]?.signalingOpened === 1);
    await controller.start('agent_ava');
    expect(call.errors.map((error) => error.code)).to.deep.equal(['cost_cap']);
    expect(devices.devices).to.have.length(1);
    expect(devices.last.destroyed).to.equal(true);
  });

  it('no standby while a call is live, and none left after dispose()', async () => {
    const started = controller.start('agent_ava');
    await waitUntil(() => devices.devices[0]?.calls.length === 1);
    devices.last.call.answer();
    await started;
    controller.prepare('agent_ava');
    await settle();
    expect(server.requestsTo('POST /widget/signaling')).to.have.length(0);
    await controller.end();

    controller.prepare('agent_ava');
    await waitUntil(() => devices.devices[1]?.signalingOpened === 1);
    controller.dispose();
    await waitUntil(() => devices.last.destroyed, 'the standby Device outlived dispose()');
  });
});

describe('the standby Device on its own', () => {
  const guard = guardPage();
  beforeEach(() => guard.start());
  afterEach(() => guard.stop());

  it('is dropped after the idle time without intent, and built anew on the next intent', async function () {
    if (!hasClock) this.skip(); // no clock in the Firefox run (helpers/clock.ts)
    // On Playwright's clock, with a minute of idle time: each step lands 20 s clear of a deadline, however slow the
    // machine is.
    await installClock();
    const devices = fakeDevices({ buildsAhead: true });
    const standby = new DeviceStandby({
      deviceFactory: devices.factory,
      requestGrant: () => Promise.resolve(signalingBody),
      idleMs: 60_000,
    });
    standby.prepare();
    await waitUntil(() => devices.devices.length === 1);
    await fastForward(40_000);
    expect(devices.last.destroyed, 'dropped before its idle time').to.equal(false);
    standby.prepare(); // intent again: the idle deadline moves to 100 s
    await fastForward(40_000);
    await settle();
    expect(devices.last.destroyed, 'still within the new deadline').to.equal(false);
    await fastForward(21_000);
    await waitUntil(() => devices.last.destroyed, 'never dropped');
    expect(await standby.take(), 'nothing left to hand over').to.equal(null);
    standby.prepare();
    await waitUntil(() => devices.devices.length === 2);
    standby.dispose();
    await waitUntil(() => devices.last.destroyed, 'the standby Device outlived dispose()');
  });

  it('never outlives its grant, however much intent there is', async () => {
    const devices = fakeDevices({ buildsAhead: true });
    const standby = new DeviceStandby({
      deviceFactory: devices.factory,
      // Dropped 30 s before expiry: this grant leaves it 100 ms.
      requestGrant: () => Promise.resolve({ ...signalingBody, expires_in: 30.1 }),
      idleMs: 60_000,
    });
    standby.prepare();
    await waitUntil(() => devices.devices.length === 1);
    standby.prepare();
    await waitUntil(() => devices.last.destroyed, 'outlived its grant', { timeout: 1000 });
  });

  it('dispose() while the grant is in flight builds nothing', async () => {
    const devices = fakeDevices({ buildsAhead: true });
    let answer!: (value: typeof signalingBody) => void;
    const standby = new DeviceStandby({
      deviceFactory: devices.factory,
      requestGrant: () => new Promise((resolve) => (answer = resolve)),
    });
    standby.prepare();
    standby.dispose();
    answer(signalingBody);
    await settle();
    expect(devices.devices).to.have.length(0);
  });
});
