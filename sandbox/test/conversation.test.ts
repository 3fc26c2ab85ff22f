// The sandbox's conversation surface: signed context through user-token → exchange → refresh → connect, page
// context at connect, and the agent's side of context, typed text and tool calls (sandbox/agent/conversation.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AgentConversation } from '../agent/conversation';
import { parseSeed } from '../seed';
import { API_KEY, DEMO_KEY, call, guestSession, testSeed, withSandbox, type VisitorSession } from './helpers';

async function signedSession(sandbox: Parameters<typeof call>[0], context: unknown): Promise<VisitorSession> {
  const minted = await call(sandbox, 'POST', '/v1/widget/auth/user-token', {
    origin: null,
    bearer: API_KEY,
    body: { external_user_id: 'user-42', context },
  });
  assert.equal(minted.status, 200, minted.text);
  const exchanged = await call(sandbox, 'POST', '/v1/widget/auth/exchange', {
    body: { client_key: DEMO_KEY, user_token: minted.json<{ user_token: string }>().user_token, agent_id: 'agent_ava' },
  });
  assert.equal(exchanged.status, 200, exchanged.text);
  return exchanged.json<VisitorSession>();
}

test('user-token refuses context that breaks the rules, naming the entries', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const mint = (context: unknown) =>
      call(sandbox, 'POST', '/v1/widget/auth/user-token', {
        origin: null,
        bearer: API_KEY,
        body: { external_user_id: 'u1', context },
      });
    const nested = await mint({ plan: 'pro', address: { city: 'Oslo' }, '1st': true });
    assert.equal(nested.status, 400);
    assert.match(nested.text, /^invalid_body: context: /);
    assert.match(nested.text, /"address"/);
    assert.match(nested.text, /"1st"/);
    assert.doesNotMatch(nested.text, /"plan"/);
    assert.equal((await mint(['plan'])).status, 400);
    assert.equal((await mint({ note: 'x'.repeat(1001) })).status, 400);
    assert.equal((await mint({ plan: 'pro' })).status, 200);
  });
});

test('signed context survives exchange and refresh; at connect the page cannot overwrite a signed key', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const first = await signedSession(sandbox, { plan: 'pro', user_tier: 3 });
    const refreshed = await call(sandbox, 'POST', '/v1/widget/auth/refresh', {
      body: { refresh_token: first.refresh_token },
    });
    assert.equal(refreshed.status, 200, refreshed.text);
    const { token } = refreshed.json<VisitorSession>();
    const connected = await call(sandbox, 'POST', '/v1/widget/connect', {
      bearer: token,
      body: { agent_id: 'agent_ava', context: { plan: 'free', page: '/pricing', 'bad-key': 1 } },
    });
    assert.equal(connected.status, 200, connected.text);
    const session = sandbox.state.sessions.get(connected.json<{ session_id: string }>().session_id);
    assert.deepEqual(session?.page_context, { plan: 'free', page: '/pricing' });
    assert.deepEqual(session?.signed_context, { plan: 'pro', user_tier: 3 });
  });
});

test('a guest has no signed context; a connect without context has an empty page context', async () => {
  await withSandbox(testSeed(), async (sandbox) => {
    const guest = await guestSession(sandbox);
    const connected = await call(sandbox, 'POST', '/v1/widget/connect', {
      bearer: guest.token,
      body: { agent_id: 'agent_ava' },
    });
    const session = sandbox.state.sessions.get(connected.json<{ session_id: string }>().session_id);
    assert.deepEqual(session?.page_context, {});
    assert.deepEqual(session?.signed_context, {});
  });
});

/** An agent conversation with hand-run timers and a record of what it sent. */
function conversation(behaviour: Record<string, unknown>, pageContext = {}, signedContext = {}) {
  const seed = parseSeed(
    testSeed((account) => {
      const ava = account.agents[0]!;
      ava.behaviour = behaviour;
    }),
    'test',
  );
  const agent = seed.accounts[0]!.agents[0]!;
  const sent: unknown[] = [];
  const timers: Array<{ ms: number; run: () => void }> = [];
  const agentConversation = new AgentConversation({
    agent,
    pageContext,
    signedContext,
    send: (content) => sent.push(content),
    later: (ms, run) => timers.push({ ms, run }),
  });
  return { agentConversation, sent, timers, runTimers: () => timers.splice(0).forEach((timer) => timer.run()) };
}

test('the agent reads a context key back, signed winning, and takes page updates without losing signed keys', () => {
  const { agentConversation, sent, runTimers } = conversation(
    { say_context_key: 'plan' },
    { plan: 'free', page: '/a' },
    { plan: 'pro' },
  );
  agentConversation.start();
  runTimers();
  assert.deepEqual(sent, [{ role: 'agent', text: 'Your plan is pro', final: true }]);
  const quiet = conversation({ say_context_key: 'plan' }, { page: '/a' });
  quiet.agentConversation.start();
  quiet.runTimers();
  assert.deepEqual(quiet.sent, [], 'no plan in the context: nothing to read back');
  agentConversation.onCallerMessage({ type: 'context', context: { plan: 'enterprise', page: '/b', 'no-no': 1 } });
  assert.deepEqual(agentConversation.view().context, { plan: 'pro', page: '/b' });
  assert.deepEqual(agentConversation.view().page_context, { plan: 'enterprise', page: '/b' });
});

test('the agent answers typed text unless reply_to_text is off, and ignores unknown or malformed messages', () => {
  const on = conversation({});
  on.agentConversation.onCallerMessage(JSON.stringify({ type: 'user_text', text: 'hello' }));
  on.agentConversation.onCallerMessage({ type: 'user_text', text: 42 });
  on.agentConversation.onCallerMessage({ type: 'dance' });
  on.agentConversation.onCallerMessage('not json');
  assert.deepEqual(on.sent, [{ role: 'agent', text: 'You said: hello', final: true }]);
  const off = conversation({ reply_to_text: false });
  off.agentConversation.onCallerMessage({ type: 'user_text', text: 'hello' });
  assert.deepEqual(off.sent, []);
});

test('scripted tool calls go out after their delay; each answer is recorded once, unknown ids ignored', () => {
  const { agentConversation, sent, timers, runTimers } = conversation({
    tool_calls: [
      { after_ms: 500, name: 'open_page', params: { path: '/pricing' } },
      { after_ms: 800, name: 'missing' },
    ],
  });
  agentConversation.start();
  assert.deepEqual(
    timers.map((timer) => timer.ms),
    [500, 800],
  );
  runTimers();
  assert.deepEqual(sent, [
    { type: 'tool_call', id: 'tool_1', name: 'open_page', params: { path: '/pricing' } },
    { type: 'tool_call', id: 'tool_2', name: 'missing', params: {} },
  ]);
  agentConversation.onCallerMessage({ type: 'tool_result', id: 'tool_1', ok: true, result: { opened: true } });
  agentConversation.onCallerMessage({ type: 'tool_result', id: 'tool_1', ok: true, result: 'again' });
  agentConversation.onCallerMessage({ type: 'tool_result', id: 'tool_9', ok: true, result: 'stranger' });
  agentConversation.onCallerMessage({
    type: 'tool_result',
    id: 'tool_2',
    ok: false,
    error: { code: 'unknown_tool', message: 'no client tool named missing' },
  });
  assert.deepEqual(agentConversation.view().tool_results, [
    { id: 'tool_1', name: 'open_page', ok: true, result: { opened: true } },
    {
      id: 'tool_2',
      name: 'missing',
      ok: false,
      error: { code: 'unknown_tool', message: 'no client tool named missing' },
    },
  ]);
});
