// Real network faults mid-call: the browser in its own namespace, the sandbox in the runner's, and the veth link
// between them cut, restored or re-addressed (scripts/browser-netns.sh). The visitor's view, the events the page
// hears, and the sandbox's record of the call and its packets.
import type { Sandbox } from '../../sandbox/server';
import { A_ADDRESS, B_ADDRESSES, splitSeed, test, type SplitNetwork } from './browser-netns';
import {
  DEMO_KEY,
  GREETING,
  callPackets,
  expect,
  expectMediaFlowing,
  mediaBothWays,
  sandboxCalls,
  scriptTagPage,
  waitForCall,
} from './fixtures';
import { waitFor } from '../../sandbox/test/signaling-client';
import { startCustomerSite } from './customer-site';

/** The Twilio SDK (logLevel 'error') logs the faults these tests cause. */
const TWILIO_LOG = /^\[TwilioVoice\]/;
/**
 * After a 15 s cut, `connected` again within the SDK's reconnection: audio returns about 0.5 s after the link does
 * here (the widget's media watchdog sees it), but the SDK's signaling backoff may add a few seconds.
 */
const LONG_CUT_BACK_WITHIN_MS = 5_000;

test.use({ seed: splitSeed(), sandboxOptions: { host: '0.0.0.0' } });
// A call, a fault and a recovery: more than the suite's 45 s on a loaded machine.
test.describe.configure({ timeout: 90_000 });

/** Opens the customer's page (served from A's address) in B's browser, calls agent_ava, waits for audio both ways. */
async function callAva(sandbox: Sandbox, split: SplitNetwork): Promise<{ callSid: string; sessionId: string | null }> {
  const { widget, customer, sandboxForBrowser } = split;
  await widget.page.goto(
    customer.page(
      scriptTagPage(sandboxForBrowser, {
        publicKey: DEMO_KEY,
        agentId: 'agent_ava',
        apiBase: sandboxForBrowser.apiBase,
      }),
    ),
  );
  expect(new URL(widget.page.url()).hostname).toBe(A_ADDRESS);
  await widget.expectStatus('ready');
  await widget.launcher.click();
  await widget.part('call-button').click();
  // A positive signal with room for a loaded machine (two browsers and two namespaces' worth of ICE).
  await widget.expectStatus('connected', 30_000);
  const live = await waitForCall(sandbox, mediaBothWays({ morePacketsThan: 0 }), {
    message: 'media flowing on the sandbox call',
  });
  await expect(widget.captions).toContainText(GREETING);
  return { callSid: live.call_sid, sessionId: live.session_id };
}

/** The first kataven-status event `status` the page heard at or after `since` (the browser's clock). */
async function statusSince(split: SplitNetwork, status: string, since: number, timeout: number): Promise<number> {
  let at = 0;
  await expect
    .poll(
      async () => {
        const events = await split.widget.events('kataven-status');
        at = events.find((e) => e.at >= since && e.detail?.['status'] === status)?.at ?? 0;
        return at > 0;
      },
      { message: `waiting for "${status}"`, timeout },
    )
    .toBe(true);
  return at;
}

/**
 * Cuts the link for `seconds` mid-call: `reconnecting` within 2 s of the cut and through it, then `connected` within
 * `backWithinMs` of the link returning, audio both ways again; same call, same session, one call on the server, no
 * error, no end, the transcript kept.
 */
async function cutAndRecover(
  sandbox: Sandbox,
  split: SplitNetwork,
  call: { callSid: string; sessionId: string | null },
  seconds: number,
  backWithinMs: number,
): Promise<void> {
  const { widget } = split;
  const transcript = await widget.captions.innerText();

  // Timed from when the link is surely down (the cut command has returned): spawning it can take a while under load.
  await split.cut();
  const cutAt = await split.browserNow();
  const reconnectingAt = await statusSince(split, 'reconnecting', cutAt - 1_000, 5_000);
  expect(reconnectingAt - cutAt, `${seconds} s cut: ms from the cut to "reconnecting"`).toBeLessThan(2_000);
  await widget.expectStatus('reconnecting');
  // Nothing reaches the sandbox while the link is down.
  const during = await callPackets(sandbox);

  // The cut lasts `seconds` in all (the browser's clock, which the cut does not touch): a real outage, not a sleep
  // standing in for a signal.
  await widget.page.waitForTimeout(Math.max(0, cutAt + seconds * 1_000 - (await split.browserNow())));
  await widget.expectStatus('reconnecting');
  const restoredAt = await split.browserNow();
  await split.restore();
  const backAt = await statusSince(split, 'connected', restoredAt, backWithinMs + 5_000);
  expect(backAt - restoredAt, `${seconds} s cut: ms from the link returning to "connected"`).toBeLessThan(backWithinMs);
  test.info().annotations.push({ type: `${seconds} s cut`, description: `connected ${backAt - restoredAt} ms after` });
  const back = (await widget.events('kataven-status')).find((e) => e.at === backAt);
  expect(back?.detail?.['previous']).toBe('reconnecting');
  await widget.expectStatus('connected');
  await expectMediaFlowing(sandbox, during);

  const calls = await sandboxCalls(sandbox);
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ call_sid: call.callSid, session_id: call.sessionId, state: 'connected' });
  expect(await widget.events('kataven-error')).toEqual([]);
  expect(await widget.events('kataven-call-end')).toEqual([]);
  expect(await widget.captions.innerText()).toContain(transcript);
}

test('a 3 s cut, then a 15 s cut, in one call: reconnecting within 2 s each time, connected again, audio both ways', async ({
  sandbox,
  split,
  problems,
}) => {
  test.setTimeout(120_000);
  // While the link is down the SDK's signaling retries fail, and Chromium logs each.
  problems.allow(TWILIO_LOG, /^WebSocket connection to .* failed: .*ERR_INTERNET_DISCONNECTED/);
  const { widget } = split;
  const call = await callAva(sandbox, split);

  // Short: back within 3 s of the link returning.
  await cutAndRecover(sandbox, split, call, 3, 3_000);
  // Long: the signaling socket and ICE both give up on the old path meanwhile; the SDK's reconnection (signaling
  // backoff, ICE restarts) brings the call back within its own retry intervals.
  await cutAndRecover(sandbox, split, call, 15, LONG_CUT_BACK_WITHIN_MS);

  await widget.part('end-button').click();
  await widget.expectStatus('ended');
  await waitForCall(sandbox, (c) => c.state === 'closed' && c.end_reason === 'caller_hangup');
});

test.describe('past the reconnect window', () => {
  // Short sandbox timeouts stand in for the real service's: heartbeats each second (a silent socket is cut after two)
  // and 3 s without caller audio ends the call. One concurrent call, so "Call again" proves the slot came back.
  // Continuity off: with it, a caller whose socket is cut may come back on another page, so the resume window (not
  // the inactivity timeout) decides when it is gone (resume-window.test.ts).
  test.use({
    seed: splitSeed((account) => {
      account.call_limits = { ...account.call_limits, concurrent_max: 1 };
      for (const agent of account.agents) agent.widget = { ...agent.widget, continuity_enabled: false };
    }),
    sandboxOptions: { host: '0.0.0.0', heartbeatMs: 1_000, mediaInactivityMs: 3_000 },
  });

  test('the sandbox ends its side (media_timeout), the widget shows call_dropped, and a new call works', async ({
    sandbox,
    split,
    problems,
  }) => {
    problems.allow(TWILIO_LOG);
    const { widget } = split;
    const { callSid } = await callAva(sandbox, split);

    await split.cut();
    await widget.waitForEvent('kataven-status', (d) => d['status'] === 'reconnecting', 5_000);
    // The sandbox ends the call whose caller is gone, with an end reason, and stops sending to it.
    const ended = await waitFor('the sandbox ending the call', async () => {
      const [view] = await sandboxCalls(sandbox);
      return view?.state === 'closed' ? view : undefined;
    });
    expect(ended).toMatchObject({ call_sid: callSid, end_reason: 'media_timeout' });
    const sent = ended.packets_to_caller;

    await split.restore();
    const error = await widget.waitForEvent('kataven-error', () => true, 30_000);
    expect(error.detail).toMatchObject({ code: 'call_dropped', retryable: true });
    await widget.expectStatus('error');
    await expect(widget.error).toHaveText('The call was dropped. Please try again.');
    await expect(widget.part('retry-button')).toHaveText('Call again');
    expect((await widget.events('kataven-call-end')).map((e) => e.detail?.['reason'])).toEqual(['error']);
    expect((await sandboxCalls(sandbox))[0]?.packets_to_caller, 'nothing sent after the end').toBe(sent);

    // The slot is free again: the visitor's retry places a new call (concurrent_max is 1).
    await widget.part('retry-button').click();
    await widget.expectStatus('connected', 30_000);
    const calls = await sandboxCalls(sandbox);
    expect(calls.map((c) => c.state)).toEqual(['closed', 'connected']);
    await widget.part('end-button').click();
    await widget.expectStatus('ended');
  });
});

test('the browser’s address changes mid-call: ICE restart, connected again with audio both ways', async ({
  sandbox,
  split,
  problems,
}) => {
  problems.allow(TWILIO_LOG);
  const { widget } = split;
  const { callSid } = await callAva(sandbox, split);

  // Wi-Fi hands over to cellular: the old address is gone at once, a new one routes.
  await split.readdress(B_ADDRESSES[1]);
  await widget.waitForEvent('kataven-status', (d) => d['status'] === 'reconnecting', 10_000);
  const before = await callPackets(sandbox);
  await widget.waitForEvent(
    'kataven-status',
    (d) => d['status'] === 'connected' && d['previous'] === 'reconnecting',
    30_000,
  );
  // Both ways: the caller's packets reach the agent, and the agent's reach the caller at its new address (the
  // widget's own count of inbound audio rises, not only the sandbox's count of packets it sent).
  await expectMediaFlowing(sandbox, before);
  const inbound = await split.inboundAudioPackets();
  await expect
    .poll(() => split.inboundAudioPackets(), { message: 'the caller hears the agent again' })
    .toBeGreaterThan(inbound + 50);
  await widget.expectStatus('connected');
  const calls = await sandboxCalls(sandbox);
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ call_sid: callSid, state: 'connected' });
  expect(await widget.events('kataven-error')).toEqual([]);

  await widget.part('end-button').click();
  await widget.expectStatus('ended');
});

test('a page over plain HTTP from a LAN address: insecure_context, not browser_unsupported', async ({
  sandbox,
  split,
}) => {
  // Another origin on A's address, one the browser was not told to treat as secure: a plain http:// LAN page.
  const { site: lan, close } = await startCustomerSite({ host: A_ADDRESS });
  try {
    const { widget, sandboxForBrowser } = split;
    await widget.page.goto(
      lan.page(
        scriptTagPage(sandboxForBrowser, {
          publicKey: DEMO_KEY,
          agentId: 'agent_ava',
          apiBase: sandboxForBrowser.apiBase,
        }),
      ),
    );
    expect(await widget.page.evaluate(() => window.isSecureContext)).toBe(false);
    await widget.expectStatus('ready');
    await widget.launcher.click();
    await widget.part('call-button').click();
    await widget.expectStatus('error');
    const error = await widget.waitForEvent('kataven-error');
    expect(error.detail).toMatchObject({ code: 'insecure_context', retryable: false });
    await expect(widget.error).toHaveText(
      'Voice calls need a secure (https) page, and this page is not secure. Please open the site over https.',
    );
    expect(await sandboxCalls(sandbox)).toEqual([]);
  } finally {
    await close();
  }
});

test('offline before a call: the click fails fast with network, and the widget recovers when back online', async ({
  sandbox,
  split,
}) => {
  const { widget, customer, sandboxForBrowser } = split;
  await widget.page.goto(
    customer.page(
      scriptTagPage(sandboxForBrowser, {
        publicKey: DEMO_KEY,
        agentId: 'agent_ava',
        apiBase: sandboxForBrowser.apiBase,
      }),
    ),
  );
  await widget.expectStatus('ready');
  await widget.launcher.click();
  await expect(widget.part('call-button')).toBeVisible();

  // The link goes down: the browser itself notices it is offline (no carrier on its only interface).
  await split.cut();
  await expect.poll(() => widget.page.evaluate(() => navigator.onLine), { message: 'navigator.onLine' }).toBe(false);
  const clickedAt = await split.browserNow();
  await widget.part('call-button').click();
  const error = await widget.waitForEvent('kataven-error', () => true, 5_000);
  expect(error.detail).toMatchObject({ code: 'network', retryable: true });
  expect(error.at - clickedAt, 'ms from the click to the error').toBeLessThan(1_000);
  await widget.expectStatus('error');
  await expect(widget.error).toHaveText('We could not reach the server. Check your connection and try again.');
  await expect(widget.part('retry-button')).toBeVisible();

  // Back online: the widget is ready again by itself, and a call goes through.
  await split.restore();
  await widget.expectStatus('ready', 15_000);
  await expect(widget.error).toHaveCount(0);
  await widget.part('call-button').click();
  await widget.expectStatus('connected', 30_000);
  await waitForCall(sandbox, mediaBothWays({ morePacketsThan: 0 }));
  await widget.part('end-button').click();
  await widget.expectStatus('ended');
});
