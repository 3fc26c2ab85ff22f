// Continuity (docs/protocol.md section 9): a call on a plain multi-page site follows the visitor from page to
// page and across a reload, with the real Twilio SDK against the real sandbox, audio both ways on every page.
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';
import type { Sandbox } from '../../sandbox/server';
import {
  DEMO_KEY,
  e2eSeed,
  GREETING,
  guardContext,
  type CustomerSite,
  expect,
  mediaBothWays,
  sandboxCalls,
  sandboxRequests,
  test,
  waitForCall,
  watchContext,
  WidgetView,
} from './fixtures';

/** A page of the customer's three-page site: a heading, links to every page, and the script-tag embed. */
function sitePage(sandbox: Sandbox, title: string, init: Record<string, unknown> = {}, tools = '{}'): string {
  const options = { publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase, ...init };
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>${title}</title></head>
  <body>
    <h1>${title}</h1>
    <nav><a href="/">Home</a> <a href="/pricing">Pricing</a> <a href="/contact">Contact</a></nav>
    <script src="${sandbox.url}/v1.js"></script>
    <script>Kataven.init({ ...${JSON.stringify(options)}, clientTools: ${tools} });</script>
  </body>
</html>`;
}

function serveSite(sandbox: Sandbox, customer: CustomerSite, init: Record<string, unknown> = {}, tools = '{}'): string {
  customer.page(sitePage(sandbox, 'Pricing', init, tools), '/pricing');
  customer.page(sitePage(sandbox, 'Contact', init, tools), '/contact');
  return customer.page(sitePage(sandbox, 'Home', init, tools), '/');
}

/** Starts a call on the current page and returns its session id (from `kataven-call-connected`). */
async function callFromPanel(widget: WidgetView): Promise<string> {
  await widget.expectStatus('ready');
  await widget.launcher.click();
  await widget.part('call-button').click();
  await widget.expectStatus('connected', 15_000);
  const connected = await widget.waitForEvent('kataven-call-connected');
  return String(connected.detail?.['sessionId']);
}

async function follow(page: Page, link: string): Promise<void> {
  const from = page.url();
  await Promise.all([page.waitForURL((url) => url.href !== from), page.click(`a >> text=${link}`)]);
}

test('a call follows the visitor across three pages and a reload: same session, one call, a leg per page', async ({
  page,
  sandbox,
  customer,
  widget,
}) => {
  const home = serveSite(sandbox, customer);
  await page.goto(home);
  const sessionId = await callFromPanel(widget);
  expect(sessionId).toMatch(/^sess_/);
  await waitForCall(sandbox, mediaBothWays({ morePacketsThan: 20 }), { message: 'media both ways on page 1' });
  await expect(widget.captions).toContainText(GREETING);

  const pages = [
    { go: () => follow(page, 'Pricing'), path: '/pricing' },
    { go: () => follow(page, 'Contact'), path: '/contact' },
    { go: () => page.reload().then(() => undefined), path: '/contact' },
  ];
  for (const [index, step] of pages.entries()) {
    await step.go();
    // The panel comes back as it was (open), and the call with it: the same session, no click.
    await widget.expectStatus('connected', 15_000);
    const connected = await widget.waitForEvent('kataven-call-connected');
    expect(connected.detail?.['sessionId'], `session after step ${index + 1}`).toBe(sessionId);
    await expect(widget.panel).toBeVisible();
    // The conversation so far, as the server kept it: page 1's greeting is still on screen.
    await expect(widget.captions).toContainText(GREETING);
    const legs = index + 2;
    const live = await waitForCall(
      sandbox,
      (call) => {
        const leg = call.legs.at(-1);
        return (
          call.state === 'connected' &&
          call.legs.length === legs &&
          leg !== undefined &&
          leg.packets_from_caller > 20 &&
          leg.packets_to_caller > 20
        );
      },
      { message: `leg ${legs} with media both ways` },
    );
    expect(live.session_id).toBe(sessionId);
    expect(live.legs.at(-1)?.page_url).toBe(`${customer.origin}${step.path}`);
    expect(live.page_context).toMatchObject({ url: `${customer.origin}${step.path}` });
  }
  // The first leg's page is whatever the page's own context said (nothing here); every later one is where it resumed.
  const [only] = await sandboxCalls(sandbox);
  expect(only?.legs.map((leg) => leg.page_url)).toEqual(
    [null, '/pricing', '/contact', '/contact'].map((path) => path && `${customer.origin}${path}`),
  );

  // Ended for good: the next page shows the launcher, and nothing is resumed.
  await widget.part('end-button').click();
  await widget.expectStatus('ended');
  await follow(page, 'Home');
  await widget.expectStatus('ready');
  await expect(widget.panel).toBeHidden();
  expect(await widget.statusTrail()).not.toContain('resuming');
  const over = await waitForCall(sandbox, (call) => call.state === 'closed', { message: 'the call is over' });
  expect(over.end_reason).toBe('caller_hangup');
  expect(over.legs).toHaveLength(4);
});

test('continuity="off": leaving the page ends the call as before', async ({ page, sandbox, customer, widget }) => {
  await page.goto(serveSite(sandbox, customer, { continuity: 'off' }));
  await callFromPanel(widget);
  await waitForCall(sandbox, mediaBothWays({ morePacketsThan: 20 }));
  await follow(page, 'Pricing');
  await widget.expectStatus('ready');
  await expect(widget.panel).toBeHidden();
  // Hung up as the page went (not left waiting for a return that cannot come).
  const ended = await waitForCall(sandbox, (call) => call.state === 'closed', { message: 'the call ends' });
  expect(ended.end_reason).toBe('caller_hangup');
  expect(ended.legs).toHaveLength(1);
  expect(await widget.statusTrail()).not.toContain('resuming');
});

test('a refused resume token: "Your call ended while you were away" and a new call on offer', async ({
  page,
  sandbox,
  customer,
  widget,
  problems,
}) => {
  // The browser logs the refusal itself (a 401 answer); the widget's own handling is what the test checks.
  problems.allow(/status of 401 .*\/widget\/connect\/resume/);
  await page.goto(serveSite(sandbox, customer));
  await callFromPanel(widget);
  await waitForCall(sandbox, mediaBothWays({ morePacketsThan: 20 }));
  // The record the next page reads, with a token the server never handed out (as one already spent would be): put
  // there as the next page starts, before its widget reads it.
  await page.addInitScript(() => {
    const key = Object.keys(sessionStorage).find((name) => name.startsWith('kataven:resume:'));
    const record = key && (JSON.parse(sessionStorage.getItem(key) ?? '{}') as Record<string, unknown>);
    if (key && record && record['resume_token'] !== 'rs_forged' && !sessionStorage.getItem('forged')) {
      sessionStorage.setItem('forged', '1');
      sessionStorage.setItem(key, JSON.stringify({ ...record, resume_token: 'rs_forged' }));
    }
  });
  await follow(page, 'Pricing');
  await widget.expectStatus('error', 15_000);
  expect(await widget.statusTrail()).toContain('resuming');
  await expect(widget.error).toContainText('Your call ended while you were away');
  await expect(widget.part('retry-button')).toBeVisible();
  // Nothing is kept for a call that is not coming back.
  expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('kataven:')))).toEqual([]);
  // The call itself was never handed over: its one leg is the first page's.
  expect((await sandboxCalls(sandbox))[0]?.legs).toHaveLength(1);
});

test.describe('the agent navigates', () => {
  test.use({
    seed: e2eSeed((account) => {
      const ava = account.agents.find((agent) => agent.id === 'agent_ava')!;
      ava.behaviour = {
        greeting: true,
        echo: true,
        captions: true,
        tool_calls: [{ after_ms: 2500, name: 'open_page', params: { path: '/pricing' } }],
      };
    }),
  });

  test('a client tool open_page sets location.href: the call continues on the new page, the result arrives', async ({
    page,
    sandbox,
    customer,
    widget,
  }) => {
    const tools = `{ open_page: ({ path }) => { location.href = String(path); return { opened: path }; } }`;
    await page.goto(serveSite(sandbox, customer, {}, tools));
    const sessionId = await callFromPanel(widget);
    await page.waitForURL(`${customer.origin}/pricing`, { timeout: 15_000 });
    await widget.expectStatus('connected', 15_000);
    const connected = await widget.waitForEvent('kataven-call-connected');
    expect(connected.detail?.['sessionId']).toBe(sessionId);
    const live = await waitForCall(
      sandbox,
      (call) => call.legs.length === 2 && (call.legs.at(-1)?.packets_to_caller ?? 0) > 20,
      { message: 'the second leg with the agent audible' },
    );
    expect(live.legs.at(-1)?.page_url).toBe(`${customer.origin}/pricing`);
    expect(live.tool_results).toContainEqual(expect.objectContaining({ result: { opened: '/pricing' } }));
  });
});

/** The resume token the live call's record holds in this tab's sessionStorage (what a later page would present). */
async function storedResumeToken(page: Page): Promise<string> {
  return page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((name) => name.startsWith('kataven:resume:'));
    return String(
      (JSON.parse((key && sessionStorage.getItem(key)) || '{}') as { resume_token?: unknown }).resume_token,
    );
  });
}

const storedKeys = (page: Page) =>
  page.evaluate(() => Object.keys(sessionStorage).filter((name) => name.startsWith('kataven:')));

/** `POST /widget/connect/resume` from `page`, with its own Origin, as a script on that page would send it. */
async function presentResumeToken(
  page: Page,
  sandbox: Sandbox,
  token: string,
): Promise<{ status: number; code: string }> {
  return page.evaluate(
    async ({ url, body }) => {
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      // Refusals answer `code: message` in plain text (docs/protocol.md section 1).
      return { status: res.status, code: (await res.text()).split(':')[0] ?? '' };
    },
    { url: `${sandbox.apiBase}/widget/connect/resume`, body: JSON.stringify({ resume_token: token }) },
  );
}

test.describe('away too long', () => {
  // A one-second window (and Twilio's own reconnect grace no longer than it), so the server ends the call soon after
  // the page goes; the test waits for that end itself, not for a time.
  test.use({
    seed: e2eSeed((_account, seed) => {
      seed.settings = { ...seed.settings, resume_seconds: 1 };
    }),
    sandboxOptions: { signalingGraceMs: 1000 },
  });

  test('leaving the site past the resume window: the call ends caller_left, a later page shows nothing', async ({
    page,
    sandbox,
    customer,
    widget,
  }) => {
    const home = serveSite(sandbox, customer);
    await page.goto(home);
    await callFromPanel(widget);
    await waitForCall(sandbox, mediaBothWays({ morePacketsThan: 20 }), { message: 'media both ways' });
    expect(await storedKeys(page)).toHaveLength(1);

    // Off the site in the same tab (this tab's sessionStorage for the site stays), and not back within the window.
    await page.goto('about:blank');
    const over = await waitForCall(sandbox, (call) => call.state === 'closed', { message: 'the call ends' });
    expect(over.end_reason).toBe('caller_left');
    expect(over.legs).toHaveLength(1);

    // Back on the site: no panel, no attempt to resume, and the stale record is gone.
    await page.goto(`${customer.origin}/pricing`);
    await widget.expectStatus('ready');
    await expect(widget.launcher).toBeVisible();
    await expect(widget.panel).toBeHidden();
    expect(await widget.statusTrail()).not.toContain('resuming');
    expect(await storedKeys(page)).toEqual([]);
    expect((await sandboxRequests(sandbox)).filter((entry) => entry.path.endsWith('/connect/resume'))).toEqual([]);
  });
});

test.describe('a resume token out of its place', () => {
  /** The sandbox's clock runs this far ahead of the browser's once the test moves it (the resume window passing). */
  const sandboxClock = { ahead: 0 };
  test.use({ sandboxOptions: { now: () => Date.now() + sandboxClock.ahead } });
  test.afterEach(() => {
    sandboxClock.ahead = 0;
  });

  test('from another allowlisted origin, replayed, or after the window: refused, no media, the call unaffected', async ({
    page,
    context,
    sandbox,
    customer,
    widget,
    problems,
  }) => {
    // The browser logs each refusal itself; what the server answers and what the visitor sees is what is checked.
    problems.allow(/status of 40[13] .*\/widget\/connect\/resume/);
    await page.goto(serveSite(sandbox, customer));
    const sessionId = await callFromPanel(widget);
    await waitForCall(sandbox, mediaBothWays({ morePacketsThan: 20 }), { message: 'media both ways' });
    const first = await storedResumeToken(page);
    expect(first).toMatch(/^rs_/);

    // Another origin the key allows (127.0.0.1 instead of localhost, the same site's server) presents the token.
    const elsewhere = await context.newPage();
    await elsewhere.goto(
      customer.page('<!doctype html><title>Elsewhere</title>', '/elsewhere').replace('localhost', '127.0.0.1'),
    );
    expect(await presentResumeToken(elsewhere, sandbox, first)).toEqual({ status: 403, code: 'origin_not_allowed' });
    await elsewhere.close();

    // Nothing moved: the visitor's own tab is still on its one leg, and its token still takes the call to the next page.
    await widget.expectStatus('connected');
    expect((await sandboxCalls(sandbox))[0]?.legs).toHaveLength(1);
    await follow(page, 'Pricing');
    await widget.expectStatus('connected', 15_000);
    expect((await widget.waitForEvent('kataven-call-connected')).detail?.['sessionId']).toBe(sessionId);
    const moved = await waitForCall(
      sandbox,
      (call) => call.legs.length === 2 && (call.legs[1]?.packets_to_caller ?? 0) > 20,
      { message: 'the second leg with media' },
    );

    // The spent token, replayed from the visitor's own origin: refused, and the live leg goes on with media.
    expect(await presentResumeToken(page, sandbox, first)).toEqual({ status: 401, code: 'resume_expired' });
    const after = await waitForCall(
      sandbox,
      (call) =>
        call.state === 'connected' &&
        call.legs.length === 2 &&
        (call.legs[1]?.packets_from_caller ?? 0) > (moved.legs[1]?.packets_from_caller ?? 0) + 20,
      { message: 'the live leg still carries the caller' },
    );
    expect(after.legs[1]?.ended_at).toBeNull();
    await widget.expectStatus('connected');

    // Off the site until the server's window has passed (its clock moved on, the browser's not): the call ends, and
    // the page the visitor comes back to finds a record its own clock still trusts, with a token the server refuses.
    await page.goto('about:blank');
    await waitForCall(sandbox, (call) => call.away_since !== null, { message: 'the caller is away' });
    sandboxClock.ahead = 31_000;
    const over = await waitForCall(sandbox, (call) => call.state === 'closed', { message: 'the call ends' });
    expect(over.end_reason).toBe('caller_left');
    await page.goto(`${customer.origin}/contact`);
    await widget.expectStatus('error', 15_000);
    expect(await widget.statusTrail()).toContain('resuming');
    await expect(widget.error).toContainText('Your call ended while you were away');
    await expect(widget.part('retry-button')).toBeVisible();
    expect(await storedKeys(page)).toEqual([]);
    // No media for any refused token: the call never had more than its two legs.
    expect((await sandboxCalls(sandbox))[0]?.legs).toHaveLength(2);
  });
});

test('the microphone not granted on the next page: one "Continue the call", one click, connected', async ({
  sandbox,
  customer,
  network,
  problems,
}) => {
  // A browser whose permission prompts nobody answers (no --use-fake-ui-for-media-stream): the test grants and takes
  // the microphone permission itself, as a visitor's browser settings would.
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS.filter((arg) => arg !== '--use-fake-ui-for-media-stream'),
  });
  try {
    // The camera permission (never used) lets Chromium gather ICE candidates off the default route (none here).
    const context = await browser.newContext({ ignoreHTTPSErrors: true, permissions: ['camera', 'microphone'] });
    await guardContext(context, network);
    await watchContext(context, problems);
    const page = await context.newPage();
    const widget = new WidgetView(page);
    await page.goto(serveSite(sandbox, customer));
    const sessionId = await callFromPanel(widget);
    await waitForCall(sandbox, mediaBothWays({ morePacketsThan: 20 }), { message: 'media both ways on page 1' });

    // The grant goes (a one-time grant lapsing, the visitor resetting it): the next page could only prompt.
    await context.clearPermissions();
    await context.grantPermissions(['camera']);
    await follow(page, 'Pricing');
    await widget.expectStatus('resuming', 15_000);
    await expect(widget.part('resume-button')).toHaveText('Continue the call');
    // That button and nothing else: no call, end or consent controls. The resume was asked for beside the config (a
    // round trip less after the click), but no leg is placed before the click.
    for (const other of ['call-button', 'end-button', 'consent', 'retry-button']) {
      await expect(widget.part(other)).toHaveCount(0);
    }
    const resumes = async () =>
      (await sandboxRequests(sandbox)).filter((entry) => entry.path.endsWith('/connect/resume')).length;
    await expect.poll(resumes).toBe(1);
    expect((await sandboxCalls(sandbox))[0]?.legs).toHaveLength(1);

    // The visitor clicks; the browser's prompt is answered with "allow".
    await context.grantPermissions(['camera', 'microphone'], { origin: customer.origin });
    await widget.part('resume-button').click();
    await widget.expectStatus('connected', 15_000);
    const connected = await widget.waitForEvent('kataven-call-connected');
    expect(connected.detail?.['sessionId']).toBe(sessionId);
    const live = await waitForCall(
      sandbox,
      (call) =>
        call.state === 'connected' &&
        call.legs.length === 2 &&
        (call.legs[1]?.packets_from_caller ?? 0) > 20 &&
        (call.legs[1]?.packets_to_caller ?? 0) > 20,
      { message: 'the second leg with media both ways' },
    );
    expect(live.session_id).toBe(sessionId);
    // The click took the early answer: no second resume request.
    expect(await resumes()).toBe(1);
    await context.close();
  } finally {
    await browser.close();
  }
});
