// Playwright fixtures for the end-to-end suite (and test/demo): a real sandbox per test, a customer website on a
// different origin (customer-site.ts), a guard that refuses (and fails the test on) any request leaving the machine,
// page error and console collection (page-guards.ts), the widget's shadow DOM and events (widget-view.ts), and the
// sandbox's view of calls. Specs import everything from here.
import os from 'node:os';
import { test as base, expect, type Page } from '@playwright/test';
import type { CallView } from '../../sandbox/call-book';
import type { SeedConfig } from '../../sandbox/seed';
import type { Sandbox, SandboxOptions } from '../../sandbox/server';
import type { RequestLogEntry } from '../../sandbox/state';
import { API_KEY, DEMO_KEY, call, startTestSandbox, testSeed } from '../../sandbox/test/helpers';
import { scriptTagPage, startCustomerSite, type CustomerSite } from './customer-site';
import { createNetworkLog, guardContext, watchContext, type NetworkLog, type PageProblems } from './page-guards';
import { WidgetView } from './widget-view';

export { expect };
export { API_KEY, DEMO_KEY };
export { dataAttributePage, scriptTagPage, type CustomerSite } from './customer-site';
export { createNetworkLog, guardContext, watchContext, type NetworkLog, type PageProblems } from './page-guards';
export { WidgetView, type KatavenEvent } from './widget-view';

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
// The sandbox over the wire, as the demo and CI see it.

export async function sandboxCalls(sandbox: Sandbox): Promise<CallView[]> {
  const res = await call(sandbox, 'GET', '/sandbox/calls', { origin: null });
  if (res.status !== 200) throw new Error(`GET /sandbox/calls → ${res.status} ${res.text}`);
  return res.json<CallView[]>();
}

/** Packets of the (only) sandbox call so far, each way (-1 with no call). */
export interface CallPackets {
  from: number;
  to: number;
}

export async function callPackets(sandbox: Sandbox): Promise<CallPackets> {
  const [only] = await sandboxCalls(sandbox);
  return { from: only?.packets_from_caller ?? -1, to: only?.packets_to_caller ?? -1 };
}

/**
 * Both media directions of the (only) sandbox call grow by more than `min` packets (20 ms packets: 50 a second) from
 * `before`, or from now.
 */
export async function expectMediaFlowing(
  sandbox: Sandbox,
  before?: CallPackets,
  { min = 50, message = 'packets flowing both ways' }: { min?: number; message?: string } = {},
): Promise<void> {
  const from = before ?? (await callPackets(sandbox));
  await expect
    .poll(
      async () => {
        const now = await callPackets(sandbox);
        return Math.min(now.from - from.from, now.to - from.to);
      },
      { message, timeout: 10_000 },
    )
    .toBeGreaterThan(min);
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

/** More than `morePacketsThan` packets each way (20 ms packets: 50 a second). */
export interface MediaBothWays {
  morePacketsThan: number;
  /** Also: the agent hears sound from the caller (a level above zero), not only packets of silence. */
  callerAudible?: boolean;
}

/** A `waitForCall` check: the call is connected and media flows both ways (see MediaBothWays). */
export function mediaBothWays({ morePacketsThan, callerAudible = false }: MediaBothWays): (call: CallView) => boolean {
  return (call) =>
    call.state === 'connected' &&
    call.packets_from_caller > morePacketsThan &&
    call.packets_to_caller > morePacketsThan &&
    (!callerAudible || call.caller_level > 0);
}

// ---------------------------------------------------------------------------------------------------------------
// The customer's page as most specs start it.

/**
 * Opens the customer's page with the documented script-tag embed of agent_ava (the demo key) in `widget`'s page and
 * waits until the widget is ready with its launcher on screen.
 */
export async function openAvaPage(sandbox: Sandbox, customer: CustomerSite, widget: WidgetView): Promise<void> {
  await widget.page.goto(
    customer.page(scriptTagPage(sandbox, { publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase })),
  );
  await widget.expectStatus('ready');
  await expect(widget.launcher).toBeVisible();
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * The sandbox's clock (its `now` option): real time plus an offset the test moves forward, so token expiry, grants and
 * cost-cap windows are reached without waiting for them. The sandbox runs in the test's process, so nothing of this
 * goes over the wire; pair it with Playwright's `page.clock` to move the browser's time too (see `advanceTime`).
 */
export interface SandboxClock {
  now(): number;
  advance(ms: number): void;
}

/**
 * Moves the page's clock and the sandbox's forward together by `ms`, in steps short enough that nothing watching the
 * live call in real time mistakes the jump for a dead line: the widget's media watchdog calls a line stalled after
 * 1 s (on the page's clock) without a new packet, the Twilio SDK reconnects a socket that hears nothing for 15 s. A
 * short real pause between steps lets packets and signaling messages arrive. The page needs `page.clock.install()`
 * before it loads; the sandbox's clock moves first, so every token the page holds is checked against a time at least
 * as late as the page's own.
 */
export async function advanceTime(page: Page, clock: SandboxClock, ms: number): Promise<void> {
  const STEP_MS = 400;
  for (let moved = 0; moved < ms; moved += STEP_MS) {
    const step = Math.min(STEP_MS, ms - moved);
    clock.advance(step);
    await page.clock.fastForward(step);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface E2EFixtures {
  /** Edit the e2e seed for this test (`test.use({ seed: e2eSeed((account) => …) })`). */
  seed: SeedConfig;
  /** Extra sandbox options (heartbeat, grace period). */
  sandboxOptions: SandboxOptions;
  /** The sandbox's movable clock. */
  sandboxClock: SandboxClock;
  sandbox: Sandbox;
  customer: CustomerSite;
  network: NetworkLog;
  problems: PageProblems;
  widget: WidgetView;
  /** Auto: checks, after every test, zero off-box requests and no page errors. */
  hygiene: void;
}

/**
 * The interfaces scripts/netns.sh creates (and kvb0, A's end of scripts/browser-netns.sh's link while a split-network
 * test runs); anything else means we are not inside its namespace.
 */
const NAMESPACE_INTERFACES = new Set(['lo', 'kv0', 'kv1', 'kvb0']);

/** Refuses to run where test traffic could reach a real network (project rule, notes §9). */
export function assertInsideNamespace(): void {
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

  sandboxClock: async ({}, use) => {
    let offset = 0;
    await use({ now: () => Date.now() + offset, advance: (ms) => (offset += ms) });
  },

  sandbox: async ({ seed, sandboxOptions, sandboxClock }, use) => {
    const sandbox = await startTestSandbox(seed, { now: sandboxClock.now, ...sandboxOptions });
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
