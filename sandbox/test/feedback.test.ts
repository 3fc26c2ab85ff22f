import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Sandbox } from '../server';
import { API_KEY, call, guestSession, testSeed, withSandbox } from './helpers';
import { SignalingClient, callsOf, silentMediaAgent, waitFor } from './signaling-client';

const signalingOnly = { createMediaAgent: silentMediaAgent };

/** A guest places a call (signaling only) and hangs up; returns the visitor token and the call's session. */
async function endedCall(sandbox: Sandbox, end = true) {
  const visitor = await guestSession(sandbox);
  const res = await call(sandbox, 'POST', '/v1/widget/connect', {
    bearer: visitor.token,
    body: { agent_id: 'agent_ava' },
  });
  const { session_id: sessionId, twilio } = res.json<{ session_id: string; twilio: { token: string } }>();
  const client = new SignalingClient(sandbox);
  await client.send('listen', { token: twilio.token });
  await client.next('connected');
  await client.send('invite', { callsid: 'TJS-1', sdp: 'v=0\r\n', twilio: { params: `session_id=${sessionId}` } });
  const callSid = String((await client.next('ringing'))['callsid']);
  await client.next('answer');
  if (end) {
    await client.send('hangup', { callsid: callSid });
    await waitFor('the hangup', async () => (await callsOf(sandbox)).find((entry) => entry.state === 'closed'));
  }
  return { visitor, sessionId, client };
}

const feedback = (sandbox: Sandbox, token: string | undefined, body: unknown) =>
  call(sandbox, 'POST', '/v1/widget/feedback', { ...(token ? { bearer: token } : {}), body });

test('feedback on an ended call is stored once and shown on /sandbox/calls', async () => {
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const { visitor, sessionId, client } = await endedCall(sandbox);
      const before = await callsOf(sandbox);
      assert.equal(before[0]?.feedback, null);
      const res = await feedback(sandbox, visitor.token, {
        session_id: sessionId,
        rating: 'up',
        comment: '  Quick and kind.  ',
      });
      assert.equal(res.status, 204, res.text);
      assert.equal(res.text, '');
      const after = await callsOf(sandbox);
      assert.deepEqual(after[0]?.feedback, { rating: 'up', comment: 'Quick and kind.' });

      const again = await feedback(sandbox, visitor.token, { session_id: sessionId, rating: 'down' });
      assert.equal(again.status, 409);
      assert.equal(again.text, 'feedback_given: this call already has feedback');
      assert.deepEqual((await callsOf(sandbox))[0]?.feedback, { rating: 'up', comment: 'Quick and kind.' });
      client.ws.close();
    },
    signalingOnly,
  );
});

test('feedback is refused without the owning visitor token, with a bad body, for unknown or live calls', async () => {
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const { visitor, sessionId, client } = await endedCall(sandbox, false);
      const live = await feedback(sandbox, visitor.token, { session_id: sessionId, rating: 'up' });
      assert.equal(live.status, 409);
      assert.match(live.text, /^call_not_ended/);

      const anonymous = await feedback(sandbox, undefined, { session_id: sessionId, rating: 'up' });
      assert.equal(anonymous.status, 401);
      const stranger = await guestSession(sandbox);
      const foreign = await feedback(sandbox, stranger.token, { session_id: sessionId, rating: 'up' });
      assert.equal(foreign.status, 403);

      const unknown = await feedback(sandbox, visitor.token, { session_id: 'sess_nope', rating: 'up' });
      assert.equal(unknown.status, 404);
      assert.match(unknown.text, /^session_not_found/);

      for (const body of [
        { session_id: sessionId, rating: 'meh' },
        { session_id: sessionId },
        { rating: 'up' },
        { session_id: sessionId, rating: 'up', comment: 'x'.repeat(501) },
        { session_id: sessionId, rating: 'up', extra: true },
      ]) {
        const bad = await feedback(sandbox, visitor.token, body);
        assert.equal(bad.status, 400, JSON.stringify(body));
        assert.match(bad.text, /^invalid_body/);
      }
      assert.equal((await callsOf(sandbox))[0]?.feedback, null);
      client.ws.close();
    },
    signalingOnly,
  );
});

test('the config answer carries feedback_enabled from the agent policy, and the admin API sets it', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const config = async () =>
      (await call(sandbox, 'GET', '/v1/widget/config?client_key=pk_live_acme_demo0000000000&agent_id=agent_ava')).json<{
        policy: { feedback_enabled: boolean };
      }>().policy.feedback_enabled;
    assert.equal(await config(), false);
    const patched = await call(sandbox, 'PATCH', '/v1/agents/agent_ava/widget-settings', {
      bearer: API_KEY,
      origin: null,
      body: { feedback_enabled: true },
    });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.json<{ feedback_enabled: boolean }>().feedback_enabled, true);
    assert.equal(await config(), true);
    const bad = await call(sandbox, 'PATCH', '/v1/agents/agent_ava/widget-settings', {
      bearer: API_KEY,
      origin: null,
      body: { feedback_enabled: 'yes' },
    });
    assert.equal(bad.status, 400);
  });
});
