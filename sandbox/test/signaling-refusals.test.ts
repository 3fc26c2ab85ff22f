// docs/protocol.md section 4 on the signaling side: one session, one call; the session is the one the caller's token
// names; a socket touches only its own calls. Each refusal is checked on the wire, with a raw PStream client.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sleep, testSeed, withSandbox } from './helpers';
import { callsOf, listeningClient, SignalingClient, silentMediaAgent, twilioToken } from './signaling-client';

const OFFER = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n';
const signalingOnly = { createMediaAgent: silentMediaAgent };

test('an invite whose session_id names no session is declined (31603), never routed by agent_id', async () => {
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const { client } = await listeningClient(sandbox);
      for (const agentId of ['agent_sleepy', 'agent_members', 'agent_ava']) {
        await client.send('invite', {
          callsid: `TJS-${agentId}`,
          sdp: OFFER,
          twilio: { params: `agent_id=${agentId}&session_id=sess_nosuchsession` },
        });
        assert.deepEqual(await client.next('hangup'), {
          callsid: `TJS-${agentId}`,
          error: { code: 31603, message: 'Decline' },
        });
      }
      assert.deepEqual(await callsOf(sandbox), []);
      client.ws.close();
    },
    signalingOnly,
  );
});

test("the token's session wins: visitor A cannot attach a call to visitor B's session", async () => {
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const a = await listeningClient(sandbox);
      const b = await listeningClient(sandbox);
      await a.client.send('invite', {
        callsid: 'TJS-a',
        sdp: OFFER,
        twilio: { params: `agent_id=agent_ava&session_id=${b.sessionId}` },
      });
      assert.deepEqual(await a.client.next('hangup'), { callsid: 'TJS-a', error: { code: 31603, message: 'Decline' } });
      assert.deepEqual(await callsOf(sandbox), []);

      // B's session is untouched, and the token alone (no session_id param) is enough to name it.
      await b.client.send('invite', { callsid: 'TJS-b', sdp: OFFER, twilio: { params: 'agent_id=agent_ava' } });
      const { callsid } = await b.client.next('answer');
      const [view] = await callsOf(sandbox);
      assert.equal(view?.call_sid, callsid);
      assert.equal(view?.session_id, b.sessionId);
      assert.equal(view?.visitor_kind, 'guest');
      a.client.ws.close();
      b.client.ws.close();
    },
    signalingOnly,
  );
});

test('one session, one call: every further invite for it is busy (31486), even sent all at once', async () => {
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const { client, sessionId } = await listeningClient(sandbox);
      // Eight at once against a concurrent_max of 5: only the first may become a call.
      await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          client.send('invite', {
            callsid: `TJS-${index}`,
            sdp: OFFER,
            twilio: { params: `agent_id=agent_ava&session_id=${sessionId}` },
          }),
        ),
      );
      await client.next('answer');
      await sleep(200);
      const refusals = client.messages.filter((message) => message.type === 'hangup');
      assert.equal(refusals.length, 7);
      for (const { payload } of refusals) assert.deepEqual(payload['error'], { code: 31486, message: 'Busy Here' });
      const calls = await callsOf(sandbox);
      assert.equal(calls.length, 1);
      assert.equal(calls[0]?.session_id, sessionId);

      // Also after the call has ended: the session is used up.
      await client.send('hangup', { callsid: calls[0]?.call_sid });
      await client.send('invite', { callsid: 'TJS-again', sdp: OFFER, twilio: {} });
      assert.deepEqual((await client.next('hangup'))['error'], { code: 31486, message: 'Busy Here' });
      assert.equal((await callsOf(sandbox)).length, 1);
      client.ws.close();
    },
    signalingOnly,
  );
});

test("reinvite, message and hangup for another caller's call are refused (31481) and leave it alone", async () => {
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const victim = await listeningClient(sandbox);
      await victim.client.send('invite', { callsid: 'TJS-v', sdp: OFFER, twilio: {} });
      const callsid = String((await victim.client.next('answer'))['callsid']);
      const stranger = await listeningClient(sandbox);
      const notHere = { code: 31481, message: 'Call/Transaction Does Not Exist' };

      await stranger.client.send('message', {
        callsid,
        content: { text: 'injected' },
        contenttype: 'application/json',
        messagetype: 'user-defined-message',
        voiceeventsid: 'KXstranger',
      });
      assert.deepEqual(await stranger.client.next('error'), { callsid, voiceeventsid: 'KXstranger', error: notHere });
      await stranger.client.send('reinvite', { callsid, sdp: OFFER });
      assert.deepEqual(await stranger.client.next('error'), { callsid, error: notHere });
      await stranger.client.send('hangup', { callsid });
      assert.deepEqual(await stranger.client.next('error'), { callsid, error: notHere });
      // The temporary TJS id names the same call and is refused the same way.
      await stranger.client.send('hangup', { callsid: 'TJS-v' });
      assert.deepEqual(await stranger.client.next('error'), { callsid: 'TJS-v', error: notHere });
      assert.equal(
        stranger.client.messages.some((message) => message.type === 'ack'),
        false,
      );

      await sleep(100);
      const [view] = await callsOf(sandbox);
      assert.equal(view?.state, 'connected');
      assert.deepEqual(view?.messages_from_caller, []);
      assert.equal(
        victim.client.messages.some((message) => message.type === 'hangup'),
        false,
      );

      // The owner still can.
      await victim.client.send('hangup', { callsid });
      await sleep(100);
      assert.equal((await callsOf(sandbox))[0]?.end_reason, 'caller_hangup');
      victim.client.ws.close();
      stranger.client.ws.close();
    },
    signalingOnly,
  );
});

test('a frame larger than PStream ever needs closes the socket (1009) before any auth', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const client = new SignalingClient(sandbox);
    await client.send('listen', { token: 'x'.repeat(1024 * 1024) });
    assert.equal(await client.closed, 1009);
  });
});

test('a socket that does not listen within the deadline is closed; one that listened stays', async () => {
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const silent = new SignalingClient(sandbox);
      await silent.send('register', { media: { audio: true } }); // anything but listen
      const { client } = await listeningClient(sandbox);
      const started = Date.now();
      assert.equal(await silent.closed, 1008);
      assert.ok(Date.now() - started < 2000);
      await sleep(400);
      assert.equal(client.ws.readyState, client.ws.OPEN);
      client.ws.close();
    },
    { listenDeadlineMs: 300 },
  );
});

test('an invite right behind a listen with a new token (updateToken) belongs to the new token’s session', async () => {
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const { client, sessionId: firstSession } = await listeningClient(sandbox);
      const next = await twilioToken(sandbox);
      // No wait for `connected` in between, as the SDK sends them.
      await client.send('listen', { token: next.token });
      await client.send('invite', {
        callsid: 'TJS-next',
        sdp: OFFER,
        twilio: { params: `session_id=${next.sessionId}` },
      });
      await client.next('answer');
      const [view] = await callsOf(sandbox);
      assert.equal(view?.session_id, next.sessionId);
      assert.notEqual(view?.session_id, firstSession);
      client.ws.close();
    },
    signalingOnly,
  );
});
