// The real-call subset's network fault in Firefox: Firefox in its own namespace (test/firefox/browser-netns.ts), the
// link to the sandbox cut for 3 s mid-call. The Chromium suite (test/e2e/network-faults.spec.ts) covers the longer
// cuts and the address change; here the question is whether a Firefox caller comes through a short cut.
import type { Sandbox } from '../../sandbox/server';
import {
  DEMO_KEY,
  GREETING,
  callPackets,
  expectMediaFlowing,
  mediaBothWays,
  sandboxCalls,
  scriptTagPage,
  waitForCall,
} from '../e2e/fixtures';
import { A_ADDRESS, splitSeed, test, type FirefoxSplit } from './browser-netns';
import { expect } from './fixtures';

/** The Twilio SDK (logLevel 'error') logs the faults these tests cause. */
const TWILIO_LOG = /^\[TwilioVoice\]/;

test.use({ seed: splitSeed(), sandboxOptions: { host: '0.0.0.0' } });
// A Firefox of its own, a call, a cut and a recovery: more than the subset's 60 s on a loaded machine.
test.describe.configure({ timeout: 120_000 });

async function callAva(sandbox: Sandbox, split: FirefoxSplit) {
  const { widget, customer, sandboxForBrowser } = split;
  await split.page.goto(
    customer.page(
      scriptTagPage(sandboxForBrowser, {
        publicKey: DEMO_KEY,
        agentId: 'agent_ava',
        apiBase: sandboxForBrowser.apiBase,
      }),
    ),
  );
  expect(new URL(split.page.url()).hostname).toBe(A_ADDRESS);
  await widget.expectStatus('ready');
  await widget.click('launcher');
  await widget.click('call-button');
  await widget.expectStatus('connected', 30_000);
  const live = await waitForCall(sandbox, mediaBothWays({ morePacketsThan: 20, callerAudible: true }), {
    message: 'media flowing both ways on the sandbox call',
  });
  await widget.expectText('transcript', GREETING);
  return { callSid: live.call_sid, sessionId: live.session_id };
}

test('a 3 s link cut mid-call in Firefox: connected again on the same call, audio both ways', async ({
  sandbox,
  split,
  problems,
}) => {
  problems.allow(TWILIO_LOG);
  const { widget } = split;
  const { callSid, sessionId } = await callAva(sandbox, split);
  const transcript = await widget.text('transcript');

  // Firefox tells the widget as Chromium does: the widget's own watch on inbound audio (and then the SDK) reports
  // `reconnecting` within 2 s of the cut, and the SDK reports the call back within 3 s of the link returning. Timed
  // from when the link is surely down (the cut command has returned), on the browser's clock.
  await split.cut();
  const cutAt = await split.browserNow();
  const reconnecting = await widget.waitForEvent('kataven-status', (d) => d['status'] === 'reconnecting', 5_000);
  expect(reconnecting.at - cutAt, 'ms from the cut to "reconnecting"').toBeLessThan(2_000);
  await widget.expectStatus('reconnecting');
  const during = await callPackets(sandbox);

  // The cut lasts 3 s in all, waited for in the page (the browser's clock, which the cut does not touch).
  const left = Math.max(0, cutAt + 3_000 - (await split.browserNow()));
  await split.page.evaluate((ms) => new Promise((resolve) => setTimeout(resolve, ms)), left);
  const restoredAt = await split.browserNow();
  await split.restore();
  const back = await widget.waitForEvent(
    'kataven-status',
    (d) => d['status'] === 'connected' && d['previous'] === 'reconnecting',
    5_000,
  );
  expect(back.at - restoredAt, 'ms from the link returning to "connected"').toBeLessThan(3_000);
  await widget.expectStatus('connected');
  await widget.expectText('status', 'Connected. Go ahead and talk.');
  // Audio both ways again: the sandbox's packet counts rise in both directions after the link returned.
  await expectMediaFlowing(sandbox, during);

  // Same call, same session, one call on the server; no error, no end; the transcript kept.
  const calls = await sandboxCalls(sandbox);
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ call_sid: callSid, session_id: sessionId, state: 'connected' });
  expect(await widget.events('kataven-error')).toEqual([]);
  expect(await widget.events('kataven-call-end')).toEqual([]);
  expect(await widget.text('transcript')).toContain(transcript ?? GREETING);

  await widget.click('end-button');
  await widget.expectStatus('ended');
  await waitForCall(sandbox, (c) => c.state === 'closed' && c.end_reason === 'caller_hangup');
});
