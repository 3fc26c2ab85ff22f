// @kataven/widget/react in a customer's React app: rendered on the server with react-dom/server, built with Vite
// (the package linked into node_modules the way `npm install` places it, so its "exports" decide what loads),
// hydrated in the browser without a mismatch, and a real call placed through it with onCallConnected observed; then a
// client-side route change to a page with its own <KatavenWidget>, which takes the call over with no request.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCustomerSpa, type CustomerSpa } from './customer-site';
import {
  DEMO_KEY,
  callPackets,
  expect,
  expectMediaFlowing,
  mediaBothWays,
  sandboxCalls,
  sandboxRequests,
  test,
  waitForCall,
} from './fixtures';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/react-spa');
let app: CustomerSpa | undefined;
let serverMarkup = '';

test.beforeAll(async () => {
  // The server render, as a Node server would do it (the same app module the browser hydrates).
  const { createElement } = await import('react');
  const { renderToString } = await import('react-dom/server');
  const { App } = (await import(path.join(fixture, 'app.js'))) as { App: (props: unknown) => unknown };
  serverMarkup = renderToString(createElement(App as never, { config: {} }));
  app = await buildCustomerSpa('react-spa', {
    html: (html) => html.replace('<!--ssr-->', serverMarkup),
    dependencies: ['react', 'react-dom'],
  });
});

test.afterAll(async () => {
  await app?.remove();
});

test('React: server-rendered <KatavenWidget> hydrates, a real call fires onCallConnected and survives a route change', async ({
  page,
  sandbox,
  customer,
  widget,
}) => {
  // The server sent the bare tag: no key, no handlers, nothing but the element.
  expect(serverMarkup).toContain('<kataven-widget defer-hydration=""></kataven-widget>');

  customer.dir(app!.dir);
  customer.json('/api/kataven-config', { clientKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase });
  await page.goto(`${customer.origin}/`);

  await expect(page.locator('#log')).toHaveText('ready:Ava');
  // Hydration kept the server's element (a mismatch would also log a console error, which fails the test).
  expect(await page.evaluate(() => (window as unknown as { __hydration: unknown }).__hydration)).toEqual({
    keptServerElement: true,
  });
  // Props went to the element as properties: the key is not in the DOM as an attribute.
  expect(await widget.host.getAttribute('client-key')).toBeNull();
  expect(await widget.host.evaluate((element) => (element as HTMLElement & { clientKey: string }).clientKey)).toBe(
    DEMO_KEY,
  );

  await widget.launcher.click();
  await widget.part('call-button').click();
  await widget.expectStatus('connected', 15_000);
  await expect(page.locator('#log')).toHaveText(/^ready:Ava connected:sess_\S+$/);
  const sessionId = (await page.locator('#log').textContent())?.split('connected:')[1];
  const live = await waitForCall(sandbox, mediaBothWays({ morePacketsThan: 0 }), {
    message: 'a connected call with media from the React app',
  });
  expect(live).toMatchObject({ agent_id: 'agent_ava', session_id: sessionId });

  // A client-side route change: React unmounts this page's <KatavenWidget> and mounts the next page's.
  const home = await widget.host.elementHandle();
  await page.getByRole('link', { name: 'Pricing' }).click();
  await expect(page.getByRole('heading', { name: 'Pricing' })).toBeVisible();
  await expect(page).toHaveURL(`${customer.origin}/pricing`);
  expect(await home?.evaluate((element) => element.isConnected)).toBe(false);
  // The new element has the call as it was, at once: connected, the panel open.
  await expect(page.locator('#log')).toHaveText(/ pricing:connected$/);
  await widget.expectStatus('connected');
  await expect(widget.panel).toBeVisible();
  // The same call goes on: media both ways after the change, one call with one leg, the same session.
  await expectMediaFlowing(sandbox, await callPackets(sandbox), { message: 'media both ways after the route change' });
  const calls = await sandboxCalls(sandbox);
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ state: 'connected', session_id: sessionId });
  expect(calls[0]?.legs).toHaveLength(1);
  // Nothing went over the wire for it: one config, one /widget/connect (route 1's), no resume.
  const paths = (await sandboxRequests(sandbox)).map((request) => `${request.method} ${request.path}`);
  expect(paths.filter((path) => path === 'POST /v1/widget/connect')).toHaveLength(1);
  expect(paths.filter((path) => path.startsWith('GET /v1/widget/config'))).toHaveLength(1);
  expect(paths.filter((path) => path.includes('/widget/connect/resume'))).toEqual([]);

  await widget.part('end-button').click();
  await expect(page.locator('#log')).toContainText(' end:local');
  await waitForCall(sandbox, (c) => c.state === 'closed');
});
