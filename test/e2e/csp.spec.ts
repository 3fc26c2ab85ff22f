// A customer page with the strictest Content Security Policy the README promises is enough: nothing by default, scripts
// only from the widget's origin (and one nonce'd init script), connections only to the API origin and the signaling
// host. So no 'unsafe-inline' styles, no 'unsafe-eval', no data: or blob: anywhere (Twilio's sounds included). The
// widget must render its branding, hold a real call, ask for feedback after it, show its error states, and trigger
// zero CSP violations in any of them.
import type { Page } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import {
  BRAND,
  DEMO_KEY,
  GREETING,
  e2eSeed,
  expect,
  injectFault,
  mediaBothWays,
  sandboxCalls,
  test,
  waitForCall,
  type CustomerSite,
  type WidgetView,
} from './fixtures';

/** The Twilio SDK (logLevel 'error') logs the hangup fault injected below. */
const TWILIO_LOG = /^\[TwilioVoice\]/;

/**
 * Opens the customer page under the strict policy with the widget embedded; returns the CSP violations reported so
 * far (recorded from before any page script runs).
 */
async function openStrictPage(page: Page, sandbox: Sandbox, customer: CustomerSite): Promise<() => Promise<string[]>> {
  const host = new URL(sandbox.url).host;
  // The sandbox serves the widget, the API and the signaling on one host: widget origin, API origin, signaling host.
  const policy = [
    "default-src 'none'",
    `script-src https://${host} 'nonce-acme'`,
    `connect-src https://${host} wss://${host}`,
  ].join('; ');
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
    );
  });
  const init = JSON.stringify({ publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase });
  await page.goto(
    customer.page(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${policy}" />
    <title>Acme Bank</title>
  </head>
  <body>
    <h1>Acme Bank</h1>
    <script src="${sandbox.url}/v1.js"></script>
    <script nonce="acme">Kataven.init(${init});</script>
  </body>
</html>`),
  );
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

/** Opens the panel, starts a call and waits until the agent's greeting arrives over real media. */
async function callAva(sandbox: Sandbox, widget: WidgetView): Promise<void> {
  await expect(widget.launcher).toHaveCSS('background-color', BRAND.primary_rgb);
  await widget.launcher.click();
  await widget.part('call-button').click();
  await widget.expectStatus('connected', 15_000);
  await waitForCall(sandbox, mediaBothWays({ morePacketsThan: 20 }));
  await expect(widget.captions).toContainText(GREETING);
}

test('works under a strict CSP with zero violations', async ({ page, sandbox, customer, widget }) => {
  const violations = await openStrictPage(page, sandbox, customer);
  await callAva(sandbox, widget);
  await expect.poll(() => widget.meterScale(), { message: 'level meter above zero' }).toBeGreaterThan(0);
  await widget.part('end-button').click();
  await widget.expectStatus('ended');
  expect(await violations()).toEqual([]);
});

test.describe('feedback enabled by the agent policy', () => {
  test.use({
    seed: e2eSeed((account) => {
      const ava = account.agents.find((agent) => agent.id === 'agent_ava');
      if (ava) ava.widget = { ...ava.widget, feedback_enabled: true };
    }),
  });

  test('the feedback step after a call renders and sends under the strict CSP with zero violations', async ({
    page,
    sandbox,
    customer,
    widget,
  }) => {
    const violations = await openStrictPage(page, sandbox, customer);
    await callAva(sandbox, widget);
    await widget.part('end-button').click();
    await widget.expectStatus('ended');

    await expect(widget.part('feedback')).toContainText('How was this call?');
    await expect(widget.part('feedback-up')).toBeVisible();
    await expect(widget.part('feedback-down')).toBeVisible();
    await widget.part('feedback-comment').fill('Quick and clear.');
    await widget.part('feedback-down').click();
    await expect(widget.part('feedback')).toContainText('Thank you for your feedback.');
    // The rating went over the wire (connect-src allows the API origin and nothing else is needed).
    const [rated] = await sandboxCalls(sandbox);
    expect(rated?.feedback).toEqual({ rating: 'down', comment: 'Quick and clear.' });
    expect(await violations()).toEqual([]);
  });
});

test('a refused call shows its error and retry countdown under the strict CSP with zero violations', async ({
  page,
  sandbox,
  customer,
  widget,
  problems,
}) => {
  problems.allow(/status of 429/);
  const violations = await openStrictPage(page, sandbox, customer);
  await widget.expectStatus('ready');
  // /widget/connect answering 429 is the account's call limits (cost_cap), with the server's Retry-After.
  await injectFault(sandbox, { kind: 'fail_next', path: '/v1/widget/connect', status: 429, retry_after: 30 });
  await widget.launcher.click();
  await widget.part('call-button').click();
  await widget.expectStatus('error');
  const error = await widget.waitForEvent('kataven-error');
  expect(error.detail).toMatchObject({ code: 'cost_cap', retryable: true });
  await expect(widget.error).toHaveText('All lines are busy right now. Please try again later.');
  await expect(widget.part('retry-button')).toHaveText(/Try again in \d+ s/);
  await expect(widget.part('retry-button')).toBeDisabled();
  expect(await sandboxCalls(sandbox)).toEqual([]);
  expect(await violations()).toEqual([]);
});

test('a call dropped by the agent shows the error view under the strict CSP with zero violations', async ({
  page,
  sandbox,
  customer,
  widget,
  problems,
}) => {
  problems.allow(TWILIO_LOG);
  const violations = await openStrictPage(page, sandbox, customer);
  await callAva(sandbox, widget);
  await injectFault(sandbox, { kind: 'hangup', error_code: 31603, message: 'Decline' });
  await widget.expectStatus('error');
  await expect(widget.error).toHaveText('The call was dropped. Please try again.');
  await expect(widget.part('retry-button')).toHaveText('Call again');
  await expect(widget.part('end-button')).toHaveCount(0);
  expect(await violations()).toEqual([]);
});
