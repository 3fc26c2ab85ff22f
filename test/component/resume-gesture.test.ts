/**
 * Continuity (docs/protocol.md section 9): a call taken over from an earlier page of this tab, where the browser needs
 * the visitor's click first (the microphone not granted for this origin yet, or audio that cannot start). The panel
 * offers one button, "Continue the call", asks nothing else, and one click takes the call over.
 */
import { expect, waitUntil } from '@open-wc/testing';
import en from '../../src/widget/locales/en.js';
import { waitForCall } from '../helpers/fake-device.js';
import { DEMO_KEY, configBody, connectBody, sessionBody } from '../helpers/fake-server.js';
import { clickPart, part, useWidgetTestbed, waitForPart, waitForStatus } from '../helpers/widget.js';

const RECORD_KEY = `kataven:resume:${DEMO_KEY}`;

/** What an earlier page of this tab left while its call was live (its panel closed, its microphone on). */
function leaveRecord(): void {
  const record = { session_id: 'sess_1', agent_id: 'agent_ava', resume_token: 'rs_first', panel_open: false };
  sessionStorage.setItem(RECORD_KEY, JSON.stringify({ ...record, muted: false, expires_at: Date.now() + 30_000 }));
}

describe('<kataven-widget> continuing a call that needs a click', () => {
  const testbed = useWidgetTestbed();

  beforeEach(() => {
    // Consent is required: a taken-over call was consented to on its first page and must not ask again.
    testbed.server.on('GET /widget/config', { body: configBody({ policy: { consent_required: true } }) });
    testbed.server.on('POST /widget/connect/resume', {
      body: {
        ...connectBody,
        visitor: sessionBody('guest', 'jwt-resumed'),
        resume: { token: 'rs_second', expires_in: 30 },
        transcript: [{ role: 'agent', text: "Hi, I'm Ava." }],
      },
    });
    leaveRecord();
  });
  afterEach(() => sessionStorage.removeItem(RECORD_KEY));

  it('shows only "Continue the call" and takes the call over on one click', async () => {
    testbed.devices.requireGesture(true);
    const element = await testbed.mount();
    // The call code loads first (a chunk of its own; slow on a busy machine).
    await waitUntil(() => element.status === 'resuming', `status stayed ${element.status}`, { timeout: 10_000 });
    await element.updateComplete;
    const button = await waitForPart(element, 'resume-button');
    expect(button.textContent?.trim()).to.equal(en.resume);
    // The panel opens for it (it was closed on the earlier page), and offers nothing else to do or agree to.
    expect(part(element, 'panel')).to.not.equal(null);
    for (const other of ['call-button', 'end-button', 'mute-button', 'consent', 'agree-button', 'retry-button']) {
      expect(part(element, other), other).to.equal(null);
    }
    // The microphone is not touched before the click. The resume request went out with the config (a round trip
    // less once the visitor clicks), and its new token is kept at once: a next page could still take the call over.
    expect(testbed.devices.devices).to.have.length(0);
    await waitUntil(
      () =>
        (JSON.parse(sessionStorage.getItem(RECORD_KEY) ?? '{}') as { resume_token?: string }).resume_token ===
        'rs_second',
      'the new resume token kept before the click',
    );

    await clickPart(element, 'resume-button');
    const call = await waitForCall(testbed.devices);
    call.answer();
    await waitForStatus(element, 'connected');
    expect(part(element, 'resume-button')).to.equal(null);
    expect(part(element, 'consent')).to.equal(null);
    expect(testbed.server.requestsTo('POST /widget/connect/resume').map((request) => request.body)).to.deep.equal([
      { resume_token: 'rs_first', page_context: { url: location.href } },
    ]);
    expect(testbed.server.requestsTo('POST /widget/connect')).to.have.length(0);
    await waitUntil(() => element.shadowRoot?.textContent?.includes("Hi, I'm Ava."), 'the transcript so far');
    // The record now holds the new single-use token.
    expect(JSON.parse(sessionStorage.getItem(RECORD_KEY) ?? '{}')).to.include({ resume_token: 'rs_second' });
  });

  it('sends the resume request beside the config, not after its answer', async () => {
    let answerConfig!: () => void;
    const configHeld = new Promise<void>((resolve) => (answerConfig = resolve));
    testbed.server.on('GET /widget/config', () => configHeld.then(() => ({ body: configBody() })));
    const element = await testbed.mount();
    await waitUntil(
      () => testbed.server.requestsTo('POST /widget/connect/resume').length === 1,
      'the resume request while the config is unanswered',
    );
    const [config] = testbed.server.requestsTo('GET /widget/config');
    expect(config?.answerRead).to.equal(false);
    expect(testbed.server.requestsTo('POST /widget/connect/resume')[0]?.body).to.deep.equal({
      resume_token: 'rs_first',
      page_context: { url: location.href },
    });
    answerConfig();
    (await waitForCall(testbed.devices, 10_000)).answer();
    await waitForStatus(element, 'connected');
    // The call took the early answer: one resume request in all, no new call.
    expect(testbed.server.requestsTo('POST /widget/connect/resume')).to.have.length(1);
    expect(testbed.server.requestsTo('POST /widget/connect')).to.have.length(0);
  });

  it('takes the call over at once, with no button, where the browser needs no click', async () => {
    const element = await testbed.mount();
    const call = await waitForCall(testbed.devices, 10_000);
    expect(part(element, 'resume-button')).to.equal(null);
    call.answer();
    await waitForStatus(element, 'connected');
    expect(testbed.server.requestsTo('POST /widget/connect/resume')).to.have.length(1);
  });
});

describe('<kataven-widget> start() while a taken-over call waits for a click', () => {
  const testbed = useWidgetTestbed();
  afterEach(() => sessionStorage.removeItem(RECORD_KEY));

  it("takes the held call over (the page's own button is the click), and places no second call", async () => {
    testbed.server.on('POST /widget/connect/resume', {
      body: {
        ...connectBody,
        visitor: sessionBody('guest', 'jwt-resumed'),
        resume: { token: 'rs_second', expires_in: 30 },
        transcript: [],
      },
    });
    leaveRecord();
    testbed.devices.requireGesture(true);
    const element = await testbed.mount();
    await waitUntil(() => element.status === 'resuming', `status stayed ${element.status}`, { timeout: 10_000 });
    await waitForPart(element, 'resume-button');
    void element.start();
    (await waitForCall(testbed.devices)).answer();
    await waitForStatus(element, 'connected');
    expect(testbed.server.requestsTo('POST /widget/connect/resume')).to.have.length(1);
    expect(testbed.server.requestsTo('POST /widget/connect')).to.have.length(0);
    expect(testbed.devices.devices).to.have.length(1);
  });
});
