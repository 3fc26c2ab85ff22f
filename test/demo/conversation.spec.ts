// The studio's call preview with the conversation surface: the page context typed in the studio reaches the sandbox
// agent, the agent's tool call shows in the tool log, and the transcript takes typed text.
import { e2eSeed, expect, test, waitForCall } from './fixtures';

test.use({
  seed: e2eSeed((account) => {
    const ava = account.agents.find((agent) => agent.id === 'agent_ava')!;
    ava.behaviour = {
      greeting: true,
      echo: false,
      captions: true,
      say_context_key: 'plan',
      tool_calls: [{ after_ms: 1200, name: 'show_product', params: { sku: 'KV-100' } }],
    };
  }),
});

test('page context, tool calls and the transcript in the preview call', async ({ demo, page, sandbox }) => {
  await demo.open();
  const contextField = demo.field('Page context (JSON)');
  await contextField.fill('{ "plan": "team", "page": "/pricing", "bad key": 1 }');
  await expect(page.getByText('Context leaves out "bad key"')).toBeVisible();
  await demo.inline.part('call-button').click();
  await demo.inline.expectStatus('connected', 20_000);
  await expect(demo.inline.part('transcript')).toContainText('Your plan is team');
  const live = await waitForCall(sandbox, (view) => view.tool_results.length === 1);
  expect(live.page_context).toEqual({ plan: 'team', page: '/pricing' });
  expect(live.tool_results).toEqual([{ id: 'tool_1', name: 'show_product', ok: true, result: { shown: 'KV-100' } }]);
  await expect(page.getByTestId('tool-log')).toContainText('show_product {"sku":"KV-100"}');
  await demo.inline.part('text-input').fill('Hello from the studio');
  await demo.inline.part('send-button').click();
  await expect(demo.inline.part('transcript')).toContainText('You said: Hello from the studio');
  await demo.inline.part('end-button').click();
  await waitForCall(sandbox, (view) => view.state === 'closed');
});
