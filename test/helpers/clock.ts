/**
 * Playwright's clock in the test page (a command of web-test-runner.config.mjs). Once installed, time still flows as
 * usual; `fastForward` moves it ahead and fires the timers that fall due, once each, so a test sees a deadline pass
 * without waiting for it. It stays installed for the rest of the test file's page.
 */
import { executeServerCommand } from '@web/test-runner-commands';

/**
 * Whether this browser's runner has the clock: Playwright's (Chromium) does; the Firefox run drives Firefox through
 * puppeteer, which has none. Those few tests check timing logic that does not differ by browser, so Chromium covers
 * them and the Firefox run skips them, saying why.
 */
export const hasClock = !navigator.userAgent.includes('Firefox');

export async function installClock(): Promise<void> {
  await executeServerCommand('clock', { action: 'install' });
}

/** The test runner's own 20 s timeout for a command is a timer of the page too: each step stays well below it. */
const STEP_MS = 10_000;

export async function fastForward(ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= STEP_MS) {
    await executeServerCommand('clock', { action: 'fastForward', ms: Math.min(left, STEP_MS) });
  }
}
