/** The panel's form fields (the device selects, the feedback comment) share one look: same box, same text. */
import { expect, waitUntil } from '@open-wc/testing';
import { configBody } from '../helpers/fake-server.js';
import { waitForCall } from '../helpers/fake-device.js';
import { clickPart, part, useWidgetTestbed, waitForPart, waitForStatus } from '../helpers/widget.js';

/**
 * What makes a field look the way it does: its box, its text and its colours. Not line-height: Chromium draws a
 * select's one line its own way (`normal`), whatever the page says.
 */
const LOOK = [
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'color',
  'background-color',
  'border-top-width',
  'border-right-width',
  'border-bottom-width',
  'border-left-width',
  'border-top-style',
  'border-top-color',
  'border-bottom-color',
  'border-top-left-radius',
  'border-bottom-right-radius',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
] as const;

function look(field: HTMLElement): Record<string, string> {
  const style = getComputedStyle(field);
  return Object.fromEntries(LOOK.map((name) => [name, style.getPropertyValue(name)]));
}

describe('<kataven-widget> form fields', () => {
  const testbed = useWidgetTestbed();

  for (const theme of ['light', 'dark']) {
    it(`the device select and the feedback comment look alike (${theme})`, async () => {
      testbed.server.on('GET /widget/config', { body: configBody({ policy: { feedback_enabled: true } }) });
      const element = await testbed.mount({ theme });
      await waitForStatus(element, 'ready');
      await element.open();
      await clickPart(element, 'call-button');
      (await waitForCall(testbed.devices)).answer();
      await waitForStatus(element, 'connected');
      testbed.devices.last.audio = {
        list: () => ({ inputs: [{ id: 'mic-1', label: 'Microphone' }], outputs: null, input: 'mic-1', output: null }),
        setInput: async () => undefined,
        setOutput: async () => undefined,
      };
      await clickPart(element, 'settings-button');
      const select = await waitForPart(element, 'device-select');
      await waitUntil(() => select.getClientRects().length > 0, 'the select is not shown');
      const selectLook = look(select);
      expect(getComputedStyle(select).minWidth).to.equal('0px');

      await clickPart(element, 'end-button');
      await waitForStatus(element, 'ended');
      const comment = await waitForPart(element, 'feedback-comment');
      expect(look(comment)).to.deep.equal(selectLook);
      expect(getComputedStyle(comment).resize).to.equal('vertical');

      // The look itself: the panel's 14 px text in a 1 px bordered, 8 px rounded box, padded 6 by 8.
      const panel = getComputedStyle(part(element, 'panel') as HTMLElement);
      expect(selectLook).to.include({
        'font-family': panel.fontFamily,
        'font-size': '14px',
        color: panel.color,
        'background-color': panel.backgroundColor,
        'border-top-width': '1px',
        'border-top-style': 'solid',
        'border-top-left-radius': '8px',
        'padding-top': '6px',
        'padding-left': '8px',
      });
    });
  }
});
