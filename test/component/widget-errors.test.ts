/**
 * Every error code of docs/protocol.md section 1 reaches the visitor (plain-language text) and the page
 * (`kataven-error`).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { ERROR_CODES, WidgetError, type WidgetErrorCode } from '../../src/api/errors.js';
import en from '../../src/widget/locales/en.js';
import { fastForward, hasClock, installClock } from '../helpers/clock.js';
import { type FakeDevices, waitForCall } from '../helpers/fake-device.js';
import { expectEvent, settle } from '../helpers/expect.js';
import { DEMO_KEY, FakeServer, configBody } from '../helpers/fake-server.js';
import { clickPart, part, recordEvents, useWidgetTestbed, waitForPart, waitForStatus } from '../helpers/widget.js';

type Scenario = {
  /** Arranges the failure; returns the key to mount with when it is not the demo key. */
  arrange(server: FakeServer, devices: FakeDevices): string | void;
  /** Drives the widget to the failure after mounting (e.g. starts a call). */
  act?(element: HTMLElementTagNameMap['kataven-widget'], devices: FakeDevices): Promise<void>;
  status: string;
  /** Whether trying again can help (a retry button, and `retryable` in `kataven-error`), stated here per code. */
  retryable: boolean;
};

async function startCall(element: HTMLElementTagNameMap['kataven-widget']) {
  await element.open();
  void element.start();
}

async function failCall(code: number, answerFirst: boolean) {
  return async (element: HTMLElementTagNameMap['kataven-widget'], devices: FakeDevices) => {
    await startCall(element);
    await waitForCall(devices);
    if (answerFirst) {
      devices.last.call.answer();
      await waitForStatus(element, 'connected');
    }
    devices.last.call.fail(code);
  };
}

const SCENARIOS: Record<WidgetErrorCode, Scenario> = {
  invalid_key: { arrange: () => 'not-a-key', status: 'error', retryable: false },
  secret_key_in_page: { arrange: () => 'sk_live_acme_oops0000000000', status: 'error', retryable: false },
  origin_not_allowed: {
    arrange: (server) => void server.on('GET /widget/config', { status: 403, body: 'origin_not_allowed: nope' }),
    status: 'error',
    retryable: false,
  },
  key_disabled: {
    arrange: (server) => void server.on('GET /widget/config', { status: 403, body: 'key_disabled: revoked' }),
    status: 'error',
    retryable: false,
  },
  agent_not_found: {
    arrange: (server) => void server.on('GET /widget/config', { status: 404, body: 'agent_not_found' }),
    status: 'error',
    retryable: false,
  },
  agent_not_active: {
    arrange: (server) => void server.on('GET /widget/config', { body: configBody({ agent: { status: 'paused' } }) }),
    status: 'unavailable',
    retryable: false,
  },
  widget_disabled: {
    arrange: (server) =>
      void server.on('GET /widget/config', { body: configBody({ policy: { widget_enabled: false } }) }),
    status: 'unavailable',
    retryable: false,
  },
  sign_in_required: {
    arrange: (server) => void server.on('GET /widget/config', { body: configBody({ policy: { auth_mode: 'user' } }) }),
    status: 'unavailable',
    retryable: false,
  },
  rate_limited: {
    arrange: (server) =>
      void server.on('POST /widget/auth/guest', {
        status: 429,
        body: 'rate_limited: slow down',
        headers: { 'Retry-After': '30' },
      }),
    act: async (element) => startCall(element),
    status: 'error',
    retryable: true,
  },
  cost_cap: {
    arrange: (server) =>
      void server.on('POST /widget/connect', {
        status: 429,
        body: 'concurrent_limit: Concurrent call limit reached',
        headers: { 'Retry-After': '60' },
      }),
    act: async (element) => startCall(element),
    status: 'error',
    retryable: true,
  },
  network: {
    arrange: (server) => void server.on('GET /widget/config', { networkError: true }),
    status: 'error',
    retryable: true,
  },
  server_error: {
    arrange: (server) => void server.on('GET /widget/config', { status: 502, body: 'bad gateway' }),
    status: 'error',
    retryable: true,
  },
  invalid_response: {
    arrange: (server) => void server.on('GET /widget/config', { body: '<html>maintenance</html>' }),
    status: 'error',
    retryable: true,
  },
  mic_denied: { arrange: () => undefined, act: await failCall(31401, false), status: 'error', retryable: true },
  mic_unavailable: { arrange: () => undefined, act: await failCall(31402, false), status: 'error', retryable: true },
  browser_unsupported: {
    arrange: (_server, devices) => devices.failNext(new WidgetError('browser_unsupported', 'no WebRTC')),
    act: async (element) => startCall(element),
    status: 'error',
    retryable: false,
  },
  insecure_context: {
    arrange: (_server, devices) => devices.failNext(new WidgetError('insecure_context', 'http page')),
    act: async (element) => startCall(element),
    status: 'error',
    retryable: false,
  },
  call_failed: { arrange: () => undefined, act: await failCall(31603, false), status: 'error', retryable: true },
  call_dropped: { arrange: () => undefined, act: await failCall(31005, true), status: 'error', retryable: true },
  resume_expired: {
    // An earlier page of this tab left a live call (its record, docs/protocol.md section 9); the server no longer has it.
    arrange: (server) => {
      const record = { session_id: 'sess_gone', agent_id: 'agent_ava', resume_token: 'rs_spent' };
      const state = { expires_at: Date.now() + 60_000, panel_open: true, muted: false };
      sessionStorage.setItem(`kataven:resume:${DEMO_KEY}`, JSON.stringify({ ...record, ...state }));
      server.on('POST /widget/connect/resume', { status: 401, body: 'resume_expired: the call has ended' });
    },
    status: 'error',
    retryable: true,
  },
};

describe('<kataven-widget> error codes', () => {
  // The widget explains configuration problems in the console; keep test output readable.
  const testbed = useWidgetTestbed({ captureConsole: true });

  it('has a scenario for every code it can raise', () => {
    expect(Object.keys(SCENARIOS).sort()).to.deep.equal([...ERROR_CODES].sort());
  });

  for (const code of ERROR_CODES) {
    it(`${code}: shows its message and fires kataven-error`, async () => {
      const scenario = SCENARIOS[code];
      const key = scenario.arrange(testbed.server, testbed.devices) ?? undefined;
      const recorder = recordEvents(document);
      const element = await testbed.mount(key ? { clientKey: key } : {});
      try {
        await scenario.act?.(element, testbed.devices);
        await waitForStatus(element, scenario.status);
        expect(element.getAttribute('status')).to.equal(scenario.status);
        const errors = recorder.of('error') as { code: string; retryable: boolean }[];
        expect(errors.map((error) => error.code)).to.include(code);
        expect(errors.find((error) => error.code === code)?.retryable, 'retryable').to.equal(scenario.retryable);
        if (code === 'widget_disabled') {
          // Policy says no web widget: nothing at all is rendered.
          expect(part(element, 'launcher')).to.equal(null);
          return;
        }
        await element.open();
        const errorView = await waitForPart(element, 'error');
        expect(errorView.textContent?.trim()).to.equal(en.errors[code]);
        expect(errorView.getAttribute('role')).to.equal('alert');
        const retry = part(element, 'retry-button') !== null;
        expect(retry, 'retry offered exactly when retrying can help').to.equal(scenario.retryable);
        if (retry) {
          // A dropped call is placed again; anything else is tried again (maybe after the server's Retry-After).
          const label = part(element, 'retry-button')?.textContent?.trim();
          expect(label).to.match(code === 'call_dropped' ? /^Call again$/ : /^Try again( in \d+ s)?$/);
        }
      } finally {
        recorder.stop();
      }
    });
  }

  it('refuses an sk_live_ key before making any request', async () => {
    const element = await testbed.mount({ clientKey: 'sk_live_acme_secret000000000' });
    await waitForStatus(element, 'error');
    await element.open();
    await element.start();
    expect(testbed.server.requests).to.have.length(0);
    expect(testbed.console.errors[0]).to.contain('secret sk_ key');
  });

  it("holds the retry button until the server's Retry-After has passed", async function () {
    if (!hasClock) this.skip(); // no clock in the Firefox run (helpers/clock.ts)
    await installClock();
    testbed.server.once('POST /widget/connect', {
      status: 429,
      body: 'concurrent_limit: Concurrent call limit reached',
      headers: { 'Retry-After': '30' },
    });
    const element = await testbed.mount();
    await waitForStatus(element, 'ready');
    await element.open();
    await element.start();
    await waitForStatus(element, 'error');
    const retryButton = () => part(element, 'retry-button') as HTMLButtonElement | null;
    const label = () => retryButton()?.textContent?.trim();
    await waitForPart(element, 'retry-button');
    expect(retryButton()?.disabled).to.equal(true);
    expect(label()).to.match(/^Try again in (30|29) s$/);
    retryButton()?.click();
    // Whatever a click would start runs without real delays: let it, then check that nothing went out.
    await settle();
    expect(testbed.server.requestsTo('POST /widget/connect')).to.have.length(1);
    await fastForward(28_000);
    await waitUntil(() => /^Try again in [12] s$/.test(label() ?? ''), 'the countdown never reached its last seconds');
    expect(retryButton()?.disabled).to.equal(true);
    await fastForward(2_000);
    await waitUntil(() => retryButton()?.disabled === false, 'retry never enabled');
    expect(label()).to.equal(en.retry);
    await clickPart(element, 'retry-button');
    await waitUntil(() => testbed.server.requestsTo('POST /widget/connect').length === 2, 'retry did not call again');
  });

  it('reports a microphone the browser already blocks before spending a call', async () => {
    const permissions = navigator.permissions;
    const query = permissions.query;
    permissions.query = async () => ({ state: 'denied', name: 'microphone' }) as PermissionStatus;
    try {
      const element = await testbed.mount();
      await waitForStatus(element, 'ready');
      await element.open();
      await waitUntil(
        () => testbed.server.requestsTo('POST /widget/auth/guest').length === 1,
        'call state never loaded',
      );
      (await waitForPart(element, 'call-button')).click();
      await waitForStatus(element, 'error');
      expect((await waitForPart(element, 'error')).textContent?.trim()).to.equal(en.errors.mic_denied);
      expect(testbed.server.requestsTo('POST /widget/connect')).to.have.length(0);
      expect(testbed.devices.devices).to.have.length(0);
    } finally {
      permissions.query = query;
    }
  });

  it('retries after a network error and recovers', async () => {
    testbed.server.on('GET /widget/config', { networkError: true });
    const element = await testbed.mount();
    await waitForStatus(element, 'error');
    await element.open();
    testbed.server.on('GET /widget/config', { body: configBody() });
    const ready = await expectEvent<HTMLElementEventMap['kataven-ready']>(element, 'kataven-ready', () =>
      clickPart(element, 'retry-button'),
    );
    expect(ready.detail).to.deep.equal({ agentId: 'agent_ava', agentName: 'Ava' });
    await waitForStatus(element, 'ready');
    expect(part(element, 'error')).to.equal(null);
    expect(part(element, 'call-button')).to.not.equal(null);
  });
});
