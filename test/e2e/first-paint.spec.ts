// The launcher appears once, in its final place and colours: never in a default corner first. Not a timing
// test: an init script records the launcher's box and colour on every animation frame from before the widget loads,
// while the config answer is held back, and the test asserts that every recorded frame shows the same box.
import type { Page } from '@playwright/test';
import { BRAND, DEMO_KEY, e2eSeed, expect, scriptTagPage, test } from './fixtures';

interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
  background: string;
  status: string;
}

// Source text, not a function: tsx would inject its `__name` helper, which the page lacks.
const RECORD_FRAMES = `(() => {
  const frames = (window.__launcherFrames = []);
  const tick = () => {
    const host = document.querySelector('kataven-widget');
    const inline = host && host.getAttribute('display') === 'inline';
    const box = inline ? host : host && host.shadowRoot && host.shadowRoot.querySelector('[part="launcher"]');
    if (box) {
      const r = box.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) {
        frames.push({ x: r.x, y: r.y, width: r.width, height: r.height,
          background: getComputedStyle(box).backgroundColor, status: host.getAttribute('status') || '' });
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

/** Holds every /widget/config answer back (a slow API), then lets it through or fails it. */
async function slowConfig(page: Page, options: { fail?: boolean } = {}) {
  await page.route('**/v1/widget/config?**', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    if (options.fail) await route.fulfill({ status: 503, contentType: 'text/plain', body: 'server_error: down' });
    else await route.fallback();
  });
}

async function framesUntilSettled(page: Page, status: string): Promise<Frame[]> {
  await expect(page.locator('kataven-widget')).toHaveAttribute('status', status, { timeout: 15_000 });
  // A few more painted frames after the status settled (counted, not timed): a late jump (styles, logo, fonts) would
  // show here.
  const recorded = () => page.evaluate(() => (window as unknown as { __launcherFrames: Frame[] }).__launcherFrames);
  const count = () => page.evaluate(() => (window as unknown as { __launcherFrames: Frame[] }).__launcherFrames.length);
  const settledAt = await count();
  await expect.poll(count, { message: 'frames painted after the status settled' }).toBeGreaterThan(settledAt + 20);
  return recorded();
}

function expectOneBox(frames: Frame[]) {
  expect(frames.length, 'the launcher was painted').toBeGreaterThan(5);
  const last = frames[frames.length - 1]!;
  const round = (frame: Frame) => [frame.x, frame.y, frame.width, frame.height].map((v) => Math.round(v));
  for (const frame of frames) {
    expect(round(frame), `a frame with status ${frame.status} showed another box`).toEqual(round(last));
  }
  return last;
}

const VIEWPORT = { width: 1280, height: 720 };
const OFFSET = 20;

function expectCorner(box: Frame, corner: string) {
  const left = box.x;
  const top = box.y;
  const right = VIEWPORT.width - box.x - box.width;
  const bottom = VIEWPORT.height - box.y - box.height;
  expect(Math.round(corner[1] === 'l' ? left : right), `${corner}: horizontal offset`).toBe(OFFSET);
  expect(Math.round(corner[0] === 't' ? top : bottom), `${corner}: vertical offset`).toBe(OFFSET);
}

test.use({ viewport: VIEWPORT });

for (const corner of ['tl', 'tr', 'bl', 'br'] as const) {
  test.describe(`account corner ${corner}`, () => {
    test.use({ seed: e2eSeed((account) => (account.branding = { ...account.branding, launcher_position: corner })) });

    test(`the launcher first paints in ${corner} with the brand colour and never moves`, async ({
      page,
      sandbox,
      customer,
    }) => {
      await page.addInitScript(RECORD_FRAMES);
      await slowConfig(page);
      await page.goto(
        customer.page(scriptTagPage(sandbox, { publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase })),
      );
      const frames = await framesUntilSettled(page, 'ready');
      const box = expectOneBox(frames);
      expectCorner(box, corner);
      expect(new Set(frames.map((frame) => frame.background))).toEqual(new Set([BRAND.primary_rgb]));
      // Nothing is painted while the config is on its way.
      expect(frames.every((frame) => frame.status !== 'loading')).toBe(true);
    });
  });
}

test.describe('overrides and failures', () => {
  test.use({ seed: e2eSeed((account) => (account.branding = { ...account.branding, launcher_position: 'tl' })) });

  test('the position attribute wins over the account corner from the first paint', async ({
    page,
    sandbox,
    customer,
  }) => {
    await page.addInitScript(RECORD_FRAMES);
    await slowConfig(page);
    await page.goto(
      customer.page(
        scriptTagPage(sandbox, { publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase, position: 'br' }),
      ),
    );
    const box = expectOneBox(await framesUntilSettled(page, 'ready'));
    expectCorner(box, 'br');
  });

  test('when the config fails, the launcher appears once, in the page-chosen corner', async ({
    page,
    sandbox,
    customer,
    problems,
  }) => {
    problems.allow(/503/);
    await page.addInitScript(RECORD_FRAMES);
    await slowConfig(page, { fail: true });
    await page.goto(
      customer.page(
        scriptTagPage(sandbox, { publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase, position: 'tr' }),
      ),
    );
    const box = expectOneBox(await framesUntilSettled(page, 'error'));
    expectCorner(box, 'tr');
  });

  test('inline display appears once, in its final size', async ({ page, sandbox, customer }) => {
    await page.addInitScript(RECORD_FRAMES);
    await slowConfig(page);
    await page.goto(
      customer.page(
        scriptTagPage(sandbox, {
          publicKey: DEMO_KEY,
          agentId: 'agent_ava',
          apiBase: sandbox.apiBase,
          display: 'inline',
          container: '#slot',
        }).replace('<h1>Acme Inc.</h1>', '<h1>Acme Inc.</h1><div id="slot"></div><p id="below">Below the widget.</p>'),
      ),
    );
    const frames = await framesUntilSettled(page, 'ready');
    const box = expectOneBox(frames);
    expect(box.height).toBeGreaterThan(100);
    await expect(page.locator('kataven-widget [part="call-button"]')).toBeVisible();
  });
});
