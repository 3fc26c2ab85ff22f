/**
 * Playwright's clock in the test page (a command of web-test-runner.config.mjs). Once installed, time still flows as
 * usual; `jump` moves the page's clock ahead without firing timers, `fastForward` moves it and fires the timers that
 * fall due, once each (keep it short: every repeating timer of the page runs through it). So a test sees a deadline
 * pass without waiting for it. Installed for the rest of the test file's page.
 */
import { executeServerCommand } from '@web/test-runner-commands';

export async function installClock(): Promise<void> {
  await executeServerCommand('clock', { action: 'install' });
}

export async function fastForward(ms: number): Promise<void> {
  await executeServerCommand('clock', { action: 'fastForward', ms });
}

export async function jump(ms: number): Promise<void> {
  await executeServerCommand('clock', { action: 'jump', ms });
}
