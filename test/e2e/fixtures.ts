// Playwright fixtures for the end-to-end suite (and test/demo): a real sandbox per test, a customer website on a
// different origin, a guard that refuses (and fails the test on) any request leaving the machine, page error and
// console collection, and helpers to read the widget's shadow DOM, its events and the sandbox's view of calls.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { test as base, expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import type { CallView } from '../../sandbox/call-book';
import type { SeedConfig } from '../../sandbox/seed';
import type { Sandbox, SandboxOptions } from '../../sandbox/server';
import type { RequestLogEntry } from '../../sandbox/state';
import { serveStatic } from '../../sandbox/static-files';
import { API_KEY, DEMO_KEY, call, startTestSandbox, testSeed } from '../../sandbox/test/helpers';

export { expect };
export { API_KEY, DEMO_KEY };

type SeedAccount = SeedConfig['accounts'][number];

/** The branding every e2e seed starts with: distinct from the widget's defaults, so a test can tell them apart. */
export const BRAND = {
  primary_color: '#0f766e',
  primary_rgb: 'rgb(15, 118, 110)',
  accent_color: '#115e59',
  launcher_label: 'Ask Acme',
  privacy_notice: 'Acme records calls to train its staff.',
} as const;
export const GREETING = "Hi, I'm Ava.";
export const MEMBER_GREETING = 'Welcome back to the members line.';

/** The suite's seed: sandbox/test/helpers' testSeed with e2e branding, then the test's own edit. */
export function e2eSeed(edit: (account: SeedAccount, seed: SeedConfig) => void = () => undefined): SeedConfig {
  return testSeed((account, seed) => {
    account.branding = {
      primary_color: BRAND.primary_color,
      accent_color: BRAND.accent_color,
      launcher_label: BRAND.launcher_label,
      privacy_notice: BRAND.privacy_notice,
    };
    for (const agent of account.agents) agent.behaviour = { greeting: true, echo: true, captions: true };
    const members = account.agents.find((agent) => agent.id === 'agent_members');
    if (members) members.greeting_message = MEMBER_GREETING;
    edit(account, seed);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The customer's website: plain node:http on http://localhost:<port> (a secure context, so getUserMedia works),
// a different origin from the sandbox's https://127.0.0.1:<port>.

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

async function startCustomerSite(): Promise<{ site: CustomerSite; close(): Promise<void> }> {
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

// ---------------------------------------------------------------------------------------------------------------
// Zero off-box requests: every request of the context is routed; anything whose host is not loopback is aborted
// and recorded, and the test fails at teardown.

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export interface NetworkLog {
  /** Every URL the browser requested (after the guard let it through or aborted it), in order. */
  urls: string[];
  /** Requests that tried to leave the machine (aborted). Must stay empty. */
  blocked: string[];
  /** Count of requested URLs matching `pattern`. */
  count(pattern: RegExp): number;
}

export function createNetworkLog(): NetworkLog {
  const log: NetworkLog = {
    urls: [],
    blocked: [],
    count: (pattern) => log.urls.filter((url) => pattern.test(url)).length,
  };
  return log;
}

export async function guardContext(context: BrowserContext, log: NetworkLog): Promise<void> {
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    log.urls.push(url);
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      /* unparsable: blocked below */
    }
    if (LOCAL_HOSTS.has(host)) await route.continue();
    else {
      log.blocked.push(url);
      await route.abort('blockedbyclient');
    }
  });
  // route() does not see WebSockets; record any that are not local (host-resolver-rules already stops them).
  context.on('page', (page) => watchWebSockets(page, log));
  for (const page of context.pages()) watchWebSockets(page, log);
}

function watchWebSockets(page: Page, log: NetworkLog): void {
  page.on('websocket', (ws) => {
    log.urls.push(ws.url());
    if (!LOCAL_HOSTS.has(new URL(ws.url()).hostname)) log.blocked.push(ws.url());
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Page errors: uncaught exceptions and unhandled rejections always fail; console errors fail unless allowed.

export interface PageProblems {
  pageErrors: string[];
  consoleErrors: string[];
  /** Console errors matching one of these are expected in this test (e.g. the widget's own `[kataven-widget]`). */
  allow(...patterns: RegExp[]): void;
  unexpectedConsoleErrors(): string[];
}

const UNHANDLED_MARK = '[e2e] unhandledrejection:';

/** Runs before any page script: records every kataven-* event and reports unhandled rejections loudly. */
const INIT_SCRIPT = `(() => {
  const names = ['ready', 'status', 'call-start', 'call-connected', 'call-end', 'mute', 'message', 'error'];
  const events = (window.__katavenEvents = []);
  for (const name of names) {
    window.addEventListener('kataven-' + name, (event) => {
      let detail = null;
      try { detail = JSON.parse(JSON.stringify(event.detail ?? null)); } catch (e) { detail = String(e); }
      events.push({ type: event.type, detail, at: Date.now(), isTrusted: event.isTrusted, composed: event.composed });
    }, true);
  }
  window.addEventListener('unhandledrejection', (event) => {
    const reason = event.reason;
    console.error(${JSON.stringify(UNHANDLED_MARK)} + ' ' + (reason && reason.stack ? reason.stack : String(reason)));
  });
})();`;

/** Event capture, unhandled-rejection reporting and error collection for every page of `context`. */
export async function watchContext(context: BrowserContext, problems: PageProblems): Promise<void> {
  await context.addInitScript(INIT_SCRIPT);
  context.on('page', (page) => watchPage(page, problems));
  for (const page of context.pages()) watchPage(page, problems);
}

function watchPage(page: Page, problems: PageProblems): void {
  page.on('pageerror', (error) => problems.pageErrors.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    const where = message.location().url;
    if (text.startsWith(UNHANDLED_MARK)) problems.pageErrors.push(text);
    else problems.consoleErrors.push(where ? `${text} (${where})` : text);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The widget as a visitor sees it, and as the page sees it through events.

export interface KatavenEvent {
  type: string;
  detail: Record<string, unknown> | null;
  at: number;
  composed: boolean;
}

export class WidgetView {
  readonly host: Locator;
  constructor(readonly page: Page, selector = 'kataven-widget') {
    this.host = page.locator(selector);
  }
  /** A shadow-DOM part (Playwright's CSS locators pierce open shadow roots). */
  part(name: string): Locator {
    return this.host.locator(`[part~="${name}"]`);
  }
  get launcher(): Locator {
    return this.part('launcher');
  }
  get panel(): Locator {
    return this.part('panel');
  }
  get error(): Locator {
    return this.part('error');
  }
  get captions(): Locator {
    return this.host.locator('[role="log"]');
  }
  async expectStatus(status: string, timeout?: number): Promise<void> {
    await expect(this.host).toHaveAttribute('status', status, timeout === undefined ? {} : { timeout });
  }
  /** All kataven-* events so far, in order. */
  events(type?: string): Promise<KatavenEvent[]> {
    return this.page.evaluate(
      (wanted) =>
        ((window as unknown as { __katavenEvents?: KatavenEvent[] }).__katavenEvents ?? []).filter(
          (event) => !wanted || event.type === wanted,
        ),
      type ?? null,
    );
  }
  /** Waits until a kataven-* event of `type` (matching `match`, if given) has been dispatched; returns it. */
  async waitForEvent(
    type: string,
    match: (detail: Record<string, unknown>) => boolean = () => true,
    timeout = 15_000,
  ): Promise<KatavenEvent> {
    let found: KatavenEvent | undefined;
    await expect
      .poll(
        async () => {
          found = (await this.events(type)).find((event) => match(event.detail ?? {}));
          return Boolean(found);
        },
        { timeout, message: `waiting for a ${type} event` },
      )
      .toBe(true);
    return found!;
  }
  /** The sequence of statuses from kataven-status events. */
  async statusTrail(): Promise<string[]> {
    return (await this.events('kataven-status')).map((event) => String(event.detail?.['status']));
  }
  /** The largest scaleX of the level meter's bars right now (computed transform), or -1 with no meter. */
  meterScale(): Promise<number> {
    return this.host.evaluate((element) => {
      const bars = element.shadowRoot?.querySelectorAll<HTMLElement>('[part="meter"] span') ?? [];
      if (!bars.length) return -1;
      let max = 0;
      for (const bar of bars) {
        const transform = getComputedStyle(bar).transform;
        const match = /^matrix\(([^,]+),/.exec(transform);
        if (match) max = Math.max(max, Number(match[1]));
      }
      return max;
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The sandbox over the wire, as the demo and CI see it.

export async function sandboxCalls(sandbox: Sandbox): Promise<CallView[]> {
  const res = await call(sandbox, 'GET', '/sandbox/calls', { origin: null });
  if (res.status !== 200) throw new Error(`GET /sandbox/calls → ${res.status} ${res.text}`);
  return res.json<CallView[]>();
}

export async function sandboxRequests(sandbox: Sandbox): Promise<RequestLogEntry[]> {
  const res = await call(sandbox, 'GET', '/sandbox/requests', { origin: null });
  if (res.status !== 200) throw new Error(`GET /sandbox/requests → ${res.status} ${res.text}`);
  return res.json<RequestLogEntry[]>();
}

export async function injectFault(sandbox: Sandbox, fault: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await call(sandbox, 'POST', '/sandbox/faults', { origin: null, body: fault });
  if (res.status !== 200) throw new Error(`POST /sandbox/faults → ${res.status} ${res.text}`);
  return res.json();
}

/** Polls GET /sandbox/calls until exactly one call exists and `check` passes on it; returns that call. */
export async function waitForCall(
  sandbox: Sandbox,
  check: (call: CallView) => boolean,
  options: { timeout?: number; message?: string } = {},
): Promise<CallView> {
  let last: CallView | undefined;
  await expect
    .poll(
      async () => {
        const calls = await sandboxCalls(sandbox);
        last = calls[calls.length - 1];
        return calls.length === 1 && last !== undefined && check(last);
      },
      { timeout: options.timeout ?? 15_000, message: options.message ?? 'waiting for the sandbox call' },
    )
    .toBe(true);
  return last!;
}

// ---------------------------------------------------------------------------------------------------------------

interface E2EFixtures {
  /** Edit the e2e seed for this test (`test.use({ seed: e2eSeed((account) => …) })`). */
  seed: SeedConfig;
  /** Extra sandbox options (heartbeat, grace period). */
  sandboxOptions: SandboxOptions;
  sandbox: Sandbox;
  customer: CustomerSite;
  network: NetworkLog;
  problems: PageProblems;
  widget: WidgetView;
  /** Auto: checks, after every test, zero off-box requests and no page errors. */
  hygiene: void;
}

/** The interfaces scripts/netns.sh creates; anything else means we are not inside its namespace. */
const NAMESPACE_INTERFACES = new Set(['lo', 'kv0', 'kv1']);

/** Refuses to run where test traffic could reach a real network (project rule, notes §9). */
function assertInsideNamespace(): void {
  const foreign = Object.keys(os.networkInterfaces()).filter((name) => !NAMESPACE_INTERFACES.has(name));
  if (foreign.length) {
    throw new Error(
      `e2e tests run only inside the private network namespace, but this one has ${foreign.join(', ')}. ` +
        'Use `npm run test:e2e` or `sh scripts/netns.sh npx playwright test …`.',
    );
  }
}

interface WorkerFixtures {
  /** Auto, once per worker: we are inside scripts/netns.sh's namespace. */
  privateNetwork: void;
}

export const test = base.extend<E2EFixtures, WorkerFixtures>({
  privateNetwork: [
    async ({}, use) => {
      assertInsideNamespace();
      await use();
    },
    { auto: true, scope: 'worker' },
  ],

  seed: [e2eSeed(), { option: true }],
  sandboxOptions: [{}, { option: true }],

  sandbox: async ({ seed, sandboxOptions }, use) => {
    const sandbox = await startTestSandbox(seed, sandboxOptions);
    try {
      await use(sandbox);
    } finally {
      await sandbox.close();
    }
  },

  customer: async ({}, use) => {
    const { site, close } = await startCustomerSite();
    try {
      await use(site);
    } finally {
      await close();
    }
  },

  network: async ({ context }, use) => {
    const log = createNetworkLog();
    await guardContext(context, log);
    await use(log);
  },

  problems: async ({ context }, use) => {
    const allowed: RegExp[] = [];
    const problems: PageProblems = {
      pageErrors: [],
      consoleErrors: [],
      allow: (...patterns) => allowed.push(...patterns),
      unexpectedConsoleErrors: () => problems.consoleErrors.filter((text) => !allowed.some((re) => re.test(text))),
    };
    await watchContext(context, problems);
    await use(problems);
  },

  widget: async ({ page }, use) => {
    await use(new WidgetView(page));
  },

  hygiene: [
    async ({ network, problems }, use, testInfo) => {
      await use();
      // Evaluated even when the test body failed, so a leak is always reported.
      const report = (name: string, lines: string[]) =>
        lines.length ? testInfo.attach(name, { body: lines.join('\n'), contentType: 'text/plain' }) : undefined;
      await report('off-box-requests', network.blocked);
      await report('page-errors', problems.pageErrors);
      await report('console-errors', problems.consoleErrors);
      expect(network.blocked, 'requests that tried to leave the machine').toEqual([]);
      expect(problems.pageErrors, 'uncaught exceptions / unhandled rejections').toEqual([]);
      expect(problems.unexpectedConsoleErrors(), 'unexpected console errors').toEqual([]);
    },
    { auto: true },
  ],
});
