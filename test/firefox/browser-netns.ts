// Firefox in the split network (scripts/browser-netns.sh): the sandbox and the customer's site in the runner's
// namespace ("A"), Firefox in namespace "B", and the one veth link between them under the test's control.
// puppeteer-core talks WebDriver BiDi to Firefox over a WebSocket on Firefox's loopback, which is B's: a bridge
// carries it across, A's 127.0.0.1:PORT → a Unix socket (not namespaced) → B's 127.0.0.1:PORT. The bridge does not
// use the veth link, so cutting the link leaves the test's hold on the browser intact.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { Sandbox } from '../../sandbox/server';
import { FIREFOX_PATH, firefoxLaunchOptions } from '../../scripts/firefox.mjs';
import { startCustomerSite, type CustomerSite } from '../e2e/customer-site';
import { A_ADDRESS, waitUntilBReaches } from '../e2e/browser-netns';
import { FirefoxWidget, test as base, watchPage } from './fixtures';

export { A_ADDRESS, splitSeed } from '../e2e/browser-netns';

const run = promisify(execFile);
const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/browser-netns.sh');

/** Runs in B: every connection on the Unix socket goes on to Firefox's BiDi port on B's loopback. */
const B_BRIDGE = `const net = require('node:net');
const [socketPath, port] = process.argv.slice(-2);
net.createServer((from) => {
  const to = net.connect(Number(port), '127.0.0.1');
  from.pipe(to).pipe(from);
  from.on('error', () => to.destroy());
  to.on('error', () => from.destroy());
}).listen(socketPath, () => console.log('ready'));`;

async function script(...args: string[]): Promise<string> {
  const { stdout } = await run('sh', [SCRIPT, ...args]);
  return stdout.trim();
}

export interface FirefoxSplit {
  page: Page;
  widget: FirefoxWidget;
  customer: CustomerSite;
  /** The sandbox as Firefox in B reaches it (https://10.78.0.1:PORT). */
  sandboxForBrowser: Sandbox;
  cut(): Promise<void>;
  restore(): Promise<void>;
  /** Date.now() in the page, to compare with the `at` of recorded events. */
  browserNow(): Promise<number>;
}

/** `test` with a `split` fixture: Firefox in B, its own page and widget, the link controls. */
export const test = base.extend<{ split: FirefoxSplit }>({
  split: async ({ sandbox, requests, problems }, use) => {
    const pid = await script('create');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kataven-ff-netns-'));
    const socketPath = path.join(dir, 'bidi.sock');
    let bBridge: ChildProcess | undefined;
    let browser: Browser | undefined;
    let closeSite: (() => Promise<void>) | undefined;
    const aBridge = net.createServer((from) => {
      const to = net.connect(socketPath);
      from.pipe(to).pipe(from);
      from.on('error', () => to.destroy());
      to.on('error', () => from.destroy());
    });
    try {
      await new Promise<void>((resolve) => aBridge.listen(0, '127.0.0.1', resolve));
      const port = (aBridge.address() as net.AddressInfo).port;
      bBridge = spawn('sh', [SCRIPT, 'run', pid, process.execPath, '-e', B_BRIDGE, socketPath, String(port)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        bBridge!.stdout!.once('data', () => resolve());
        bBridge!.once('exit', (code) => reject(new Error(`the bridge in B exited (${code})`)));
      });

      const started = await startCustomerSite({ host: A_ADDRESS });
      closeSite = started.close;
      const customer = started.site;
      await waitUntilBReaches(pid, sandbox.port);
      const options = firefoxLaunchOptions({
        // A's address is on this machine: no proxy for it, and its plain-HTTP pages count as a secure context (as a
        // visitor's HTTPS page would), so the microphone is offered.
        'network.proxy.no_proxies_on': `localhost, 127.0.0.1, [::1], ${A_ADDRESS}`,
        'dom.securecontext.allowlist': A_ADDRESS,
      });
      // Firefox itself runs in B (nsenter execs, so puppeteer's handle on the process is Firefox's); puppeteer reads
      // the BiDi address from its output and connects to A's 127.0.0.1 on the same port: the bridge.
      const launcher = path.join(dir, 'firefox-in-b');
      await writeFile(launcher, `#!/bin/sh\nexec sh '${SCRIPT}' run ${pid} '${FIREFOX_PATH}' "$@"\n`);
      await chmod(launcher, 0o755);
      browser = await puppeteer.launch({ ...options, executablePath: launcher, debuggingPort: port });
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await watchPage(page, requests, problems);
      const browserUrl = `https://${A_ADDRESS}:${sandbox.port}`;
      await use({
        page,
        widget: new FirefoxWidget(page),
        customer,
        sandboxForBrowser: { ...sandbox, url: browserUrl, apiBase: `${browserUrl}/v1` },
        cut: () => script('cut', pid).then(() => undefined),
        restore: () => script('restore', pid).then(() => undefined),
        browserNow: () => page.evaluate(() => Date.now()),
      });
    } finally {
      await browser?.close();
      await closeSite?.();
      bBridge?.kill();
      await new Promise<void>((resolve) => aBridge.close(() => resolve()));
      await script('destroy', pid);
      await rm(dir, { recursive: true, force: true });
    }
  },
});
