// `npm run bench:host`: what the widget costs the page that embeds it, before the visitor does anything.
// Two customer pages, a rich one (its own system-ui font, a grid, long text) and a plain one (a heading, a paragraph,
// the browser's default fonts), each loaded with and without the documented script-tag embed, alternating in one run,
// each in a fresh browser context, and watched for a fixed window after navigation:
//   main-thread task time   top-level tasks on the renderer's main thread, from a Chromium trace
//   long tasks              PerformanceObserver 'longtask' entries (> 50 ms)
//   CLS                     the sum of 'layout-shift' entries without recent input
//   launcher visible        the first animation frame in which the launcher has a box (from navigation start)
// The account's launcher sits bottom-left, the case that used to jump. Not a test: nothing passes or fails here.
// Run inside the private namespace (scripts/netns.sh). BENCH_RUNS (default 7), BENCH_TRACE=file writes a Chromium
// trace of one widget load (the plain page; BENCH_TRACE_PAGE=rich for the other), for finding what costs the main
// thread.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright';
import { CHROMIUM_ARGS } from '../playwright.config';
import type { SeedConfig } from '../sandbox/seed';
import { startSandbox } from '../sandbox/server';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const WINDOW_MS = 4000;

const seed = JSON.parse(readFileSync(new URL('../sandbox/seed.json', import.meta.url), 'utf8')) as SeedConfig;
for (const account of seed.accounts) account.branding = { ...account.branding, launcher_position: 'bl' };
const sandbox = await startSandbox({ port: 0, quiet: true, config: seed });

type HostPage = 'rich' | 'plain';
const HOST_PAGES: Record<HostPage, (withWidget: boolean) => string> = { rich: richPage, plain: plainPage };

const embed = (withWidget: boolean) =>
  withWidget
    ? `<script src="${sandbox.url}/v1.js" data-client-key="pk_live_acme_demo0000000000" data-agent="agent_ava" data-api-base="${sandbox.apiBase}" async></script>`
    : '';

/** The smallest page: a heading, a paragraph, the browser's default fonts (no font of its own at all). */
function plainPage(withWidget: boolean): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<h1>Acme</h1><p>We make simple, sturdy things. Ask us anything.</p>
${embed(withWidget)}
</body></html>`;
}

/** A rich marketing page: header, navigation, a hero, a grid of cards, long text, a footer, a little page script. */
function richPage(withWidget: boolean): string {
  const cards = Array.from(
    { length: 12 },
    (_, i) => `<article class="card"><h3>Product ${i + 1}</h3><p>${'Sturdy, simple and well made. '.repeat(4)}</p>
      <button>Add to cart</button></article>`,
  ).join('\n');
  const text = Array.from({ length: 20 }, (_, i) => `<p>${`Paragraph ${i + 1} of our story. `.repeat(12)}</p>`).join(
    '',
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Outdoor</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; font: 16px/1.6 system-ui, sans-serif; color: #1f2937; }
  header, footer { background: #0f172a; color: #fff; padding: 16px 32px; display: flex; gap: 24px; align-items: center; }
  nav a { color: #cbd5e1; margin-right: 16px; }
  .hero { padding: 64px 32px; background: linear-gradient(120deg, #e0f2fe, #f0fdf4); }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 16px; padding: 32px; }
  .card { border: 1px solid #e5e7eb; border-radius: 12px; padding: 16px; }
  main { max-width: 860px; margin: 0 auto; padding: 0 32px; }
</style></head><body>
<header><strong>Acme Outdoor</strong><nav><a href="#">Shop</a><a href="#">Stories</a><a href="#">Help</a></nav></header>
<section class="hero"><h1>Gear for every trail</h1><p>Free returns within 60 days.</p></section>
<section class="grid">${cards}</section>
<main>${text}</main>
<footer>© Acme Outdoor</footer>
<script>document.querySelectorAll('.card button').forEach((b) => b.addEventListener('click', () => b.textContent = 'Added'));</script>
${embed(withWidget)}
</body></html>`;
}

const site = createServer((req, res) => {
  const [, page, side] = /^\/(rich|plain)\/(with|without)$/.exec(req.url ?? '') ?? [];
  if (!page || !side) return void res.writeHead(404).end();
  const html = HOST_PAGES[page as HostPage](side === 'with');
  res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' }).end(html);
});
await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
const origin = `http://localhost:${(site.address() as AddressInfo).port}`;

// Runs in the page before anything else, as source text (tsx would inject helpers the page lacks).
const OBSERVE = `(() => {
  const seen = (window.__hostCost = { longTasks: [], widgetLongFrames: [], cls: 0, launcherVisibleMs: null });
  // Long animation frames name the scripts that ran in them: the widget's are those served by the sandbox.
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries()) {
      const widget = frame.scripts.filter((s) => s.sourceURL.startsWith('${sandbox.url}'));
      const ms = widget.reduce((sum, s) => sum + s.duration, 0);
      if (ms > 0) seen.widgetLongFrames.push({ frameMs: Math.round(frame.duration), widgetScriptMs: Math.round(ms) });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) seen.longTasks.push(Math.round(e.duration)); })
    .observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) seen.cls += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
  const tick = () => {
    const host = document.querySelector('kataven-widget');
    const launcher = host && host.shadowRoot && host.shadowRoot.querySelector('[part="launcher"]');
    const box = launcher && launcher.getBoundingClientRect();
    if (box && box.width > 0) seen.launcherVisibleMs = Math.round(performance.now());
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

interface Load {
  taskMs: number;
  longTasks: number[];
  /** Long animation frames (> 50 ms) in which widget scripts ran, and how long those scripts took. */
  widgetLongFrames: { frameMs: number; widgetScriptMs: number }[];
  cls: number;
  launcherVisibleMs: number | null;
}

/** Main-thread (CrRendererMain) time of top-level tasks in a Chromium trace. */
function mainThreadTime(trace: Buffer): number {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events
    .filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'))
    .filter((e) => mains.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts);
  let wall = 0;
  const ends = new Map<string, number>();
  for (const task of tasks) {
    const thread = `${task.pid}:${task.tid}`;
    if (task.ts < (ends.get(thread) ?? 0)) continue; // nested inside a task already counted
    ends.set(thread, task.ts + (task.dur ?? 0));
    wall += task.dur ?? 0;
  }
  return wall / 1000;
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

async function load(browser: Browser, hostPage: HostPage, withWidget: boolean, tracePath?: string): Promise<Load> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === '127.0.0.1' || host === 'localhost' ? route.continue() : route.abort();
  });
  await context.addInitScript(OBSERVE);
  const page = await context.newPage();
  await browser.startTracing(page, {
    ...(tracePath ? { path: tracePath } : { categories: ['toplevel'] }),
    screenshots: false,
  });
  await page.goto(`${origin}/${hostPage}/${withWidget ? 'with' : 'without'}`);
  await page.waitForFunction(`performance.now() > ${WINDOW_MS}`, undefined, { polling: 100 });
  const taskMs = mainThreadTime(await browser.stopTracing());
  const seen = await page.evaluate<Omit<Load, 'taskMs'>>('window.__hostCost');
  if (withWidget && seen.launcherVisibleMs === null) throw new Error('the launcher never appeared');
  await context.close();
  return { taskMs, ...seen };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

interface Sides {
  with: Load[];
  without: Load[];
}

function report(runs: Sides): string[] {
  const pick = (side: Load[], f: (l: Load) => number) => median(side.map(f));
  const added = (f: (l: Load) => number) => pick(runs.with, f) - pick(runs.without, f);
  const longTasks = (side: Load[]) => side.flatMap((l) => l.longTasks);
  const longFrames = runs.with.flatMap((l) => l.widgetLongFrames);
  return [
    `main-thread task time   without ${pick(runs.without, (l) => l.taskMs).toFixed(0)} ms, with ${pick(runs.with, (l) => l.taskMs).toFixed(0)} ms: added ${added((l) => l.taskMs).toFixed(0)} ms (p50)`,
    `long tasks (> 50 ms)    without ${longTasks(runs.without).length} in ${RUNS} loads, with ${longTasks(runs.with).length} in ${RUNS} loads ${
      longTasks(runs.with).length ? `(${longTasks(runs.with).join(', ')} ms)` : ''
    }`,
    `widget in long frames   ${longFrames.length} long animation frames ran widget script in ${RUNS} loads ${longFrames
      .map((f) => `(${f.widgetScriptMs} ms of a ${f.frameMs} ms frame)`)
      .join(' ')}`,
    `CLS                     without ${Math.max(...runs.without.map((l) => l.cls)).toFixed(3)}, with ${Math.max(...runs.with.map((l) => l.cls)).toFixed(3)} (worst load)`,
    `launcher visible        ${pick(runs.with, (l) => l.launcherVisibleMs ?? NaN).toFixed(0)} ms after navigation (p50), worst ${Math.max(...runs.with.map((l) => l.launcherVisibleMs ?? NaN)).toFixed(0)} ms`,
  ];
}

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
try {
  if (process.env.BENCH_TRACE) {
    const traced: HostPage = process.env.BENCH_TRACE_PAGE === 'rich' ? 'rich' : 'plain';
    await load(browser, traced, true); // warm the disk cache first, so the trace shows the widget, not the first read
    await load(browser, traced, true, process.env.BENCH_TRACE);
    console.log(`trace of one widget load on the ${traced} page written to ${process.env.BENCH_TRACE}`);
  }
  const pages = Object.keys(HOST_PAGES) as HostPage[];
  const runs: Record<HostPage, Sides> = { rich: { with: [], without: [] }, plain: { with: [], without: [] } };
  for (const page of pages) {
    await load(browser, page, true); // warm-up
    await load(browser, page, false);
  }
  for (let run = 0; run < RUNS; run++) {
    for (const page of pages) {
      runs[page].without.push(await load(browser, page, false));
      runs[page].with.push(await load(browser, page, true));
    }
  }
  const lines = [
    `Chromium ${browser.version()}, ${RUNS} loads of each page with and without the widget, alternating; ${WINDOW_MS / 1000} s window`,
  ];
  for (const page of pages) lines.push('', `${page} page`, ...report(runs[page]));
  console.log(lines.join('\n'));
} finally {
  await browser.close();
  site.close();
  await sandbox.close();
}
