// `npm run bench`: the first call after a click, the built widget against the bare Twilio SDK, in real Chromium
// against the sandbox. Three pages, alternating in one run, so the ratios compare like with like:
//   bare SDK   the Twilio SDK loaded up front; the click does only guest session, /widget/connect, Device.connect
//   cold       the widget, launcher ready, nothing prefetched; the click calls start()
//   hover      the widget after the visitor hovered the launcher (intent prefetch), then the same click
// Click → connected (the call's `accept`) and click → first agent audio, p50 and p95, and each widget figure over the
// bare SDK's. Runs on loopback and again behind a delaying TCP proxy (BENCH_RTT_MS, default 80; 0 skips it), because
// on loopback a round trip costs nothing and a waterfall hides. Not a test: nothing passes or fails on timing.
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

type Mode = 'bare' | 'cold' | 'hover';
interface Sample {
  connectedMs: number;
  firstAudioMs: number;
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
    call.on('volume', (input, output) => output > 0.01 && events.audio());
    window.hangUp = () => { call.disconnect(); device.destroy(); };
  };
</script></body></html>`,
};
const site = createServer((req, res) => {
  if (req.url === '/twilio.min.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'max-age=3600' }).end(twilioBuild);
  } else if (req.url && pages[req.url]) {
    const page = pages[req.url];
    res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' }).end(page?.());
  } else res.writeHead(404).end();
});
await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
const origin = `http://localhost:${(site.address() as AddressInfo).port}`;

// Runs in the page, as source text: tsx would otherwise inject its `__name` helper, which the page lacks.
// Both clocks start at the click and stop at the call's `accept` and at the first audible agent audio.
const CLICK_BARE = `new Promise((resolve, reject) => {
  const clicked = performance.now();
  window.__benchClickAt = clicked;
  let connectedMs = 0;
  setTimeout(() => reject(new Error('no agent audio within 20 s')), 20000);
  window.bareCall({
    connected: () => (connectedMs = performance.now() - clicked),
    audio: () => connectedMs && resolve({ connectedMs, firstAudioMs: performance.now() - clicked }),
  }).catch(reject);
})`;
const CLICK_WIDGET = `(async () => {
  const widget = window.widget;
  const agentLevel = () => {
    const bar = widget.shadowRoot && widget.shadowRoot.querySelector('[part="meter"] .agent span');
    return bar ? Number(bar.dataset.level) / 20 : 0;
  };
  const clicked = performance.now();
  window.__benchClickAt = clicked;
  // No polling until connected: a frame loop during the click would be work the bare page does not do.
  const connected = await new Promise((resolve) => {
    widget.addEventListener('kataven-call-connected', () => resolve(performance.now()), { once: true });
    widget.start();
  });
  while (agentLevel() <= 0.01) {
    if (performance.now() - clicked > 20000) throw new Error('no agent audio within 20 s');
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return { connectedMs: connected - clicked, firstAudioMs: performance.now() - clicked };
})()`;

async function measure(browser: Browser, mode: Mode): Promise<Sample> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  // Watched, not intercepted: a route handler would hold every request for a round trip through this process (which
  // also runs the sandbox), and the widget makes more requests than the bare page. Nothing can leave anyway (the
  // private namespace, and Chromium resolves no other name); a request for anywhere else fails the run.
  const strays: string[] = [];
  context.on('request', (request) => {
    const host = new URL(request.url()).hostname;
    if (host !== '127.0.0.1' && host !== 'localhost' && !request.url().startsWith('data:')) strays.push(request.url());
  });
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
  return await tab.evaluate<Sample>(CLICK_WIDGET);
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

async function runAt(browser: Browser, rttMs: number): Promise<string[]> {
  const proxy = rttMs > 0 ? await startDelayProxy({ host: '127.0.0.1', port: sandbox.port }, rttMs) : null;
  apiOrigin = proxy ? `https://127.0.0.1:${proxy.port}` : sandbox.url;
  const samples: Record<Mode, Sample[]> = { bare: [], cold: [], hover: [] };
  try {
    // Warm-up: first-run costs (disk cache, JIT, the proxy's first connections) belong to no side.
    for (const mode of ['bare', 'cold'] as const) await measure(browser, mode);
    for (let run = 0; run < RUNS; run++) {
      for (const mode of ['bare', 'cold', 'hover'] as const) samples[mode].push(await measure(browser, mode));
    }
  } finally {
    await proxy?.close();
  }
  const label = rttMs > 0 ? `${rttMs} ms RTT (delaying proxy)` : 'loopback';
  const lines = [`\n${label}, ${RUNS} runs each${TIMELINE ? ' (instrumented: BENCH_TIMELINE)' : ''}`];
  lines.push(
    `${'click →'.padEnd(16)}${'bare SDK p50 / p95'.padStart(20)}${'cold p50 / p95'.padStart(18)}${'hover p50 / p95'.padStart(18)}${'cold ÷ bare'.padStart(13)}${'hover ÷ bare'.padStart(14)}`,
  );
  for (const [name, pick] of [
    ['connected', (s: Sample) => s.connectedMs],
    ['first audio', (s: Sample) => s.firstAudioMs],
  ] as const) {
    const p = (mode: Mode, q: number) => quantile(samples[mode].map(pick), q);
    const cell = (mode: Mode, width: number) =>
      `${p(mode, 0.5).toFixed(0)} / ${p(mode, 0.95).toFixed(0)} ms`.padStart(width);
    lines.push(
      `${name.padEnd(16)}${cell('bare', 20)}${cell('cold', 18)}${cell('hover', 18)}${(p('cold', 0.5) / p('bare', 0.5)).toFixed(2).padStart(13)}${(p('hover', 0.5) / p('bare', 0.5)).toFixed(2).padStart(14)}`,
    );
  }
  if (TIMELINE) {
    const columns = { 'bare SDK': samples.bare, cold: samples.cold, hover: samples.hover };
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
