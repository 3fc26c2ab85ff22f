// Continuity (docs/protocol.md section 9): a live call follows its caller to the next page. Over the real HTTP API
// and PStream; the first test carries real media on both legs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { API_KEY, call, LOCAL_ORIGIN, testSeed, withSandbox } from './helpers';
import { leavePage, OFFER, onlyCall, placeCall, postResume, resumeOnNextPage } from './resume-helpers';
import { callsOf, SignalingClient, silentMediaAgent, waitFor } from './signaling-client';
import { createCaller } from './werift-caller';

const PAGE_1 = 'http://localhost:5173/shop';
const PAGE_2 = 'http://localhost:5173/pricing';
const EXPIRED = 'resume_expired: the call this token resumed has ended, or the token was used or has expired';
const signalingOnly = { createMediaAgent: silentMediaAgent };

const resumingSeed = () =>
  testSeed((account, seed) => {
    const ava = account.agents.find((agent) => agent.id === 'agent_ava');
    if (ava) ava.behaviour = { ...ava.behaviour, resume_message: 'Welcome back.' };
    seed.settings = { ...seed.settings, resume_seconds: 20 };
  });

/** Waits for the agent's caption with this text on the socket (and everything before it). */
const caption = async (client: SignalingClient, text: string) => {
  for (;;) {
    const content = (await client.next('message'))['content'] as { text?: string };
    if (content.text === text) return content;
  }
};

const indexOf = (lines: { role: string; text: string }[], role: string, text: string) =>
  lines.findIndex((line) => line.role === role && line.text === text);

test('a call moves to the next page: same session and call row, a second leg with audio both ways', async () => {
  await withSandbox(resumingSeed(), async (sandbox) => {
    const first = await createCaller();
    const second = await createCaller();
    try {
      const page1 = await placeCall(sandbox, { context: { url: PAGE_1, plan: 'pro' }, offer: first.offer });
      assert.equal(page1.resume.expires_in, 20);
      assert.match(page1.resume.token, /^rs_[0-9a-f]{48}$/);
      await first.accept(page1.answerSdp);
      await caption(page1.client, "Hi, I'm Ava.");
      await page1.client.send('message', {
        callsid: page1.callSid,
        content: { type: 'user_text', text: 'hello' },
        contenttype: 'application/json',
        messagetype: 'user-defined-message',
        voiceeventsid: 'KXpage1',
      });
      await caption(page1.client, 'You said: hello');
      await waitFor('audio both ways on page 1', async () => {
        const leg = (await onlyCall(sandbox)).legs[0];
        return leg && leg.packets_from_caller > 10 && leg.packets_to_caller > 10 ? leg : undefined;
      });

      await leavePage(sandbox, page1.client);
      const away = await onlyCall(sandbox);
      assert.equal(away.state, 'connected', 'the call waits for its caller');
      assert.equal(away.legs.length, 1);

      const page2 = await resumeOnNextPage(sandbox, page1.resume.token, {
        pageContext: { url: PAGE_2, plan: 'team' },
        offer: second.offer,
      });
      const { answer } = page2;
      assert.equal(answer.session_id, page1.sessionId);
      assert.deepEqual(answer.params, { agent_id: 'agent_ava', session_id: page1.sessionId });
      assert.deepEqual(answer.ice_servers, []);
      assert.equal(answer.twilio.signaling_host, `127.0.0.1:${sandbox.port}`);
      assert.equal(answer.resume.expires_in, 20);
      assert.notEqual(answer.resume.token, page1.resume.token);
      const greeting = indexOf(answer.transcript, 'agent', "Hi, I'm Ava.");
      const typed = indexOf(answer.transcript, 'user', 'hello');
      const reply = indexOf(answer.transcript, 'agent', 'You said: hello');
      assert.ok(greeting >= 0 && greeting < typed && typed < reply, JSON.stringify(answer.transcript));
      assert.equal(indexOf(answer.transcript, 'agent', "Hi, I'm"), -1, 'partial captions are not kept');

      assert.equal(page2.invite['callsid'], page1.callSid, 'the same call, not a new one');
      await second.accept(String(page2.invite['sdp']));
      await caption(page2.client, 'Welcome back.');
      const moved = await waitFor('audio both ways on page 2', async () => {
        const view = await onlyCall(sandbox);
        const leg = view.legs[1];
        return leg && leg.packets_from_caller > 10 && leg.packets_to_caller > 10 && second.received() > 10
          ? view
          : undefined;
      });
      assert.equal(moved.call_sid, page1.callSid);
      assert.equal(moved.session_id, page1.sessionId);
      assert.equal(moved.state, 'connected');
      const [leg1, leg2] = moved.legs;
      assert.equal(leg1?.page_url, PAGE_1);
      assert.ok(leg1?.ended_at && leg1.packets_from_caller > 10 && leg1.packets_to_caller > 10);
      assert.equal(leg2?.page_url, PAGE_2);
      assert.equal(leg2?.ended_at, null);
      assert.deepEqual(moved.page_context, { url: PAGE_2, plan: 'team' });
      assert.deepEqual(moved.context, { url: PAGE_2, plan: 'team' });
      assert.equal(moved.packets_from_caller, (leg1?.packets_from_caller ?? 0) + (leg2?.packets_from_caller ?? 0));

      // The answer's visitor session is a working one: its token renews the call's Twilio token, its refresh token
      // a visitor session.
      const renewed = await call(sandbox, 'POST', '/v1/widget/connect/refresh', {
        bearer: answer.visitor.token,
        body: { session_id: answer.session_id },
      });
      assert.equal(renewed.status, 200, renewed.text);
      const refreshed = await call(sandbox, 'POST', '/v1/widget/auth/refresh', {
        body: { refresh_token: answer.visitor.refresh_token },
      });
      assert.equal(refreshed.status, 200, refreshed.text);

      // Single use: the first token is spent.
      const replay = await postResume(sandbox, { resume_token: page1.resume.token });
      assert.equal(replay.status, 401);
      assert.equal(replay.text, EXPIRED);

      // Hanging up ends the call for good: the latest token is dead too.
      await page2.client.send('hangup', { callsid: page1.callSid });
      await waitFor('caller hangup', async () => {
        const [view] = await callsOf(sandbox);
        return view?.state === 'closed' ? view : undefined;
      });
      assert.equal((await onlyCall(sandbox)).end_reason, 'caller_hangup');
      const after = await postResume(sandbox, { resume_token: answer.resume.token });
      assert.equal(after.status, 401);
      assert.equal(after.text, EXPIRED);
      page2.client.ws.close();
    } finally {
      await first.close();
      await second.close();
    }
  });
});

test('refusals: bad body 400, unknown token 401, another origin or one no longer allowed 403, the token unharmed', async () => {
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const page1 = await placeCall(sandbox);
      await leavePage(sandbox, page1.client);
      const token = page1.resume.token;
      const badBodies: Array<[unknown, string]> = [
        [{}, 'invalid_body: resume_token must be a non-empty string'],
        [{ resume_token: '' }, 'invalid_body: resume_token must be a non-empty string'],
        [{ resume_token: 42 }, 'invalid_body: resume_token must be a non-empty string'],
        [{ resume_token: token, page_context: 'url' }, 'invalid_body: page_context must be an object'],
        [{ resume_token: token, page_context: ['url'] }, 'invalid_body: page_context must be an object'],
        [{ resume_token: token, page_context: null }, 'invalid_body: page_context must be an object'],
        ['{"resume_token":', 'invalid_body'],
      ];
      for (const [body, text] of badBodies) {
        const res = await postResume(sandbox, body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.ok(res.text.startsWith(text), `${res.text} for ${JSON.stringify(body)}`);
      }
      const unknown = await postResume(sandbox, { resume_token: 'rs_00000000' });
      assert.equal(unknown.status, 401);
      assert.equal(unknown.text, EXPIRED);

      // Another origin on the key's allowlist, and a request with no origin at all: refused.
      const foreign = await postResume(sandbox, { resume_token: token }, 'http://127.0.0.1:5173');
      assert.equal(foreign.status, 403);
      assert.equal(
        foreign.text,
        'origin_not_allowed: http://127.0.0.1:5173 is not the origin this call was started from',
      );
      const anonymous = await postResume(sandbox, { resume_token: token }, null);
      assert.equal(anonymous.status, 403);
      assert.match(anonymous.text, /^origin_not_allowed/);

      // The starting origin, once the key no longer allows it: refused too.
      const patch = (allowlist: string[]) =>
        call(sandbox, 'PATCH', '/v1/widget-keys/wk_demo', {
          origin: null,
          bearer: API_KEY,
          body: { domain_allowlist: allowlist },
        });
      assert.equal((await patch(['127.0.0.1:*'])).status, 200);
      const removed = await postResume(sandbox, { resume_token: token });
      assert.equal(removed.status, 403);
      assert.equal(removed.text, `origin_not_allowed: ${LOCAL_ORIGIN} is not in this key's domain_allowlist`);
      assert.equal((await patch(['localhost:*', '127.0.0.1:*'])).status, 200);

      // None of that spent the token or touched the call: the visitor's own next page still takes it over.
      assert.equal((await onlyCall(sandbox)).state, 'connected');
      const page2 = await resumeOnNextPage(sandbox, token);
      assert.equal(page2.invite['callsid'], page1.callSid);
      assert.equal((await onlyCall(sandbox)).legs.length, 2);
      page2.client.ws.close();
    },
    signalingOnly,
  );
});

test('continuity_enabled: false: the config says so and /widget/connect answers no resume grant', async () => {
  const seed = testSeed((account) => {
    const ava = account.agents.find((agent) => agent.id === 'agent_ava');
    if (ava) ava.widget = { ...ava.widget, continuity_enabled: false };
  });
  await withSandbox(
    seed,
    async (sandbox) => {
      const config = await call(
        sandbox,
        'GET',
        '/v1/widget/config?client_key=pk_live_acme_demo0000000000&agent_id=agent_ava',
      );
      assert.equal(config.json<{ policy: { continuity_enabled: boolean } }>().policy.continuity_enabled, false);
      const visitor = await call(sandbox, 'POST', '/v1/widget/auth/guest', {
        body: { client_key: 'pk_live_acme_demo0000000000', agent_id: 'agent_ava' },
      });
      const connect = await call(sandbox, 'POST', '/v1/widget/connect', {
        bearer: visitor.json<{ token: string }>().token,
        body: { agent_id: 'agent_ava' },
      });
      assert.equal(connect.status, 200);
      assert.equal('resume' in connect.json(), false);
    },
    signalingOnly,
  );
});

test('the agent hanging up ends the call for good: its resume token is refused', async () => {
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const hungUp = await placeCall(sandbox);
      const fault = await call(sandbox, 'POST', '/sandbox/faults', { origin: null, body: { kind: 'hangup' } });
      assert.equal(fault.status, 200);
      await hungUp.client.next('hangup');
      const res = await postResume(sandbox, { resume_token: hungUp.resume.token });
      assert.equal(res.status, 401);
      assert.equal(res.text, EXPIRED);
      hungUp.client.ws.close();
    },
    signalingOnly,
  );
});

test('a call moved here from another tab: the old tab leaves quietly, its hangup and reconnect no longer count', async () => {
  await withSandbox(
    testSeed(),
    async (sandbox) => {
      const tab1 = await placeCall(sandbox);
      // Tab 1 is still on the line when tab 2 takes the call.
      const tab2 = await resumeOnNextPage(sandbox, tab1.resume.token);
      assert.equal(tab2.invite['callsid'], tab1.callSid);
      assert.equal(
        tab1.client.messages.some((message) => message.type === 'hangup'),
        false,
      );
      await tab1.client.send('hangup', { callsid: tab1.callSid });
      await tab1.client.send('invite', { callsid: tab1.callSid, reconnect: tab1.reconnect, sdp: OFFER, twilio: {} });
      assert.deepEqual(await tab1.client.next('hangup'), {
        callsid: tab1.callSid,
        error: { code: 31404, message: 'Call not found' },
      });
      // Tab 2's typed text is answered: the call is alive and on tab 2.
      await tab2.client.send('message', {
        callsid: tab1.callSid,
        content: { type: 'user_text', text: 'still here' },
        contenttype: 'application/json',
        messagetype: 'user-defined-message',
        voiceeventsid: 'KXtab2',
      });
      for (;;) {
        const content = (await tab2.client.next('message'))['content'] as { text?: string };
        if (content.text === 'You said: still here') break;
      }
      const view = await onlyCall(sandbox);
      assert.equal(view.state, 'connected');
      assert.equal(view.legs.length, 2);
      assert.ok(view.legs[0]?.ended_at);
      // A second invite on the same resume is busy: one resume, one leg.
      await tab2.client.send('invite', {
        callsid: 'TJS-again',
        sdp: OFFER,
        twilio: { params: `session_id=${tab1.sessionId}` },
      });
      assert.deepEqual(await tab2.client.next('hangup'), {
        callsid: 'TJS-again',
        error: { code: 31486, message: 'Busy Here' },
      });
      tab1.client.ws.close();
      tab2.client.ws.close();
    },
    signalingOnly,
  );
});
