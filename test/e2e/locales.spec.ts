// Every shipped locale in the built CDN widget, inline in a 320 px column: consent, a real call (mute, unmute, end)
// and its aftermath, with no text or button running out of the panel; Arabic and Hebrew mirrored.
import type { Sandbox } from '../../sandbox/server';
import { DEMO_KEY, type WidgetView, expect, test } from './fixtures';

const LOCALES = 'en es fr de it pt nl sv da nb fi pl cs tr ru uk el ar he hi ja ko zh-CN zh-TW id vi th'.split(' ');
const RTL = new Set(['ar', 'he']);

function inlinePage(sandbox: Sandbox, locale: string, extra: Record<string, unknown> = {}): string {
  const init = {
    publicKey: DEMO_KEY,
    agentId: 'agent_ava',
    apiBase: sandbox.apiBase,
    display: 'inline',
    locale,
    ...extra,
  };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width" />
    <title>Acme Inc.</title>
    <style>body { margin: 0 } #slot { width: 320px }</style>
  </head>
  <body>
    <div id="slot"></div>
    <script src="${sandbox.url}/v1.js"></script>
    <script>window.widget = Kataven.init(${JSON.stringify({ ...init, container: '#slot' })});</script>
  </body>
</html>`;
}

/** Elements of the panel that stick out of it or scroll sideways, described for the failure message. */
function overflows(widget: WidgetView): Promise<string[]> {
  return widget.host.evaluate((element) => {
    const panel = element.shadowRoot?.querySelector<HTMLElement>('[part~="panel"]');
    if (!panel) return ['no panel'];
    const box = panel.getBoundingClientRect();
    const problems: string[] = [];
    if (box.width > 320.5) problems.push(`panel is ${box.width}px wide`);
    const nodes = [panel, ...panel.querySelectorAll<HTMLElement>('button, p, h2, .time, [part~="meter"], .actions')];
    for (const node of nodes) {
      const name = `${node.localName}${node.getAttribute('part') ? `[${node.getAttribute('part')}]` : ''} "${node.textContent?.trim().slice(0, 40)}"`;
      if (node.scrollWidth > node.clientWidth + 1)
        problems.push(`${name} scrolls: ${node.scrollWidth} > ${node.clientWidth}`);
      const rect = node.getBoundingClientRect();
      if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5) problems.push(`${name} sticks out of the panel`);
    }
    return problems;
  });
}

for (const locale of LOCALES) {
  test(`${locale}: the panel fits 320 px through consent, a call and its end`, async ({
    page,
    sandbox,
    customer,
    widget,
  }) => {
    await page.setViewportSize({ width: 320, height: 720 });
    await page.goto(customer.page(inlinePage(sandbox, locale)));
    await widget.expectStatus('ready');
    await expect(widget.panel).toHaveAttribute('lang', locale);
    const direction = RTL.has(locale) ? 'rtl' : 'ltr';
    await expect(widget.panel).toHaveAttribute('dir', direction);
    expect(await widget.panel.evaluate((panel) => getComputedStyle(panel).direction)).toBe(direction);
    await expect(widget.part('call-button')).toBeVisible();
    expect(await overflows(widget), 'ready').toEqual([]);

    // Consent (the preview policy asks for it) shows the longest texts and two buttons side by side.
    await page.evaluate(() => {
      (window as unknown as { widget: { policy: unknown } }).widget.policy = { consent_required: true };
    });
    await widget.part('call-button').click();
    const agree = widget.panel.locator('button.primary');
    await expect(agree).toBeVisible();
    expect(await overflows(widget), 'consent').toEqual([]);

    await agree.click();
    await widget.expectStatus('connected', 15_000);
    await expect(widget.part('end-button')).toBeVisible();
    expect(await overflows(widget), 'connected').toEqual([]);
    if (RTL.has(locale)) {
      // Mirrored: the first button sits at the right; the call time still reads left to right.
      const [mute, end] = [
        await widget.part('mute-button').boundingBox(),
        await widget.part('end-button').boundingBox(),
      ];
      expect(mute!.x).toBeGreaterThan(end!.x);
      const time = widget.host.locator('.time [dir="ltr"]');
      await expect(time).toHaveText(/^\d+:\d\d$/);
    }
    await widget.part('mute-button').click();
    await expect(widget.part('mute-button')).toHaveAttribute('aria-pressed', 'true');
    expect(await overflows(widget), 'muted').toEqual([]);

    await widget.part('end-button').click();
    await widget.expectStatus('ended');
    expect(await overflows(widget), 'ended').toEqual([]);
  });
}

test('Kataven.init({ strings }) replaces single texts of the current locale', async ({
  page,
  sandbox,
  customer,
  widget,
}) => {
  await page.goto(customer.page(inlinePage(sandbox, 'fr', { strings: { call: 'Appeler Ava' } })));
  await widget.expectStatus('ready');
  await expect(widget.part('call-button')).toHaveText('Appeler Ava');
  await expect(widget.part('status')).toHaveText('Prêt quand vous l’êtes.');
});
