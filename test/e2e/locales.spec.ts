// The built CDN widget, inline in a 320 px column, in the locales with the longest texts and both right-to-left ones:
// consent, a real call (mute, end) and its aftermath, with no text or button running out of the panel; Arabic and
// Hebrew mirrored. Every locale takes the same steps against the fake Device in test/component/locale-fit.test.ts.
// The built styles and real calls are what this file adds, so seven locales in one page, called at once, cover it.
import type { Locator } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import { panelOverflows } from '../helpers/panel-overflows';
import { DEMO_KEY, WidgetView, e2eSeed, expect, test } from './fixtures';

/** The five with the most text (German, Greek, Dutch, French, Indonesian) and the two right-to-left ones. */
const LOCALES = 'de el nl fr id ar he'.split(' ');
const RTL = new Set(['ar', 'he']);

/**
 * Fixed: one widget's panel growing (consent, a call) never moves the next one while a click is on its way to it.
 * The viewport holds a whole group, so nothing scrolls either.
 */
const SLOT_HEIGHT = 640;

/** Several inline widgets, one per locale, each in its own 320 px column (`#slot-<locale>`), as `window.widgets`. */
function inlinePage(sandbox: Sandbox, locales: string[], extra: Record<string, unknown> = {}): string {
  const slots = locales.map((locale) => `<div class="slot" id="slot-${locale}"></div>`).join('\n    ');
  const inits = locales.map((locale) => {
    const init = {
      publicKey: DEMO_KEY,
      agentId: 'agent_ava',
      apiBase: sandbox.apiBase,
      display: 'inline',
      locale,
      container: `#slot-${locale}`,
      // One live call per key goes for a site's tabs and widgets (call-tabs.ts); these seven call side by side.
      continuity: 'off',
      ...extra,
    };
    return `window.widgets[${JSON.stringify(locale)}] = Kataven.init(${JSON.stringify(init)});`;
  });
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width" />
    <title>Acme Inc.</title>
    <style>body { margin: 0 } .slot { width: 320px; height: ${SLOT_HEIGHT}px }</style>
  </head>
  <body>
    ${slots}
    <script src="${sandbox.url}/v1.js"></script>
    <script>window.widgets = {}; ${inits.join(' ')}</script>
  </body>
</html>`;
}

/** What runs out of the widget's 320 px panel (test/helpers/panel-overflows.ts, evaluated in the page). */
const overflows = (widget: WidgetView): Promise<string[]> => widget.host.evaluate(panelOverflows, 320);

test.use({
  seed: e2eSeed((account) => {
    account.call_limits = { ...account.call_limits, concurrent_max: LOCALES.length };
  }),
});

test(`${LOCALES.join(' ')}: each panel fits 320 px through consent, a call and its end`, async ({
  page,
  sandbox,
  customer,
}) => {
  // Seven calls at once on a loaded two-core machine: room beyond the suite's 45 s (measured 20-43 s under load).
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 320, height: SLOT_HEIGHT * LOCALES.length });
  await page.goto(customer.page(inlinePage(sandbox, LOCALES)));
  // All the calls at once (the seed admits that many concurrent calls): each widget is its own.
  // Clicks take turns (the page has one mouse); the waits for each widget's call overlap.
  let turn = Promise.resolve();
  const click = (target: Locator) => {
    const clicked = turn.then(() => target.click());
    turn = clicked.catch(() => undefined);
    return clicked;
  };
  await Promise.all(
    LOCALES.map((locale) => throughACall(new WidgetView(page, `#slot-${locale} kataven-widget`), locale, click)),
  );
});

async function throughACall(
  widget: WidgetView,
  locale: string,
  click: (target: Locator) => Promise<void>,
): Promise<void> {
  const { page } = widget;
  await widget.expectStatus('ready');
  await expect(widget.panel).toHaveAttribute('lang', locale);
  const direction = RTL.has(locale) ? 'rtl' : 'ltr';
  await expect(widget.panel).toHaveAttribute('dir', direction);
  expect(await widget.panel.evaluate((panel) => getComputedStyle(panel).direction)).toBe(direction);
  await expect(widget.part('call-button')).toBeVisible();
  expect(await overflows(widget), `${locale} ready`).toEqual([]);

  // Consent (the preview policy asks for it) shows the longest texts and two buttons side by side.
  await page.evaluate((locale) => {
    (window as unknown as { widgets: Record<string, { policy: unknown }> }).widgets[locale]!.policy = {
      consent_required: true,
    };
  }, locale);
  await click(widget.part('call-button'));
  const agree = widget.panel.locator('button.primary');
  await expect(agree).toBeVisible();
  expect(await overflows(widget), `${locale} consent`).toEqual([]);

  await click(agree);
  await widget.expectStatus('connected', 30_000);
  await expect(widget.part('end-button')).toBeVisible();
  expect(await overflows(widget), `${locale} connected`).toEqual([]);
  if (RTL.has(locale)) {
    // Mirrored: the first button sits at the right; the call time still reads left to right.
    const [mute, end] = [await widget.part('mute-button').boundingBox(), await widget.part('end-button').boundingBox()];
    expect(mute!.x).toBeGreaterThan(end!.x);
    const time = widget.host.locator('.time [dir="ltr"]');
    await expect(time).toHaveText(/^\d+:\d\d$/);
  }
  await click(widget.part('mute-button'));
  await expect(widget.part('mute-button')).toHaveAttribute('aria-pressed', 'true');
  expect(await overflows(widget), `${locale} muted`).toEqual([]);

  await click(widget.part('end-button'));
  await widget.expectStatus('ended');
  expect(await overflows(widget), `${locale} ended`).toEqual([]);
}

test('Kataven.init({ strings }) replaces single texts of the current locale', async ({
  page,
  sandbox,
  customer,
  widget,
}) => {
  await page.goto(customer.page(inlinePage(sandbox, ['fr'], { strings: { call: 'Appeler Ava' } })));
  await widget.expectStatus('ready');
  await expect(widget.part('call-button')).toHaveText('Appeler Ava');
  await expect(widget.part('status')).toHaveText('Prêt quand vous l’êtes.');
});
