// `npm run screenshots`: starts a sandbox (the shipped seed), opens the demo page in Debian's Chromium and writes
// desktop and phone, light and dark PNGs into screenshots/ (git-ignored). Every request off the machine is refused.
// The phone preview with its sheet open is also docs/demo.png, the README's picture of the studio.
// Then the call panel in each state (scripts/screenshot-states.ts): screenshots/states/<run>-<state>.png, and the
// connected panel (desktop, light) clipped into docs/connected.png for the README.
//   tsx scripts/screenshots.ts [--only NAME] [--states-only]
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright';
import { CHROMIUM_ARGS } from '../playwright.config';
import { REPO_ROOT, startSandbox } from '../sandbox/server';
import { STATE_RUNS, shootConnectedPanel, shootStates, stateSeed } from './screenshot-states';

interface Shot {
  name: string;
  width: number;
  height: number;
  scheme: 'light' | 'dark';
  /** Extra setup after the page has loaded (open the launcher, pick the phone viewport…). */
  prepare?: (page: Page) => Promise<void>;
  fullPage?: boolean;
  /** Also written to this path in the repository. */
  docs?: string;
}

/** Opens the launcher of the widget on the preview's mock site (in its iframe). */
const openLauncher = async (page: Page) => {
  const widget = page.frameLocator('preview-frame iframe').locator('kataven-widget');
  await widget.locator('[part="launcher"]').click();
  await widget.locator('[part="panel"]').waitFor();
};

const SHOTS: Shot[] = [
  { name: 'desktop-light', width: 1440, height: 960, scheme: 'light', prepare: openLauncher },
  { name: 'desktop-dark', width: 1440, height: 960, scheme: 'dark', prepare: openLauncher },
  {
    name: 'desktop-phone-preview-light',
    width: 1440,
    height: 960,
    scheme: 'light',
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Phone' }).click();
      await page.getByLabel('Primary color', { exact: true }).fill('#c2410c');
      await page.getByLabel('Accent color', { exact: true }).fill('#7c2d12');
      await page.getByRole('button', { name: 'Use sample' }).click();
      await openLauncher(page);
    },
    docs: 'docs/demo.png',
  },
  { name: 'desktop-full-light', width: 1440, height: 960, scheme: 'light', fullPage: true },
  { name: 'phone-light', width: 390, height: 844, scheme: 'light', prepare: openLauncher },
  { name: 'phone-dark', width: 390, height: 844, scheme: 'dark', prepare: openLauncher },
];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, 'states-only': { type: 'boolean' } } });
  const outDir = path.join(REPO_ROOT, 'screenshots');
  await mkdir(outDir, { recursive: true });
  const sandbox = await startSandbox({ port: 0, quiet: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const blocked: string[] = [];
  try {
    const shots = values['states-only'] ? [] : SHOTS;
    for (const shot of shots.filter((candidate) => !values.only || candidate.name === values.only)) {
      const context = await browser.newContext({
        viewport: { width: shot.width, height: shot.height },
        colorScheme: shot.scheme,
        ignoreHTTPSErrors: true,
        reducedMotion: 'reduce',
      });
      await context.route('**/*', (route) => {
        const host = new URL(route.request().url()).hostname;
        if (host === '127.0.0.1' || host === 'localhost') return route.continue();
        blocked.push(route.request().url());
        return route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`[${shot.name}] page error: ${error.message}`));
      await page.goto(`${sandbox.url}/`);
      await page.locator('call-preview kataven-widget[status="ready"]').waitFor();
      await shot.prepare?.(page);
      await page.evaluate(() => document.fonts.ready);
      // Setup clicks may have scrolled; the page top is the view a customer lands on.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(300);
      const file = path.join(outDir, `${shot.name}.png`);
      await page.screenshot({ path: file, fullPage: shot.fullPage ?? false });
      console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
      if (shot.docs) {
        await copyFile(file, path.join(REPO_ROOT, shot.docs));
        console.log(`wrote ${shot.docs}`);
      }
      await context.close();
    }
  } finally {
    await sandbox.close();
  }
  if (!values.only) {
    const stateSandbox = await startSandbox({ port: 0, quiet: true, config: stateSeed() });
    const statesDir = path.join(outDir, 'states');
    await mkdir(statesDir, { recursive: true });
    try {
      const newContext = async (settings: { width: number; height: number; scheme: 'light' | 'dark' }) => {
        const context = await browser.newContext({
          viewport: { width: settings.width, height: settings.height },
          colorScheme: settings.scheme,
          ignoreHTTPSErrors: true,
          reducedMotion: 'reduce',
        });
        await context.route('**/*', (route) => {
          const host = new URL(route.request().url()).hostname;
          if (host === '127.0.0.1' || host === 'localhost') return route.continue();
          blocked.push(route.request().url());
          return route.abort('blockedbyclient');
        });
        return context;
      };
      const docs = path.join(REPO_ROOT, 'docs', 'connected.png');
      await mkdir(path.dirname(docs), { recursive: true });
      await shootConnectedPanel(stateSandbox, await newContext({ width: 1440, height: 960, scheme: 'light' }), docs);
      console.log(`wrote ${path.relative(REPO_ROOT, docs)}`);
      for (const run of STATE_RUNS) {
        await shootStates(stateSandbox, run, newContext, async (page, name, settleMs = 300) => {
          await page.waitForTimeout(settleMs);
          const file = path.join(statesDir, `${name}.png`);
          await page.screenshot({ path: file });
          console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
        });
      }
    } finally {
      await stateSandbox.close();
    }
  }
  await browser.close();
  if (blocked.length) {
    console.error(`requests that tried to leave the machine:\n  ${blocked.join('\n  ')}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
