// The call panel in each state, for `npm run screenshots`: real calls against the sandbox, with its faults to hold
// a state long enough to photograph (delay_answer: connecting; drop_signaling: reconnecting; fail_next: error).
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright';
import type { SeedConfig } from '../sandbox/seed';
import { DEFAULT_SEED_PATH, type Sandbox } from '../sandbox/server';
import { call } from '../sandbox/test/helpers';

/** The shipped seed with the consent and feedback steps switched on, so both can be photographed. */
export function stateSeed(): SeedConfig {
  const seed = JSON.parse(readFileSync(DEFAULT_SEED_PATH, 'utf8')) as SeedConfig;
  for (const account of seed.accounts) {
    for (const agent of account.agents)
      agent.widget = { ...agent.widget, consent_required: true, feedback_enabled: true };
  }
  return seed;
}

export interface StateRun {
  scheme: 'light' | 'dark';
  width: number;
  height: number;
  locale: string;
  /** Name prefix: desktop-light, phone-dark, desktop-light-ar… */
  label: string;
}

export const STATE_RUNS: StateRun[] = [
  { scheme: 'light', width: 1440, height: 960, locale: 'en', label: 'desktop-light' },
  { scheme: 'dark', width: 1440, height: 960, locale: 'en', label: 'desktop-dark' },
  { scheme: 'light', width: 390, height: 844, locale: 'en', label: 'phone-light' },
  { scheme: 'dark', width: 390, height: 844, locale: 'en', label: 'phone-dark' },
  { scheme: 'light', width: 1440, height: 960, locale: 'ar', label: 'desktop-light-ar' },
];

/** The floating widget on the preview's mock site, in its iframe. */
const SITE_FRAME = 'preview-frame iframe';

async function fault(sandbox: Sandbox, body: Record<string, unknown>): Promise<void> {
  const res = await call(sandbox, 'POST', '/sandbox/faults', { origin: null, body });
  if (res.status !== 200) throw new Error(`POST /sandbox/faults → ${res.status} ${res.text}`);
}

/** Drives one widget through ready → consent → connecting → connected → reconnecting → feedback → error. */
export async function shootStates(
  sandbox: Sandbox,
  run: StateRun,
  newContext: (run: StateRun) => Promise<BrowserContext>,
  save: (page: Page, name: string, settleMs?: number) => Promise<void>,
): Promise<void> {
  const context = await newContext(run);
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[${run.label}] page error: ${error.message}`));
    await page.goto(`${sandbox.url}/`);
    const site = page.frameLocator(SITE_FRAME);
    const widget = site.locator('kataven-widget');
    const status = (value: string, timeout = 20_000) =>
      site.locator(`kataven-widget[status="${value}"]`).waitFor({ state: 'attached', timeout });
    const part = (name: string) => widget.locator(`[part~="${name}"]`);
    await status('ready');
    await widget.evaluate(
      (element, settings) => {
        element.setAttribute('theme', settings.scheme);
        element.setAttribute('locale', settings.locale);
      },
      { scheme: run.scheme, locale: run.locale },
    );
    await page.evaluate(() => document.fonts.ready);
    await part('launcher').click();
    await part('call-button').waitFor();
    await save(page, `${run.label}-ready`);

    await fault(sandbox, { kind: 'delay_answer', ms: 4000 });
    await part('call-button').click();
    await part('agree-button').waitFor();
    await save(page, `${run.label}-consent`);
    await part('agree-button').click();
    await status('connecting', 5000).catch(() => status('ringing', 5000));
    await save(page, `${run.label}-connecting`);

    await status('connected');
    await widget.locator('[role="log"] li.agent').first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1500);
    await save(page, `${run.label}-connected`);

    await fault(sandbox, { kind: 'drop_signaling' });
    await status('reconnecting');
    // The SDK reconnects within a second or so: shoot at once, then say so if the picture may be late.
    await save(page, `${run.label}-reconnecting`, 0);
    if ((await widget.getAttribute('status')) !== 'reconnecting') {
      console.warn(`[${run.label}] reconnected before the screenshot finished; reconnecting.png may show connected`);
    }
    await status('connected', 30_000);

    await part('end-button').click();
    await status('ended');
    await part('feedback-up').waitFor();
    await save(page, `${run.label}-feedback`);

    await fault(sandbox, { kind: 'fail_next', path: '/v1/widget/connect', status: 503 });
    await part('call-button').click();
    await part('agree-button')
      .click({ timeout: 3000 })
      .catch(() => undefined);
    await status('error');
    await part('error').waitFor();
    await save(page, `${run.label}-error`);
  } finally {
    await context.close();
  }
}

/**
 * docs/connected.png: the connected panel with its transcript, whole. The demo's inline call panel ("Try a call")
 * shows every control; the floating one in the preview frame scrolls within that frame's short height.
 */
export async function shootConnectedPanel(sandbox: Sandbox, context: BrowserContext, file: string): Promise<void> {
  try {
    const page = await context.newPage();
    await page.goto(`${sandbox.url}/`);
    const selector = 'call-preview kataven-widget';
    const widget = page.locator(selector);
    const part = (name: string) => widget.locator(`[part~="${name}"]`);
    await page.locator(`${selector}[status="ready"]`).waitFor({ state: 'attached', timeout: 20_000 });
    await widget.evaluate((element) => element.setAttribute('theme', 'light'));
    await page.evaluate(() => document.fonts.ready);
    await part('call-button').click();
    await part('agree-button').click();
    await page.locator(`${selector}[status="connected"]`).waitFor({ state: 'attached', timeout: 20_000 });
    await widget.locator('[role="log"] li.agent').nth(1).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1500);
    await part('panel').screenshot({ path: file });
    await part('end-button').click();
  } finally {
    await context.close();
  }
}
