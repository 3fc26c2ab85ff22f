// The CDN build minifies the Lit `css` templates of every src/widget module (scripts/minify-css-templates.ts); the
// component tests run the unminified source. This runs the built widget through the states whose rules live outside
// the `*styles.ts` files and checks each still applies: the phone sheet (@media), the visualizer, the settings menu
// and the panel's shared form-field look, and the live launcher (`:has()`).
import { expect, openAvaPage, test } from './fixtures';

test('the built widget keeps every minified rule: phone sheet, visualizer, device select, live launcher', async ({
  page,
  sandbox,
  customer,
  widget,
}) => {
  await page.setViewportSize({ width: 390, height: 700 });
  await openAvaPage(sandbox, customer, widget);
  await widget.launcher.click();

  // phone-sheet.ts: below 480 px the panel is a full-screen sheet with thumb-sized buttons.
  await expect(widget.panel).toHaveCSS('position', 'fixed');
  await expect(widget.panel).toHaveCSS('border-radius', '0px');
  await expect.poll(() => widget.panel.boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 700 });
  await expect(widget.part('call-button')).toHaveCSS('min-height', '44px');

  await widget.part('call-button').click();
  await widget.expectStatus('connected', 15_000);
  // visualizer.ts
  await expect(widget.part('visualizer')).toHaveCSS('height', '112px');
  await expect(widget.part('visualizer').locator('.core')).toHaveCSS('width', '64px');

  // device-settings.ts and the form-field rule of panel-styles.ts.
  await widget.part('settings-button').click();
  const select = widget.part('device-select').first();
  await expect(select).toBeVisible();
  for (const [property, value] of [
    ['font-size', '14px'],
    ['border-top-width', '1px'],
    ['border-top-left-radius', '8px'],
    ['padding-top', '6px'],
    ['padding-left', '8px'],
    ['min-width', '0px'],
  ] as const) {
    await expect(select, property).toHaveCSS(property, value);
  }

  // live-launcher.ts: with the panel closed the launcher shows the live dot and the time only (`:has()` hides the rest).
  await widget.part('close-button').click();
  await expect(widget.panel).toHaveCount(0);
  await expect(widget.launcher.locator('.live-dot')).toHaveCSS('width', '12px');
  await expect
    .poll(() => widget.launcher.evaluate((launcher) => (launcher as HTMLElement).innerText.trim()))
    .toMatch(/^\d+:\d\d$/);

  await widget.launcher.click();
  await widget.part('end-button').click();
  await widget.expectStatus('ended');
});
