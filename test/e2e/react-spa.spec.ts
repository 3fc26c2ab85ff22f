// @kataven/widget/react in a customer's React app: rendered on the server with react-dom/server, built with Vite
// (the package linked into node_modules the way `npm install` places it, so its "exports" decide what loads),
// hydrated in the browser without a mismatch, and a real call placed through it with onCallConnected observed.
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { DEMO_KEY, expect, test, waitForCall } from './fixtures';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const fixture = path.join(here, 'fixtures/react-spa');
let workDir = '';
let appDir = '';
let serverMarkup = '';

test.beforeAll(async () => {
  // The server render, as a Node server would do it (the same app module the browser hydrates).
  const { createElement } = await import('react');
  const { renderToString } = await import('react-dom/server');
  const { App } = (await import(path.join(fixture, 'app.js'))) as { App: (props: unknown) => unknown };
  serverMarkup = renderToString(createElement(App as never, { config: {} }));

  workDir = await mkdtemp(path.join(os.tmpdir(), 'kataven-react-spa-'));
  for (const file of ['app.js', 'main.js']) await copyFile(path.join(fixture, file), path.join(workDir, file));
  const html = await readFile(path.join(fixture, 'index.html'), 'utf8');
  await writeFile(path.join(workDir, 'index.html'), html.replace('<!--ssr-->', serverMarkup));
  await mkdir(path.join(workDir, 'node_modules/@kataven'), { recursive: true });
  await symlink(repoRoot, path.join(workDir, 'node_modules/@kataven/widget'), 'dir');
  for (const name of ['react', 'react-dom']) {
    await symlink(path.join(repoRoot, 'node_modules', name), path.join(workDir, 'node_modules', name), 'dir');
  }
  appDir = path.join(workDir, 'dist');
  await build({
    root: workDir,
    configFile: false,
    logLevel: 'warn',
    build: { outDir: appDir, emptyOutDir: true, target: 'es2022', minify: false },
  });
});

test.afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

test('React: server-rendered <KatavenWidget> hydrates, and a real call fires onCallConnected', async ({
  page,
  sandbox,
  customer,
  widget,
}) => {
  // The server sent the bare tag: no key, no handlers, nothing but the element.
  expect(serverMarkup).toContain('<kataven-widget defer-hydration=""></kataven-widget>');

  customer.dir(appDir);
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
  const live = await waitForCall(
    sandbox,
    (c) => c.state === 'connected' && c.packets_from_caller > 0 && c.packets_to_caller > 0,
    { message: 'a connected call with media from the React app' },
  );
  expect(live).toMatchObject({ agent_id: 'agent_ava', session_id: sessionId });

  await widget.part('end-button').click();
  await expect(page.locator('#log')).toHaveText(/ end:local$/);
  await waitForCall(sandbox, (c) => c.state === 'closed');
});
