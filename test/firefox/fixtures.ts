// Fixtures for the real-call subset in Firefox: Playwright Test runs the tests (expect, polling, reports), but the
// browser is Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi (scripts/firefox.mjs), because
// Playwright cannot drive a stock Firefox. The sandbox, the customer's site, the event capture and the sandbox
// helpers are the Chromium suite's own (test/e2e); what differs is how the page is held.
import { test as base, expect } from '@playwright/test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { Sandbox, SandboxOptions } from '../../sandbox/server';
import type { SeedConfig } from '../../sandbox/seed';
import { startTestSandbox } from '../../sandbox/test/helpers';
import { firefoxLaunchOptions } from '../../scripts/firefox.mjs';
import { startCustomerSite, type CustomerSite } from '../e2e/customer-site';
import { assertInsideNamespace, e2eSeed } from '../e2e/fixtures';
import { INIT_SCRIPT, UNHANDLED_MARK, type PageProblems } from '../e2e/page-guards';
import { recordedEvents, waitForRecordedEvent, type KatavenEvent } from '../e2e/widget-view';

export { expect };

// 10.78.0.1 is namespace A's end of the split network's veth link (test/firefox/browser-netns.ts): on this machine.
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1', '10.78.0.1']);

/** The widget in a Firefox page, as a visitor sees it (shadow-DOM parts) and as the page sees it (events). */
export class FirefoxWidget {
  constructor(readonly page: Page) {}
  /** Clicks a shadow-DOM part once it is visible (puppeteer's `>>>` pierces the open shadow root). */
  async click(name: string, timeout = 10_000): Promise<void> {
    // An element handle, not a Locator: Locator.click never finds the widget's parts over BiDi.
    const element = await this.page.waitForSelector(`kataven-widget >>> [part~="${name}"]`, { visible: true, timeout });
    if (!element) throw new Error(`no part ${name}`);
    await element.click();
    await element.dispose();
  }
  /** Types into a shadow-DOM part (an input) as a visitor would. */
  async type(name: string, text: string): Promise<void> {
    const element = await this.page.waitForSelector(`kataven-widget >>> [part~="${name}"]`, { visible: true });
    if (!element) throw new Error(`no part ${name}`);
    await element.type(text);
    await element.dispose();
  }
  /** A computed style property of a part. */
  style(name: string, property: string): Promise<string | null> {
    return this.page.evaluate(
      (wanted, prop) => {
        const element = document.querySelector('kataven-widget')?.shadowRoot?.querySelector(`[part~="${wanted}"]`);
        return element ? getComputedStyle(element).getPropertyValue(prop) : null;
      },
      name,
      property,
    );
  }
  /** The part's text, or null when it is not rendered. */
  text(name: string): Promise<string | null> {
    return this.page.evaluate(
      (wanted) =>
        document
          .querySelector('kataven-widget')
          ?.shadowRoot?.querySelector(`[part~="${wanted}"]`)
          ?.textContent?.trim() ?? null,
      name,
    );
  }
  status(): Promise<string | null> {
    return this.page.evaluate(() => document.querySelector('kataven-widget')?.getAttribute('status') ?? null);
  }
  async expectStatus(status: string, timeout = 15_000): Promise<void> {
    await expect.poll(() => this.status(), { timeout, message: `widget status ${status}` }).toBe(status);
  }
  async expectText(name: string, expected: string | RegExp, timeout = 10_000): Promise<void> {
    const check =
      typeof expected === 'string'
        ? (text: string | null) => text?.includes(expected)
        : (text: string | null) => expected.test(text ?? '');
    await expect
      .poll(async () => check(await this.text(name)), { timeout, message: `part ${name}: ${String(expected)}` })
      .toBe(true);
  }
  /** All kataven-* events so far, in order (recorded by the Chromium suite's init script). */
  events(type?: string): Promise<KatavenEvent[]> {
    return recordedEvents(this.page, type);
  }
  waitForEvent(
    type: string,
    match?: (detail: Record<string, unknown>) => boolean,
    timeout?: number,
  ): Promise<KatavenEvent> {
    return waitForRecordedEvent(this.page, type, match, timeout);
  }
  async statusTrail(): Promise<string[]> {
    return (await this.events('kataven-status')).map((event) => String(event.detail?.['status']));
  }
}

interface FirefoxFixtures {
  seed: SeedConfig;
  sandboxOptions: SandboxOptions;
  sandbox: Sandbox;
  customer: CustomerSite;
  /** A fresh private window (its own cookies and storage) in the worker's Firefox. */
  firefoxPage: Page;
  /** Every URL the page requested (documents, scripts, fetches, the signaling WebSocket). */
  requests: string[];
  problems: PageProblems;
  widget: FirefoxWidget;
  /** Auto: after every test, zero requests off the machine and no page errors. */
  hygiene: void;
}

interface FirefoxWorkerFixtures {
  firefox: Browser;
}

export const test = base.extend<FirefoxFixtures, FirefoxWorkerFixtures>({
  firefox: [
    async ({}, use) => {
      assertInsideNamespace();
      const firefox = await puppeteer.launch(firefoxLaunchOptions());
      try {
        await use(firefox);
      } finally {
        await firefox.close();
      }
    },
    { scope: 'worker', timeout: 120_000 },
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

  requests: async ({}, use) => {
    await use([]);
  },

  problems: async ({}, use) => {
    const allowed: RegExp[] = [];
    const problems: PageProblems = {
      pageErrors: [],
      consoleErrors: [],
      allow: (...patterns) => allowed.push(...patterns),
      unexpectedConsoleErrors: () => problems.consoleErrors.filter((text) => !allowed.some((re) => re.test(text))),
    };
    await use(problems);
  },

  firefoxPage: async ({ firefox, requests, problems }, use) => {
    const context = await firefox.createBrowserContext();
    const page = await context.newPage();
    await watchPage(page, requests, problems);
    try {
      await use(page);
    } finally {
      await context.close();
    }
  },

  widget: async ({ firefoxPage }, use) => {
    await use(new FirefoxWidget(firefoxPage));
  },

  hygiene: [
    // Depends on the page and the servers, so it checks before they close (and before their closing is logged).
    async ({ requests, problems, sandbox: _sandbox, customer: _customer }, use, testInfo) => {
      await use();
      const offBox = requests.filter((url) => !isLocal(url));
      const report = (name: string, lines: string[]) =>
        lines.length ? testInfo.attach(name, { body: lines.join('\n'), contentType: 'text/plain' }) : undefined;
      await report('off-box-requests', offBox);
      await report('page-errors', problems.pageErrors);
      await report('console-errors', problems.consoleErrors);
      // Requests were seen (so the next check looked at something), and none tried to leave the machine.
      expect(requests.length, 'requests recorded').toBeGreaterThan(0);
      expect(offBox, 'requests that tried to leave the machine').toEqual([]);
      expect(problems.pageErrors, 'uncaught exceptions / unhandled rejections').toEqual([]);
      expect(problems.unexpectedConsoleErrors(), 'unexpected console errors').toEqual([]);
    },
    { auto: true },
  ],
});

/** Records the page's requests and problems for `hygiene`, and the kataven-* events (INIT_SCRIPT). */
export async function watchPage(page: Page, requests: string[], problems: PageProblems): Promise<void> {
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) =>
    problems.pageErrors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
  );
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (text.startsWith(UNHANDLED_MARK)) problems.pageErrors.push(text);
    else problems.consoleErrors.push(text);
  });
  await page.evaluateOnNewDocument(INIT_SCRIPT);
}

function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true;
  try {
    return LOCAL_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}
