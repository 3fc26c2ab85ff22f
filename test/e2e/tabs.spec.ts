// Tabs (docs/protocol.md section 9, "Tabs"): one live call per site and key, with the real Twilio SDK against the real
// sandbox. A second tab shows the call as "in another tab" and places none; "Move call here" moves it (a new leg of
// the same call, audio both ways, the first tab left quietly); a duplicated tab (a copy of the first tab's
// sessionStorage, resume record included) neither calls nor resumes.
import type { Page } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import {
  DEMO_KEY,
  type CustomerSite,
  expect,
  sandboxCalls,
  sandboxRequests,
  test,
  waitForCall,
  WidgetView,
} from './fixtures';

const ELSEWHERE = 'Call in progress in another tab';

/** Two pages of the customer's site with the script-tag embed. */
function serveSite(sandbox: Sandbox, customer: CustomerSite): { home: string; pricing: string } {
  const options = { publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase };
  const page = (title: string) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>${title}</title></head>
  <body>
    <h1>${title}</h1>
    <script src="${sandbox.url}/v1.js"></script>
    <script>Kataven.init(${JSON.stringify(options)});</script>
  </body>
</html>`;
  return { home: customer.page(page('Home'), '/'), pricing: customer.page(page('Pricing'), '/pricing') };
}

/** The widget API requests so far, by path. */
async function requestCount(sandbox: Sandbox, path: string): Promise<number> {
  return (await sandboxRequests(sandbox)).filter((entry) => entry.method === 'POST' && entry.path === `/v1${path}`)
    .length;
}

async function expectInAnotherTab(widget: WidgetView): Promise<void> {
  await widget.expectStatus('elsewhere', 15_000);
  await expect(widget.launcher).toHaveAttribute('aria-label', ELSEWHERE);
  await expect(widget.launcher).toContainText(ELSEWHERE);
}

test('a second tab shows the call "in another tab", moves it here, and a duplicated tab places no call', async ({
  page,
  context,
  sandbox,
  customer,
  widget,
}) => {
  const site = serveSite(sandbox, customer);
  await page.goto(site.home);
  await widget.expectStatus('ready');
  await widget.launcher.click();
  await widget.part('call-button').click();
  await widget.expectStatus('connected', 15_000);
  const sessionId = String((await widget.waitForEvent('kataven-call-connected')).detail?.['sessionId']);
  await waitForCall(
    sandbox,
    (call) => (call.legs[0]?.packets_from_caller ?? 0) > 20 && (call.legs[0]?.packets_to_caller ?? 0) > 20,
    { message: 'media both ways in the first tab' },
  );

  // A second tab of the site, opened during the call.
  const second: Page = await context.newPage();
  const secondWidget = new WidgetView(second);
  await second.goto(site.pricing);
  await expectInAnotherTab(secondWidget);
  await secondWidget.launcher.click();
  await expect(secondWidget.part('status')).toHaveText(ELSEWHERE);
  await expect(secondWidget.part('move-here-button')).toHaveText('Move call here');
  await expect(secondWidget.part('call-button')).toHaveCount(0);

  // A duplicate of the first tab: window.open from it copies its sessionStorage (the resume record with it), as the
  // page finds it before any script runs.
  await context.addInitScript(() => {
    const records = Object.keys(sessionStorage).filter((key) => key.startsWith('kataven:resume:'));
    (window as unknown as { resumeRecordsAtStart: string[] }).resumeRecordsAtStart = records;
  });
  const [duplicate] = await Promise.all([
    context.waitForEvent('page'),
    page.evaluate(() => void window.open(location.href)),
  ]);
  const duplicateWidget = new WidgetView(duplicate);
  await expectInAnotherTab(duplicateWidget);
  expect(await duplicateWidget.statusTrail()).not.toContain('resuming');
  expect(
    await duplicate.evaluate(() => (window as unknown as { resumeRecordsAtStart: string[] }).resumeRecordsAtStart),
  ).toEqual([`kataven:resume:${DEMO_KEY}`]);
  // Its copy of the first tab's record is not this tab's to use: gone, while the first tab keeps its own.
  expect(
    await duplicate.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('kataven:'))),
  ).toEqual([]);
  expect(await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('kataven:')))).toEqual([
    `kataven:resume:${DEMO_KEY}`,
  ]);

  // Neither tab placed a call or took this one over: one call, on its one leg, in the first tab.
  expect(await requestCount(sandbox, '/widget/connect')).toBe(1);
  expect(await requestCount(sandbox, '/widget/connect/resume')).toBe(0);
  const calls = await sandboxCalls(sandbox);
  expect(calls).toHaveLength(1);
  expect(calls[0]?.legs).toHaveLength(1);
  await widget.expectStatus('connected');

  // "Move call here": the same call on a new leg in the second tab, audio both ways; the first tab left it quietly.
  await secondWidget.part('move-here-button').click();
  await secondWidget.expectStatus('connected', 15_000);
  expect((await secondWidget.waitForEvent('kataven-call-connected')).detail?.['sessionId']).toBe(sessionId);
  const moved = await waitForCall(
    sandbox,
    (call) => {
      const leg = call.legs[1];
      return (
        call.state === 'connected' &&
        call.legs.length === 2 &&
        (leg?.packets_from_caller ?? 0) > 20 &&
        (leg?.packets_to_caller ?? 0) > 20
      );
    },
    { message: 'the second leg with media both ways' },
  );
  expect(moved.session_id).toBe(sessionId);
  expect(moved.legs[0]?.ended_at).not.toBeNull();
  expect(moved.legs[1]?.page_url).toBe(site.pricing);
  // The first tab's panel is still open: it says where the call is, and offers to move it back.
  await widget.expectStatus('elsewhere');
  await expect(widget.part('status')).toHaveText(ELSEWHERE);
  await expect(widget.part('move-here-button')).toBeVisible();
  expect(await widget.events('kataven-call-end')).toEqual([]);
  expect(await requestCount(sandbox, '/widget/connect')).toBe(1);
  await expect(duplicateWidget.host).toHaveAttribute('status', 'elsewhere');

  // Ended in the tab that has it: over for good, and the other tabs may call again.
  await secondWidget.part('end-button').click();
  await secondWidget.expectStatus('ended');
  await widget.expectStatus('ready');
  await duplicateWidget.expectStatus('ready');
  const over = await waitForCall(sandbox, (call) => call.state === 'closed', { message: 'the call is over' });
  expect(over.end_reason).toBe('caller_hangup');
  expect(over.legs).toHaveLength(2);
});
