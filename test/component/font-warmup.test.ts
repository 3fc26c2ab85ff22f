/**
 * The panel's faces are laid out while the page is idle, before any intent (font-warmup.ts): invisibly, in the
 * launcher's language, once, and then gone from the widget's DOM.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { PANEL_TEXT_FACES } from '../../src/widget/font-warmup.js';
import { useWidgetTestbed, waitForPart, waitForStatus } from '../helpers/widget.js';

type Widget = HTMLElementTagNameMap['kataven-widget'];

interface Sample {
  faces: string[];
  texts: string[];
  lang: string;
  hidden: boolean;
  laidOut: boolean;
}

/** Records each sample as it is added to the shadow root: how the browser laid it out while it was there. */
function watchSamples(element: Widget) {
  const samples: Sample[] = [];
  const observer = new MutationObserver((records) => {
    for (const node of records.flatMap((record) => [...record.addedNodes])) {
      if (!(node instanceof HTMLElement) || !node.classList.contains('font-warmup') || !node.isConnected) continue;
      const lines = [...node.children] as HTMLElement[];
      samples.push({
        faces: lines.map((line) => `${getComputedStyle(line).fontWeight} ${getComputedStyle(line).fontSize}`),
        texts: lines.map((line) => line.textContent ?? ''),
        lang: node.lang,
        hidden: getComputedStyle(node).visibility === 'hidden' && node.getAttribute('aria-hidden') === 'true',
        laidOut: lines.every((line) => line.getBoundingClientRect().width > 0),
      });
    }
  });
  observer.observe(element.shadowRoot as ShadowRoot, { childList: true, subtree: true });
  return { samples, stop: () => observer.disconnect() };
}

const idle = () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 }));

describe('font warm-up', () => {
  const testbed = useWidgetTestbed();

  it("lays the launcher's label out in each of the panel's faces while idle, hidden, then removes it", async () => {
    const element = await testbed.mount({ locale: 'fr' });
    const watch = watchSamples(element);
    await waitForStatus(element, 'ready');
    const launcher = await waitForPart(element, 'launcher');
    await waitUntil(() => watch.samples.length > 0, 'no sample laid out while the page was idle', { timeout: 4000 });
    const [sample] = watch.samples;
    expect(sample?.faces).to.deep.equal([...PANEL_TEXT_FACES]);
    expect(sample?.texts.every((text) => text === launcher.textContent?.trim())).to.equal(true);
    expect(sample?.lang).to.equal('fr');
    expect(sample?.hidden, 'visible, or not hidden from assistive technology').to.equal(true);
    expect(sample?.laidOut, 'not laid out').to.equal(true);
    await waitUntil(() => !element.shadowRoot?.querySelector('.font-warmup'), 'the sample stayed in the DOM');
    // Once per element: later renders and idle moments add nothing.
    element.theme = 'dark';
    await element.updateComplete;
    await idle();
    await idle();
    expect(watch.samples).to.have.length(1);
    watch.stop();
  });

  it('nothing is laid out when the panel came first (inline display)', async () => {
    const element = await testbed.mount({ display: 'inline' });
    const watch = watchSamples(element);
    await waitForStatus(element, 'ready');
    await waitForPart(element, 'panel');
    await idle();
    await idle();
    expect(watch.samples).to.deep.equal([]);
    watch.stop();
  });

  it('a widget removed before the page was idle lays nothing out', async () => {
    const element = testbed.create();
    const root = element.shadowRoot as ShadowRoot;
    const watch = watchSamples(element);
    // Removed right after the render that showed the launcher (and scheduled the warm-up), before any idle moment.
    await new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!root.querySelector('[part="launcher"]')) return;
        observer.disconnect();
        element.remove();
        resolve();
      });
      observer.observe(root, { childList: true, subtree: true });
    });
    await idle();
    await idle();
    expect(watch.samples).to.deep.equal([]);
    watch.stop();
  });
});
