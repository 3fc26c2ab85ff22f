// The widget as a visitor sees it, and as the page sees it through events.
import { expect, type Locator, type Page } from '@playwright/test';

export interface KatavenEvent {
  type: string;
  detail: Record<string, unknown> | null;
  at: number;
  composed: boolean;
}

/** A page of either driver the suites use (Playwright's, puppeteer's): all these helpers need is `evaluate`. */
interface EvaluatingPage {
  evaluate(read: (wanted: string | null) => KatavenEvent[], wanted: string | null): Promise<KatavenEvent[]>;
}

/** All kataven-* events the page recorded so far (page-guards.ts's init script), in order, of `type` if given. */
export function recordedEvents(page: EvaluatingPage, type?: string): Promise<KatavenEvent[]> {
  return page.evaluate(
    (wanted: string | null) =>
      ((window as unknown as { __katavenEvents?: KatavenEvent[] }).__katavenEvents ?? []).filter(
        (event) => !wanted || event.type === wanted,
      ),
    type ?? null,
  );
}

/** Waits until the page has recorded a kataven-* event of `type` (matching `match`, if given); returns it. */
export async function waitForRecordedEvent(
  page: EvaluatingPage,
  type: string,
  match: (detail: Record<string, unknown>) => boolean = () => true,
  timeout = 15_000,
): Promise<KatavenEvent> {
  let found: KatavenEvent | undefined;
  await expect
    .poll(
      async () => {
        found = (await recordedEvents(page, type)).find((event) => match(event.detail ?? {}));
        return Boolean(found);
      },
      { timeout, message: `waiting for a ${type} event` },
    )
    .toBe(true);
  return found!;
}

export class WidgetView {
  readonly host: Locator;
  constructor(
    readonly page: Page,
    selector = 'kataven-widget',
  ) {
    this.host = page.locator(selector);
  }
  /** A shadow-DOM part (Playwright's CSS locators pierce open shadow roots). */
  part(name: string): Locator {
    return this.host.locator(`[part~="${name}"]`);
  }
  get launcher(): Locator {
    return this.part('launcher');
  }
  get panel(): Locator {
    return this.part('panel');
  }
  get error(): Locator {
    return this.part('error');
  }
  get captions(): Locator {
    return this.host.locator('[role="log"]');
  }
  async expectStatus(status: string, timeout?: number): Promise<void> {
    await expect(this.host).toHaveAttribute('status', status, timeout === undefined ? {} : { timeout });
  }
  /** All kataven-* events so far, in order. */
  events(type?: string): Promise<KatavenEvent[]> {
    return recordedEvents(this.page, type);
  }
  /** Waits until a kataven-* event of `type` (matching `match`, if given) has been dispatched; returns it. */
  waitForEvent(
    type: string,
    match?: (detail: Record<string, unknown>) => boolean,
    timeout?: number,
  ): Promise<KatavenEvent> {
    return waitForRecordedEvent(this.page, type, match, timeout);
  }
  /** The sequence of statuses from kataven-status events. */
  async statusTrail(): Promise<string[]> {
    return (await this.events('kataven-status')).map((event) => String(event.detail?.['status']));
  }
  /** The largest scaleX of the level meter's bars right now (computed transform), or -1 with no meter. */
  meterScale(): Promise<number> {
    return this.host.evaluate((element) => {
      const bars = element.shadowRoot?.querySelectorAll<HTMLElement>('[part="meter"] span') ?? [];
      if (!bars.length) return -1;
      let max = 0;
      for (const bar of bars) {
        const transform = getComputedStyle(bar).transform;
        const match = /^matrix\(([^,]+),/.exec(transform);
        if (match) max = Math.max(max, Number(match[1]));
      }
      return max;
    });
  }
}
