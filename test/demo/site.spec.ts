// The preview's mock site: real pages with links, the widget on each, and a test call placed from a page whose
// page_context the studio shows as the sandbox (the agent) has it. Clicking through keeps the call (continuity).
import { expect, sandboxCalls, test } from './fixtures';

test('a call placed from a mock-site page shows that page’s context in the studio', async ({ demo, page, sandbox }) => {
  // One real call, taken from page to page.
  test.setTimeout(90_000);
  await demo.open();
  await expect(page.getByTestId('preview-address')).toHaveText('https://www.acme-outfitters.example/');
  await demo.site.getByRole('link', { name: 'Acme Club', exact: true }).click();
  await expect(demo.site.getByRole('heading', { name: 'Pick your membership' })).toBeVisible();
  await expect(page.getByTestId('preview-address')).toHaveText('https://www.acme-outfitters.example/pricing.html');

  await demo.floating.launcher.click();
  await demo.floating.part('call-button').click();
  await demo.floating.expectStatus('connected', 20_000);
  await expect(page.getByText('Call placed from /site/pricing.html · in progress')).toBeVisible();
  const shown = page.getByTestId('agent-page-context');
  await expect(shown).toBeVisible();
  const [pricingCall] = await sandboxCalls(sandbox);
  // The studio's context field, with the page's own facts over it; the studio shows exactly the agent's copy.
  expect(pricingCall?.page_context).toEqual({
    page: '/site/pricing.html',
    title: 'Acme Club pricing · Acme Outfitters',
    plan: 'pro',
  });
  expect(JSON.parse((await shown.textContent()) ?? '')).toEqual(pricingCall?.page_context);

  // Clicking through keeps the call: the product page's widget takes it over (same session, a second leg), and the
  // agent, and so the studio, now sees the product page.
  await demo.site.getByRole('link', { name: 'Daypacks', exact: true }).click();
  await expect(demo.site.getByRole('heading', { name: 'Ridge 32 daypack' })).toBeVisible();
  await demo.floating.expectStatus('connected', 30_000);
  const calls = await sandboxCalls(sandbox);
  expect(calls).toHaveLength(1);
  const [productCall] = calls;
  expect(productCall).toMatchObject({ call_sid: pricingCall?.call_sid, session_id: pricingCall?.session_id });
  expect(productCall?.state).toBe('connected');
  expect(productCall?.page_context).toMatchObject({ page: '/site/product.html' });
  await expect
    .poll(async () => JSON.parse((await shown.textContent()) ?? '{}') as unknown)
    .toEqual(productCall?.page_context);
  await demo.floating.part('end-button').click();
  await demo.floating.expectStatus('ended');
  await expect
    .poll(async () => (await sandboxCalls(sandbox)).map((call) => call.state), { timeout: 15_000 })
    .toEqual(['closed']);
});
