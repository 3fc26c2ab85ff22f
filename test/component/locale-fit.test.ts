// Every shipped locale in a 320 px column: the panel through ready, consent, a call (muted) and its end, with no text
// or button running out of it; Arabic and Hebrew mirrored. The fake Device stands in for the call here; the e2e suite
// (test/e2e/locales.spec.ts) takes the locales with the longest texts and both right-to-left ones through real calls.
import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { SUPPORTED_LOCALES } from '../../src/widget/i18n.js';
import type { KatavenWidget } from '../../src/widget/kataven-widget.js';
import { configBody } from '../helpers/fake-server.js';
import { panelOverflows } from '../helpers/panel-overflows.js';
import { clickPart, part, useWidgetTestbed, waitForPart, waitForStatus } from '../helpers/widget.js';

const RTL = new Set(['ar', 'he']);
const COLUMN = 320;

const overflows = (element: KatavenWidget): string[] => panelOverflows(element, COLUMN);

/** Waits for the panel's next frame, so layout reflects the last render. */
async function settled(element: KatavenWidget): Promise<void> {
  await element.updateComplete;
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

describe('every locale fits a 320 px column', () => {
  const testbed = useWidgetTestbed();

  beforeEach(() => setViewport({ width: COLUMN, height: 700 }));
  afterEach(() => setViewport({ width: 800, height: 600 }));

  for (const locale of SUPPORTED_LOCALES) {
    it(`${locale}: ready, consent, connected, muted and ended`, async () => {
      testbed.server.on('GET /widget/config', { body: configBody({ policy: { consent_required: true } }) });
      const element = await testbed.mount({ locale, display: 'inline' });
      await waitForStatus(element, 'ready');
      const panel = await waitForPart(element, 'panel');
      expect(panel.getAttribute('lang')).to.equal(locale);
      const direction = RTL.has(locale) ? 'rtl' : 'ltr';
      expect(panel.getAttribute('dir')).to.equal(direction);
      expect(getComputedStyle(panel).direction).to.equal(direction);
      await waitForPart(element, 'call-button');
      await settled(element);
      expect(overflows(element), `${locale} ready`).to.deep.equal([]);

      // Consent shows the longest texts and two buttons side by side.
      await clickPart(element, 'call-button');
      await waitForPart(element, 'agree-button');
      await settled(element);
      expect(overflows(element), `${locale} consent`).to.deep.equal([]);

      await clickPart(element, 'agree-button');
      await waitUntil(() => testbed.devices.devices.at(-1)?.calls.length, 'no call placed', { timeout: 5000 });
      testbed.devices.last.call.answer();
      await waitForStatus(element, 'connected');
      await waitForPart(element, 'end-button');
      await settled(element);
      expect(overflows(element), `${locale} connected`).to.deep.equal([]);
      if (RTL.has(locale)) {
        // Mirrored: the first button sits at the right; the call time still reads left to right.
        const mute = (await waitForPart(element, 'mute-button')).getBoundingClientRect();
        const end = (await waitForPart(element, 'end-button')).getBoundingClientRect();
        expect(mute.x).to.be.greaterThan(end.x);
        expect(element.shadowRoot?.querySelector('.time [dir="ltr"]')?.textContent).to.match(/^\d+:\d\d$/);
      }

      await clickPart(element, 'mute-button');
      await waitUntil(() => part(element, 'mute-button')?.getAttribute('aria-pressed') === 'true', 'not muted');
      await settled(element);
      expect(overflows(element), `${locale} muted`).to.deep.equal([]);

      await clickPart(element, 'end-button');
      await waitForStatus(element, 'ended');
      await settled(element);
      expect(overflows(element), `${locale} ended`).to.deep.equal([]);
    });
  }
});
