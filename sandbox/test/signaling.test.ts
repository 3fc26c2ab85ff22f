import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, sleep, testClock, testSeed, withSandbox } from './helpers';
import { callsOf, SignalingClient, twilioToken, waitFor } from './signaling-client';
import { createCaller } from './werift-caller';

test('listen: bad tokens get Twilio error codes and the socket closes', async () => {
  const clock = testClock();
  const seed = testSeed((_account, config) => {
    config.settings = { ...config.settings, twilio_token_ttl_seconds: 60 };
  });
  await withSandbox(
    seed,
    async (sandbox) => {
      const malformed = new SignalingClient(sandbox);
      await malformed.send('listen', { token: 'garbage', browserinfo: {}, reconnectTimeout: 0 });
      assert.deepEqual(await malformed.next('error'), { error: { code: 31204, message: 'JWT is invalid' } });
      await malformed.next('close');
      await malformed.closed;

      const { token } = await twilioToken(sandbox);
      const [header, payload, signature = ''] = token.split('.');
      const forged = new SignalingClient(sandbox);
      await forged.send('listen', { token: `${header}.${payload}.${signature.slice(0, -4)}AAAA` });
      assert.deepEqual(await forged.next('error'), {
        error: { code: 31202, message: 'JWT signature validation failed' },
      });
      await forged.closed;

      clock.advance(59_000);
      const inTime = new SignalingClient(sandbox);
      await inTime.send('listen', { token });
      const grant = (await inTime.next('connected'))['token'] as { ttl: number };
      assert.equal(grant.ttl, 1, 'a token one second from expiry is still taken');
      inTime.ws.close();

      clock.advance(1_000);
      const expired = new SignalingClient(sandbox);
      await expired.send('listen', { token });
      assert.deepEqual(await expired.next('error'), { error: { code: 31205, message: 'JWT token expired' } });
      await expired.closed;
    },
    { now: clock.now },
  );
});

test('listen: a valid token is answered with connected (identity, ttl) and heartbeats follow', async () => {
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const { token } = await twilioToken(sandbox);
      const client = new SignalingClient(sandbox);
      await client.send('listen', { token, browserinfo: {}, reconnectTimeout: 0 });
      const connected = await client.next('connected');
      assert.equal(connected['region'], 'LOCAL');
      assert.equal(connected['edge'], 'local');
      const grant = connected['token'] as { identity: string; ttl: number };
      assert.match(grant.identity, /^v_/);
      assert.ok(grant.ttl >= 3598 && grant.ttl <= 3600, String(grant.ttl));
      await waitFor('two heartbeats', async () => (client.heartbeats >= 2 ? true : undefined), 2000);
      await client.send('register', { media: { audio: true } });
      await client.next('ready');
      client.ws.close();
    },
    { heartbeatMs: 100 },
  );
});

test('a call end to end: invite, answer, audio both ways, captions, updateToken, reconnect, hangup with error', async () => {
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const { token, sessionId } = await twilioToken(sandbox);
      const client = new SignalingClient(sandbox);
      await client.send('listen', { token });
      await client.next('connected');
      const caller = await createCaller();
      try {
        await client.send('invite', {
          callsid: 'TJS-test-1',
          sdp: caller.offer,
          twilio: { params: `agent_id=agent_ava&session_id=${sessionId}&note=${encodeURIComponent('a b&c')}` },
        });
        const ringing = await client.next('ringing');
        const callSid = String(ringing['callsid']);
        assert.match(callSid, /^CA[0-9a-f]{32}$/);
        const answer = await client.next('answer', 10_000);
        assert.equal(answer['callsid'], callSid);
        const sdp = String(answer['sdp']);
        assert.match(sdp, /a=candidate:/);
        assert.match(sdp, /a=ssrc:/);
        assert.match(sdp, /a=rtpmap:0 PCMU\/8000/);
        assert.match(String(answer['reconnect']), /^RC/);
        await caller.accept(sdp);

        const greeting = await client.next('message');
        assert.equal(greeting['messagetype'], 'user-defined-message');
        assert.equal(greeting['contenttype'], 'application/json');
        assert.match(String(greeting['voiceeventsid']), /^KX[0-9a-f]{32}$/);
        assert.deepEqual(greeting['content'], { role: 'agent', text: "Hi, I'm", final: false });
        assert.deepEqual((await client.next('message'))['content'], {
          role: 'agent',
          text: "Hi, I'm Ava.",
          final: true,
        });
        // After the ~1.5 s chime the agent listens, hears the tone and says so.
        assert.deepEqual((await client.next('message'))['content'], {
          role: 'user',
          text: '(caller audio heard)',
          final: true,
        });
        assert.deepEqual((await client.next('message'))['content'], {
          role: 'agent',
          text: 'I can hear you.',
          final: true,
        });

        const live = await waitFor('audio both ways', async () => {
          const view = (await callsOf(sandbox)).find((entry) => entry.call_sid === callSid);
          return view && view.packets_from_caller > 25 && view.packets_to_caller > 25 && caller.received() > 25
            ? view
            : undefined;
        });
        assert.equal(live.state, 'connected');
        assert.equal(live.session_id, sessionId);
        assert.equal(live.visitor_kind, 'guest');
        assert.deepEqual(live.params, { agent_id: 'agent_ava', session_id: sessionId, note: 'a b&c' });
        assert.ok(live.caller_level > 1000, `caller_level ${live.caller_level}`);
        assert.ok(caller.loudest() > 5000, `the greeting chime is real audio (peak ${caller.loudest()})`);

        await client.send('message', {
          callsid: callSid,
          content: { type: 'user_text', text: 'hello agent' },
          contenttype: 'application/json',
          messagetype: 'user-defined-message',
          voiceeventsid: 'KXclient1',
        });
        assert.deepEqual(await client.next('ack'), {
          acktype: 'message',
          callsid: callSid,
          voiceeventsid: 'KXclient1',
        });
        assert.deepEqual((await client.next('message'))['content'], {
          role: 'agent',
          text: 'You said: hello agent',
          final: true,
        });

        const caption = await call(sandbox, 'POST', '/sandbox/faults', {
          origin: null,
          body: { kind: 'send_caption', role: 'agent', text: 'Injected.', final: true },
        });
        assert.equal(caption.json<{ call_sid: string }>().call_sid, callSid);
        assert.deepEqual((await client.next('message'))['content'], { role: 'agent', text: 'Injected.', final: true });

        await client.send('listen', { token }); // device.updateToken()
        await client.next('connected');
        await client.send('invite', {
          callsid: callSid,
          reconnect: answer['reconnect'],
          sdp: caller.offer,
          twilio: {},
        });
        assert.deepEqual(await client.next('answer'), { callsid: callSid, reconnect: answer['reconnect'] });

        const drop = await call(sandbox, 'POST', '/sandbox/faults', { origin: null, body: { kind: 'drop_signaling' } });
        assert.equal(drop.json<{ sockets_dropped: number }>().sockets_dropped, 1);
        await client.closed;
        const second = new SignalingClient(sandbox);
        await second.send('listen', { token });
        await second.next('connected');
        await second.send('invite', {
          callsid: callSid,
          reconnect: answer['reconnect'],
          sdp: caller.offer,
          twilio: {},
        });
        assert.deepEqual(await second.next('answer'), { callsid: callSid, reconnect: answer['reconnect'] });

        const hangup = await call(sandbox, 'POST', '/sandbox/faults', {
          origin: null,
          body: { kind: 'hangup', error_code: 31603, message: 'Decline' },
        });
        assert.equal(hangup.status, 200);
        assert.deepEqual(await second.next('hangup'), { callsid: callSid, error: { code: 31603, message: 'Decline' } });
        const [closed] = await callsOf(sandbox);
        assert.equal(closed?.state, 'closed');
        assert.equal(closed?.end_reason, 'server_error_31603');
        assert.equal(closed?.token_refreshes, 1);
        assert.deepEqual(closed?.messages_from_caller, [{ type: 'user_text', text: 'hello agent' }]);
        assert.ok(closed?.ended_at);
        second.ws.close();
      } finally {
        await caller.close();
      }
    },
    { heartbeatMs: 1000 },
  );
});

test('delay_answer, caller hangup by TJS id while ringing, and loss of signaling past the grace period', async () => {
  // Without continuity a call waits only for Twilio's own reconnect (resume.test.ts covers the resume window).
  const seed = testSeed((account) => {
    for (const agent of account.agents) agent.widget = { ...agent.widget, continuity_enabled: false };
  });
  await withSandbox(
    seed,
    async (sandbox) => {
      const { token, sessionId } = await twilioToken(sandbox);
      const client = new SignalingClient(sandbox);
      await client.send('listen', { token });
      await client.next('connected');

      await call(sandbox, 'POST', '/sandbox/faults', { origin: null, body: { kind: 'delay_answer', ms: 400 } });
      const ringingCaller = await createCaller();
      await client.send('invite', {
        callsid: 'TJS-ringing',
        sdp: ringingCaller.offer,
        twilio: { params: `session_id=${sessionId}` },
      });
      await client.next('ringing');
      await client.send('hangup', { callsid: 'TJS-ringing' });
      const ended = await waitFor('caller hangup', async () =>
        (await callsOf(sandbox)).find((entry) => entry.state === 'closed'),
      );
      assert.equal(ended.end_reason, 'caller_hangup');
      await sleep(500);
      assert.equal(
        client.messages.some((message) => message.type === 'answer'),
        false,
      );
      await ringingCaller.close();

      const second = await twilioToken(sandbox);
      await client.send('listen', { token: second.token }); // device.updateToken(): the next call's session
      await client.next('connected');
      const caller = await createCaller();
      try {
        await client.send('invite', {
          callsid: 'TJS-2',
          sdp: caller.offer,
          twilio: { params: `session_id=${second.sessionId}` },
        });
        const { callsid } = await client.next('answer', 10_000);
        client.ws.terminate();
        await sleep(100);
        assert.equal((await callsOf(sandbox)).find((entry) => entry.call_sid === callsid)?.state, 'connected');
        const lost = await waitFor('signaling loss', async () =>
          (await callsOf(sandbox)).find((entry) => entry.call_sid === callsid && entry.state === 'closed'),
        );
        assert.equal(lost.end_reason, 'signaling_lost');
      } finally {
        await caller.close();
      }
    },
    { signalingGraceMs: 300 },
  );
});
