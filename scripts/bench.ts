// `npm run bench`: the first call after a click, the built widget against the bare Twilio SDK, in real Chromium
// against the sandbox. The flows alternate in one run, so the ratios compare like with like:
//   bare SDK    the Twilio SDK loaded up front; the click does only guest session, /widget/connect, Device.connect
//   cold        the widget, launcher ready, nothing prefetched; the page's own button calls start()
//   hover       the widget after the visitor hovered the launcher (intent prefetch), then the same start()
//   tap +300ms  a phone (touch, no hover): tap the launcher, the panel opens, tap its call button 300 ms later
//   tap +1s     the same, the call button 1 s after the launcher
//   open+start  a page's own button: `await widget.open(); widget.start()`
//   navigate    a call on one page, then a click on a same-site link: the call resumes on the next page (continuity);
//               timed from the link's click to connected and to agent audio on the next page, and from the next
//               page's loader (v1.js received) to that audio, to compare with a cold start()'s click → audio
// From the click (the call button's, for the taps) to connected (the call's `accept`) and to the first agent audio
// the page actually receives (inbound-rtp audio energy above zero in getStats, polled every 10 ms from connected on
// every page alike), p50 and p95, and each widget figure over the bare SDK's. Runs on loopback and again behind a
// delaying TCP proxy (BENCH_RTT_MS, default 80; 0 skips it), because on loopback a round trip costs nothing and a
// waterfall hides. BENCH_RUNS (default 11) runs per flow, BENCH_FLOWS picks flows. Not a test: nothing passes or fails on timing.
// BENCH_TIMELINE=1 also prints when each step of the call happened (scripts/bench-timeline.ts).
// Run inside the private namespace (scripts/netns.sh): nothing leaves the machine.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright';
import { CHROMIUM_ARGS } from '../playwright.config';
import type { SeedConfig } from '../sandbox/seed';
import { startSandbox } from '../sandbox/server';
import { startDelayProxy } from './bench-proxy';
import {
  READ_MARKS,
  TIMELINE,
  TIMELINE_SCRIPT,
  type PageMarks,
  type Timeline,
  timelineOf,
  timelineTable,
} from './bench-timeline';

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const RTT_MS = Number(process.env.BENCH_RTT_MS ?? 80);
const KEY = 'pk_live_acme_demo0000000000';
const AGENT = 'agent_ava';

const ALL_MODES = ['bare', 'cold', 'hover', 'tap300', 'tap1000', 'openStart', 'navigate'] as const;
type Mode = (typeof ALL_MODES)[number];
/** BENCH_FLOWS=cold,openStart: a subset while working on one flow (the bare SDK always runs, as the yardstick). */
const MODES = ALL_MODES.filter(
  (mode) => mode === 'bare' || !process.env.BENCH_FLOWS || process.env.BENCH_FLOWS.split(',').includes(mode),
);
const LABELS: Record<Mode, string> = {
  bare: 'bare SDK',
  cold: 'cold',
  hover: 'hover',
  tap300: 'tap +300ms',
  tap1000: 'tap +1s',
  openStart: 'open+start',
  navigate: 'navigate',
};
/** The taps: how long after the launcher's tap the visitor taps the call button. */
const TAP_GAP_MS: Partial<Record<Mode, number>> = { tap300: 300, tap1000: 1000 };
interface Sample {
  connectedMs: number;
  firstAudioMs: number;
  /** `navigate` only: from the next page's loader (v1.js received) to the first agent audio there. */
  afterLoaderMs?: number;
  timeline?: Timeline;
}

// The demo seed with call limits out of the way: the bench places dozens of calls a minute.
const seed = JSON.parse(readFileSync(new URL('../sandbox/seed.json', import.meta.url), 'utf8')) as SeedConfig;
for (const account of seed.accounts) {
  account.call_limits = {
    concurrent_max: 50,
    calls_per_minute: 1000,
    daily_calls_max: 100_000,
    daily_minutes_max: 100_000,
  };
}
const sandbox = await startSandbox({ port: 0, quiet: true, config: seed });

// The customer's site: one page per mode, and the Twilio SDK's own browser build for the bare page.
const twilioBuild = readFileSync(new URL('../node_modules/@twilio/voice-sdk/dist/twilio.min.js', import.meta.url));
let apiOrigin = sandbox.url;
const pages: Record<string, () => string> = {
  '/widget': () => `<!doctype html><html><head><title>Acme</title></head><body><h1>Acme</h1>
<p><a id="next" href="/widget?page=2">Pricing</a></p>
<script src="${apiOrigin}/v1.js"></script>
<script>window.widget = Kataven.init({ publicKey: '${KEY}', agentId: '${AGENT}', apiBase: '${apiOrigin}/v1' });</script>
</body></html>`,
  '/bare': () => `<!doctype html><html><head><title>Acme</title></head><body><h1>Acme</h1>
<script src="/twilio.min.js"></script>
<script>
  // What a customer integrating the SDK by hand does after the click, and nothing more.
  const API = '${apiOrigin}/v1';
  const SILENT = 'data:audio/wav;base64,UklGRjQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YRAAAAAAAAAAAAAAAAAAAAAAAAAA';
  const SOUNDS = ['incoming', 'outgoing', 'disconnect', 'dtmfs', 'dtmfh', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    .map((name) => (typeof name === 'number' ? 'dtmf' + name : name));
  const post = (path, body, bearer) => fetch(API + path, {
    method: 'POST', credentials: 'omit',
    headers: Object.assign({ 'Content-Type': 'application/json' }, bearer ? { Authorization: 'Bearer ' + bearer } : {}),
    body: JSON.stringify(body),
  }).then((r) => { if (!r.ok) throw new Error(path + ' ' + r.status); return r.json(); });
  window.bareCall = async (events) => {
    const guest = await post('/widget/auth/guest', { client_key: '${KEY}', agent_id: '${AGENT}' });
    const connect = await post('/widget/connect', { agent_id: '${AGENT}' }, guest.token);
    const device = new Twilio.Device(connect.twilio.token, {
      edge: connect.twilio.edge, chunderw: connect.twilio.signaling_host, publishEvents: false,
      sounds: Object.fromEntries(SOUNDS.map((name) => [name, SILENT])), closeProtection: false, logLevel: 'error',
    });
    const call = await device.connect({ params: connect.params || {}, rtcConfiguration: { iceServers: connect.ice_servers || [] } });
    call.on('accept', events.connected);
    window.hangUp = () => { call.disconnect(); device.destroy(); };
  };
</script></body></html>`,
};
const site = createServer((req, res) => {
  if (req.url === '/twilio.min.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'max-age=3600' }).end(twilioBuild);
  } else if (req.url && pages[new URL(req.url, 'http://site').pathname]) {
    const page = pages[new URL(req.url, 'http://site').pathname];
    res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' }).end(page?.());
  } else res.writeHead(404).end();
});
await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
const origin = `http://localhost:${(site.address() as AddressInfo).port}`;

// Runs in every page before its own scripts, as source text (tsx would otherwise inject its `__name` helper, which
// the page lacks). Keeps the page's peer connections, and waits for the first agent audio the page receives: getStats,
// polled every 10 ms, only once connected, so no page does extra work during the click itself.
const PROBE_SCRIPT = `(() => {
  const connections = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); connections.push(this); }
  };
  window.__benchFirstAudio = async () => {
    const deadline = performance.now() + 20000;
    for (;;) {
      for (const connection of connections) {
        for (const report of (await connection.getStats()).values()) {
          if (report.type === 'inbound-rtp' && report.kind === 'audio' && report.totalAudioEnergy > 0) return performance.now();
        }
      }
      if (performance.now() > deadline) throw new Error('no agent audio within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  // A tap's clock starts at the call button's click, as the browser stamped it; a link's, kept for the next page, on
  // the clock both pages share (time origin + stamp).
  addEventListener('click', (event) => {
    if (event.composedPath().some((node) => node.getAttribute && node.getAttribute('part') === 'call-button')) {
      window.__benchClickAt = event.timeStamp;
    }
    if (event.target.closest && event.target.closest('a')) {
      sessionStorage.setItem('__benchLinkClickAt', String(performance.timeOrigin + event.timeStamp));
    }
  }, true);
  // Capture sees the widget's event whenever it comes, before any script of the page asks.
  document.addEventListener('kataven-call-connected', () => {
    window.__benchConnectedAt = performance.timeOrigin + performance.now();
  }, true);
})();`;

// Both clocks start at the click and stop at the call's `accept` and at the first agent audio received.
const CLICK_BARE = `new Promise((resolve, reject) => {
  const clicked = performance.now();
  window.__benchClickAt = clicked;
  window.bareCall({
    connected: () => {
      const connectedMs = performance.now() - clicked;
      window.__benchFirstAudio().then((heard) => resolve({ connectedMs, firstAudioMs: heard - clicked }), reject);
    },
  }).catch(reject);
})`;
/** Widget pages: listens for connected before the click, whoever clicks; resolves with both figures. */
const ARM_WIDGET = `window.__benchResult = new Promise((resolve, reject) => {
  window.widget.addEventListener('kataven-call-connected', () => {
    const connected = performance.now();
    window.__benchFirstAudio().then((heard) => {
      const clicked = window.__benchClickAt;
      resolve({ connectedMs: connected - clicked, firstAudioMs: heard - clicked });
    }, reject);
  }, { once: true });
}); undefined`;
/** The next page after a link: waits for the resumed call's connected, then its first agent audio. */
const RESUMED = `new Promise((resolve, reject) => {
  const clickedAt = Number(sessionStorage.getItem('__benchLinkClickAt'));
  const loader = performance.getEntriesByType('resource').find((entry) => new URL(entry.name).pathname === '/v1.js');
  const deadline = performance.now() + 20000;
  const wait = () => {
    if (!window.__benchConnectedAt) {
      if (performance.now() > deadline) return reject(new Error('the call did not resume within 20 s'));
      return setTimeout(wait, 10);
    }
    window.__benchFirstAudio().then((heard) => resolve({
      connectedMs: window.__benchConnectedAt - clickedAt,
      firstAudioMs: performance.timeOrigin + heard - clickedAt,
      afterLoaderMs: heard - loader.responseEnd,
    }), reject);
  };
  wait();
})`;
const START = `window.__benchClickAt = performance.now(); window.widget.start(); undefined`;
const OPEN_THEN_START = `(() => {
  window.__benchClickAt = performance.now();
  window.widget.open().then(() => window.widget.start());
})()`;

async function measure(browser: Browser, mode: Mode): Promise<Sample> {
  // The taps are a phone's: touch, no mouse to hover with, a phone's viewport (the panel opens as a sheet).
  const phone = mode in TAP_GAP_MS ? { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } } : {};
  const context = await browser.newContext({ ignoreHTTPSErrors: true, ...phone });
  // Watched, not intercepted: a route handler would hold every request for a round trip through this process (which
  // also runs the sandbox), and the widget makes more requests than the bare page. Nothing can leave anyway (the
  // private namespace, and Chromium resolves no other name); a request for anywhere else fails the run.
  const strays: string[] = [];
  context.on('request', (request) => {
    const host = new URL(request.url()).hostname;
    if (host !== '127.0.0.1' && host !== 'localhost' && !request.url().startsWith('data:')) strays.push(request.url());
  });
  await context.addInitScript(PROBE_SCRIPT);
  if (TIMELINE) await context.addInitScript(TIMELINE_SCRIPT);
  const tab = await context.newPage();
  const sample = await clickAndWait(tab, mode)
    .then(async (timed) =>
      TIMELINE ? { ...timed, timeline: timelineOf(await tab.evaluate<PageMarks>(READ_MARKS)) } : timed,
    )
    .finally(async () => {
      await tab
        .evaluate('window.hangUp ? window.hangUp() : window.widget && window.widget.end()')
        .catch(() => undefined);
      await context.close();
    });
  if (strays.length) throw new Error(`requests off the machine: ${strays.join(', ')}`);
  return sample;
}

async function clickAndWait(tab: Page, mode: Mode): Promise<Sample> {
  if (mode === 'bare') {
    await tab.goto(`${origin}/bare`);
    await tab.waitForFunction('window.bareCall && window.Twilio');
    await tab.waitForTimeout(500); // the same settle time the widget pages get after their launcher appears
    return await tab.evaluate<Sample>(CLICK_BARE);
  }
  await tab.goto(`${origin}/widget`);
  const launcher = tab.locator('kataven-widget [part="launcher"]');
  await launcher.waitFor();
  await tab.waitForFunction('window.widget.status === "ready"');
  if (mode === 'hover') await launcher.hover();
  // A visitor reading the label; for `hover`, long enough for the prefetch to land even at 80 ms RTT.
  await tab.waitForTimeout(mode === 'hover' ? 1500 : 500);
  await tab.evaluate(ARM_WIDGET);
  if (mode === 'navigate') {
    // The call is up, with the agent's audio flowing, before the visitor follows the link.
    await tab.evaluate(START);
    await tab.evaluate('window.__benchResult');
    await Promise.all([tab.waitForURL(/page=2/), tab.locator('#next').click()]);
    return await tab.evaluate<Sample>(RESUMED);
  }
  const gap = TAP_GAP_MS[mode];
  if (gap !== undefined) {
    const tapped = Date.now();
    await launcher.tap();
    const callButton = tab.locator('kataven-widget [part="call-button"]');
    await callButton.waitFor();
    await tab.waitForTimeout(Math.max(0, gap - (Date.now() - tapped)));
    await callButton.tap();
  } else await tab.evaluate(mode === 'openStart' ? OPEN_THEN_START : START);
  return await tab.evaluate<Sample>('window.__benchResult');
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

async function runAt(browser: Browser, rttMs: number): Promise<string[]> {
  const proxy = rttMs > 0 ? await startDelayProxy({ host: '127.0.0.1', port: sandbox.port }, rttMs) : null;
  apiOrigin = proxy ? `https://127.0.0.1:${proxy.port}` : sandbox.url;
  const samples = Object.fromEntries(MODES.map((mode) => [mode, [] as Sample[]])) as Record<Mode, Sample[]>;
  try {
    // Warm-up: first-run costs (disk cache, JIT, the proxy's first connections) belong to no side.
    for (const mode of ['bare', 'cold'] as const) await measure(browser, mode);
    for (let run = 0; run < RUNS; run++) {
      for (const mode of MODES) samples[mode].push(await measure(browser, mode));
    }
  } finally {
    await proxy?.close();
  }
  const label = rttMs > 0 ? `${rttMs} ms RTT (delaying proxy)` : 'loopback';
  const lines = [`\n${label}, ${RUNS} runs each${TIMELINE ? ' (instrumented: BENCH_TIMELINE)' : ''}`];
  const p50 = (mode: Mode, pick: (sample: Sample) => number) => quantile(samples[mode].map(pick), 0.5);
  const p95 = (mode: Mode, pick: (sample: Sample) => number) => quantile(samples[mode].map(pick), 0.95);
  lines.push(
    `${'flow'.padEnd(12)}${'→ connected p50 / p95'.padStart(24)}${'÷ bare'.padStart(8)}${'→ first audio p50 / p95'.padStart(26)}${'÷ bare'.padStart(8)}`,
  );
  for (const mode of MODES) {
    const cells = [(sample: Sample) => sample.connectedMs, (sample: Sample) => sample.firstAudioMs].map(
      (pick, index) => {
        const figures = `${p50(mode, pick).toFixed(0)} / ${p95(mode, pick).toFixed(0)} ms`.padStart(index ? 26 : 24);
        return `${figures}${(p50(mode, pick) / p50('bare', pick)).toFixed(2).padStart(8)}`;
      },
    );
    lines.push(`${LABELS[mode].padEnd(12)}${cells.join('')}`);
  }
  if (MODES.includes('navigate') && MODES.includes('cold')) {
    const loader = (sample: Sample) => sample.afterLoaderMs ?? NaN;
    const audio = (sample: Sample) => sample.firstAudioMs;
    lines.push(
      `navigate: next page's loader → first audio ${p50('navigate', loader).toFixed(0)} / ${p95('navigate', loader).toFixed(0)} ms` +
        ` (÷ cold click → first audio ${(p50('navigate', loader) / p50('cold', audio)).toFixed(2)})`,
    );
  }
  if (TIMELINE) {
    const columns = Object.fromEntries(MODES.map((mode) => [LABELS[mode], samples[mode]]));
    lines.push('', ...timelineTable(columns, (values) => quantile(values, 0.5)));
  }
  return lines;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
try {
  const report = [`Chromium ${browser.version()}, sandbox agent on this machine`];
  report.push(...(await runAt(browser, 0)));
  if (RTT_MS > 0) report.push(...(await runAt(browser, RTT_MS)));
  console.log(report.join('\n'));
} finally {
  await browser.close();
  site.close();
  await sandbox.close();
}
