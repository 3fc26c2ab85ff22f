// @kataven/sandbox/playwright: a Playwright `test` whose `sandbox` fixture is a fresh sandbox for each test (seeded
// from the `sandboxSeed` option), with the browser context trusting its self-signed certificate, plus helpers that
// drive and read <kataven-widget> through its public surface only: parts, the `status` property and its events.
//
// The browser needs a microphone without a prompt. For Chromium:
//   launchOptions: { args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] }
// (add `--use-file-for-fake-audio-capture=caller.wav` to speak a file instead of the default beep).
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type KatavenSandbox, type SeedConfig, type StartSandboxOptions } from './index';

export { expect };
export type { KatavenSandbox };

/** The Chromium flags for a fake microphone that needs no permission prompt. */
export const FAKE_MICROPHONE_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

export interface SandboxFixtures {
  /** The seed for this test's sandbox: an object or a JSON file path (default: the shipped seed). */
  sandboxSeed: SeedConfig | string | undefined;
  /** Other options for this test's sandbox (port, static files…). */
  sandboxOptions: Omit<StartSandboxOptions, 'seed'>;
  /** A sandbox started for this test and closed after it. */
  sandbox: KatavenSandbox;
}

interface SandboxWorkerFixtures {
  /** One certificate per worker, so starting each test's sandbox costs no key generation. */
  sandboxCertDir: string;
}

export const test = base.extend<SandboxFixtures, SandboxWorkerFixtures>({
  sandboxSeed: [undefined, { option: true }],
  sandboxOptions: [{}, { option: true }],
  sandboxCertDir: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      await use(path.join(os.tmpdir(), `kataven-sandbox-worker-${process.pid}-${workerInfo.workerIndex}`));
    },
    { scope: 'worker' },
  ],
  // The sandbox's certificate is self-signed: this context accepts it (and only this test's context).
  ignoreHTTPSErrors: true,
  sandbox: async ({ sandboxSeed, sandboxOptions, sandboxCertDir }, use) => {
    const sandbox = await startSandbox({
      certDir: sandboxCertDir,
      ...sandboxOptions,
      ...(sandboxSeed === undefined ? {} : { seed: sandboxSeed }),
    });
    try {
      await use(sandbox);
    } finally {
      await sandbox.close();
    }
  },
});

/** The widget's statuses (the `status` property). */
export type WidgetStatus =
  | 'idle'
  | 'loading'
  | 'ready'
  | 'unavailable'
  | 'connecting'
  | 'ringing'
  | 'connected'
  | 'reconnecting'
  | 'resuming'
  | 'ended'
  | 'error';

/** One event the widget dispatched, as recorded in the page. */
export interface RecordedEvent {
  type: string;
  detail: unknown;
}

/** A handle on one <kataven-widget> in a page: its parts, status and events, as a visitor and the page see them. */
export class WidgetHandle {
  constructor(
    readonly page: Page,
    readonly element: Locator,
  ) {}

  /** A `part` of the widget (launcher, panel, call-button, end-button, transcript, text-input, …). */
  part(name: string): Locator {
    return this.element.locator(`[part~="${name}"]`);
  }

  /** The `status` property right now. */
  status(): Promise<WidgetStatus> {
    return this.element.evaluate((node) => (node as HTMLElement & { status: WidgetStatus }).status);
  }

  /** Waits until `status` is one of the given values. */
  async waitForStatus(status: WidgetStatus | WidgetStatus[], options: { timeout?: number } = {}): Promise<void> {
    const wanted = Array.isArray(status) ? status : [status];
    await expect
      .poll(() => this.status(), { timeout: options.timeout ?? 30_000, message: `status ${wanted.join(' or ')}` })
      .toMatch(new RegExp(`^(${wanted.join('|')})$`));
  }

  /** Every kataven-* event the widget has dispatched since `widget()` was called, oldest first. */
  events(type?: string): Promise<RecordedEvent[]> {
    return this.element.evaluate(
      (node, only) =>
        ((node as HTMLElement & { __katavenEvents?: RecordedEvent[] }).__katavenEvents ?? []).filter(
          (event) => !only || event.type === only,
        ),
      type ?? null,
    );
  }

  /** Waits for the first recorded event of `type` that `match` accepts, and returns its detail. */
  async waitForEvent<T = unknown>(
    type: string,
    match: (detail: T) => boolean = () => true,
    options: { timeout?: number } = {},
  ): Promise<T> {
    let found: T | undefined;
    await expect
      .poll(
        async () => {
          found = (await this.events(type)).map((event) => event.detail as T).find(match);
          return found !== undefined;
        },
        { timeout: options.timeout ?? 30_000, message: `a ${type} event` },
      )
      .toBe(true);
    return found as T;
  }

  /** The agent's final captions (kataven-message, role agent) so far. */
  async agentLines(): Promise<string[]> {
    return (await this.events('kataven-message'))
      .map((event) => event.detail as { role: string; text: string; final: boolean })
      .filter((detail) => detail.role === 'agent' && detail.final)
      .map((detail) => detail.text);
  }

  /** Waits until the agent has said (final caption) a line matching `text`. */
  async waitForAgentLine(text: string | RegExp, options: { timeout?: number } = {}): Promise<string> {
    const detail = await this.waitForEvent<{ role: string; text: string; final: boolean }>(
      'kataven-message',
      (message) =>
        message.role === 'agent' &&
        message.final &&
        (typeof text === 'string' ? message.text.includes(text) : text.test(message.text)),
      options,
    );
    return detail.text;
  }

  /** The visitor opens the panel with the launcher and starts a call with the call button. */
  async startCall(): Promise<void> {
    if (await this.part('launcher').isVisible()) await this.part('launcher').click();
    await this.part('call-button').click();
  }

  /** The visitor ends the call with the end button. */
  async endCall(): Promise<void> {
    await this.part('end-button').click();
  }
}

/**
 * The widget on `page` (the first <kataven-widget>, or `selector`), recording its events from now on. Call it
 * before the visitor acts, so no event is missed.
 */
export async function widget(page: Page, selector = 'kataven-widget'): Promise<WidgetHandle> {
  const element = page.locator(selector).first();
  await element.waitFor({ state: 'attached' });
  await element.evaluate((node) => {
    const host = node as HTMLElement & { __katavenEvents?: RecordedEvent[] };
    if (host.__katavenEvents) return;
    const events: RecordedEvent[] = [];
    host.__katavenEvents = events;
    const types = [
      'kataven-ready',
      'kataven-status',
      'kataven-call-start',
      'kataven-call-connected',
      'kataven-call-end',
      'kataven-mute',
      'kataven-message',
      'kataven-error',
      'kataven-open',
      'kataven-close',
      'kataven-tool-call',
      'kataven-feedback',
      'kataven-network-quality',
    ];
    for (const type of types) {
      host.addEventListener(type, (event) => {
        events.push({ type, detail: JSON.parse(JSON.stringify((event as CustomEvent).detail ?? null)) as unknown });
      });
    }
  });
  return new WidgetHandle(page, element);
}
