// POST /widget/signaling (docs/protocol.md section 4): a standby Twilio token opens the signaling socket before any
// call, creates no session and counts against no cap; the call's own token, sent on the same socket, places the call.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, guestSession, testSeed, withSandbox } from './helpers';
import { callsOf, SignalingClient, silentMediaAgent } from './signaling-client';

const OFFER = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n';
const signalingOnly = { createMediaAgent: silentMediaAgent };

async function standbyToken(sandbox: Parameters<typeof guestSession>[0], bearer: string) {
  const res = await call(sandbox, 'POST', '/v1/widget/signaling', { bearer, body: { agent_id: 'agent_ava' } });
  assert.equal(res.status, 200, res.text);
  return res.json<{ twilio: { token: string; edge: string; signaling_host: string | null }; expires_in: number }>();
}

test('a standby token listens but places no call; the call token on the same socket then does', async () => {
  // One concurrent call allowed: the standby socket must not hold it.
  const seed = testSeed((account) => (account.call_limits = { ...account.call_limits, concurrent_max: 1 }));
  await withSandbox(
    seed,
    async (sandbox) => {
      const visitor = await guestSession(sandbox);
      const standby = await standbyToken(sandbox, visitor.token);
      assert.equal(standby.twilio.signaling_host, `127.0.0.1:${sandbox.port}`);
      assert.ok(standby.expires_in > 0 && standby.expires_in <= 600);

      const client = new SignalingClient(sandbox);
      await client.send('listen', { token: standby.twilio.token });
      const connected = await client.next('connected');
      assert.equal((connected['token'] as { identity: string }).identity, visitor.visitor.id);

      // No session behind it: an invite is declined, and nothing was recorded.
      await client.send('invite', { callsid: 'TJS-standby', sdp: OFFER, twilio: { params: 'agent_id=agent_ava' } });
      assert.deepEqual(await client.next('hangup'), {
        callsid: 'TJS-standby',
        error: { code: 31603, message: 'Decline' },
      });
      assert.deepEqual(await callsOf(sandbox), []);

      // The click: /widget/connect (the only call session), then updateToken() and connect() on the open socket. The
      // listen and the invite go out back to back, as the SDK sends them, without waiting for `connected`.
      const res = await call(sandbox, 'POST', '/v1/widget/connect', {
        bearer: visitor.token,
        body: { agent_id: 'agent_ava' },
      });
      assert.equal(res.status, 200, res.text);
      const connect = res.json<{ session_id: string; twilio: { token: string } }>();
      await client.send('listen', { token: connect.twilio.token });
      await client.send('invite', {
        callsid: 'TJS-call',
        sdp: OFFER,
        twilio: { params: `agent_id=agent_ava&session_id=${connect.session_id}` },
      });
      const answer = await client.next('answer');
      const [view] = await callsOf(sandbox);
      assert.equal(view?.call_sid, answer['callsid']);
      assert.equal(view?.session_id, connect.session_id);
      client.ws.close();
    },
    signalingOnly,
  );
});

test('the standby grant is for visitors who may call: no token, a wrong token, a refused agent', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const anonymous = await call(sandbox, 'POST', '/v1/widget/signaling', { body: {} });
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.text, 'invalid_token: missing Bearer visitor token');

    const forged = await call(sandbox, 'POST', '/v1/widget/signaling', { bearer: 'a.b.c', body: {} });
    assert.equal(forged.status, 401);
    assert.equal(forged.text, 'invalid_token: visitor token is not valid');

    // A guest may not call the members-only agent, so it gets no socket for it either.
    const visitor = await guestSession(sandbox);
    const members = await call(sandbox, 'POST', '/v1/widget/signaling', {
      bearer: visitor.token,
      body: { agent_id: 'agent_members' },
    });
    assert.equal(members.status, 403, members.text);

    const wrongMethod = await call(sandbox, 'GET', '/v1/widget/signaling', { bearer: visitor.token });
    assert.equal(wrongMethod.status, 405);
  });
});

test('every visitor session answer carries a standby grant while the visitor may call', async () => {
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const visitor = await guestSession(sandbox);
      const { signaling } = visitor as typeof visitor & {
        signaling?: { twilio: { token: string }; expires_in: number };
      };
      assert.ok(signaling, 'the guest answer has no signaling grant');
      assert.ok(signaling.expires_in > 0 && signaling.expires_in <= 600);
      const client = new SignalingClient(sandbox);
      await client.send('listen', { token: signaling.twilio.token });
      assert.equal(((await client.next('connected'))['token'] as { identity: string }).identity, visitor.visitor.id);
      client.ws.close();

      // The agent is paused before the visitor session refreshes: the new answer gives no socket for it.
      sandbox.state.agent(sandbox.state.account('acme'), 'agent_ava').status = 'paused';
      const refreshed = await call(sandbox, 'POST', '/v1/widget/auth/refresh', {
        body: { refresh_token: visitor.refresh_token },
      });
      assert.equal(refreshed.status, 200, refreshed.text);
      assert.equal('signaling' in refreshed.json<object>(), false);
    },
    signalingOnly,
  );
});
