/** The call panel's UI contract (DESIGN.md 1 and 5.4): launcher="none", panel events, parts and custom states. */
import { expect, waitUntil } from '@open-wc/testing';
import { fakeDevices, waitForCall } from '../helpers/fake-device.js';
import { FakeServer, configBody } from '../helpers/fake-server.js';
import { guardPage } from '../helpers/guards.js';
import { clickPart, mountWidget, part, recordEvents, waitForPart, waitForStatus } from '../helpers/widget.js';

type Widget = HTMLElementTagNameMap['kataven-widget'];

/** Whether a part takes up room on screen (not missing, not hidden). */
const shown = (element: Widget, name: string) => (part(element, name)?.getClientRects().length ?? 0) > 0;

async function connect(element: Widget, devices: ReturnType<typeof fakeDevices>) {
  await element.open();
  await clickPart(element, 'call-button');
  (await waitForCall(devices)).answer();
  await waitForStatus(element, 'connected');
}

describe('<kataven-widget> call UI', () => {
  const guard = guardPage();
  let server: FakeServer;
  let devices: ReturnType<typeof fakeDevices>;

  beforeEach(() => {
    server = new FakeServer().install();
    devices = fakeDevices();
    guard.start();
  });
  afterEach(async () => {
    server.restore();
    await guard.stop();
  });

  describe('launcher="none" and panel events', () => {
    it('renders no launcher; the page opens and closes the panel, each change firing one event', async () => {
      const element = await mountWidget();
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
      const element = await mountWidget();
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
      const element = await mountWidget({ deviceFactory: devices.factory });
      await waitForStatus(element, 'ready');
      await connect(element, devices);
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

      devices.last.call.emit('reconnecting', { code: 53001 });
      await waitForStatus(element, 'reconnecting');
      expect(launcher.querySelector('.live-dot')?.classList.contains('reconnecting')).to.equal(true);
      devices.last.call.emit('reconnected');
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
      const element = await mountWidget({ deviceFactory: devices.factory });
      await waitForStatus(element, 'ready');
      expect(element.matches(':state(ready)')).to.equal(true);
      expect(element.matches(':state(loading)')).to.equal(false);
      await connect(element, devices);
      expect(element.matches(':state(connected)')).to.equal(true);
      expect(element.matches(':state(ready)')).to.equal(false);
      devices.last.call.emit('reconnecting', { code: 53001 });
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
        const element = await mountWidget();
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
      server.on('GET /widget/config', { body: configBody({ policy: { consent_required: true } }) });
      const names = ['close-button', 'consent', 'agree-button', 'decline-button'] as const;
      const style = markParts(names, ':state(ready)');
      try {
        const element = await mountWidget({ deviceFactory: devices.factory });
        await waitForStatus(element, 'ready');
        await element.open();
        await clickPart(element, 'call-button');
        await waitForPart(element, 'consent');
        names.forEach((name, index) => expect(outline(element, name), name).to.equal(`rgb(${index + 1}, 9, 9)`));
        await clickPart(element, 'decline-button');
        await waitUntil(() => !part(element, 'consent'), 'decline kept the consent step');
      } finally {
        style.remove();
      }
    });

    it('exposes the retry button to page CSS in the error state', async () => {
      server.once('POST /widget/connect', { status: 503, body: 'server_error' });
      const style = markParts(['retry-button'], ':state(error)');
      try {
        const element = await mountWidget({ deviceFactory: devices.factory });
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
});
