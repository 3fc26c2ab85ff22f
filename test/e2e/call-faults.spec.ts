// Things that go wrong during a real call, injected at the sandbox (or in the browser for the microphone): the
// visitor's view, the status the page sees, the kataven-error code, and the sandbox's record of the call.
import { chromium } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import { CHROMIUM_ARGS } from '../../playwright.config';
import {
  WidgetView,
  advanceTime,
  e2eSeed,
  expect,
  expectMediaFlowing,
  guardContext,
  injectFault,
  mediaBothWays,
  openAvaPage,
  sandboxCalls,
  sandboxRequests,
  test,
  waitForCall,
  watchContext,
  type CustomerSite,
} from './fixtures';

/** The Twilio SDK (logLevel 'error') logs the faults these tests inject. */
const TWILIO_LOG = /^\[TwilioVoice\]/;

/** Embeds the widget, calls agent_ava and waits until audio flows both ways; returns the sandbox's call sid. */
async function callAva(sandbox: Sandbox, customer: CustomerSite, widget: WidgetView): Promise<string> {
  await openAvaPage(sandbox, customer, widget);
  await widget.launcher.click();
  await widget.part('call-button').click();
  await widget.expectStatus('connected', 15_000);
  const live = await waitForCall(sandbox, mediaBothWays({ morePacketsThan: 0 }), {
    message: 'media flowing on the sandbox call',
  });
  return live.call_sid;
}

test('signaling drops mid-call: reconnecting, then connected again with media still flowing', async ({
  sandbox,
  customer,
  widget,
  problems,
}) => {
  problems.allow(TWILIO_LOG);
  const callSid = await callAva(sandbox, customer, widget);
  const dropped = await injectFault(sandbox, { kind: 'drop_signaling' });
  expect(dropped['sockets_dropped']).toBe(1);

  await widget.waitForEvent('kataven-status', (d) => d['status'] === 'reconnecting');
  await widget.waitForEvent('kataven-status', (d) => d['status'] === 'connected' && d['previous'] === 'reconnecting');
  await widget.expectStatus('connected');
  await expect(widget.part('status')).toHaveText('Connected. Go ahead and talk.');
  await expect(widget.error).toHaveCount(0);
  expect(await widget.events('kataven-error')).toEqual([]);
  expect(await widget.events('kataven-call-end')).toEqual([]);
  expect(await widget.statusTrail()).toEqual([
    'loading',
    'ready',
    'connecting',
    'ringing',
    'connected',
    'reconnecting',
    'connected',
  ]);

  // Same call on the sandbox, still up, still carrying audio both ways.
  const [after] = await sandboxCalls(sandbox);
  expect(after).toMatchObject({ call_sid: callSid, state: 'connected' });
  await expectMediaFlowing(sandbox);

  await widget.part('end-button').click();
  await widget.expectStatus('ended');
  await waitForCall(sandbox, (c) => c.state === 'closed' && c.end_reason === 'caller_hangup');
});

test('the agent hangs up with error 31603: call_dropped and the error view', async ({
  sandbox,
  customer,
  widget,
  problems,
}) => {
  problems.allow(TWILIO_LOG);
  const callSid = await callAva(sandbox, customer, widget);
  const fault = await injectFault(sandbox, { kind: 'hangup', error_code: 31603, message: 'Decline' });
  expect(fault['call_sid']).toBe(callSid);

  await widget.expectStatus('error');
  const error = await widget.waitForEvent('kataven-error');
  expect(error.detail).toMatchObject({ code: 'call_dropped', retryable: true });
  expect((await widget.events('kataven-error')).length).toBe(1);
  const ended = await widget.waitForEvent('kataven-call-end');
  expect(ended.detail).toMatchObject({ reason: 'error' });
  await expect(widget.error).toHaveText('The call was dropped. Please try again.');
  await expect(widget.part('retry-button')).toHaveText('Call again');
  await expect(widget.part('end-button')).toHaveCount(0);
  await expect(widget.part('meter')).toHaveCount(0);
  const [closed] = await sandboxCalls(sandbox);
  expect(closed).toMatchObject({ call_sid: callSid, state: 'closed', end_reason: 'server_error_31603' });
});

test.describe('tokens expiring during a call', () => {
  const TTL = 20;
  test.use({
    seed: e2eSeed((_account, seed) => {
      seed.settings = { ...seed.settings, visitor_token_ttl_seconds: TTL, twilio_token_ttl_seconds: TTL };
    }),
    // A heartbeat every real second: moved time runs several times faster than real time, and the SDK drops a
    // signaling socket that hears nothing for 15 s of the page's time.
    sandboxOptions: { heartbeatMs: 1_000 },
  });

  test('the call outlives both tokens: the widget refreshes them and Twilio takes the new token', async ({
    page,
    sandbox,
    sandboxClock,
    customer,
    widget,
  }) => {
    // The page's clock runs on from real time until the test moves it (with the sandbox's) past the tokens' expiry.
    await page.clock.install();
    const callSid = await callAva(sandbox, customer, widget);

    // Past the first tokens' expiry (plus slack), the call is still the same live call.
    await advanceTime(page, sandboxClock, TTL * 1000 + 5_000);
    await widget.expectStatus('connected');
    const [live] = await sandboxCalls(sandbox);
    expect(live).toMatchObject({ call_sid: callSid, state: 'connected' });
    expect(live!.token_refreshes).toBeGreaterThanOrEqual(1);
    await expectMediaFlowing(sandbox);

    const requests = (await sandboxRequests(sandbox)).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(requests).toContain('POST /v1/widget/connect/refresh 200');
    expect(requests).toContain('POST /v1/widget/auth/refresh 200');
    expect(
      requests.filter((line) => !line.endsWith(' 200')),
      'no refused request',
    ).toEqual([]);
    // Nothing but "connected" since the call connected: no reconnect, no error, no end.
    expect(await widget.statusTrail()).toEqual(['loading', 'ready', 'connecting', 'ringing', 'connected']);
    expect(await widget.events('kataven-error')).toEqual([]);

    await widget.part('end-button').click();
    await widget.expectStatus('ended');
  });
});

test('microphone permission denied: mic_denied, nothing dialled', async ({ sandbox, customer, network, problems }) => {
  // A browser without --use-fake-ui-for-media-stream: nobody answers the permission prompt, so headless Chromium
  // dismisses it and getUserMedia rejects with NotAllowedError (Playwright can grant permissions, not deny them).
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS.filter((arg) => arg !== '--use-fake-ui-for-media-stream'),
  });
  try {
    problems.allow(TWILIO_LOG);
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    await guardContext(context, network);
    await watchContext(context, problems);
    const page = await context.newPage();
    const widget = new WidgetView(page);
    await openAvaPage(sandbox, customer, widget);
    await widget.launcher.click();
    await widget.part('call-button').click();
    await widget.expectStatus('error', 15_000);
    const error = await widget.waitForEvent('kataven-error');
    expect(error.detail).toMatchObject({ code: 'mic_denied', retryable: true });
    expect(String(error.detail?.['message'])).toContain('31401');
    await expect(widget.error).toHaveText(
      'Microphone access was blocked. Allow it in your browser’s site settings, then try again.',
    );
    await expect(widget.part('retry-button')).toContainText('Try again');
    // The call was authorised (a connect session exists) but never dialled: Twilio invites only after getUserMedia.
    expect((await sandboxRequests(sandbox)).map((r) => `${r.path} ${r.status}`)).toContain('/v1/widget/connect 200');
    expect(await sandboxCalls(sandbox)).toEqual([]);
    expect(await widget.statusTrail()).toEqual(['loading', 'ready', 'connecting', 'error']);
    await context.close();
  } finally {
    await browser.close();
  }
});
