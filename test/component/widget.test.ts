import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import en from '../../src/widget/locales/en.js';
import es from '../../src/widget/locales/es.js';
import { type FakeDevices, fakeDevices, waitForCall } from '../helpers/fake-device.js';
import { DEMO_KEY, configBody } from '../helpers/fake-server.js';
import { clickPart, part, recordEvents, waitForPart, useWidgetTestbed, waitForStatus } from '../helpers/widget.js';

type Widget = HTMLElementTagNameMap['kataven-widget'];

async function connect(element: Widget, devices: FakeDevices) {
  await element.open();
  await clickPart(element, 'call-button');
  (await waitForCall(devices)).answer();
  await waitForStatus(element, 'connected');
}

describe('<kataven-widget>', () => {
  const testbed = useWidgetTestbed();

  describe('branding', () => {
    it('applies the server branding to the launcher (colors, label, corner)', async () => {
      testbed.server.on('GET /widget/config', {
        body: configBody({
          branding: { primary_color: '#0f766e', launcher_label: 'Ask Ava', launcher_position: 'tl' },
        }),
      });
      const element = await testbed.mount();
      await waitForStatus(element, 'ready');
      const launcher = part(element, 'launcher') as HTMLElement;
      expect(getComputedStyle(launcher).backgroundColor).to.equal('rgb(15, 118, 110)');
      expect(launcher.textContent?.trim()).to.equal('Ask Ava');
      const corner = launcher.getBoundingClientRect();
      expect(corner.left).to.be.lessThan(100);
      expect(corner.top).to.be.lessThan(100);
    });

    it('renders hostile branding inert: markup as text, javascript: logo dropped, CSS injection rejected', async () => {
      const { warnings } = testbed.captureConsole();
      testbed.server.on('GET /widget/config', {
        body: configBody({
          agent: { name: '<img src=x onerror="window.pwned=1">Ava' },
          branding: {
            launcher_label: '<img src=x onerror="window.pwned=1">Call',
            privacy_notice: '<script>window.pwned=1</script>',
            logo_url: 'javascript:window.pwned=1',
            primary_color: 'red;} :host{display:none',
            accent_color: 'url(https://evil.test/x)',
          },
        }),
      });
      const element = await testbed.mount();
      await waitForStatus(element, 'ready');
      await element.open();
      await waitForPart(element, 'panel');
      const root = element.shadowRoot as ShadowRoot;
      expect(root.querySelector('img')).to.equal(null);
      expect(root.querySelector('script')).to.equal(null);
      expect(part(element, 'launcher')?.textContent).to.contain('<img src=x onerror="window.pwned=1">Call');
      expect(part(element, 'title')?.textContent).to.contain('<img src=x');
      expect(part(element, 'privacy-notice')?.textContent).to.contain('<script>');
      expect(getComputedStyle(part(element, 'launcher') as HTMLElement).backgroundColor).to.equal('rgb(37, 99, 235)');
      expect((window as { pwned?: number }).pwned).to.equal(undefined);
      expect(warnings.join('\n')).to.contain('branding.primary_color');
      expect(warnings.join('\n')).to.contain('branding.logo_url');
    });

    it('shows an https logo, and a page override of branding wins without a refetch', async () => {
      const element = await testbed.mount({ branding: { logo_url: 'https://cdn.acme.test/logo.svg' } });
      await waitForStatus(element, 'ready');
      expect(part(element, 'logo')?.getAttribute('src')).to.equal('https://cdn.acme.test/logo.svg');
      element.branding = { primary_color: '#111111', launcher_label: 'Preview' };
      await element.updateComplete;
      expect(getComputedStyle(part(element, 'launcher') as HTMLElement).backgroundColor).to.equal('rgb(17, 17, 17)');
      expect(part(element, 'launcher')?.textContent?.trim()).to.equal('Preview');
      expect(testbed.server.requestsTo('GET /widget/config')).to.have.length(1);
    });

    it('lets page CSS custom properties win over server branding', async () => {
      const element = await testbed.mount();
      element.style.setProperty('--kataven-primary', '#ff0000');
      await waitForStatus(element, 'ready');
      expect(getComputedStyle(part(element, 'launcher') as HTMLElement).backgroundColor).to.equal('rgb(255, 0, 0)');
    });

    it('follows theme and locale', async () => {
      const element = await testbed.mount({ theme: 'dark', locale: 'es-MX', display: 'inline' });
      await waitForStatus(element, 'ready');
      const panel = await waitForPart(element, 'panel');
      await waitUntil(() => part(element, 'call-button')?.textContent?.trim() === es.call, 'Spanish never loaded');
      expect(getComputedStyle(panel).backgroundColor).to.equal('rgb(17, 24, 39)');
      expect(part(element, 'status')?.textContent?.trim()).to.equal(es.status.ready);
    });
  });

  describe('call flow', () => {
    it('reports loading while the config is on its way, renders nothing until then (no layout shift), then ready', async () => {
      testbed.server.on('GET /widget/config', { delayMs: 300, body: configBody() });
      const element = await testbed.mount({ display: 'inline' });
      expect(element.status).to.equal('loading');
      expect(element.getAttribute('status')).to.equal('loading');
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(part(element, 'panel')).to.equal(null);
      expect(element.getBoundingClientRect().height).to.equal(0);
      await waitForStatus(element, 'ready');
      expect(part(element, 'status')?.textContent?.trim()).to.equal(en.status.ready);
    });

    it('renders every call status, captions as text, mute and the end of the call', async () => {
      const element = await testbed.mount();
      const recorder = recordEvents(element);
      await waitForStatus(element, 'ready');
      await element.open();
      expect(part(element, 'status')?.textContent?.trim()).to.equal(en.status.ready);
      (await waitForPart(element, 'call-button')).click();
      await waitForStatus(element, 'connecting');
      expect(part(element, 'status')?.textContent?.trim()).to.equal(en.status.connecting);
      await waitUntil(() => testbed.devices.devices[0]?.calls.length);
      testbed.devices.last.call.emit('ringing', false);
      await waitForStatus(element, 'ringing');
      expect(part(element, 'status')?.textContent?.trim()).to.equal(en.status.ringing);
      testbed.devices.last.call.emit('accept');
      await waitForStatus(element, 'connected');
      expect(part(element, 'status')?.textContent?.trim()).to.equal(en.status.connected);

      testbed.devices.last.call.emit('volume', 0.5, 0.8);
      await element.updateComplete;
      const bars = [...(part(element, 'meter')?.querySelectorAll<HTMLElement>('[data-level]') ?? [])];
      const widths = () => bars.map((bar) => getComputedStyle(bar).transform).join(' | ');
      // The bars ease to their width (an 80 ms transition).
      await waitUntil(() => widths() === 'matrix(0.8, 0, 0, 1, 0, 0) | matrix(0.5, 0, 0, 1, 0, 0)', widths());
      expect(
        bars.every((bar) => !bar.hasAttribute('style')),
        'no inline styles (strict CSP)',
      ).to.equal(true);

      testbed.devices.last.call.emit('messageReceived', {
        content: { role: 'agent', text: '<b>Hi</b>, I am Ava', final: true },
      });
      await element.updateComplete;
      const log = element.shadowRoot?.querySelector('[role="log"]');
      expect(log?.textContent).to.contain('<b>Hi</b>, I am Ava');
      expect(log?.querySelector('b')).to.equal(null);

      (part(element, 'mute-button') as HTMLElement).click();
      await element.updateComplete;
      expect(part(element, 'mute-button')?.getAttribute('aria-pressed')).to.equal('true');

      testbed.devices.last.call.emit('reconnecting', { code: 53001 });
      await waitForStatus(element, 'reconnecting');
      expect(part(element, 'status')?.textContent?.trim()).to.equal(en.status.reconnecting);
      testbed.devices.last.call.emit('reconnected');
      await waitForStatus(element, 'connected');

      (part(element, 'end-button') as HTMLElement).click();
      await waitForStatus(element, 'ended');
      expect(part(element, 'status')?.textContent?.trim()).to.equal(en.status.ended);
      expect(part(element, 'call-button')).to.not.equal(null);
      expect(recorder.of('call-connected')).to.deep.equal([{ sessionId: 'sess_1' }]);
      expect(recorder.of('mute')).to.deep.equal([{ muted: true }]);
      expect(recorder.of('message')).to.deep.equal([{ role: 'agent', text: '<b>Hi</b>, I am Ava', final: true }]);
      expect((recorder.of('call-end')[0] as { reason: string }).reason).to.equal('local');
      const statuses = (recorder.of('status') as { status: string }[]).map((detail) => detail.status);
      expect(statuses).to.deep.equal([
        'ready',
        'connecting',
        'ringing',
        'connected',
        'reconnecting',
        'connected',
        'ended',
      ]);
    });

    it('opening the panel warms up the visitor session; the call reuses it', async () => {
      const element = await testbed.mount();
      await waitForStatus(element, 'ready');
      expect(testbed.server.requestsTo('POST /widget/auth/guest')).to.have.length(0);
      await element.open();
      await waitUntil(() => testbed.server.requestsTo('POST /widget/auth/guest').length === 1, 'no session prefetch');
      expect(testbed.server.requestsTo('POST /widget/connect')).to.have.length(0);
      await connect(element, testbed.devices);
      expect(testbed.server.requestsTo('POST /widget/auth/guest')).to.have.length(1);
    });

    it('asks for consent before the microphone prompt when the policy requires it', async () => {
      testbed.server.on('GET /widget/config', { body: configBody({ policy: { consent_required: true } }) });
      const element = await testbed.mount();
      await waitForStatus(element, 'ready');
      await element.open();
      (await waitForPart(element, 'call-button')).click();
      expect((await waitForPart(element, 'consent')).textContent).to.contain(en.consent);
      expect(testbed.server.requestsTo('POST /widget/connect')).to.have.length(0);
      expect(testbed.devices.devices).to.have.length(0);
      await clickPart(element, 'agree-button');
      await waitForStatus(element, 'connecting');
      await waitUntil(() => testbed.devices.devices.length === 1);
    });

    it('forgets a pending consent step when the visitor identity changes', async () => {
      testbed.server.on('GET /widget/config', { body: configBody({ policy: { consent_required: true } }) });
      const element = await testbed.mount();
      await waitForStatus(element, 'ready');
      await element.open();
      await clickPart(element, 'call-button');
      await waitForPart(element, 'consent');
      // Another agent (or key, or signed-in user): the old agent's consent question must not carry over.
      element.agentId = 'agent_other';
      await waitForStatus(element, 'ready');
      await waitForPart(element, 'call-button');
      expect(part(element, 'consent')).to.equal(null);
      expect(part(element, 'panel'), 'the panel stays open').to.not.equal(null);
      expect(testbed.devices.devices).to.have.length(0);
    });

    it('counts down in the last 30 seconds and ends the call at max_call_seconds', async () => {
      testbed.server.on('GET /widget/config', { body: configBody({ policy: { max_call_seconds: 2 } }) });
      const element = await testbed.mount();
      const recorder = recordEvents(element);
      await waitForStatus(element, 'ready');
      await connect(element, testbed.devices);
      expect(element.shadowRoot?.querySelector('[role="timer"]')?.textContent).to.equal(en.remaining(2));
      await waitForStatus(element, 'ended');
      expect((recorder.of('call-end')[0] as { reason: string }).reason).to.equal('time_limit');
      expect(testbed.devices.last.destroyed).to.equal(true);
    });

    it('shows "sign in to talk" without a call button for a user-only agent and a guest', async () => {
      testbed.server.on('GET /widget/config', { body: configBody({ policy: { auth_mode: 'user' } }) });
      const element = await testbed.mount();
      await waitForStatus(element, 'unavailable');
      await element.open();
      expect((await waitForPart(element, 'error')).textContent?.trim()).to.equal(en.errors.sign_in_required);
      expect(part(element, 'call-button')).to.equal(null);
    });

    it('lets a signed-in visitor call a user-only agent through the exchange', async () => {
      testbed.server.on('GET /widget/config', {
        body: configBody({ policy: { auth_mode: 'user' }, agent: { auth_mode: 'authenticated' } }),
      });
      const element = await testbed.mount({ userToken: 'ut_123' });
      await waitForStatus(element, 'ready');
      await connect(element, testbed.devices);
      expect(testbed.server.requestsTo('POST /widget/auth/exchange')[0]?.body).to.deep.equal({
        client_key: DEMO_KEY,
        user_token: 'ut_123',
        agent_id: 'agent_ava',
      });
      expect(testbed.server.requestsTo('POST /widget/auth/guest')).to.have.length(0);
    });
  });

  describe('isolation and cleanup', () => {
    it('keeps two widgets on one page apart', async () => {
      const other = fakeDevices();
      const container = await fixture<HTMLDivElement>(
        html`<div>
          <kataven-widget
            id="a"
            client-key=${DEMO_KEY}
            api-base="https://api.kataven.test/v1"
            display="inline"
            .deviceFactory=${testbed.devices.factory}
          ></kataven-widget>
          <kataven-widget
            id="b"
            client-key=${DEMO_KEY}
            api-base="https://api.kataven.test/v1"
            display="inline"
            .deviceFactory=${other.factory}
          ></kataven-widget>
        </div>`,
      );
      const [a, b] = [...container.querySelectorAll('kataven-widget')] as Widget[];
      if (!a || !b) throw new Error('widgets missing');
      await waitForStatus(a, 'ready');
      await waitForStatus(b, 'ready');
      await connect(a, testbed.devices);
      expect(b.status).to.equal('ready');
      expect(other.devices).to.have.length(0);
      expect(part(b, 'call-button')).to.not.equal(null);
      expect(part(b, 'end-button')).to.equal(null);
    });

    // Without continuity: with it, the call first waits 2 s for another element (spa-route.test.ts).
    it('releases the Device and every timer when removed mid-call', async () => {
      const live = new Set<number>();
      const stacks = new Map<number, string>();
      // Only the widget's own timers count (test helpers poll with timers of their own).
      const fromWidget = () => (new Error().stack ?? '').includes(`${location.origin}/src/`);
      const original = {
        setTimeout: window.setTimeout.bind(window),
        setInterval: window.setInterval.bind(window),
        clearTimeout: window.clearTimeout.bind(window),
        clearInterval: window.clearInterval.bind(window),
      };
      const unpatched = { setTimeout, setInterval, clearTimeout, clearInterval };
      // Count timers the widget creates from here on, and whether each is cleared or has fired.
      window.setInterval = ((fn: () => void, ms?: number) => {
        const id = original.setInterval(fn, ms);
        if (fromWidget()) {
          live.add(id);
          stacks.set(id, new Error().stack ?? '');
        }
        return id;
      }) as typeof setInterval;
      window.setTimeout = ((fn: () => void, ms?: number) => {
        const id = original.setTimeout(() => {
          live.delete(id);
          fn();
        }, ms);
        if (fromWidget()) {
          live.add(id);
          stacks.set(id, new Error().stack ?? '');
        }
        return id;
      }) as typeof setTimeout;
      window.clearInterval = ((id?: number) => {
        if (id !== undefined) live.delete(id);
        original.clearInterval(id);
      }) as typeof window.clearInterval;
      window.clearTimeout = ((id?: number) => {
        if (id !== undefined) live.delete(id);
        original.clearTimeout(id);
      }) as typeof window.clearTimeout;
      try {
        const element = await testbed.mount();
        element.continuity = 'off';
        const recorder = recordEvents(element);
        await waitForStatus(element, 'ready');
        await connect(element, testbed.devices);
        expect(live.size).to.be.greaterThan(0);
        element.remove();
        await new Promise((resolve) => original.setTimeout(resolve, 50));
        expect(testbed.devices.last.destroyed).to.equal(true);
        expect(testbed.devices.last.call.disconnected).to.equal(true);
        expect(live.size, `timers left running:\n${[...live].map((id) => stacks.get(id)).join('\n')}`).to.equal(0);
        const eventsAfterRemoval = recorder.events.length;
        testbed.devices.last.call.emit('accept');
        expect(recorder.events.length).to.equal(eventsAfterRemoval);
      } finally {
        Object.assign(window, unpatched);
      }
    });
  });

  describe('accessibility', () => {
    it('opens from the keyboard, moves focus into the panel, closes on Escape and restores focus', async () => {
      const element = await testbed.mount();
      await waitForStatus(element, 'ready');
      const launcher = part(element, 'launcher') as HTMLButtonElement;
      expect(launcher.tagName).to.equal('BUTTON');
      launcher.focus();
      launcher.click();
      await waitForPart(element, 'panel');
      await waitUntil(() => element.shadowRoot?.activeElement?.closest('[part="panel"]'), 'focus stayed outside');
      expect(launcher.getAttribute('aria-expanded')).to.equal('true');
      expect(part(element, 'status')?.getAttribute('aria-live')).to.equal('polite');
      element.shadowRoot?.activeElement?.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
      );
      await waitUntil(() => part(element, 'panel') === null);
      await waitUntil(() => element.shadowRoot?.activeElement === launcher, 'focus not restored');
      expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    });

    it('is accessible when ready and in a call', async () => {
      const element = await testbed.mount({ display: 'inline' });
      await waitForStatus(element, 'ready');
      await waitForPart(element, 'call-button');
      await expect(element).to.be.accessible();
      await connect(element, testbed.devices);
      await expect(element).to.be.accessible();
    });
  });
});
