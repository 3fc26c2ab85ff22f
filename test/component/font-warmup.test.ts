/**
 * The panel's faces are laid out while the page is idle, once the visitor has engaged with the page and before any
 * intent (font-warmup.ts): invisibly, in the launcher's language, once, and then gone from the widget's DOM.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { PANEL_TEXT_FACES } from '../../src/widget/font-faces.js';
import { useWidgetTestbed, waitForPart, waitForStatus } from '../helpers/widget.js';

type Widget = HTMLElementTagNameMap['kataven-widget'];

interface Sample {
  faces: string[];
  texts: string[];
  lang: string;
  hidden: boolean;
  laidOut: boolean;
}

/** Records each sample, and each line laid out in it, as they are added: how the browser laid them out then. */
function watchSamples(element: Widget) {
  const samples: Sample[] = [];
  const addLine = (sample: Sample, line: HTMLElement) => {
    sample.faces.push(`${getComputedStyle(line).fontWeight} ${getComputedStyle(line).fontSize}`);
    sample.texts.push(line.textContent ?? '');
    sample.laidOut &&= line.getBoundingClientRect().width > 0;
  };
  const observer = new MutationObserver((records) => {
    for (const node of records.flatMap((record) => [...record.addedNodes])) {
      if (!(node instanceof HTMLElement) || !node.isConnected) continue;
      if (node.classList.contains('font-warmup')) {
        const sample: Sample = {
          faces: [],
          texts: [],
          lang: node.lang,
          hidden: getComputedStyle(node).visibility === 'hidden' && node.getAttribute('aria-hidden') === 'true',
          laidOut: true,
        };
        samples.push(sample); // its lines arrive as records of their own
      } else if (node.parentElement?.classList.contains('font-warmup') && samples.length) {
        addLine(samples[samples.length - 1] as Sample, node);
      }
    }
  });
  observer.observe(element.shadowRoot as ShadowRoot, { childList: true, subtree: true });
  return { samples, stop: () => observer.disconnect() };
}

const idle = () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 }));

describe('font warm-up', () => {
  const testbed = useWidgetTestbed();

  it("lays the launcher's label out in each of the panel's faces while idle, one at a time, hidden, then removes it", async () => {
    const element = await testbed.mount({ locale: 'fr' });
    const watch = watchSamples(element);
    await waitForStatus(element, 'ready');
    const launcher = await waitForPart(element, 'launcher');
    // A visitor who has not moved, typed or touched yet pays nothing: idle moments pass with no sample.
    await idle();
    await idle();
    expect(navigator.userActivation.hasBeenActive, 'this page was activated before the test').to.equal(false);
    expect(watch.samples).to.deep.equal([]);
    // The first movement of the visitor's pointer anywhere on the page (a real one, from the browser).
    await sendMouse({ type: 'move', position: [5, 5] });
    await waitUntil(
      () => (watch.samples[0]?.faces.length ?? 0) === PANEL_TEXT_FACES.length,
      'not every face laid out',
      {
        timeout: 6000,
      },
    );
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
