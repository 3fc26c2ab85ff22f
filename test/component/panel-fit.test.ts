// The floating panel is capped (min(560px, 100dvh - 120px)); a long conversation must not push Mute and End out of
// view: the transcript gives way first, the controls stay where the visitor can click them without scrolling.
import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { KatavenWidget } from '../../src/widget/kataven-widget.js';
import { part, useWidgetTestbed, waitForPart, waitForStatus } from '../helpers/widget.js';

/** True when the centre of `control` is what a click there would hit (not scrolled away, not covered). */
function reachable(element: KatavenWidget, control: HTMLElement): boolean {
  const box = control.getBoundingClientRect();
  const hit = element.shadowRoot?.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return hit === control || Boolean(hit && control.contains(hit));
}

describe('<kataven-widget> floating panel in a long call', () => {
  const testbed = useWidgetTestbed();

  beforeEach(() => setViewport({ width: 1024, height: 640 }));
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('keeps Mute, End and the text box in view while the transcript scrolls', async () => {
    const { devices } = testbed;
    const element = await testbed.mount();
    await waitForStatus(element, 'ready');
    await element.open();
    (await waitForPart(element, 'call-button')).click();
    await waitUntil(() => devices.devices.at(-1)?.calls.length, 'no call placed', { timeout: 5000 });
    devices.last.call.answer();
    await waitForStatus(element, 'connected');
    for (let i = 1; i <= 12; i++) {
      devices.last.call.emit('messageReceived', { content: { role: 'agent', text: `Here is answer number ${i}.` } });
    }
    const transcript = await waitForPart(element, 'transcript');
    await waitUntil(() => transcript.textContent?.includes('answer number 12'), 'the captions did not arrive');
    await element.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));

    // The panel is at its cap: the conversation is taller than the room it has.
    expect(transcript.scrollHeight, 'the transcript fits without scrolling').to.be.greaterThan(transcript.clientHeight);
    for (const name of ['mute-button', 'end-button', 'text-input', 'send-button']) {
      expect(reachable(element, part(element, name) as HTMLElement), `${name} is out of view`).to.equal(true);
    }
    // The transcript still shows about two turns, the newest last.
    expect(transcript.clientHeight).to.be.at.least(50);
    expect(reachable(element, transcript.querySelector('li:last-child') as HTMLElement), 'newest turn hidden').to.equal(
      true,
    );
  });
});
