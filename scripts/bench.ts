// `npm run bench`: connect-time figures for the built widget against the sandbox, in real Chromium.
// Baseline and candidate run in the same process, alternating, so the ratio is fair:
//   cold      the visitor clicks the launcher and the call button at once (call code and Twilio load on click)
//   prefetch  the visitor hovers the launcher first (intent prefetch), then clicks
// Prints medians and p95 of click → connected and click → first agent audio, and the prefetch/cold ratios.
// Not a test: nothing here passes or fails on timing. Run inside the private namespace (scripts/netns.sh).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS } from '../playwright.config';
import { startSandbox } from '../sandbox/server';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Sample {
  launcherMs: number;
  connectedMs: number;
  firstAudioMs: number;
}

const sandbox = await startSandbox({ port: 0, quiet: true });
const page = `<!doctype html><html><body><h1>Acme</h1>
<script src="${sandbox.url}/v1.js"></script>
<script>
  window.widget = Kataven.init({ publicKey: 'pk_live_acme_demo0000000000', agentId: 'agent_ava', apiBase: '${sandbox.apiBase}' });
</script></body></html>`;
const site = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(page));
await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
const origin = `http://localhost:${(site.address() as AddressInfo).port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});

// Runs in the page, as source text: tsx would otherwise inject its `__name` helper, which the page lacks.
const CLICK_TO_AUDIO = `(async () => {
  const widget = window.widget;
  const agentLevel = () => {
    const bar = widget.shadowRoot && widget.shadowRoot.querySelector('[part="meter"] .agent span');
    return bar ? Number(bar.dataset.level) / 20 : 0;
  };
  const clicked = performance.now();
  let connected = 0;
  widget.addEventListener('kataven-call-connected', () => (connected = performance.now()), { once: true });
  await widget.open();
  widget.start();
  while (agentLevel() <= 0.01) {
    if (performance.now() - clicked > 20000) throw new Error('no agent audio within 20 s');
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return { connectedMs: connected - clicked, firstAudioMs: performance.now() - clicked };
})()`;

async function measure(prefetch: boolean): Promise<Sample> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === '127.0.0.1' || host === 'localhost' ? route.continue() : route.abort();
  });
  const tab = await context.newPage();
  const loadStarted = Date.now();
  await tab.goto(origin);
  const launcher = tab.locator('kataven-widget [part="launcher"]');
  await launcher.waitFor();
  const launcherMs = Date.now() - loadStarted;
  if (prefetch) {
    await launcher.hover();
    await tab.waitForTimeout(1500); // a visitor reading the label; long enough for the prefetch to land
  }
  // Timed inside the page: from the click to the status change, and to the first audible agent audio.
  const timings = await tab.evaluate<{ connectedMs: number; firstAudioMs: number }>(CLICK_TO_AUDIO);
  await context.close();
  return { launcherMs, ...timings };
}

const samples = { cold: [] as Sample[], prefetch: [] as Sample[] };
await measure(false); // warm-up: first-run costs (disk cache of the binary, JIT) belong to neither side
for (let run = 0; run < RUNS; run++) {
  samples.cold.push(await measure(false));
  samples.prefetch.push(await measure(true));
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const row = (label: string, pick: (sample: Sample) => number) => {
  const cold = samples.cold.map(pick);
  const warm = samples.prefetch.map(pick);
  const ratio = quantile(warm, 0.5) / quantile(cold, 0.5);
  return `${label.padEnd(28)} cold p50 ${quantile(cold, 0.5).toFixed(0).padStart(5)} ms  p95 ${quantile(cold, 0.95)
    .toFixed(0)
    .padStart(5)} ms | prefetch p50 ${quantile(warm, 0.5).toFixed(0).padStart(5)} ms  p95 ${quantile(warm, 0.95)
    .toFixed(0)
    .padStart(5)} ms | ratio ${ratio.toFixed(2)}`;
};
console.log(`\n${RUNS} runs each, Chromium ${browser.version()}, sandbox agent on loopback`);
console.log(row('page load → launcher', (sample) => sample.launcherMs));
console.log(row('click → connected', (sample) => sample.connectedMs));
console.log(row('click → first agent audio', (sample) => sample.firstAudioMs));

await browser.close();
site.close();
await sandbox.close();
