// The suite's own safety net, proven: a page that reaches for another host is refused and recorded, and a test whose
// page does so (or throws) fails, so "zero off-box requests" in every other test is a real assertion.
import { createNetworkLog, expect, guardContext, test } from './fixtures';

const OFF_BOX_PAGE = `<!doctype html><title>leaky</title>
<img src="https://cdn.example.com/pixel.png" alt="">
<script>fetch('https://api.example.net/track', { method: 'POST', body: 'x' }).catch(() => {});</script>`;

test('the guard aborts and records every request to a host that is not loopback', async ({ browser, customer }) => {
  const context = await browser.newContext();
  const log = createNetworkLog();
  await guardContext(context, log);
  const page = await context.newPage();
  const failed: string[] = [];
  page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));
  await page.goto(customer.page(OFF_BOX_PAGE));
  await expect
    .poll(() => [...log.blocked].sort())
    .toEqual(['https://api.example.net/track', 'https://cdn.example.com/pixel.png']);
  await expect.poll(() => failed.length).toBe(2);
  expect(
    failed.every((line) => / net::ERR_BLOCKED_BY_CLIENT\b/.test(line)),
    failed.join('\n'),
  ).toBe(true);
  // The page itself (loopback) went through.
  expect(log.urls[0]).toBe(`${customer.origin}/`);
  await context.close();
});

test('[expected to fail] a test whose page reaches off the box', async ({ page, customer, network }) => {
  test.fail(true, 'the hygiene fixture must fail this test at teardown');
  await page.goto(customer.page(OFF_BOX_PAGE));
  await expect.poll(() => network.blocked.length).toBe(2);
});

test('[expected to fail] a test whose page throws', async ({ page, customer, problems }) => {
  test.fail(true, 'the hygiene fixture must fail this test at teardown');
  await page.goto(customer.page('<!doctype html><script>setTimeout(() => { throw new Error("boom"); });</script>'));
  await expect.poll(() => problems.pageErrors.length).toBe(1);
});

test('[expected to fail] a test whose page leaves a promise rejection unhandled', async ({
  page,
  customer,
  problems,
}) => {
  test.fail(true, 'the hygiene fixture must fail this test at teardown');
  await page.goto(customer.page('<!doctype html><script>Promise.reject(new Error("nobody listens"));</script>'));
  await expect.poll(() => problems.pageErrors.length).toBeGreaterThanOrEqual(1);
});
