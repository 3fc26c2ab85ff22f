// What a visitor sees when the widget may not be used or may not call, each from a real sandbox answer: the visible
// error text, the reflected status, and the kataven-error event the page can listen to.
import type { Page } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import {
  BRAND,
  DEMO_KEY,
  e2eSeed,
  expect,
  openAvaPage,
  scriptTagPage,
  test,
  type CustomerSite,
  type WidgetView,
} from './fixtures';

const REFUSED_BY_SERVER = /Failed to load resource: the server responded with a status of (403|429)/;

async function embed(page: Page, sandbox: Sandbox, customer: CustomerSite, agentId: string): Promise<void> {
  await page.goto(customer.page(scriptTagPage(sandbox, { publicKey: DEMO_KEY, agentId, apiBase: sandbox.apiBase })));
}

/** The one kataven-error the widget raised, and that it reached the page. */
async function expectOneError(widget: WidgetView, code: string, retryable: boolean): Promise<void> {
  await widget.waitForEvent('kataven-error', (d) => d['code'] === code);
  const errors = await widget.events('kataven-error');
  expect(errors.map((e) => e.detail)).toEqual([expect.objectContaining({ code, retryable })]);
}

test.describe('origin not on the key allowlist', () => {
  test.use({ seed: e2eSeed((account) => (account.widget_keys[0]!.domain_allowlist = ['https://www.acme.example'])) });

  test('shows origin_not_allowed and never asks for a session', async ({
    page,
    sandbox,
    customer,
    widget,
    problems,
  }) => {
    problems.allow(/\[kataven-widget\] origin_not_allowed/, REFUSED_BY_SERVER);
    await embed(page, sandbox, customer, 'agent_ava');
    await widget.expectStatus('error');
    await expectOneError(widget, 'origin_not_allowed', false);
    // No branding reached the page: the launcher falls back to the widget's defaults.
    await expect(widget.launcher).toHaveText('Talk to us');
    await expect(widget.launcher).not.toHaveCSS('background-color', BRAND.primary_rgb);
    await widget.launcher.click();
    await expect(widget.error).toHaveText('This website is not allowed to use this assistant.');
    await expect(widget.part('call-button')).toHaveCount(0);
    expect(sandbox.requests()).toEqual([
      expect.objectContaining({ path: '/v1/widget/config', status: 403, origin: customer.origin }),
    ]);
  });
});

test.describe('disabled widget key', () => {
  test.use({ seed: e2eSeed((account) => (account.widget_keys[0]!.disabled = true)) });

  test('shows key_disabled', async ({ page, sandbox, customer, widget, problems }) => {
    problems.allow(/\[kataven-widget\] key_disabled/, REFUSED_BY_SERVER);
    await embed(page, sandbox, customer, 'agent_ava');
    await widget.expectStatus('error');
    await expectOneError(widget, 'key_disabled', false);
    await widget.launcher.click();
    await expect(widget.error).toHaveText('This assistant has been turned off for this website.');
    await expect(widget.part('call-button')).toHaveCount(0);
    expect(sandbox.requests().map((r) => `${r.path} ${r.status}`)).toEqual(['/v1/widget/config 403']);
  });
});

test('inactive agent: unavailable with agent_not_active, no call button', async ({
  page,
  sandbox,
  customer,
  widget,
}) => {
  await embed(page, sandbox, customer, 'agent_sleepy');
  await widget.expectStatus('unavailable');
  await expectOneError(widget, 'agent_not_active', false);
  // The account's branding still applies: the config arrived, the agent just is not taking calls.
  await expect(widget.launcher).toHaveCSS('background-color', BRAND.primary_rgb);
  await widget.launcher.click();
  await expect(widget.part('title')).toHaveText('Sleepy');
  await expect(widget.error).toHaveText('This assistant is not taking calls right now.');
  await expect(widget.part('status')).toHaveText('');
  await expect(widget.part('call-button')).toHaveCount(0);
  expect(sandbox.requests().map((r) => `${r.path} ${r.status}`)).toEqual(['/v1/widget/config 200']);
});

test.describe('widget disabled for the agent', () => {
  test.use({
    seed: e2eSeed((account) => (account.agents[0]!.widget = { ...account.agents[0]!.widget, widget_enabled: false })),
  });

  test('renders nothing and reports widget_disabled', async ({ page, sandbox, customer, widget }) => {
    await embed(page, sandbox, customer, 'agent_ava');
    await widget.expectStatus('unavailable');
    await expectOneError(widget, 'widget_disabled', false);
    await expect(widget.host).toHaveCount(1);
    await expect(widget.launcher).toHaveCount(0);
    await expect(widget.panel).toHaveCount(0);
    expect(await widget.host.evaluate((element) => element.shadowRoot?.querySelectorAll('[part]').length ?? -1)).toBe(
      0,
    );
    expect(sandbox.requests().map((r) => `${r.path} ${r.status}`)).toEqual(['/v1/widget/config 200']);
  });
});

test('guest on a members-only agent: sign_in_required, no call button', async ({ page, sandbox, customer, widget }) => {
  await embed(page, sandbox, customer, 'agent_members');
  await widget.expectStatus('unavailable');
  await expectOneError(widget, 'sign_in_required', false);
  await widget.launcher.click();
  await expect(widget.error).toHaveText('Please sign in to talk to this assistant.');
  await expect(widget.part('call-button')).toHaveCount(0);
  expect(sandbox.requests().map((r) => r.path)).toEqual(['/v1/widget/config']);
});

test.describe('cost cap reached', () => {
  test.use({ seed: e2eSeed((account) => (account.call_limits = { ...account.call_limits, concurrent_max: 0 })) });

  test('a 429 from /widget/connect shows cost_cap and offers a retry', async ({
    sandbox,
    customer,
    widget,
    problems,
  }) => {
    problems.allow(REFUSED_BY_SERVER);
    await openAvaPage(sandbox, customer, widget);
    await widget.launcher.click();
    await widget.part('call-button').click();
    await widget.expectStatus('error');
    await expectOneError(widget, 'cost_cap', true);
    await expect(widget.error).toHaveText('All lines are busy right now. Please try again later.');
    await expect(widget.part('retry-button')).toContainText('Try again');
    await expect(widget.part('end-button')).toHaveCount(0);
    expect(sandbox.requests().map((r) => `${r.path} ${r.status}`)).toEqual([
      '/v1/widget/config 200',
      '/v1/widget/auth/guest 200',
      '/v1/widget/connect 429',
    ]);
    expect(sandbox.calls()).toEqual([]);
    expect(await widget.statusTrail()).toEqual(['loading', 'ready', 'connecting', 'error']);
  });
});
