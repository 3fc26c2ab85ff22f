// What every e2e page is held to, recorded per browser context and checked by the `hygiene` fixture.
import type { BrowserContext, Page } from '@playwright/test';

// Zero off-box requests: every request of the context is routed; anything whose host is not loopback is aborted
// and recorded, and the test fails at teardown.

// 10.78.0.1 is namespace A's end of the split-network link (scripts/browser-netns.sh), on this machine too.
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1', '10.78.0.1']);

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

export const UNHANDLED_MARK = '[e2e] unhandledrejection:';

/** Runs before any page script: records every kataven-* event and reports unhandled rejections loudly. */
export const INIT_SCRIPT = `(() => {
  const names = ['ready', 'status', 'call-start', 'call-connected', 'call-end', 'mute', 'message', 'error', 'open', 'close', 'feedback', 'network-quality'];
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
