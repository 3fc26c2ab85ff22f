// The customer's website: plain node:http on http://localhost:<port> (a secure context, so getUserMedia works),
// a different origin from the sandbox's https://127.0.0.1:<port>.
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '../../sandbox/server';
import { serveStatic } from '../../sandbox/static-files';

export interface CustomerSite {
  /** http://localhost:PORT */
  origin: string;
  port: number;
  /** Serves `html` at `pathname` (default `/`) and returns its absolute URL. */
  page(html: string, pathname?: string): string;
  /** Serves JSON at `pathname` (the customer's "backend"). */
  json(pathname: string, body: unknown): void;
  /** Serves the files of `dir` from the site's root (e.g. a built SPA), as the sandbox serves its own. */
  dir(dir: string): void;
  /** Paths the browser asked this site for. */
  hits: string[];
}

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json';

/** `host`: listen there instead of loopback (the split-network tests serve pages from namespace A's veth address). */
export async function startCustomerSite(
  options: { host?: string } = {},
): Promise<{ site: CustomerSite; close(): Promise<void> }> {
  const pages = new Map<string, { type: string; body: string }>();
  const dirs: string[] = [];
  const hits: string[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    hits.push(pathname);
    if (pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    const fixed = pages.get(pathname);
    if (fixed) {
      res.writeHead(200, { 'Content-Type': fixed.type, 'Cache-Control': 'no-store' });
      res.end(fixed.body);
      return;
    }
    serveStatic(req, res, dirs).catch(() => res.destroy());
  };
  const servers: Server[] = [createServer(handler)];
  await new Promise<void>((resolve, reject) => {
    servers[0]!.once('error', reject).listen(0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (servers[0]!.address() as AddressInfo).port;
  if (!options.host) {
    // `localhost` may resolve to ::1 first; answer there too when the namespace has IPv6 loopback.
    const v6 = createServer(handler);
    await new Promise<void>((resolve) => {
      v6.once('error', () => resolve()).listen(port, '::1', () => {
        servers.push(v6);
        resolve();
      });
    });
  }
  const origin = `http://${options.host ?? 'localhost'}:${port}`;
  const site: CustomerSite = {
    origin,
    port,
    hits,
    page(html, pathname = '/') {
      pages.set(pathname, { type: HTML, body: html });
      return `${origin}${pathname}`;
    },
    json(pathname, body) {
      pages.set(pathname, { type: JSON_TYPE, body: JSON.stringify(body) });
    },
    dir(dir) {
      dirs.push(dir);
    },
  };
  return {
    site,
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      ).then(() => undefined),
  };
}

/** The documented script-tag embed (README, "Script tag"), as a customer would paste it. */
export function scriptTagPage(sandbox: Sandbox, init: Record<string, unknown>): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Acme Inc.</title></head>
  <body>
    <h1>Acme Inc.</h1>
    <p>Welcome to our shop.</p>
    <script src="${sandbox.url}/v1.js"></script>
    <script>Kataven.init(${JSON.stringify(init)});</script>
  </body>
</html>`;
}

/** The data-attribute form of the embed. */
export function dataAttributePage(sandbox: Sandbox, attributes: Record<string, string>): string {
  const attrs = Object.entries(attributes)
    .map(([name, value]) => `${name}="${value.replace(/"/g, '&quot;')}"`)
    .join(' ');
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Acme Inc.</title></head>
  <body>
    <h1>Acme Inc.</h1>
    <script src="${sandbox.url}/v1.js" ${attrs} async></script>
  </body>
</html>`;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CustomerSpa {
  /** The built app, to serve with `site.dir()`. */
  dir: string;
  /** Deletes the app's working copy. */
  remove(): Promise<void>;
}

/**
 * Builds a customer's single-page app from `test/e2e/fixtures/<name>` with Vite, in a temporary folder where
 * @kataven/widget is linked into node_modules the way `npm install` places it (so its `exports` decide what loads).
 * `html` rewrites index.html before the build (e.g. to put a server render in); `dependencies` links more packages
 * from this repo's node_modules (e.g. react).
 */
export async function buildCustomerSpa(
  name: string,
  options: { html?: (html: string) => string; dependencies?: string[] } = {},
): Promise<CustomerSpa> {
  const fixture = path.join(repoRoot, 'test/e2e/fixtures', name);
  const workDir = await mkdtemp(path.join(os.tmpdir(), `kataven-${name}-`));
  const remove = () => rm(workDir, { recursive: true, force: true });
  try {
    for (const file of await readdir(fixture)) await copyFile(path.join(fixture, file), path.join(workDir, file));
    if (options.html) {
      const index = path.join(workDir, 'index.html');
      await writeFile(index, options.html(await readFile(index, 'utf8')));
    }
    await mkdir(path.join(workDir, 'node_modules/@kataven'), { recursive: true });
    await symlink(repoRoot, path.join(workDir, 'node_modules/@kataven/widget'), 'dir');
    for (const dependency of options.dependencies ?? []) {
      await symlink(
        path.join(repoRoot, 'node_modules', dependency),
        path.join(workDir, 'node_modules', dependency),
        'dir',
      );
    }
    const dir = path.join(workDir, 'dist');
    // Loaded here, not at the top: every spec imports this module, few build an app.
    const { build } = await import('vite');
    await build({
      root: workDir,
      configFile: false,
      logLevel: 'warn',
      build: { outDir: dir, emptyOutDir: true, target: 'es2022', minify: false },
    });
    return { dir, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
