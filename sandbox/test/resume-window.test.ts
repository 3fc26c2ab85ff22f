// Continuity on the sandbox's clock (docs/protocol.md section 9): how long a call waits for a caller who went away,
// what the wait costs (no talk time; the call keeps its one slot), and how it coexists with Twilio's own signaling
// reconnect. The sandbox's injected clock moves; no test waits for real seconds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SeedConfig } from '../seed';
import { call, guestSession, testSeed, withSandbox } from './helpers';
import { leavePage, OFFER, onlyCall, placeCall, postResume, resumeOnNextPage } from './resume-helpers';
import { SignalingClient, silentMediaAgent } from './signaling-client';

const EXPIRED = 'resume_expired: the call this token resumed has ended, or the token was used or has expired';

function seedWith(edit: (seed: SeedConfig, ava: SeedConfig['accounts'][number]['agents'][number]) => void) {
  return testSeed((account, seed) => {
    const ava = account.agents.find((agent) => agent.id === 'agent_ava');
    if (ava) edit(seed, ava);
  });
}

/** A sandbox on a clock the test moves. */
function clocked(extra: { signalingGraceMs?: number } = {}) {
  const clock = { now: Date.parse('2026-03-02T10:00:00Z') };
  return { clock, options: { now: () => clock.now, createMediaAgent: silentMediaAgent, ...extra } };
}

const newCall = async (sandbox: Parameters<typeof guestSession>[0]) => {
  const visitor = await guestSession(sandbox);
  return call(sandbox, 'POST', '/v1/widget/connect', { bearer: visitor.token, body: { agent_id: 'agent_ava' } });
};

test('away within the window the call waits, silent, holding its slot; past it: caller_left, token refused', async () => {
  const seed = seedWith((config) => {
    config.accounts[0]!.call_limits = { concurrent_max: 1 };
    config.settings = { ...config.settings, resume_seconds: 30 };
  });
  const { clock, options } = clocked({ signalingGraceMs: 1000 });
  await withSandbox(
    seed,
    async (sandbox) => {
      const stays = await placeCall(sandbox);
      await leavePage(sandbox, stays.client);
      clock.now += 29_000;
      assert.equal((await onlyCall(sandbox)).state, 'connected', 'past the grace, within the window');
      const full = await newCall(sandbox);
      assert.equal(full.status, 429);
      assert.match(full.text, /^concurrent_limit/);
      // The agent says nothing to an empty line: this caption reaches no one and is not in the transcript.
      const spoken = await call(sandbox, 'POST', '/sandbox/faults', {
        origin: null,
        body: { kind: 'send_caption', role: 'agent', text: 'Anyone there?', final: true },
      });
      assert.equal(spoken.status, 200);
      const back = await resumeOnNextPage(sandbox, stays.resume.token);
      assert.equal(back.invite['callsid'], stays.callSid);
      assert.deepEqual(back.answer.transcript, []);
      await back.client.send('message', {
        callsid: stays.callSid,
        content: { type: 'user_text', text: 'back' },
        contenttype: 'application/json',
        messagetype: 'user-defined-message',
        voiceeventsid: 'KXback',
      });
      const heard: unknown[] = [];
      for (;;) {
        const content = (await back.client.next('message'))['content'] as { text?: string };
        heard.push(content.text);
        if (content.text === 'You said: back') break;
      }
      assert.deepEqual(heard, ['You said: back']);

      // Away again, now past the window: the call ends, its slot frees, the token is refused.
      await leavePage(sandbox, back.client);
      clock.now += 30_000;
      const late = await postResume(sandbox, { resume_token: back.answer.resume.token });
      assert.equal(late.status, 401);
      assert.equal(late.text, EXPIRED);
      const ended = await onlyCall(sandbox);
      assert.equal(ended.state, 'closed');
      assert.equal(ended.end_reason, 'caller_left');
      assert.equal(ended.legs.length, 2);
      assert.ok(ended.legs.every((leg) => leg.ended_at !== null));
      assert.equal((await newCall(sandbox)).status, 200);
    },
    options,
  );
});

test("Twilio's own reconnect within the grace keeps the call as before, even past the resume window", async () => {
  const seed = seedWith((config) => {
    config.settings = { ...config.settings, resume_seconds: 2 };
  });
  const { clock, options } = clocked({ signalingGraceMs: 20_000 });
  await withSandbox(
    seed,
    async (sandbox) => {
      const placed = await placeCall(sandbox);
      // A network blip, not a page going away: the sandbox cannot tell the difference.
      await leavePage(sandbox, placed.client, () => placed.client.ws.terminate());
      clock.now += 5_000;
      assert.equal((await postResume(sandbox, { resume_token: placed.resume.token })).status, 401);
      const again = new SignalingClient(sandbox);
      await again.send('listen', { token: placed.twilioToken });
      await again.next('connected');
      await again.send('invite', { callsid: placed.callSid, reconnect: placed.reconnect, sdp: OFFER, twilio: {} });
      assert.deepEqual(await again.next('answer'), { callsid: placed.callSid, reconnect: placed.reconnect });
      clock.now += 60_000; // long after both windows: the caller is on the line again
      const view = await onlyCall(sandbox);
      assert.equal(view.state, 'connected');
      assert.equal(view.legs.length, 1);

      // Gone for good this time: the call ends when the longer of the two waits is over.
      await leavePage(sandbox, again);
      clock.now += 19_000;
      assert.equal((await onlyCall(sandbox)).state, 'connected');
      clock.now += 1_000;
      const ended = await onlyCall(sandbox);
      assert.equal(ended.state, 'closed');
      assert.equal(ended.end_reason, 'caller_left');
    },
    options,
  );
});

test('time away is not talk time toward max_call_seconds', async () => {
  const seed = seedWith((_config, ava) => {
    ava.widget = { ...ava.widget, max_call_seconds: 10 };
  });
  const { clock, options } = clocked();
  await withSandbox(
    seed,
    async (sandbox) => {
      const placed = await placeCall(sandbox);
      clock.now += 8_000; // 8 s of talk
      await leavePage(sandbox, placed.client);
      clock.now += 25_000; // away: not counted
      const back = await resumeOnNextPage(sandbox, placed.resume.token);
      clock.now += 1_000; // 9 s of talk
      assert.equal((await onlyCall(sandbox)).state, 'connected');
      clock.now += 1_500; // 10.5 s
      const ended = await onlyCall(sandbox);
      assert.equal(ended.state, 'closed');
      assert.equal(ended.end_reason, 'max_call_seconds');
      const res = await postResume(sandbox, { resume_token: back.answer.resume.token });
      assert.equal(res.status, 401, 'the time limit ends the call for good');
      back.client.ws.close();
    },
    options,
  );
});

test('a resume is not a new call: calls_per_minute and concurrent_max do not count it', async () => {
  const seed = seedWith((config) => {
    config.accounts[0]!.call_limits = { concurrent_max: 1, calls_per_minute: 1 };
  });
  const { clock, options } = clocked();
  await withSandbox(
    seed,
    async (sandbox) => {
      const placed = await placeCall(sandbox);
      await leavePage(sandbox, placed.client);
      clock.now += 1_000;
      const back = await resumeOnNextPage(sandbox, placed.resume.token);
      assert.equal(back.invite['callsid'], placed.callSid);
      const refused = await newCall(sandbox);
      assert.equal(refused.status, 429);
      assert.equal((await onlyCall(sandbox)).legs.length, 2);
      back.client.ws.close();
    },
    options,
  );
});
