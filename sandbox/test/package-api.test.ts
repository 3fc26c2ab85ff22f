// @kataven/sandbox's programmatic API (sandbox/index.ts) driving a real call: a werift caller on real signaling.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSandbox, type KatavenSandbox } from '../index';
import type { Sandbox } from '../server';
import { call, DEMO_KEY, testSeed } from './helpers';
import { SignalingClient, twilioToken, waitFor } from './signaling-client';
import { createCaller } from './werift-caller';

process.env['KATAVEN_SANDBOX_VOICE'] = 'tone';

/** The test clients take the server's shape; they only use its url and port. */
const asServer = (sandbox: KatavenSandbox) => sandbox as unknown as Sandbox;

async function placeCall(sandbox: KatavenSandbox) {
  const { token, sessionId } = await twilioToken(asServer(sandbox));
  const client = new SignalingClient(asServer(sandbox));
  await client.send('listen', { token });
  await client.next('connected');
  const caller = await createCaller();
  await client.send('invite', {
    callsid: 'TJS-api-1',
    sdp: caller.offer,
    twilio: { params: `agent_id=agent_ava&session_id=${sessionId}` },
  });
  await caller.accept(String((await client.next('answer', 10_000))['sdp']));
  return { client, caller };
}

const captionTexts = (client: SignalingClient) =>
  client.messages
    .filter((message) => message.type === 'message')
    .map((message) => message.payload['content'] as { role: string; text: string; final: boolean });

test('startSandbox: addresses and keys; a call to wait for, a line to say, a tool to call, a hang-up', async () => {
  const seed = testSeed((account) => {
    account.agents[0]!.behaviour = { greeting: false, echo: false, captions: true };
  });
  await using sandbox = await startSandbox({ seed, port: 0 });
  assert.match(sandbox.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(sandbox.apiBase, `${sandbox.url}/v1`);
  assert.equal(sandbox.signalingUrl, `wss://127.0.0.1:${sandbox.port}/signal`);
  assert.deepEqual(
    sandbox.keys.map((key) => key.public_key),
    [DEMO_KEY, 'pk_live_acme_pinned000000000'],
  );
  const config = await call(asServer(sandbox), 'GET', `/v1/widget/config?client_key=${DEMO_KEY}&agent_id=agent_ava`);
  assert.equal(config.status, 200);

  const waiting = sandbox.waitForCall((row) => row.state === 'connected');
  const { client, caller } = await placeCall(sandbox);
  try {
    const live = await waiting;
    assert.equal(live.agent_id, 'agent_ava');

    await sandbox.say(live.call_sid, 'Your cart is ready.');
    // (The agent's own "I can hear you." answers the caller's tone; only this line's captions count here.)
    const ofLine = () => captionTexts(client).filter((caption) => caption.text.startsWith('Your'));
    await waitFor('the final caption', async () => ofLine().find((caption) => caption.final));
    const captions = ofLine();
    assert.deepEqual(captions.at(-1), { role: 'agent', text: 'Your cart is ready.', final: true });
    assert.ok(
      captions.some((caption) => !caption.final && caption.role === 'agent'),
      'a partial caption first',
    );
    assert.deepEqual(
      sandbox.spokenLines(live.call_sid).map((line) => [line.text, line.voice]),
      [['Your cart is ready.', 'tone']],
    );
    // No greeting and no echo on this agent: the loud audio the caller heard was the line.
    // (Media may still be connecting when the line is said; its audio waits in the queue until then.)
    await waitFor('the line as audio', async () => (caller.loudest() > 3000 ? true : undefined));

    const answered = sandbox.toolCall(live.call_sid, 'add_to_cart', { sku: 'KV-1' });
    let content: { type: string; id: string; name: string; params: unknown };
    do content = (await client.next('message'))['content'] as typeof content;
    while (content.type !== 'tool_call');
    assert.deepEqual(
      { ...content, id: undefined },
      {
        type: 'tool_call',
        id: undefined,
        name: 'add_to_cart',
        params: { sku: 'KV-1' },
      },
    );
    await client.send('message', {
      callsid: live.call_sid,
      voiceeventsid: 'KXtool',
      content: JSON.stringify({ type: 'tool_result', id: content.id, ok: true, result: { items: 1 } }),
      contenttype: 'application/json',
      messagetype: 'user-defined-message',
    });
    assert.deepEqual(await answered, { id: content.id, name: 'add_to_cart', ok: true, result: { items: 1 } });

    sandbox.hangup(live.call_sid, 31005);
    const hangup = await client.next('hangup');
    assert.deepEqual(hangup['error'], { code: 31005, message: 'Call ended by the sandbox' });
    await assert.rejects(sandbox.say(live.call_sid, 'Anyone there?'), /no live call/);
  } finally {
    client.ws.close();
    await caller.close();
  }
});

test('waits honour an AbortSignal and a timeout, and close() ends them', async () => {
  const sandbox = await startSandbox({ seed: testSeed(), port: 0 });
  const controller = new AbortController();
  const aborted = sandbox.waitForCall(() => true, { signal: controller.signal });
  controller.abort(new Error('test gave up'));
  await assert.rejects(aborted, /test gave up/);
  await assert.rejects(
    sandbox.waitForCall(() => true, { timeoutMs: 50 }),
    { name: 'TimeoutError' },
  );
  const pending = sandbox.waitForCall();
  await sandbox.close();
  await assert.rejects(pending, /the sandbox was closed/);
});

test('faults() is POST /sandbox/faults; bad input is refused naming the field', async () => {
  await using sandbox = await startSandbox({ seed: testSeed(), port: 0 });
  assert.deepEqual(await sandbox.faults({ kind: 'fail_next', path: '/v1/widget/config', status: 503 }), {
    ok: true,
    fault: { kind: 'fail_next', path: '/v1/widget/config', status: 503 },
  });
  assert.equal(
    (await call(asServer(sandbox), 'GET', `/v1/widget/config?client_key=${DEMO_KEY}&agent_id=agent_ava`)).status,
    503,
  );
  assert.equal(
    (await call(asServer(sandbox), 'GET', `/v1/widget/config?client_key=${DEMO_KEY}&agent_id=agent_ava`)).status,
    200,
  );
  await assert.rejects(sandbox.faults({ kind: 'delay_answer', ms: -1 } as never), /ms/);
  await assert.rejects(
    startSandbox({ seed: testSeed((account) => (account.agents[0]!.status = 'asleep' as never)) }),
    /seed: accounts\.0\.agents\.0\.status: expected one of/,
  );
});
