// Scripted agents (sandbox/agent/script-steps.ts): the seed's behaviour.script and steps injected with
// POST /sandbox/script, seen from the caller's side of the signaling socket.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSeed, SeedError } from '../seed';
import type { Sandbox } from '../server';
import { call, testSeed, withSandbox } from './helpers';
import { listeningClient, silentMediaAgent, type SignalingClient } from './signaling-client';

process.env['KATAVEN_SANDBOX_VOICE'] = 'tone';

type Content = Record<string, unknown>;

async function answeredCall(sandbox: Sandbox): Promise<{ client: SignalingClient; callSid: string }> {
  const { client, sessionId } = await listeningClient(sandbox);
  await client.send('invite', { callsid: 'TJS-script', sdp: 'v=0', twilio: { params: `session_id=${sessionId}` } });
  const answer = await client.next('answer');
  return { client, callSid: String(answer['callsid']) };
}

/** The next in-call message whose content `match` accepts (skipping the rest, partial captions included). */
async function nextContent(client: SignalingClient, match: (content: Content) => boolean): Promise<Content> {
  for (;;) {
    const content = (await client.next('message'))['content'] as Content;
    if (match(content)) return content;
  }
}
const finalLine = (text: string) => (content: Content) => content['final'] === true && content['text'] === text;

function sendFromPage(client: SignalingClient, callSid: string, content: Content) {
  return client.send('message', {
    callsid: callSid,
    voiceeventsid: `KX${Math.random()}`,
    content: JSON.stringify(content),
    contenttype: 'application/json',
    messagetype: 'user-defined-message',
  });
}

const scriptedSeed = testSeed((account) => {
  account.agents[0]!.behaviour = {
    greeting: false,
    echo: false,
    script: [
      { after_ms: 0, say: 'Hello there' },
      { after_ms: 1500, tool: { name: 'add_to_cart', params: { sku: 'MUG' } } },
      { on_tool_result: 'add_to_cart', say: 'It is in your cart.' },
      { on_tool_error: 'add_to_cart', say: 'Sorry, I could not add it.' },
      { on_text: 'price|cost', say: 'Twelve euros.' },
    ],
  };
});

test('a seeded script speaks, calls a tool, answers its result and matching text; other text gets the default reply', async () => {
  await withSandbox(
    scriptedSeed,
    async (sandbox) => {
      const { client, callSid } = await answeredCall(sandbox);
      const partial = await nextContent(client, (content) => content['role'] === 'agent');
      assert.deepEqual(partial, { role: 'agent', text: 'Hello there', final: false });
      await nextContent(client, finalLine('Hello there'));
      const tool = await nextContent(client, (content) => content['type'] === 'tool_call');
      assert.deepEqual(
        { ...tool, id: null },
        { type: 'tool_call', id: null, name: 'add_to_cart', params: { sku: 'MUG' } },
      );
      await sendFromPage(client, callSid, { type: 'tool_result', id: tool['id'], ok: true, result: { count: 1 } });
      await nextContent(client, finalLine('It is in your cart.'));

      await sendFromPage(client, callSid, { type: 'user_text', text: 'What does it COST?' });
      await nextContent(client, finalLine('Twelve euros.'));
      await sendFromPage(client, callSid, { type: 'user_text', text: 'thanks' });
      const reply = await nextContent(client, (content) => content['final'] === true);
      assert.deepEqual(reply, { role: 'agent', text: 'You said: thanks', final: true });
      assert.ok(
        !client.messages.some((message) => JSON.stringify(message.payload['content']).includes('You said: What')),
        'the scripted answer replaced the default reply',
      );
      client.ws.close();
    },
    { createMediaAgent: silentMediaAgent },
  );
});

test('a refused tool gets the on_tool_error line, not the on_tool_result one', async () => {
  await withSandbox(
    scriptedSeed,
    async (sandbox) => {
      const { client, callSid } = await answeredCall(sandbox);
      const tool = await nextContent(client, (content) => content['type'] === 'tool_call');
      await sendFromPage(client, callSid, {
        type: 'tool_result',
        id: tool['id'],
        ok: false,
        error: { code: 'refused', message: 'no' },
      });
      await nextContent(client, finalLine('Sorry, I could not add it.'));
      assert.ok(!client.messages.some((message) => JSON.stringify(message.payload).includes('in your cart')));
      client.ws.close();
    },
    { createMediaAgent: silentMediaAgent },
  );
});

test('POST /sandbox/script injects steps into a live call; bad steps are refused naming the field', async () => {
  await withSandbox(
    testSeed((account) => (account.agents[0]!.behaviour = { greeting: false, echo: false })),
    async (sandbox) => {
      const none = await call(sandbox, 'POST', '/sandbox/script', {
        origin: null,
        body: { steps: [{ after_ms: 0, say: 'hi' }] },
      });
      assert.equal(none.status, 404);
      const { client, callSid } = await answeredCall(sandbox);
      const bad = await call(sandbox, 'POST', '/sandbox/script', {
        origin: null,
        body: {
          call_sid: callSid,
          steps: [
            { after_ms: 0, say: 'ok' },
            { on_text: '(', say: 'x' },
          ],
        },
      });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /^invalid_body: steps\.1/);
      const injected = await call(sandbox, 'POST', '/sandbox/script', {
        origin: null,
        body: {
          call_sid: callSid,
          steps: [
            { after_ms: 0, say: 'Goodbye now' },
            { after_ms: 100, hangup: true },
          ],
        },
      });
      assert.equal(injected.status, 200, injected.text);
      assert.deepEqual(injected.json(), { ok: true, call_sid: callSid, steps: 2 });
      await nextContent(client, finalLine('Goodbye now'));
      assert.equal((await client.next('hangup'))['callsid'], callSid);
      assert.equal(sandbox.calls()[0]?.end_reason, 'agent_hangup');
      client.ws.close();
    },
    { createMediaAgent: silentMediaAgent },
  );
});

test('the seed refuses a script step it could not run, naming it', () => {
  const withStep = (step: unknown) =>
    testSeed((account) => (account.agents[0]!.behaviour = { script: [{ after_ms: 0, say: 'ok' }, step] as never }));
  assert.throws(
    () => parseSeed(withStep({ after_ms: 10, sya: 'typo' }), 'seed.json'),
    (error: unknown) =>
      error instanceof SeedError && /^seed\.json: accounts\.0\.agents\.0\.behaviour\.script\.1/.test(error.message),
  );
  assert.throws(() => parseSeed(withStep({ on_text: '[', say: 'x' }), 'seed.json'), SeedError);
  assert.throws(() => parseSeed(withStep({ after_ms: 0, hangup: false }), 'seed.json'), SeedError);
});
