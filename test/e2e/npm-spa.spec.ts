// The npm package in a customer's SPA: a Vite app that depends on @kataven/widget (linked into its node_modules the way
// `npm install` would place it, so `exports` decides what `@kataven/widget/define` is: dist/lib), with a signed-in
// visitor whose user token the customer's backend minted with its secret key.
import { call } from '../../sandbox/test/helpers';
import { buildCustomerSpa, type CustomerSpa } from './customer-site';
import { API_KEY, DEMO_KEY, expect, mediaBothWays, MEMBER_GREETING, test, waitForCall } from './fixtures';

let app: CustomerSpa | undefined;

test.beforeAll(async () => {
  app = await buildCustomerSpa('spa');
});

test.afterAll(async () => {
  await app?.remove();
});

test('npm package in a Vite SPA: a signed-in visitor calls the members-only agent', async ({
  page,
  sandbox,
  customer,
  network,
  widget,
}) => {
  // The customer's backend mints a user token with its secret key (server to server, no browser involved).
  const minted = await call(sandbox, 'POST', '/v1/widget/auth/user-token', {
    origin: null,
    bearer: API_KEY,
    body: { external_user_id: 'user-42', display_name: 'Dana Member' },
  });
  expect(minted.status).toBe(200);
  const { user_token: userToken } = minted.json<{ user_token: string }>();
  expect(userToken).toMatch(/^ut_/);

  customer.dir(app!.dir);
  customer.json('/api/kataven-session', {
    displayName: 'Dana Member',
    clientKey: DEMO_KEY,
    agentId: 'agent_members',
    apiBase: sandbox.apiBase,
    userToken,
  });
  await page.goto(`${customer.origin}/`);
  await expect(page.locator('#app')).toHaveText('Signed in as Dana Member');
  expect(await page.evaluate(() => (window as unknown as { __spa: { isKatavenWidget: boolean } }).__spa)).toEqual({
    isKatavenWidget: true,
  });

  // The widget code came from the customer's own bundle, not from the sandbox's CDN files.
  expect(network.count(/\/v1\.js$|\/kataven-widget\.js$/)).toBe(0);
  expect(network.urls.filter((url) => url.startsWith(customer.origin) && url.endsWith('.js')).length).toBeGreaterThan(
    0,
  );
  // The token is a property, never an attribute.
  expect(await widget.host.evaluate((element) => element.outerHTML)).not.toContain(userToken);

  await expect(widget.launcher).toBeVisible();
  await widget.expectStatus('ready');
  await widget.launcher.click();
  await widget.part('call-button').click();
  // The members-only agent has consent_required: nothing is dialled until the visitor agrees.
  const agree = widget.part('agree-button');
  await expect(agree).toHaveText('Agree and start call');
  expect(sandbox.requests().filter((r) => r.path === '/v1/widget/connect')).toEqual([]);
  await agree.click();
  await widget.expectStatus('connected', 15_000);

  const live = await waitForCall(sandbox, mediaBothWays({ morePacketsThan: 0 }), {
    message: 'a connected call with media from the SPA',
  });
  expect(live).toMatchObject({ agent_id: 'agent_members', visitor_kind: 'user' });
  expect(sandbox.requests()).toContainEqual(
    expect.objectContaining({ method: 'POST', path: '/v1/widget/auth/exchange', status: 200, origin: customer.origin }),
  );
  expect(sandbox.requests().filter((r) => r.path === '/v1/widget/auth/guest')).toEqual([]);
  await expect(widget.captions).toContainText(MEMBER_GREETING);

  await widget.part('end-button').click();
  await widget.expectStatus('ended');
  await waitForCall(sandbox, (c) => c.state === 'closed');
});
