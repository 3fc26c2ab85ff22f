// Fixtures for the demo page's tests: test/e2e/fixtures (a sandbox per test, the off-box guard, page hygiene) plus
// `demo`, the page opened on that sandbox with its form loaded.
import type { FrameLocator, Locator, Page } from '@playwright/test';
import { WidgetView, expect, test as e2e } from '../e2e/fixtures';

export { expect };
export { API_KEY, BRAND, DEMO_KEY, e2eSeed, mediaBothWays, sandboxCalls, waitForCall } from '../e2e/fixtures';

/** The floating widget on the mock site, inside the preview's iframe. */
export class SiteWidget {
  readonly host: Locator;
  constructor(readonly site: FrameLocator) {
    this.host = site.locator('kataven-widget');
  }
  part(name: string): Locator {
    return this.host.locator(`[part~="${name}"]`);
  }
  get launcher(): Locator {
    return this.part('launcher');
  }
  get panel(): Locator {
    return this.part('panel');
  }
  async expectStatus(status: string, timeout?: number): Promise<void> {
    await expect(this.host).toHaveAttribute('status', status, timeout === undefined ? {} : { timeout });
  }
}

/** The demo page as a customer uses it: the form, the two previews and the snippets. */
export class DemoPage {
  /** The mock site in the preview's iframe. */
  readonly site: FrameLocator;
  /** The floating widget on the mock site. */
  readonly floating: SiteWidget;
  /** The inline widget of the "Try a call" card. */
  readonly inline: WidgetView;
  /** The preview's iframe: the mock site's viewport. */
  readonly mockViewport: Locator;

  constructor(readonly page: Page) {
    this.site = page.frameLocator('preview-frame iframe');
    this.floating = new SiteWidget(this.site);
    this.inline = new WidgetView(page, 'call-preview kataven-widget');
    this.mockViewport = page.getByTestId('mock-viewport');
  }

  /** A form control by its visible label. */
  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  /** The visible message under a field (its `aria-describedby` target). */
  async messageOf(label: string): Promise<string> {
    const id = await this.field(label).getAttribute('aria-describedby');
    return (await this.page.locator(`[id="${id}"]`).textContent())?.trim() ?? '';
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await this.loaded();
  }

  /** Both widgets have applied the config the form was loaded from. */
  async loaded(): Promise<void> {
    await expect(this.page.locator('.notice[role="status"]')).toHaveCount(0);
    await expect(this.inline.host).toHaveAttribute('status', /ready|unavailable/);
    await expect(this.floating.launcher).toBeVisible();
  }

  /**
   * The text of a snippet block: `script-0`, `data-0`, `npm-0..2`, `api-0` (branding), `api-1` (policy), `site-0`
   * (CSP), `site-1` (user-token server code), `site-2` (allowlist entry), `site-3` (its PATCH body).
   */
  async snippet(key: string): Promise<string> {
    const tab = key.split('-')[0] ?? '';
    const labels: Record<string, string> = {
      script: 'Script tag',
      data: 'Data attributes',
      npm: 'npm',
      api: 'Save via API',
      site: 'Your site',
    };
    await this.page.getByRole('tab', { name: labels[tab] }).click();
    return (await this.page.locator(`pre[data-snippet="${key}"]`).textContent()) ?? '';
  }

  /** Computed style of an element (shadow parts included). */
  style(locator: Locator, property: string): Promise<string> {
    return locator.evaluate((element, name) => getComputedStyle(element).getPropertyValue(name), property);
  }

  /** Which corner of the mock viewport the launcher sits in, from the rendered boxes. */
  async launcherCorner(): Promise<string> {
    const viewport = await this.mockViewport.boundingBox();
    const launcher = await this.floating.launcher.boundingBox();
    if (!viewport || !launcher) throw new Error('no boxes');
    const vertical = launcher.y + launcher.height / 2 < viewport.y + viewport.height / 2 ? 't' : 'b';
    const horizontal = launcher.x + launcher.width / 2 < viewport.x + viewport.width / 2 ? 'l' : 'r';
    // And really in the corner: within 40 CSS px (scaled) of both edges it hugs.
    const gapX =
      horizontal === 'l' ? launcher.x - viewport.x : viewport.x + viewport.width - (launcher.x + launcher.width);
    const gapY =
      vertical === 't' ? launcher.y - viewport.y : viewport.y + viewport.height - (launcher.y + launcher.height);
    if (gapX < 0 || gapY < 0 || gapX > 40 || gapY > 40) return `not in a corner (${gapX}, ${gapY})`;
    return vertical + horizontal;
  }
}

export const test = e2e.extend<{ demo: DemoPage }>({
  // The demo page lives on the sandbox's origin, so relative URLs go there.
  baseURL: async ({ sandbox }, use) => use(sandbox.url),
  demo: async ({ page }, use) => {
    await use(new DemoPage(page));
  },
});
