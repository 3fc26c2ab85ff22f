// The demo's output and side effects: snippets and PATCH bodies match the form, Save persists to the sandbox, a call
// from the preview connects, live keys are read-only, and the page works from the keyboard.
import { call } from '../../sandbox/test/helpers';
import { BRAND, DEMO_KEY, expect, test, waitForCall } from './fixtures';

test('the snippets and PATCH bodies match the form', async ({ demo, page, sandbox }) => {
  await demo.open();
  await demo.field('Primary color').fill('#B91C1C');
  await demo.field('Launcher label').fill('  Ask "Acme" <now>  ');
  await page.getByRole('radio', { name: 'Top left' }).check();
  await page.getByRole('radio', { name: /^Guests/ }).check();
  await page.getByRole('switch', { name: /Ask for consent/ }).check();
  await page.getByRole('switch', { name: /Ask for feedback/ }).check();
  await demo.field('Maximum call length').fill('300');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await demo.field('Language').selectOption('es');
  const apiBase = `${sandbox.url}/v1`;

  expect(await demo.snippet('script-0')).toBe(
    [
      '<script src="https://widget.kataven.ai/v1.js"></script>',
      '<script>',
      '  Kataven.init({',
      `    publicKey: "${DEMO_KEY}",`,
      '    agentId: "agent_ava",',
      `    apiBase: "${apiBase}",`,
      '    theme: "dark",',
      '    locale: "es",',
      '  });',
      '</script>',
    ].join('\n'),
  );
  expect(await demo.snippet('data-0')).toBe(
    `<script src="https://widget.kataven.ai/v1.js" data-client-key="${DEMO_KEY}" data-agent="agent_ava" ` +
      `data-api-base="${apiBase}" data-theme="dark" data-locale="es" async></script>`,
  );
  expect(await demo.snippet('npm-0')).toBe('npm install @kataven/widget');
  expect(await demo.snippet('npm-1')).toBe("import '@kataven/widget/define';");
  expect(await demo.snippet('npm-2')).toBe(
    `<kataven-widget\n  client-key="${DEMO_KEY}"\n  agent-id="agent_ava"\n  api-base="${apiBase}"\n  theme="dark"\n  locale="es"\n></kataven-widget>`,
  );
  // The bodies carry what the widget applies: the color lower-cased, the label trimmed.
  expect(JSON.parse(await demo.snippet('api-0'))).toEqual({
    primary_color: '#b91c1c',
    accent_color: BRAND.accent_color,
    logo_url: null,
    launcher_position: 'tl',
    launcher_label: 'Ask "Acme" <now>',
    privacy_notice: BRAND.privacy_notice,
  });
  await expect(page.getByText('PATCH /v1/agents/agent_ava/widget-settings')).toBeVisible();
  expect(JSON.parse(await demo.snippet('api-1'))).toEqual({
    widget_enabled: true,
    auth_mode: 'guest',
    max_call_seconds: 300,
    consent_required: true,
    feedback_enabled: true,
  });
  // Back to defaults: theme and locale drop out of the snippets.
  await page.getByRole('radio', { name: 'Auto' }).check();
  await demo.field('Language').selectOption('auto');
  expect(await demo.snippet('data-0')).not.toMatch(/data-theme|data-locale/);

  // The copy button copies exactly the block.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy: One tag, no inline script' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await demo.snippet('data-0'));
});

test('Save persists to the sandbox and a fresh page load shows it', async ({ demo, page, sandbox }) => {
  await demo.open();
  await expect(page.getByText('Everything is saved.')).toBeVisible();
  await demo.field('Primary color').fill('#7c3aed');
  await demo.field('Launcher label').fill('Chat with Ava');
  await page.getByRole('radio', { name: 'Bottom left' }).check();
  await page.getByRole('switch', { name: /Ask for consent/ }).check();
  await page.getByRole('switch', { name: /Ask for feedback/ }).check();
  await demo.field('Maximum call length').fill('90');
  await expect(page.getByText('Unsaved changes.')).toBeVisible();
  await page.getByRole('button', { name: 'Save to sandbox' }).click();
  await expect(page.getByText(/^Saved to the sandbox/)).toBeVisible();

  // The server has it (read as any page would).
  const res = await call(sandbox, 'GET', `/v1/widget/config?client_key=${DEMO_KEY}&agent_id=agent_ava`, {
    origin: sandbox.url,
  });
  const config = res.json<{ branding: Record<string, unknown>; policy: Record<string, unknown> }>();
  expect(config.branding).toMatchObject({
    primary_color: '#7c3aed',
    launcher_label: 'Chat with Ava',
    launcher_position: 'bl',
  });
  expect(config.policy).toMatchObject({ consent_required: true, feedback_enabled: true, max_call_seconds: 90 });

  await page.reload();
  await demo.loaded();
  await expect(demo.field('Primary color')).toHaveValue('#7c3aed');
  await expect(demo.field('Launcher label')).toHaveValue('Chat with Ava');
  await expect(page.getByRole('radio', { name: 'Bottom left' })).toBeChecked();
  await expect(page.getByRole('switch', { name: /Ask for consent/ })).toBeChecked();
  await expect(page.getByRole('switch', { name: /Ask for feedback/ })).toBeChecked();
  await expect(demo.field('Maximum call length')).toHaveValue('90');
  await expect(page.getByText('Everything is saved.')).toBeVisible();
  expect(await demo.style(demo.floating.launcher, 'background-color')).toBe('rgb(124, 58, 237)');
  expect(await demo.launcherCorner()).toBe('bl');
});

test('a server refusal is shown and nothing is half-saved', async ({ demo, page, problems }) => {
  problems.allow(/status of 400 .*\/sandbox\/settings/);
  await demo.open();
  // The form and the sandbox apply the same rules, so a refusal cannot be provoked through the form: answer this
  // one save as a server that has since tightened its rules would.
  await page.route('**/sandbox/settings', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({ status: 400, contentType: 'text/plain', body: 'invalid_body: privacy_notice is not allowed' })
      : route.fallback(),
  );
  await demo.field('Privacy notice').fill('x'.repeat(250));
  await page.getByRole('button', { name: 'Save to sandbox' }).click();
  await expect(page.getByText(/Not saved: invalid_body/)).toBeVisible();
  await page.reload();
  await demo.loaded();
  await expect(demo.field('Privacy notice')).toHaveValue(BRAND.privacy_notice);
});

test('"Try a call" in the preview places a real call to the sandbox agent', async ({ demo, page, sandbox }) => {
  await demo.open();
  await demo.inline.part('call-button').click();
  await demo.inline.expectStatus('connected', 20_000);
  await expect(page.locator('.status-pill')).toHaveText('connected');
  const live = await waitForCall(sandbox, (view) => view.state === 'connected');
  expect(live.agent_id).toBe('agent_ava');
  await demo.inline.part('end-button').click();
  await waitForCall(sandbox, (view) => view.state === 'closed');
});

test('a live key is read through the public API, never a secret key, and cannot be saved', async ({
  demo,
  page,
  sandbox,
}) => {
  await demo.open();
  await page.getByRole('radio', { name: 'My live key' }).check();
  const key = demo.field('Publishable key');
  await key.fill('sk_live_acme_test000000000000');
  await demo.field('API base').fill(`${sandbox.url}/v1`);
  await page.getByRole('button', { name: 'Load my config' }).click();
  await expect(key).toHaveAttribute('aria-invalid', 'true');
  await expect(key).toBeFocused();
  expect(await demo.messageOf('Publishable key')).toContain('secret key');

  await key.fill(DEMO_KEY);
  await demo.field('Agent ID').fill('agent_members');
  await page.getByRole('button', { name: 'Load my config' }).click();
  await expect(page.getByText('Showing your live config.')).toBeVisible();
  await expect(page.getByRole('radio', { name: /Signed-in users/ })).toBeChecked();
  await expect(page.getByRole('switch', { name: /Ask for consent/ })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Save to sandbox' })).toHaveCount(0);
  await expect(demo.inline.error).toContainText('sign in');
  expect(await demo.snippet('data-0')).toContain('data-agent="agent_members"');
});

test('keyboard: labelled controls, tabs with arrow keys, the launcher reachable', async ({ demo, page }) => {
  await demo.open();
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('demo-app input, demo-app select, demo-app textarea, demo-app button')]
      .filter((element) => {
        const control = element as HTMLInputElement;
        const name = control.labels?.length || control.getAttribute('aria-label') || control.textContent?.trim();
        return !name;
      })
      .map((element) => element.outerHTML.slice(0, 80)),
  );
  expect(unlabelled).toEqual([]);

  await page.getByRole('tab', { name: 'Script tag' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Data attributes' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Data attributes' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#panel-data')).toBeVisible();

  // From the viewport switch, Tab enters the mock site: its links, then the widget's launcher.
  await page.getByRole('button', { name: 'Phone' }).focus();
  await page.keyboard.press('Tab');
  await expect(demo.site.getByRole('link', { name: 'Acme Outfitters' })).toBeFocused();
  const launcherFocused = () =>
    demo.floating.host.evaluate((el) => el.shadowRoot?.activeElement?.getAttribute('part') === 'launcher');
  for (let presses = 0; presses < 20 && !(await launcherFocused()); presses++) await page.keyboard.press('Tab');
  expect(await launcherFocused()).toBe(true);
  await page.keyboard.press('Enter');
  await expect(demo.floating.panel).toBeVisible();
});
