/** The call panel's UI contract (README, "The call panel"): launcher="none", panel events, parts and custom states. */
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { type FakeDevices, waitForCall } from '../helpers/fake-device.js';
import type { AudioDeviceList } from '../../src/call/device.js';
import { settle } from '../helpers/expect.js';
import { configBody } from '../helpers/fake-server.js';
import { clickPart, part, recordEvents, useWidgetTestbed, waitForPart, waitForStatus } from '../helpers/widget.js';

type Widget = HTMLElementTagNameMap['kataven-widget'];

/** Whether a part takes up room on screen (not missing, not hidden). */
const shown = (element: Widget, name: string) => (part(element, name)?.getClientRects().length ?? 0) > 0;

/** Every call placed so far, on any Device. */
const placedCalls = (devices: FakeDevices) => devices.devices.reduce((count, device) => count + device.calls.length, 0);

async function connect(element: Widget, devices: FakeDevices) {
  const before = placedCalls(devices);
  await element.open();
  await clickPart(element, 'call-button');
  await waitUntil(() => placedCalls(devices) > before, 'no new call was placed', { timeout: 5000 });
  (await waitForCall(devices)).answer();
  await waitForStatus(element, 'connected');
}

describe('<kataven-widget> call UI', () => {
  const testbed = useWidgetTestbed();

  describe('launcher="none" and panel events', () => {
    it('renders no launcher; the page opens and closes the panel, each change firing one event', async () => {
      const element = await testbed.mount();
      element.setAttribute('launcher', 'none');
      const recorder = recordEvents(element);
      await waitForStatus(element, 'ready');
      expect(shown(element, 'launcher')).to.equal(false);
      expect(part(element, 'panel')).to.equal(null);

      await element.open();
      await element.open();
      await waitForPart(element, 'panel');
      expect(shown(element, 'launcher')).to.equal(false);
      expect(recorder.of('open')).to.deep.equal([{}]);

      await clickPart(element, 'close-button');
      await waitUntil(() => !part(element, 'panel'), 'the panel stayed open');
      await element.close();
      expect(recorder.of('close')).to.deep.equal([{}]);
      expect(recorder.events.filter((event) => /open|close/.test(event.type)).map((event) => event.type)).to.deep.equal(
        ['kataven-open', 'kataven-close'],
      );
    });

    it('fires kataven-open and kataven-close for the launcher and Escape too', async () => {
      const element = await testbed.mount();
      const recorder = recordEvents(element);
      await waitForStatus(element, 'ready');
      await clickPart(element, 'launcher');
      const panel = await waitForPart(element, 'panel');
      expect(recorder.of('open')).to.have.length(1);
      panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
      await waitUntil(() => !part(element, 'panel'), 'Escape did not close the panel');
      expect(recorder.of('close')).to.have.length(1);
      expect(recorder.events.at(-1)?.type).to.equal('kataven-close');
    });
  });

  describe('live launcher', () => {
    it('shows the call and its time on the launcher while the panel is closed; one click reopens', async () => {
      const element = await testbed.mount();
      await waitForStatus(element, 'ready');
      await connect(element, testbed.devices);
      const launcher = part(element, 'launcher') as HTMLElement;
      expect(launcher.getAttribute('aria-label')).to.equal(null);
      await element.close();
      await waitUntil(() => launcher.getAttribute('aria-label')?.startsWith('Call in progress, 0:'), 'not live');
      expect(launcher.getAttribute('aria-label')).to.match(/^Call in progress, 0:0\d — open$/);
      const time = launcher.querySelector('.live-time') as HTMLElement;
      expect(time.getAttribute('dir')).to.equal('ltr');
      expect(time.textContent?.trim()).to.match(/^0:0\d$/);
      expect(launcher.innerText.trim()).to.equal(time.textContent?.trim());
      // The elapsed time keeps counting on the launcher.
      const before = launcher.getAttribute('aria-label');
      await waitUntil(() => launcher.getAttribute('aria-label') !== before, 'the time stood still', { timeout: 2500 });

      testbed.devices.last.call.emit('reconnecting', { code: 53001 });
      await waitForStatus(element, 'reconnecting');
      expect(launcher.querySelector('.live-dot')?.classList.contains('reconnecting')).to.equal(true);
      testbed.devices.last.call.emit('reconnected');
      await waitForStatus(element, 'connected');

      launcher.click();
      await waitForPart(element, 'panel');
      await waitForPart(element, 'end-button');
      expect(launcher.getAttribute('aria-label')).to.equal(null);
      expect(launcher.innerText.trim()).to.equal('Talk to us');
      await clickPart(element, 'end-button');
      await waitForStatus(element, 'ended');
      await element.close();
      expect(launcher.getAttribute('aria-label')).to.equal(null);
      expect(launcher.innerText.trim()).to.equal('Talk to us');
    });
  });

  describe('custom states', () => {
    it('exposes the status as :state(<status>) through the whole call', async () => {
      const element = await testbed.mount();
      await waitForStatus(element, 'ready');
      expect(element.matches(':state(ready)')).to.equal(true);
      expect(element.matches(':state(loading)')).to.equal(false);
      await connect(element, testbed.devices);
      expect(element.matches(':state(connected)')).to.equal(true);
      expect(element.matches(':state(ready)')).to.equal(false);
      testbed.devices.last.call.emit('reconnecting', { code: 53001 });
      await waitForStatus(element, 'reconnecting');
      expect(element.matches(':state(reconnecting)')).to.equal(true);
      await clickPart(element, 'end-button');
      await waitForStatus(element, 'ended');
      expect(element.matches(':state(ended)')).to.equal(true);
      expect(element.matches(':state(reconnecting)')).to.equal(false);
    });

    it('lets page CSS style the element by state', async () => {
      const style = document.createElement('style');
      style.textContent = 'kataven-widget:state(ready) { outline: 3px solid rgb(1, 2, 3); }';
      document.head.append(style);
      try {
        const element = await testbed.mount();
        await waitForStatus(element, 'ready');
        expect(getComputedStyle(element).outlineColor).to.equal('rgb(1, 2, 3)');
      } finally {
        style.remove();
      }
    });
  });

  describe('parts', () => {
    /** A page stylesheet that marks each part with its own outline colour, by `::part()` and `:state()`. */
    function markParts(names: readonly string[], state = '') {
      const style = document.createElement('style');
      style.textContent = names
        .map((name, index) => `kataven-widget${state}::part(${name}) { outline: 1px solid rgb(${index + 1}, 9, 9); }`)
        .join('\n');
      document.head.append(style);
      return style;
    }
    const outline = (element: Widget, name: string) =>
      getComputedStyle(part(element, name) as HTMLElement).outlineColor;

    it('exposes the consent step and the close button to page CSS', async () => {
      testbed.server.on('GET /widget/config', { body: configBody({ policy: { consent_required: true } }) });
      const names = ['close-button', 'consent', 'agree-button', 'decline-button'] as const;
      const style = markParts(names, ':state(ready)');
      try {
        const element = await testbed.mount();
        await waitForStatus(element, 'ready');
        await element.open();
        await clickPart(element, 'call-button');
        await waitForPart(element, 'consent');
        for (const [index, name] of names.entries()) {
          expect(outline(element, name), name).to.equal(`rgb(${index + 1}, 9, 9)`);
        }
        await clickPart(element, 'decline-button');
        await waitUntil(() => !part(element, 'consent'), 'decline kept the consent step');
      } finally {
        style.remove();
      }
    });

    it('exposes the retry button to page CSS in the error state', async () => {
      testbed.server.once('POST /widget/connect', { status: 503, body: 'server_error' });
      const style = markParts(['retry-button'], ':state(error)');
      try {
        const element = await testbed.mount();
        await waitForStatus(element, 'ready');
        await element.open();
        await element.start();
        await waitForStatus(element, 'error');
        await waitForPart(element, 'retry-button');
        expect(outline(element, 'retry-button')).to.equal('rgb(1, 9, 9)');
      } finally {
        style.remove();
      }
    });
  });

  describe('feedback', () => {
    const withFeedback = () => configBody({ policy: { feedback_enabled: true } });

    async function endCall(element: Widget) {
      await connect(element, testbed.devices);
      await clickPart(element, 'end-button');
      await waitForStatus(element, 'ended');
    }

    it('asks after a call, posts the rating with the comment, fires kataven-feedback and thanks', async () => {
      testbed.server.on('GET /widget/config', { body: withFeedback() });
      const element = await testbed.mount();
      const recorder = recordEvents(element);
      await waitForStatus(element, 'ready');
      await connect(element, testbed.devices);
      expect(part(element, 'feedback')).to.equal(null);
      await clickPart(element, 'end-button');
      await waitForStatus(element, 'ended');
      const step = await waitForPart(element, 'feedback');
      expect(step.textContent).to.contain('How was this call?');
      expect(part(element, 'call-button')).to.not.equal(null);
      const comment = part(element, 'feedback-comment') as HTMLTextAreaElement;
      expect(comment.maxLength).to.equal(500);
      comment.value = '  Quick and <b>kind</b>.  ';
      await clickPart(element, 'feedback-up');
      await waitUntil(() => part(element, 'feedback')?.textContent?.includes('Thank you'), 'no thanks');
      expect(part(element, 'feedback-up')).to.equal(null);

      const posts = testbed.server.requestsTo('POST /widget/feedback');
      expect(posts).to.have.length(1);
      expect(posts[0]?.body).to.deep.equal({ session_id: 'sess_1', rating: 'up', comment: 'Quick and <b>kind</b>.' });
      expect(posts[0]?.headers.get('Authorization')).to.equal('Bearer jwt-guest-1');
      expect(recorder.of('feedback')).to.deep.equal([
        { sessionId: 'sess_1', rating: 'up', comment: 'Quick and <b>kind</b>.' },
      ]);

      // Closing and reopening does not ask again; the next call does.
      await element.close();
      await element.open();
      expect(part(element, 'feedback')?.textContent).to.contain('Thank you');
      await endCall(element);
      await waitForPart(element, 'feedback-down');
    });

    it('can be skipped without a request; a thumbs down without a comment sends none', async () => {
      testbed.server.on('GET /widget/config', { body: withFeedback() });
      const element = await testbed.mount();
      const recorder = recordEvents(element);
      await waitForStatus(element, 'ready');
      await endCall(element);
      await clickPart(element, 'feedback-skip');
      await waitUntil(() => !part(element, 'feedback'), 'skip kept the step');
      expect(testbed.server.requestsTo('POST /widget/feedback')).to.have.length(0);
      expect(recorder.of('feedback')).to.deep.equal([]);
      await endCall(element);
      await clickPart(element, 'feedback-down');
      await waitUntil(() => recorder.of('feedback').length === 1, 'no kataven-feedback');
      expect(testbed.server.requestsTo('POST /widget/feedback')[0]?.body).to.deep.equal({
        session_id: 'sess_1',
        rating: 'down',
      });
      expect(recorder.of('feedback')).to.deep.equal([{ sessionId: 'sess_1', rating: 'down', comment: '' }]);
    });

    it('keeps the step when the post fails, so the visitor can try again', async () => {
      testbed.server.on('GET /widget/config', { body: withFeedback() });
      testbed.server.once('POST /widget/feedback', { status: 503, body: 'server_error' });
      const { warnings } = testbed.captureConsole();
      const element = await testbed.mount();
      const recorder = recordEvents(element);
      await waitForStatus(element, 'ready');
      await endCall(element);
      await clickPart(element, 'feedback-up');
      await waitUntil(() => testbed.server.requestsTo('POST /widget/feedback').length === 1);
      await waitUntil(() => (part(element, 'feedback-up') as HTMLButtonElement | null)?.disabled === false);
      expect(recorder.of('feedback')).to.deep.equal([]);
      expect(warnings.join('\n')).to.contain('could not send feedback');
      await clickPart(element, 'feedback-up');
      await waitUntil(() => part(element, 'feedback')?.textContent?.includes('Thank you'), 'no thanks');
      expect(recorder.of('feedback')).to.have.length(1);
    });

    it('is not offered when the policy leaves it off', async () => {
      const element = await testbed.mount();
      await waitForStatus(element, 'ready');
      await endCall(element);
      await waitForPart(element, 'call-button');
      expect(part(element, 'feedback')).to.equal(null);
    });
  });

  describe('visualizer', () => {
    const visualizer = (element: Widget) => part(element, 'visualizer') as HTMLElement;
    const scaleOf = (element: Widget, selector: string) =>
      getComputedStyle(visualizer(element).querySelector(selector) as HTMLElement).transform;

    /** Firefox driven over WebDriver BiDi cannot emulate media features (puppeteer needs CDP for it). */
    const canEmulateMedia = !navigator.userAgent.includes('Firefox');

    afterEach(async () => {
      if (canEmulateMedia) await emulateMedia({ reducedMotion: 'no-preference' });
    });

    it('follows the call: connecting, the agent speaking, the visitor speaking, reconnecting', async () => {
      const element = await testbed.mount();
      await waitForStatus(element, 'ready');
      await element.open();
      await clickPart(element, 'call-button');
      await waitForStatus(element, 'connecting');
      expect(visualizer(element).dataset['mode']).to.equal('connecting');
      expect(getComputedStyle(visualizer(element).querySelector('.core') as HTMLElement).animationName).to.equal(
        'kataven-breathe',
      );
      (await waitForCall(testbed.devices)).answer();
      await waitForStatus(element, 'connected');
      expect(visualizer(element).dataset['mode']).to.equal('quiet');
      expect(scaleOf(element, '.core')).to.equal('matrix(1, 0, 0, 1, 0, 0)');

      // Twilio's volume event: (input = the visitor, output = the agent).
      testbed.devices.last.call.emit('volume', 0, 1);
      await element.updateComplete;
      expect(visualizer(element).dataset['mode']).to.equal('speaking');
      await waitUntil(() => scaleOf(element, '.core') === 'matrix(1.28, 0, 0, 1.28, 0, 0)', scaleOf(element, '.core'));
      testbed.devices.last.call.emit('volume', 0.5, 0);
      await element.updateComplete;
      expect(visualizer(element).dataset['mode']).to.equal('listening');
      await waitUntil(
        () => scaleOf(element, '.halo') === 'matrix(1.225, 0, 0, 1.225, 0, 0)',
        scaleOf(element, '.halo'),
      );

      testbed.devices.last.call.emit('reconnecting', { code: 53001 });
      await waitForStatus(element, 'reconnecting');
      expect(visualizer(element).dataset['mode']).to.equal('reconnecting');
      const core = getComputedStyle(visualizer(element).querySelector('.core') as HTMLElement);
      expect(core.animationName).to.equal('kataven-blink');
      expect(core.backgroundImage).to.contain('rgb(245, 158, 11)');
      expect(visualizer(element).getAttribute('aria-hidden')).to.equal('true');
      const styled = [visualizer(element), ...visualizer(element).querySelectorAll('*')].filter((node) =>
        node.hasAttribute('style'),
      );
      expect(styled, 'no inline styles (strict CSP)').to.deep.equal([]);
    });

    it('holds still under prefers-reduced-motion, levels still shown', async function () {
      // Checked in Chromium; Firefox has no way to turn the preference on from the test (see canEmulateMedia).
      if (!canEmulateMedia) this.skip();
      await emulateMedia({ reducedMotion: 'reduce' });
      const element = await testbed.mount();
      await waitForStatus(element, 'ready');
      await connect(element, testbed.devices);
      testbed.devices.last.call.emit('volume', 0, 1);
      await element.updateComplete;
      const core = visualizer(element).querySelector('.core') as HTMLElement;
      expect(getComputedStyle(core).animationName).to.equal('none');
      expect(getComputedStyle(visualizer(element).querySelector('.ripple') as HTMLElement).animationName).to.equal(
        'none',
      );
      expect(getComputedStyle(core).transitionDuration).to.equal('0s');
      expect(scaleOf(element, '.core')).to.equal('matrix(1.28, 0, 0, 1.28, 0, 0)');
    });
  });

  describe('phone', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    it('below 480 px the panel is a full-screen sheet and the page behind does not scroll', async () => {
      await setViewport({ width: 390, height: 700 });
      const filler = document.createElement('div');
      filler.className = 'filler';
      filler.textContent = 'page';
      filler.setAttribute('data-filler', '');
      document.body.append(filler);
      const tall = new CSSStyleSheet();
      tall.replaceSync('[data-filler] { height: 3000px; }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, tall];
      try {
        const element = await testbed.mount();
        await waitForStatus(element, 'ready');
        const sheetsBefore = document.adoptedStyleSheets.length;
        expect(getComputedStyle(document.documentElement).overflow).to.equal('visible');
        await element.open();
        const panel = await waitForPart(element, 'panel');
        await Promise.all(panel.getAnimations().map((animation) => animation.finished));
        const box = panel.getBoundingClientRect();
        expect([box.left, box.top, box.width, box.height]).to.deep.equal([0, 0, 390, 700]);
        expect(getComputedStyle(panel).borderRadius).to.equal('0px');
        // What the visitor sees in the launcher's corner is the sheet, not the launcher over it.
        const launcher = element.shadowRoot!.querySelector<HTMLElement>('[part="launcher"]')!;
        const corner = launcher.getBoundingClientRect();
        const top = element.shadowRoot!.elementFromPoint(corner.x + corner.width / 2, corner.y + corner.height / 2);
        expect(panel.contains(top), 'the sheet is on top in the launcher corner').to.equal(true);
        expect(getComputedStyle(launcher).visibility).to.equal('hidden');
        expect(getComputedStyle(document.documentElement).overflow).to.equal('hidden');
        expect(getComputedStyle(document.body).overflow).to.equal('hidden');
        expect(document.documentElement.hasAttribute('style'), 'no inline style on the page').to.equal(false);
        expect(document.body.hasAttribute('style'), 'no inline style on the page').to.equal(false);

        await element.close();
        expect(getComputedStyle(document.documentElement).overflow).to.equal('visible');
        expect(document.adoptedStyleSheets.length).to.equal(sheetsBefore);
        expect(getComputedStyle(launcher).visibility, 'the launcher is back once the sheet closes').to.equal('visible');

        // Removed while open: the page is unlocked too.
        await element.open();
        expect(getComputedStyle(document.documentElement).overflow).to.equal('hidden');
        element.remove();
        await waitUntil(() => getComputedStyle(document.documentElement).overflow === 'visible', 'page stayed locked');
      } finally {
        filler.remove();
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== tall);
      }
    });

    it('keeps the floating card and the page scroll on wider screens', async () => {
      await setViewport({ width: 800, height: 600 });
      const element = await testbed.mount();
      await waitForStatus(element, 'ready');
      await element.open();
      const panel = await waitForPart(element, 'panel');
      expect(panel.getBoundingClientRect().width).to.equal(360);
      expect(getComputedStyle(document.documentElement).overflow).to.equal('visible');
    });

    it('holds a screen wake lock during a call and releases it at the end', async () => {
      const log: string[] = [];
      const fake = {
        request: async (type: string) => {
          log.push(`request ${type}`);
          return { release: async () => void log.push('release') };
        },
      };
      const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'wakeLock');
      Object.defineProperty(navigator, 'wakeLock', { value: fake, configurable: true });
      try {
        const element = await testbed.mount();
        await waitForStatus(element, 'ready');
        await connect(element, testbed.devices);
        await waitUntil(() => log.length === 1, 'no wake lock request');
        expect(log).to.deep.equal(['request screen']);
        await clickPart(element, 'end-button');
        await waitForStatus(element, 'ended');
        await waitUntil(() => log.length === 2, 'the wake lock was kept');
        expect(log).to.deep.equal(['request screen', 'release']);

        // A refusal (e.g. a hidden page) is swallowed: the call goes on, nothing is thrown into the page.
        fake.request = async () => {
          throw new DOMException('not allowed', 'NotAllowedError');
        };
        await connect(element, testbed.devices);
        await clickPart(element, 'end-button');
        await waitForStatus(element, 'ended');
      } finally {
        delete (navigator as { wakeLock?: unknown }).wakeLock;
        if (original && !('wakeLock' in navigator)) Object.defineProperty(Navigator.prototype, 'wakeLock', original);
      }
    });
  });

  describe('devices', () => {
    function fakeAudio(list: AudioDeviceList) {
      const switches: string[] = [];
      return {
        switches,
        audio: {
          list: () => structuredClone(list),
          setInput: async (id: string) => {
            switches.push(`input ${id}`);
            list.input = id;
          },
          setOutput: async (id: string) => {
            switches.push(`output ${id}`);
            list.output = id;
          },
        },
      };
    }
    const selects = (element: Widget) => [
      ...(element.shadowRoot?.querySelectorAll<HTMLSelectElement>('[part~="device-select"]') ?? []),
    ];
    const visible = (node: Element) => node.getClientRects().length > 0;

    it('switches the microphone and the speaker live from the settings menu', async () => {
      const element = await testbed.mount();
      await waitForStatus(element, 'ready');
      await connect(element, testbed.devices);
      const fake = fakeAudio({
        inputs: [
          { id: 'mic-1', label: 'Built-in microphone' },
          { id: 'mic-2', label: 'USB headset' },
        ],
        outputs: [
          { id: 'spk-1', label: 'Speakers' },
          { id: 'spk-2', label: '' },
        ],
        input: 'mic-1',
        output: 'spk-1',
      });
      testbed.devices.last.audio = fake.audio;
      const button = await waitForPart(element, 'settings-button');
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(button.getAttribute('aria-label')).to.equal('Audio settings');
      button.click();
      await waitUntil(() => selects(element).length === 2 && selects(element).every(visible), 'no device selects');
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      const [microphone, speaker] = selects(element) as [HTMLSelectElement, HTMLSelectElement];
      expect([...microphone.options].map((option) => option.textContent?.trim())).to.deep.equal([
        'Built-in microphone',
        'USB headset',
      ]);
      expect(microphone.value).to.equal('mic-1');
      // An unlabelled device gets a name the visitor can tell apart.
      expect([...speaker.options].map((option) => option.textContent?.trim())).to.deep.equal(['Speakers', 'Speaker 2']);

      microphone.value = 'mic-2';
      microphone.dispatchEvent(new Event('change'));
      speaker.value = 'spk-2';
      speaker.dispatchEvent(new Event('change'));
      await waitUntil(() => fake.switches.length === 2, 'no switch');
      expect(fake.switches).to.deep.equal(['input mic-2', 'output spk-2']);
      await waitUntil(() => selects(element)[0]?.value === 'mic-2' && selects(element)[1]?.value === 'spk-2');

      button.click();
      await element.updateComplete;
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(selects(element).some(visible)).to.equal(false);
    });

    it('hides the speaker where the browser cannot choose it, and every select where nothing can be chosen', async () => {
      const element = await testbed.mount();
      await waitForStatus(element, 'ready');
      await connect(element, testbed.devices);
      testbed.devices.last.audio = fakeAudio({
        inputs: [{ id: 'mic-1', label: 'Built-in microphone' }],
        outputs: null,
        input: 'mic-1',
        output: null,
      }).audio;
      await clickPart(element, 'settings-button');
      await waitUntil(() => selects(element).length === 1, 'expected the microphone only');
      expect(selects(element)[0]?.dataset['kind']).to.equal('input');
      await clickPart(element, 'settings-button');

      // Firefox has setSinkId but lists no speaker until the page asks the visitor for one: no empty select either.
      testbed.devices.last.audio = fakeAudio({
        inputs: [{ id: 'mic-2', label: 'USB headset' }],
        outputs: [],
        input: 'mic-2',
        output: null,
      }).audio;
      await clickPart(element, 'settings-button');
      await waitUntil(() => selects(element)[0]?.value === 'mic-2', 'the menu did not list the devices again');
      expect(selects(element).map((select) => select.dataset['kind'])).to.deep.equal(['input']);

      await clickPart(element, 'end-button');
      await waitForStatus(element, 'ended');
      await connect(element, testbed.devices);
      // This Device has no audio helper at all.
      await clickPart(element, 'settings-button');
      await waitUntil(
        () => part(element, 'settings-button')?.getAttribute('aria-expanded') === 'true',
        'the settings menu did not open',
      );
      await settle();
      expect(selects(element)).to.deep.equal([]);
    });
  });

  describe('accessibility', () => {
    it('is accessible with the settings menu open, in the live launcher and in the feedback step', async () => {
      testbed.server.on('GET /widget/config', { body: configBody({ policy: { feedback_enabled: true } }) });
      const element = await testbed.mount();
      await waitForStatus(element, 'ready');
      await connect(element, testbed.devices);
      testbed.devices.last.audio = {
        list: () => ({
          inputs: [{ id: 'mic-1', label: 'Built-in microphone' }],
          outputs: [{ id: 'spk-1', label: 'Speakers' }],
          input: 'mic-1',
          output: 'spk-1',
        }),
        setInput: async () => undefined,
        setOutput: async () => undefined,
      };
      await clickPart(element, 'settings-button');
      await waitForPart(element, 'device-select');
      await expect(element).to.be.accessible();
      await element.close();
      await waitUntil(() => part(element, 'launcher')?.getAttribute('aria-label'), 'not live');
      await expect(element).to.be.accessible();
      await element.open();
      await clickPart(element, 'end-button');
      await waitForStatus(element, 'ended');
      await waitForPart(element, 'feedback-up');
      // The panel fades in when reopened: check the colours once it has.
      await Promise.all((await waitForPart(element, 'panel')).getAnimations().map((animation) => animation.finished));
      await expect(element).to.be.accessible();
    });
  });
});
