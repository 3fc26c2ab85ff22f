// The customer's website: plain node:http on http://localhost:<port> (a secure context, so getUserMedia works),
// a different origin from the sandbox's https://127.0.0.1:<port>.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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

export async function startCustomerSite(): Promise<{ site: CustomerSite; close(): Promise<void> }> {
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
    servers[0]!.once('error', reject).listen(0, '127.0.0.1', () => resolve());
  });
  const port = (servers[0]!.address() as AddressInfo).port;
  // `localhost` may resolve to ::1 first; answer there too when the namespace has IPv6 loopback.
  const v6 = createServer(handler);
  await new Promise<void>((resolve) => {
    v6.once('error', () => resolve()).listen(port, '::1', () => {
      servers.push(v6);
      resolve();
    });
  });
  const origin = `http://localhost:${port}`;
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

/** The documented script-tag embed (DESIGN.md section 1), as a customer would paste it. */
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
