// The demo's live preview: every field changes the real widget, invalid values are flagged and kept out of it.
import type { KatavenWidget } from '../../src/index';
import { BRAND, expect, test } from './fixtures';

test.beforeEach(async ({ demo }) => {
  await demo.open();
});

test('the form starts from the sandbox config and the widgets show it', async ({ demo }) => {
  await expect(demo.field('Primary color')).toHaveValue(BRAND.primary_color);
  await expect(demo.field('Launcher label')).toHaveValue(BRAND.launcher_label);
  await expect(demo.field('Privacy notice')).toHaveValue(BRAND.privacy_notice);
  expect(await demo.style(demo.floating.launcher, 'background-color')).toBe(BRAND.primary_rgb);
  await expect(demo.floating.launcher).toContainText(BRAND.launcher_label);
  await expect(demo.inline.part('privacy-notice')).toHaveText(BRAND.privacy_notice);
  expect(await demo.launcherCorner()).toBe('br');
});

test('editing each branding field changes the rendered widget', async ({ demo, page }) => {
  await demo.field('Primary color').fill('#b91c1c');
  await expect.poll(() => demo.style(demo.floating.launcher, 'background-color')).toBe('rgb(185, 28, 28)');
  expect(await demo.style(demo.inline.part('call-button'), 'background-color')).toBe('rgb(185, 28, 28)');
  // A light primary gets dark text (the widget's contrast rule), live.
  await demo.field('Primary color').fill('#fde047');
  await expect.poll(() => demo.style(demo.floating.launcher, 'color')).toBe('rgb(17, 24, 39)');

  await demo.field('Accent color').fill('#7c3aed');
  const header = demo.inline.panel.locator('header');
  await expect.poll(() => demo.style(header, 'background-image')).toContain('rgb(124, 58, 237)');

  await page.getByRole('button', { name: 'Use sample' }).click();
  await expect(demo.field('Logo URL')).toHaveValue(/\/sample-logo\.svg$/);
  await expect(demo.floating.launcher.locator('[part="logo"]')).toHaveAttribute('src', /\/sample-logo\.svg$/);
  await expect(demo.inline.panel.locator('[part="logo"]')).toHaveAttribute('src', /\/sample-logo\.svg$/);
  await demo.field('Logo URL').fill('');
  await expect(demo.floating.launcher.locator('[part="logo"]')).toHaveCount(0);

  await demo.field('Launcher label').fill('Ask us anything');
  await expect(demo.floating.launcher).toHaveText('Ask us anything');

  await demo.field('Privacy notice').fill('We keep recordings for 30 days.');
  await expect(demo.inline.part('privacy-notice')).toHaveText('We keep recordings for 30 days.');
  await demo.field('Privacy notice').fill('');
  await expect(demo.inline.part('privacy-notice')).toHaveCount(0);

  for (const [label, corner] of [
    ['Top left', 'tl'],
    ['Top right', 'tr'],
    ['Bottom left', 'bl'],
    ['Bottom right', 'br'],
  ] as const) {
    await page.getByRole('radio', { name: label }).check();
    await expect.poll(() => demo.launcherCorner(), { message: label }).toBe(corner);
  }
  // The corner is relative to the mock viewport in the phone size too.
  await page.getByRole('radio', { name: 'Top left' }).check();
  await page.getByRole('button', { name: 'Phone' }).click();
  await expect(page.getByRole('button', { name: 'Phone' })).toHaveAttribute('aria-pressed', 'true');
  const box = await demo.mockViewport.boundingBox();
  expect(box && box.width < box.height).toBe(true);
  await expect.poll(() => demo.launcherCorner()).toBe('tl');
});

test('policy, theme and locale change what the widget shows', async ({ demo, page }) => {
  // widget_enabled: false renders nothing at all; back on, it returns.
  await page.getByRole('switch', { name: /Widget enabled/ }).uncheck();
  await expect(demo.floating.launcher).toHaveCount(0);
  await expect(demo.inline.panel).toHaveCount(0);
  await expect(page.getByText('visitors see nothing').first()).toBeVisible();
  await page.getByRole('switch', { name: /Widget enabled/ }).check();
  await expect(demo.floating.launcher).toBeVisible();

  // Signed-in users only: a guest sees the sign-in message and no call button.
  await page.getByRole('radio', { name: /Signed-in users/ }).check();
  await expect(demo.inline.error).toContainText('sign in');
  await expect(demo.inline.part('call-button')).toHaveCount(0);
  await page.getByRole('radio', { name: /^Guests/ }).check();
  await expect(demo.inline.part('call-button')).toBeVisible();

  // Consent: the call button asks first (declined here, so no call starts).
  await page.getByRole('switch', { name: /Ask for consent/ }).check();
  await demo.inline.part('call-button').click();
  await expect(demo.inline.panel).toContainText('Please agree before we connect you');
  await demo.inline.panel.getByRole('button', { name: 'Not now' }).click();
  await expect(demo.inline.part('call-button')).toBeVisible();

  await demo.field('Maximum call length').fill('120');
  await expect.poll(() => demo.inline.host.evaluate((el) => (el as KatavenWidget).policy?.max_call_seconds)).toBe(120);
  await demo.field('Maximum call length').fill('');
  await expect.poll(() => demo.inline.host.evaluate((el) => (el as KatavenWidget).policy?.max_call_seconds)).toBe(null);

  // Theme: the panel's surface follows light and dark.
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect.poll(() => demo.style(demo.inline.panel, 'background-color')).toBe('rgb(17, 24, 39)');
  await expect(demo.floating.host).toHaveAttribute('theme', 'dark');
  await page.getByRole('radio', { name: 'Light' }).check();
  await expect.poll(() => demo.style(demo.inline.panel, 'background-color')).toBe('rgb(255, 255, 255)');

  // Locale: Spanish strings, and the default launcher label when none is set.
  await demo.field('Language').selectOption('es');
  await expect(demo.inline.part('call-button')).toHaveText('Iniciar llamada');
  await demo.field('Launcher label').fill('');
  await expect(demo.floating.launcher).toHaveText('Habla con nosotros');
  // Every shipped locale is offered, named in its own language; Japanese picked by that name.
  const options = demo.field('Language').locator('option');
  await expect(options).toHaveCount(28);
  await expect(options.filter({ hasText: 'Deutsch' })).toHaveAttribute('value', 'de');
  await expect(options.filter({ hasText: 'العربية' })).toHaveAttribute('value', 'ar');
  await expect(options.filter({ hasText: '中文（台灣）' })).toHaveAttribute('value', 'zh-TW');
  await demo.field('Language').selectOption({ label: '日本語' });
  await expect(demo.inline.part('call-button')).toHaveText('通話を開始');
  await expect(demo.floating.launcher).toHaveText('音声で相談する');
  await expect(demo.inline.panel).toHaveAttribute('lang', 'ja');
  await demo.field('Language').selectOption('en');
  await expect(demo.floating.launcher).toHaveText('Talk to us');
});

test('picking another agent, then back before its policy arrives, ends on the last pick', async ({ demo, page }) => {
  // Hold the members agent's config until Ava's has loaded, so the older answer is the last to arrive.
  let releaseMembers: () => void = () => undefined;
  const membersHeld = new Promise<void>((resolve) => (releaseMembers = resolve));
  await page.route(/\/v1\/widget\/config\?.*agent_id=agent_members/, async (route) => {
    await membersHeld;
    await route.fallback();
  });
  // The positive signal that the page has handled the late answer: the widget parses every answer with JSON.parse;
  // a task after the one that parsed the members agent's config, the rest of its (synchronous and microtask) handling
  // is done.
  await page.evaluate(() => {
    const parse = JSON.parse;
    JSON.parse = ((text: string, reviver?: Parameters<typeof parse>[1]) => {
      const value: unknown = parse(text, reviver);
      if (typeof text === 'string' && text.includes('"id":"agent_members"')) {
        setTimeout(() => ((window as { membersAnswerParsed?: boolean }).membersAnswerParsed = true));
      }
      return value;
    }) as typeof parse;
  });
  const agent = demo.field('Agent');
  const busy = page.locator('.notice[role="status"]');
  await agent.selectOption('agent_members');
  await expect(busy).toBeVisible();
  await agent.selectOption('agent_ava');
  await expect(busy).toHaveCount(0);

  // Settled, not finished: a widget reconfigured back to Ava may abort its own request for the old agent after the
  // answer's headers arrived, and Playwright's response.finished() never resolves for a request that then fails.
  const membersSettled = new Promise<'finished' | 'failed'>((resolve) => {
    const settled = (how: 'finished' | 'failed') => (request: { url(): string }) =>
      /agent_id=agent_members/.test(request.url()) && resolve(how);
    page.on('requestfinished', settled('finished'));
    page.on('requestfailed', settled('failed'));
  });
  releaseMembers();
  // An answer that arrived whole is parsed (asynchronously): wait until the page has handled it, then check it
  // changed nothing. One the widget aborted never reaches the page's code.
  if ((await membersSettled) === 'finished') {
    await page.waitForFunction(() => (window as { membersAnswerParsed?: boolean }).membersAnswerParsed === true);
  }
  await expect(agent).toHaveValue('agent_ava');
  await expect(page.getByRole('radio', { name: /^Both/ })).toBeChecked();
  await expect(page.getByRole('switch', { name: /Ask for consent/ })).not.toBeChecked();
  await expect(busy).toHaveCount(0);
});

test('an invalid color and a javascript: logo URL are flagged and never reach the preview', async ({ demo, page }) => {
  const color = demo.field('Primary color');
  await color.fill('#0000ff');
  await expect.poll(() => demo.style(demo.floating.launcher, 'background-color')).toBe('rgb(0, 0, 255)');
  await color.fill('red');
  await expect(color).toHaveAttribute('aria-invalid', 'true');
  // The message is the widget's own rule (src/api/branding.ts).
  expect(await demo.messageOf('Primary color')).toContain('must be a hex color like #2563eb or #26e');
  await expect(page.locator('.field-error').first()).toBeVisible();
  expect(await demo.style(demo.floating.launcher, 'background-color')).toBe('rgb(0, 0, 255)');
  expect(await demo.floating.host.evaluate((el) => (el as KatavenWidget).branding?.['primary_color'])).toBe('#0000ff');
  await expect(page.getByRole('button', { name: 'Save to sandbox' })).toBeDisabled();

  const logo = demo.field('Logo URL');
  await logo.fill('javascript:alert(1)');
  await expect(logo).toHaveAttribute('aria-invalid', 'true');
  expect(await demo.messageOf('Logo URL')).toContain('must be an https: URL');
  await expect(demo.floating.launcher.locator('[part="logo"]')).toHaveCount(0);
  expect(await demo.floating.host.evaluate((el) => (el as KatavenWidget).branding?.['logo_url'])).toBe(null);
  const body = JSON.parse(await demo.snippet('api-0')) as Record<string, unknown>;
  expect(body).not.toHaveProperty('primary_color');
  expect(body).not.toHaveProperty('logo_url');

  // Fixed: the flag goes, and the value applies.
  await color.fill('#15803d');
  await expect(color).toHaveAttribute('aria-invalid', 'false');
  await expect.poll(() => demo.style(demo.floating.launcher, 'background-color')).toBe('rgb(21, 128, 61)');

  await demo.field('Maximum call length').fill('5');
  await expect(demo.field('Maximum call length')).toHaveAttribute('aria-invalid', 'true');
  expect(await demo.messageOf('Maximum call length')).toContain('from 10 to 7200');
});

test('in a call, the floating panel’s End and Mute buttons show whole inside the desktop preview', async ({
  demo,
  page,
}) => {
  await demo.floating.launcher.click();
  await demo.floating.part('call-button').click();
  await demo.floating.expectStatus('connected', 20_000);
  // A conversation long enough to fill the transcript's box.
  for (const text of ['Hello', 'Do you ship to Norway?', 'And to Iceland?', 'How long does it take?', 'Thanks']) {
    await demo.floating.part('text-input').fill(text);
    await demo.floating.part('send-button').click();
  }
  await expect(demo.floating.part('transcript')).toContainText('Thanks');
  const frame = page.locator('preview-frame .viewport-box');
  for (const name of ['end-button', 'mute-button']) {
    const button = demo.floating.part(name);
    await expect(button).toBeVisible();
    // Whole inside the frame and inside the panel's own scroll box: nothing to scroll to reach it.
    for (const [where, container] of [
      ['frame', frame],
      ['panel', demo.floating.panel],
    ] as const) {
      const outer = await container.boundingBox();
      const inner = await button.boundingBox();
      if (!outer || !inner) throw new Error(`no box for ${name}`);
      expect(inner.y, `${name} top, in the ${where}`).toBeGreaterThanOrEqual(outer.y - 0.5);
      expect(inner.y + inner.height, `${name} bottom, in the ${where}`).toBeLessThanOrEqual(
        outer.y + outer.height + 0.5,
      );
    }
  }
  await demo.floating.part('end-button').click();
  await demo.floating.expectStatus('ended');
});

test('the phone preview is a phone: the open panel is the full-width sheet', async ({ demo, page }) => {
  await page.getByRole('button', { name: 'Phone' }).click();
  await expect(page.getByRole('button', { name: 'Phone' })).toHaveAttribute('aria-pressed', 'true');
  // The site's own viewport is the phone's, whatever the size of the studio's window.
  await expect.poll(() => demo.site.locator('html').evaluate(() => innerWidth)).toBe(390);
  // A fixed-position launcher is not scrolled into view across frames: show the phone whole first, as a user would.
  await demo.mockViewport.scrollIntoViewIfNeeded();
  await demo.floating.launcher.click();
  await expect(demo.floating.panel).toBeVisible();
  const frame = await demo.mockViewport.boundingBox();
  const panel = await demo.floating.panel.boundingBox();
  if (!frame || !panel) throw new Error('no boxes');
  // The sheet spans the phone's width, edge to edge, and reaches its bottom.
  expect(Math.abs(panel.x - frame.x)).toBeLessThan(1);
  expect(Math.abs(panel.width - frame.width)).toBeLessThan(1);
  expect(Math.abs(panel.y + panel.height - (frame.y + frame.height))).toBeLessThan(1);
  // Nothing of the desktop card is left over the sheet: the launcher does not paint over it.
  await expect(demo.floating.launcher).toBeHidden();
});

test('the desktop preview shows the floating card above the launcher', async ({ demo }) => {
  await expect.poll(() => demo.site.locator('html').evaluate(() => innerWidth)).toBe(1280);
  await demo.floating.launcher.click();
  await expect(demo.floating.panel).toBeVisible();
  const frame = await demo.mockViewport.boundingBox();
  const panel = await demo.floating.panel.boundingBox();
  const launcher = await demo.floating.launcher.boundingBox();
  if (!frame || !panel || !launcher) throw new Error('no boxes');
  // A card: much narrower than the viewport, in from its right edge, with the launcher still below it.
  expect(panel.width).toBeLessThan(frame.width / 2);
  expect(frame.x + frame.width - (panel.x + panel.width)).toBeGreaterThan(5);
  await expect(demo.floating.launcher).toBeVisible();
  expect(launcher.y).toBeGreaterThanOrEqual(panel.y + panel.height - 1);
});
