// A caller who vanishes without a goodbye (network gone, tab killed): the sandbox notices, as the real service does,
// by WebSocket heartbeats and by a media inactivity timeout, and ends the call with an end reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testSeed, withSandbox } from './helpers';
import { callsOf, listeningClient, silentMediaAgent, waitFor } from './signaling-client';
import { createCaller } from './werift-caller';

const HEARTBEAT_MS = 200;

test('a signaling socket that stops answering pings is cut, and its call ends after the grace period', async () => {
  await withSandbox(
    // Without continuity a cut caller has only Twilio's own reconnect grace (resume-window.test.ts covers the window).
    testSeed((account) => {
      for (const agent of account.agents) agent.widget = { ...agent.widget, continuity_enabled: false };
    }),
    async (sandbox) => {
      const { client: alive } = await listeningClient(sandbox);
      const { client: gone, sessionId } = await listeningClient(sandbox);
      await gone.send('invite', {
        callsid: 'TJS-gone',
        sdp: 'v=0\r\n',
        twilio: { params: `agent_id=agent_ava&session_id=${sessionId}` },
      });
      const callSid = String((await gone.next('answer'))['callsid']);
      const silentAt = Date.now();
      gone.goSilent();
      const code = await gone.closed;
      const cutAfter = Date.now() - silentAt;
      assert.equal(code, 1006, 'terminated, not closed politely');
      assert.ok(cutAfter <= 3 * HEARTBEAT_MS + 150, `cut after ${cutAfter} ms`);
      const ended = await waitFor('the call to end', async () =>
        (await callsOf(sandbox)).find((view) => view.call_sid === callSid && view.state === 'closed'),
      );
      assert.equal(ended.end_reason, 'signaling_lost');
      // The caller that answers stays: it has heard many heartbeats and is still open.
      assert.ok(alive.heartbeats >= 3, `heartbeats: ${alive.heartbeats}`);
      assert.equal(alive.ws.readyState, alive.ws.OPEN);
      alive.ws.close();
    },
    { heartbeatMs: HEARTBEAT_MS, signalingGraceMs: 300, createMediaAgent: silentMediaAgent },
  );
});

test('a call whose caller audio stops ends with media_timeout even while its socket stays open', async () => {
  const LIMIT_MS = 1000;
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const { client, sessionId } = await listeningClient(sandbox);
      const caller = await createCaller();
      try {
        await client.send('invite', {
          callsid: 'TJS-media',
          sdp: caller.offer,
          twilio: { params: `agent_id=agent_ava&session_id=${sessionId}` },
        });
        const answer = await client.next('answer', 10_000);
        const callSid = String(answer['callsid']);
        await caller.accept(String(answer['sdp']));
        await waitFor(
          'caller audio',
          async () => {
            const view = (await callsOf(sandbox)).find((entry) => entry.call_sid === callSid);
            return view && view.packets_from_caller > 0 ? view : undefined;
          },
          30_000, // ICE between two werift peers on a loaded machine
        );
        // Audio flowing for longer than the limit keeps the call up.
        await new Promise((resolve) => setTimeout(resolve, LIMIT_MS * 1.5));
        assert.equal((await callsOf(sandbox))[0]?.state, 'connected');

        const stoppedAt = Date.now();
        await caller.close();
        const hangup = await client.next('hangup', LIMIT_MS * 3);
        const endedAfter = Date.now() - stoppedAt;
        assert.deepEqual(hangup, { callsid: callSid });
        assert.ok(endedAfter >= LIMIT_MS - 50 && endedAfter <= LIMIT_MS + 500, `ended after ${endedAfter} ms`);
        const [ended] = await callsOf(sandbox);
        assert.equal(ended?.state, 'closed');
        assert.equal(ended?.end_reason, 'media_timeout');
        // The agent stopped sending: its packet count no longer moves.
        const sent = ended?.packets_to_caller;
        await new Promise((resolve) => setTimeout(resolve, 200));
        assert.equal((await callsOf(sandbox))[0]?.packets_to_caller, sent);
      } finally {
        await caller.close();
        client.ws.close();
      }
    },
    { mediaInactivityMs: LIMIT_MS },
  );
});
