// "Your site": the Content-Security-Policy directives, the allowlist entry and the user-token server code the studio
// generates, each held to what the real widget and the sandbox require.
import { call } from '../../sandbox/test/helpers';
import { API_KEY, DEMO_KEY, expect, mediaBothWays, test, waitForCall } from './fixtures';

test('a page under exactly the generated policy, on the allowlisted origin, holds a real call with zero violations', async ({
  demo,
  page,
  sandbox,
  customer,
  widget,
}) => {
  await demo.open();
  // A logo, so the policy needs img-src too; saved, so the customer's page gets it from the server.
  await page.getByRole('button', { name: 'Use sample' }).click();
  await page.getByRole('button', { name: 'Save to sandbox' }).click();
  await expect(page.getByText(/^Saved to the sandbox/)).toBeVisible();
  await page.getByRole('tab', { name: 'Your site' }).click();
  await demo.field('Your site’s address').fill(`${customer.origin}/checkout?step=2`);

  const directives = (await demo.snippet('site-0')).split('\n');
  const host = new URL(sandbox.url).host;
  expect(directives).toEqual([
    'script-src https://widget.kataven.ai',
    `connect-src ${sandbox.url} wss://${host}`,
    `img-src ${sandbox.url}`,
  ]);
  expect(await demo.snippet('site-2')).toBe(customer.origin);
  const allowlist = JSON.parse(await demo.snippet('site-3')) as unknown;
  const embed = await demo.snippet('data-0');

  // The admin API takes the generated body; then the key answers the customer's origin and no other.
  const patched = await call(sandbox, 'PATCH', '/v1/widget-keys/wk_demo', {
    origin: null,
    bearer: API_KEY,
    body: allowlist,
  });
  expect(patched.status, patched.text).toBe(200);
  expect(patched.json<{ domain_allowlist: string[] }>().domain_allowlist).toEqual([customer.origin]);
  const config = `/v1/widget/config?client_key=${DEMO_KEY}&agent_id=agent_ava`;
  expect((await call(sandbox, 'GET', config, { origin: customer.origin })).status).toBe(200);
  expect((await call(sandbox, 'GET', config, { origin: sandbox.url })).status).toBe(403);

  // The snippet loads the widget from the CDN origin the policy names. This machine has no such host, so the
  // sandbox's copy of the same build answers under that origin: the browser enforces the policy as written.
  await page.route('https://widget.kataven.ai/**', async (route) => {
    const response = await route.fetch({ url: `${sandbox.url}${new URL(route.request().url()).pathname}` });
    await route.fulfill({ response });
  });
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
    );
  });
  // Nothing is allowed but what the generated directives allow.
  const policy = ["default-src 'none'", ...directives].join('; ');
  await page.goto(
    customer.page(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${policy}" />
    <title>Acme checkout</title>
  </head>
  <body>
    <h1>Acme checkout</h1>
    ${embed}
  </body>
</html>`),
  );
  const logo = widget.launcher.locator('[part="logo"]');
  await expect(logo).toHaveAttribute('src', `${sandbox.url}/sample-logo.svg`);
  await expect.poll(() => logo.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  await widget.launcher.click();
  await widget.part('call-button').click();
  await widget.expectStatus('connected', 20_000);
  await waitForCall(sandbox, mediaBothWays({ morePacketsThan: 20 }));
  await widget.part('end-button').click();
  await widget.expectStatus('ended');
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
});

/** The URL and JSON body of the generated server code's fetch(). */
function requestOf(code: string): { url: string; body: Record<string, unknown> } {
  const url = /fetch\(("[^"]+")/.exec(code)?.[1];
  const body = /body: JSON\.stringify\(([\s\S]*?)\),\n\}\);/.exec(code)?.[1];
  if (!url || !body) throw new Error(`no fetch() in:\n${code}`);
  return { url: JSON.parse(url) as string, body: JSON.parse(body) as Record<string, unknown> };
}

test('the user-token server code sends what the sandbox accepts, with the signed context', async ({
  demo,
  page,
  sandbox,
}) => {
  await demo.open();
  await page.getByRole('tab', { name: 'Your site' }).click();
  const mint = async (request: { url: string; body: Record<string, unknown> }) => {
    const res = await call(sandbox, 'POST', new URL(request.url).pathname, {
      origin: null,
      bearer: API_KEY,
      body: request.body,
    });
    expect(res.status, res.text).toBe(200);
    return res.json<{ user_token: string }>().user_token;
  };

  const plain = requestOf(await demo.snippet('site-1'));
  expect(plain.url).toBe(`${sandbox.apiBase}/widget/auth/user-token`);
  expect(plain.body).not.toHaveProperty('context');
  expect(await mint(plain)).toMatch(/^ut_/);

  await demo.field('Signed context (JSON)').fill('{ "plan": "gold", "vip": true }');
  const signed = requestOf(await demo.snippet('site-1'));
  expect(signed.body['context']).toEqual({ plan: 'gold', vip: true });
  const token = await mint(signed);
  // The token works as the page would use it: exchanged for a visitor session.
  const exchanged = await call(sandbox, 'POST', '/v1/widget/auth/exchange', {
    body: { client_key: DEMO_KEY, user_token: token, agent_id: 'agent_ava' },
  });
  expect(exchanged.status, exchanged.text).toBe(200);

  // A context the API would refuse is flagged in the studio.
  await demo.field('Signed context (JSON)').fill('{ "cart": { "items": 2 } }');
  await expect(demo.field('Signed context (JSON)')).toHaveAttribute('aria-invalid', 'true');
  expect(await demo.messageOf('Signed context (JSON)')).toContain('leaves out');
});
