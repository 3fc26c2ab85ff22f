/** The phone sheet follows the visual viewport, so the on-screen keyboard never covers the text box. */
import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { waitForCall } from '../helpers/fake-device.js';
import { clickPart, part, useWidgetTestbed, waitForPart, waitForStatus } from '../helpers/widget.js';

describe('<kataven-widget> phone sheet and the on-screen keyboard', () => {
  const testbed = useWidgetTestbed();

  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    // Drop the simulated keyboard: the prototype's getters answer again.
    delete (window.visualViewport as unknown as Record<string, unknown>)['height'];
  });

  it('shrinks to the visual viewport when the keyboard opens, keeping the text box on screen', async () => {
    await setViewport({ width: 390, height: 844 });
    const element = await testbed.mount();
    await waitForStatus(element, 'ready');
    await element.open();
    await clickPart(element, 'call-button');
    (await waitForCall(testbed.devices)).answer();
    await waitForStatus(element, 'connected');
    const panel = await waitForPart(element, 'panel');
    const input = await waitForPart(element, 'text-input');
    await Promise.all(panel.getAnimations().map((animation) => animation.finished));
    expect(panel.getBoundingClientRect().height).to.equal(844);

    // The keyboard takes the lower 500 px: Chromium cannot open one headless, so the visual viewport says so.
    const viewport = window.visualViewport as VisualViewport;
    Object.defineProperty(viewport, 'height', { configurable: true, get: () => 344 });
    viewport.dispatchEvent(new Event('resize'));
    await waitUntil(
      () => panel.getBoundingClientRect().height === 344,
      `sheet stayed ${panel.getBoundingClientRect().height}px`,
    );
    // The sheet scrolls its content: the text box is reachable inside it (layout rounds to fractions of a pixel).
    input.scrollIntoView({ block: 'nearest' });
    const box = input.getBoundingClientRect();
    expect(
      Math.round(box.bottom) <= 344 && box.top >= 0,
      `text box at ${box.top}–${box.bottom}px, keyboard from 344px`,
    ).to.equal(true);
    expect(panel.hasAttribute('style') || element.hasAttribute('style'), 'no inline styles (strict CSP)').to.equal(
      false,
    );

    // Keyboard closed: the sheet fills the screen again.
    delete (viewport as unknown as Record<string, unknown>)['height'];
    viewport.dispatchEvent(new Event('resize'));
    await waitUntil(() => panel.getBoundingClientRect().height === 844, 'the sheet did not grow back');
    await element.close();
    expect(part(element, 'panel')).to.equal(null);
  });
});
