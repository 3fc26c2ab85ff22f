/**
 * Zero axe violations in every state of the launcher and the panel, light and dark (and RTL), plus keyboard order, and
 * the font faces each state draws its text with.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitForCall } from '../helpers/fake-device.js';
import { DEMO_KEY, configBody, connectBody, sessionBody } from '../helpers/fake-server.js';
import { PANEL_TEXT_FACES } from '../../src/widget/font-faces.js';
import {
  type WidgetTestbed,
  clickPart,
  part,
  useWidgetTestbed,
  waitForPart,
  waitForStatus,
} from '../helpers/widget.js';

type Widget = HTMLElementTagNameMap['kataven-widget'];

/** The launcher label's face (launcher-styles.ts): drawn at first paint, so never looked up at a click. */
const LAUNCHER_FACE = '600 15px';

interface Context {
  testbed: WidgetTestbed;
  theme: string;
  locale?: string;
}

/** Lets fades and slides finish, so axe measures colour contrast on what the visitor finally sees. */
async function settle(element: Widget) {
  await element.updateComplete;
  // Endless ones (the connecting pulse, the live dot) never finish: their colours do not change, so skip them.
  const finite = (element.shadowRoot?.getAnimations() ?? []).filter(
    (animation) => animation.effect?.getComputedTiming().endTime !== Infinity,
  );
  await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
}

async function mount(context: Context) {
  const element = await context.testbed.mount({ theme: context.theme, locale: context.locale ?? 'en' });
  return element;
}

async function ready(context: Context) {
  const element = await mount(context);
  await waitForStatus(element, 'ready');
  return element;
}

async function startCall(context: Context) {
  const element = await ready(context);
  await element.open();
  await clickPart(element, 'call-button');
  await waitForStatus(element, 'connecting');
  return element;
}

async function connected(context: Context) {
  const element = await startCall(context);
  (await waitForCall(context.testbed.devices)).answer();
  await waitForStatus(element, 'connected');
  const call = context.testbed.devices.last.call;
  call.emit('messageReceived', { content: { role: 'agent', text: 'Hi, I am Ava. How can I help?', final: true } });
  call.emit('messageReceived', { content: { role: 'user', text: 'What are your opening hours?', final: true } });
  await waitUntil(() => element.shadowRoot?.querySelector('[role="log"]')?.textContent?.includes('opening hours'));
  await waitForPart(element, 'text-input');
  return element;
}

/** Releases the calls "another tab" holds (call-tabs.ts), after each test. */
const otherTabs: (() => void)[] = [];

/** The live call for this key is in another tab of the site: that tab's Web Lock is held until the test ends. */
async function inAnotherTab(context: Context) {
  await new Promise<void>((held) => {
    void navigator.locks.request(
      `kataven-call:${DEMO_KEY}`,
      () => new Promise<void>((release) => (otherTabs.push(release), held())),
    );
  });
  const element = await mount(context);
  await waitForStatus(element, 'elsewhere');
  return element;
}

/** Each state the visitor can meet, reached the way a visitor (or the server) gets there. */
const states: Record<string, (context: Context) => Promise<Widget>> = {
  'launcher ready (panel closed)': async (context) => {
    const element = await ready(context);
    await waitForPart(element, 'launcher');
    if (part(element, 'panel')) throw new Error('the panel is open; this state is the closed launcher');
    return element;
  },
  'panel open, ready': async (context) => {
    const element = await ready(context);
    await element.open();
    await waitForPart(element, 'call-button');
    return element;
  },
  'consent step': async (context) => {
    context.testbed.server.on('GET /widget/config', { body: configBody({ policy: { consent_required: true } }) });
    const element = await ready(context);
    await element.open();
    await clickPart(element, 'call-button');
    await waitForPart(element, 'agree-button');
    return element;
  },
  connecting: startCall,
  ringing: async (context) => {
    const element = await startCall(context);
    (await waitForCall(context.testbed.devices)).emit('ringing', false);
    await waitForStatus(element, 'ringing');
    return element;
  },
  'connected with a transcript and the text box': connected,
  reconnecting: async (context) => {
    const element = await connected(context);
    context.testbed.devices.last.call.emit('reconnecting', { code: 53001 });
    await waitForStatus(element, 'reconnecting');
    return element;
  },
  'connected on a poor line (the network-quality hint)': async (context) => {
    const element = await connected(context);
    context.testbed.devices.last.call.emit('warning', 'high-packet-loss', { name: 'packetsLostFraction' });
    await waitForPart(element, 'network-quality');
    return element;
  },
  'ended with the feedback step': async (context) => {
    context.testbed.server.on('GET /widget/config', { body: configBody({ policy: { feedback_enabled: true } }) });
    const element = await connected(context);
    await clickPart(element, 'end-button');
    await waitForStatus(element, 'ended');
    await waitForPart(element, 'feedback-up');
    return element;
  },
  'error with retry': async (context) => {
    context.testbed.server.on('GET /widget/config', { status: 503, body: 'unavailable' });
    const element = await mount(context);
    await waitForStatus(element, 'error');
    await element.open();
    await waitForPart(element, 'retry-button');
    return element;
  },
  'mic_denied with type-instead': async (context) => {
    const element = await startCall(context);
    (await waitForCall(context.testbed.devices)).fail(31401, 'Permission denied');
    await waitForStatus(element, 'error');
    await waitForPart(element, 'type-instead-button');
    return element;
  },
  unavailable: async (context) => {
    context.testbed.server.on('GET /widget/config', { body: configBody({ agent: { status: 'paused' } }) });
    const element = await mount(context);
    await waitForStatus(element, 'unavailable');
    await element.open();
    await waitForPart(element, 'error');
    return element;
  },
  'a call from an earlier page waiting for "Continue the call"': async (context) => {
    const record = {
      session_id: 'sess_1',
      agent_id: 'agent_ava',
      resume_token: 'rs_1',
      panel_open: false,
      muted: false,
    };
    sessionStorage.setItem(
      `kataven:resume:${DEMO_KEY}`,
      JSON.stringify({ ...record, expires_at: Date.now() + 30_000 }),
    );
    context.testbed.server.on('POST /widget/connect/resume', {
      body: {
        ...connectBody,
        visitor: sessionBody('guest'),
        resume: { token: 'rs_2', expires_in: 30 },
        transcript: [],
      },
    });
    context.testbed.devices.requireGesture(true);
    try {
      const element = await mount(context);
      await waitForStatus(element, 'resuming');
      await waitForPart(element, 'resume-button');
      return element;
    } finally {
      sessionStorage.removeItem(`kataven:resume:${DEMO_KEY}`);
    }
  },
  'live launcher (call live, panel closed)': async (context) => {
    const element = await connected(context);
    await element.close();
    await waitUntil(() => part(element, 'launcher')?.getAttribute('aria-label'), 'the launcher never went live');
    return element;
  },
  'call in another tab (launcher)': async (context) => {
    const element = await inAnotherTab(context);
    await waitUntil(() => part(element, 'launcher')?.getAttribute('aria-label'), 'the launcher never showed the call');
    return element;
  },
  'call in another tab (panel with "Move call here")': async (context) => {
    const element = await inAnotherTab(context);
    await element.open();
    await waitForPart(element, 'move-here-button');
    return element;
  },
  'settings menu open': async (context) => {
    const element = await connected(context);
    context.testbed.devices.last.audio = {
      list: () => ({
        inputs: [
          { id: 'mic-1', label: 'Built-in microphone' },
          { id: 'mic-2', label: 'Headset' },
        ],
        outputs: [{ id: 'spk-1', label: 'Speakers' }],
        input: 'mic-1',
        output: 'spk-1',
      }),
      setInput: async () => undefined,
      setOutput: async () => undefined,
    };
    await clickPart(element, 'settings-button');
    await waitForPart(element, 'device-select');
    return element;
  },
};

describe('<kataven-widget> accessibility in every state', () => {
  // The error states explain themselves in the console; keep the test output readable.
  const testbed = useWidgetTestbed({ captureConsole: true });
  afterEach(() => otherTabs.splice(0).forEach((release) => release()));

  for (const theme of ['light', 'dark']) {
    for (const [name, reach] of Object.entries(states)) {
      it(`${name}, ${theme}: no axe violations`, async () => {
        const element = await reach({ testbed, theme });
        await settle(element);
        await expect(element).to.be.accessible();
      });
    }
  }

  for (const name of ['connected with a transcript and the text box', 'ended with the feedback step']) {
    it(`${name}, right to left (ar): no axe violations`, async () => {
      const element = await (states[name] as (context: Context) => Promise<Widget>)({
        testbed,
        theme: 'light',
        locale: 'ar',
      });
      await settle(element);
      const direction = getComputedStyle(part(element, 'panel') as HTMLElement).direction;
      if (direction !== 'rtl') throw new Error(`the panel runs ${direction}, not right to left`);
      await expect(element).to.be.accessible();
    });
  }

  // The launcher's label draws its face with the page. Every other face the panel draws its text in (a weight, a size)
  // is one more font lookup in the frame that opens the panel, on the click's main thread (about 10 ms each on this
  // project's machine), unless the widget laid it out while the page was idle (font-warmup.ts).
  describe('font faces', () => {
    const warmed = new Set<string>([LAUNCHER_FACE, ...PANEL_TEXT_FACES]);
    const drawn = new Set<string>();
    for (const [name, reach] of Object.entries(states)) {
      it(`${name}: text only in the launcher's face and the faces warmed ahead, all upright`, async () => {
        const element = await reach({ testbed, theme: 'light' });
        await settle(element);
        const faces = new Set<string>();
        const walker = document.createTreeWalker(element.shadowRoot as ShadowRoot, NodeFilter.SHOW_TEXT);
        for (let text = walker.nextNode(); text; text = walker.nextNode()) {
          const parent = text.parentElement;
          if (!text.textContent?.trim() || !parent || parent.getClientRects().length === 0) continue;
          const style = getComputedStyle(parent);
          if (style.visibility === 'hidden') continue;
          faces.add(
            `${style.fontWeight} ${style.fontSize}${style.fontStyle === 'normal' ? '' : ` ${style.fontStyle}`}`,
          );
        }
        faces.forEach((face) => drawn.add(face));
        expect([...faces].filter((face) => !warmed.has(face))).to.deep.equal([]);
      });
    }
    it('every face warmed ahead is one some state draws', () => {
      expect(PANEL_TEXT_FACES.filter((face) => !drawn.has(face))).to.deep.equal([]);
    });
  });

  describe('keyboard', () => {
    /**
     * Firefox also stops Tab on a region that scrolls (its keyboard-focusable scrollers: here the panel body in a
     * capped panel), so arrow keys can scroll it; Chromium does not when the region holds controls.
     */
    const firefoxScroller = (region: HTMLElement) =>
      navigator.userAgent.includes('Firefox') &&
      region.scrollHeight > region.clientHeight &&
      ['auto', 'scroll'].includes(getComputedStyle(region).overflowY);
    /** What Tab should reach in the panel, in document order: enabled, shown, and in the tab order. */
    const tabbable = (element: Widget) =>
      [
        ...(part(element, 'panel')?.querySelectorAll<HTMLElement>(
          'button, input, select, textarea, a[href], [tabindex], div',
        ) ?? []),
      ].filter(
        (control) =>
          (control.tabIndex >= 0 || firefoxScroller(control)) &&
          !(control as HTMLButtonElement).disabled &&
          control.getClientRects().length > 0 &&
          !control.closest('[inert]'),
      );
    const name = (control: Element | null | undefined) =>
      control ? `${control.tagName.toLowerCase()}[part=${control.getAttribute('part') ?? ''}]` : 'nothing';

    it('Tab reaches every control of the connected panel in order, none skipped; Escape returns to the launcher', async () => {
      const element = await connected({ testbed, theme: 'light' });
      const controls = tabbable(element);
      const parts = controls.map((control) => control.getAttribute('part'));
      // The controls a visitor needs in a call must all be in the tab order.
      for (const needed of ['close-button', 'transcript', 'text-input', 'mute-button', 'end-button']) {
        expect(parts.includes(needed), `${needed} is not reachable with Tab`).to.equal(true);
      }
      const first = controls[0] as HTMLElement;
      first.focus();
      const reached = [name(element.shadowRoot?.activeElement)];
      for (let i = 1; i < controls.length; i++) {
        await sendKeys({ press: 'Tab' });
        reached.push(name(element.shadowRoot?.activeElement));
      }
      expect(reached).to.deep.equal(controls.map(name));

      await sendKeys({ press: 'Escape' });
      await waitUntil(() => part(element, 'panel') === null, 'Escape did not close the panel');
      await waitUntil(
        () => element.shadowRoot?.activeElement === part(element, 'launcher'),
        'focus not on the launcher',
      );
    });
  });
});
