// The split network for fault tests (scripts/browser-netns.sh): the sandbox and the customer's site stay in the
// runner's namespace ("A"), the browser runs in namespace "B", and the test cuts, restores or re-addresses the one
// veth link between them. Specs get a `split` fixture: its own browser, page and widget, plus the link controls.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { startCustomerSite, type CustomerSite } from './customer-site';
import { e2eSeed, guardContext, test as base, watchContext, WidgetView } from './fixtures';

const run = promisify(execFile);
const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/browser-netns.sh');

/** Namespace A's end of the link: the sandbox and the customer's pages, as the browser in B reaches them. */
export const A_ADDRESS = '10.78.0.1';
/** Addresses B may have: its first one and the ones a test moves it to. */
export const B_ADDRESSES = ['10.78.0.2', '10.78.0.3', '10.78.0.4'] as const;

/** Allow-list entry for the widget key: pages served from A's address (plain HTTP, port varies). */
export const SPLIT_ALLOWLIST = `${A_ADDRESS}:*`;

/** The e2e seed with A's address allowed for the demo key (the customer's page is served from there). */
export function splitSeed(edit: Parameters<typeof e2eSeed>[0] = () => undefined): ReturnType<typeof e2eSeed> {
  return e2eSeed((account, seed) => {
    for (const key of account.widget_keys ?? []) key.domain_allowlist = [...key.domain_allowlist, SPLIT_ALLOWLIST];
    edit(account, seed);
  });
}

async function script(...args: string[]): Promise<string> {
  const { stdout } = await run('sh', [SCRIPT, ...args]);
  return stdout.trim();
}

export interface SplitNetwork {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  widget: WidgetView;
  /** The customer's site, served from A's address. */
  customer: CustomerSite;
  /** The sandbox as the browser in B reaches it (https://10.78.0.1:PORT); pass it to scriptTagPage. */
  sandboxForBrowser: Sandbox;
  /** Link down: nothing passes between the browser and the sandbox until `restore()`. */
  cut(): Promise<void>;
  restore(): Promise<void>;
  /** The browser's address becomes `address` (one of B_ADDRESSES): the old one is gone at once. */
  readdress(address: string): Promise<void>;
  /** The browser's clock (Date.now() in the page), to compare with the `at` of recorded events. */
  browserNow(): Promise<number>;
  /** Audio packets the page's peer connections received so far (getStats), i.e. what reached the caller. */
  inboundAudioPackets(): Promise<number>;
}

/** Remembers every RTCPeerConnection the page makes, so the test can read what actually arrived. */
const RECORD_PEERS = `(() => {
  const Native = window.RTCPeerConnection;
  if (!Native) return;
  const peers = (window.__e2ePeers = []);
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); peers.push(this); }
  };
})();`;

interface SplitFixtures {
  split: SplitNetwork;
}

/** Node code, run in B: connects to A's `port` until it answers (exit 0), or gives up after 5 s (exit 1). */
const REACH_FROM_B = (port: number) =>
  `const net = require('node:net'); const until = Date.now() + 5000;
  (function attempt() {
    const socket = net.connect(${port}, '${A_ADDRESS}', () => { socket.end(); process.exit(0); });
    socket.on('error', () => { socket.destroy(); if (Date.now() > until) process.exit(1); setTimeout(attempt, 50); });
  })();`;

/**
 * A positive signal before a browser starts in B: a TCP connection from B to A's `port` answers. A first request
 * over a brand-new link has failed with ERR_SOCKET_NOT_CONNECTED, and a browser that starts while the link settles
 * hears the change.
 */
export async function waitUntilBReaches(pid: string, port: number): Promise<void> {
  await script('run', pid, process.execPath, '-e', REACH_FROM_B(port));
}

/**
 * `test` with a `split` fixture. Use it with `test.use({ seed: splitSeed(), sandboxOptions: { host: '0.0.0.0' } })`
 * so the sandbox answers on A's veth address (its `url` stays the loopback one, for the control endpoints).
 */
export const test = base.extend<SplitFixtures>({
  split: async ({ sandbox, network, problems }, use) => {
    const pid = await script('create');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kataven-netns-'));
    let browser: Browser | undefined;
    let closeSite: (() => Promise<void>) | undefined;
    try {
      // Playwright talks to Chromium over a pipe on inherited descriptors; nsenter execs, so they survive.
      const launcher = path.join(dir, 'chromium-in-b');
      const chromiumPath = process.env.CHROME_PATH || '/usr/bin/chromium';
      await writeFile(launcher, `#!/bin/sh\nexec sh '${SCRIPT}' run ${pid} '${chromiumPath}' "$@"\n`);
      await chmod(launcher, 0o755);
      const started = await startCustomerSite({ host: A_ADDRESS });
      closeSite = started.close;
      const customer = started.site;
      await waitUntilBReaches(pid, sandbox.port);
      browser = await chromium.launch({
        executablePath: launcher,
        args: [
          // The suite's resolver rules map every host but loopback to nothing, IP literals included: let A's through.
          ...CHROMIUM_ARGS.map((arg) =>
            arg.startsWith('--host-resolver-rules=') ? `${arg} , EXCLUDE ${A_ADDRESS}` : arg,
          ),
          `--unsafely-treat-insecure-origin-as-secure=${customer.origin}`,
        ],
      });
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      await guardContext(context, network);
      await watchContext(context, problems);
      await context.addInitScript(RECORD_PEERS);
      const page = await context.newPage();
      const browserUrl = `https://${A_ADDRESS}:${sandbox.port}`;
      await use({
        browser,
        context,
        page,
        widget: new WidgetView(page),
        customer,
        sandboxForBrowser: { ...sandbox, url: browserUrl, apiBase: `${browserUrl}/v1` },
        cut: () => script('cut', pid).then(() => undefined),
        restore: () => script('restore', pid).then(() => undefined),
        readdress: (address) => script('readdress', pid, address).then(() => undefined),
        browserNow: () => page.evaluate(() => Date.now()),
        inboundAudioPackets: () =>
          page.evaluate(async () => {
            const peers = (window as unknown as { __e2ePeers?: RTCPeerConnection[] }).__e2ePeers ?? [];
            let total = 0;
            for (const peer of peers) {
              (await peer.getStats()).forEach((stat: { type?: string; kind?: string; packetsReceived?: number }) => {
                if (stat.type === 'inbound-rtp' && stat.kind === 'audio') total += stat.packetsReceived ?? 0;
              });
            }
            return total;
          }),
      });
    } finally {
      await browser?.close();
      await closeSite?.();
      await script('destroy', pid);
      await rm(dir, { recursive: true, force: true });
    }
  },
});
