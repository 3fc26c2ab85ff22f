// The conversation surface end to end (docs/protocol.md sections 5 to 7) with the real Twilio SDK and the sandbox: page
// and signed context reach the agent (signed keys win), the agent runs page functions as client tools, the visitor
// types and reads the whole transcript, and a blocked microphone still gives a working call by text.
import { chromium } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import { call } from '../../sandbox/test/helpers';
import { CHROMIUM_ARGS } from '../../playwright.config';
import {
  API_KEY,
  DEMO_KEY,
  GREETING,
  WidgetView,
  dataAttributePage,
  e2eSeed,
  expect,
  guardContext,
  sandboxCalls,
  test,
  waitForCall,
  watchContext,
} from './fixtures';

/** The Twilio SDK (logLevel 'error') logs the blocked microphone. */
const TWILIO_LOG = /^\[TwilioVoice\]/;

test.use({
  seed: e2eSeed((account) => {
    const ava = account.agents.find((agent) => agent.id === 'agent_ava')!;
    ava.behaviour = {
      greeting: true,
      echo: true,
      captions: true,
      say_context_key: 'plan',
      tool_calls: [
        { after_ms: 1500, name: 'open_product', params: { sku: 'KV-100' } },
        { after_ms: 1600, name: 'no_such_tool', params: {} },
        { after_ms: 1700, name: 'explode', params: {} },
        { after_ms: 1800, name: 'cyclic', params: {} },
        { after_ms: 1900, name: 'huge', params: {} },
        { after_ms: 2000, name: 'hang', params: {} },
      ],
    };
  }),
});

/**
 * A shop page that embeds the widget with page context and two client tools: one that opens a product (shows it in
 * the page) and one that throws. It also records the kataven-tool-call events the page saw.
 */
function shopPage(sandbox: Sandbox, init: Record<string, unknown>): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Acme Shop</title></head>
  <body>
    <h1>Acme Shop</h1>
    <p id="product">No product open</p>
    <script src="${sandbox.url}/v1.js"></script>
    <script>
      window.toolCalls = [];
      window.addEventListener('kataven-tool-call', (event) => window.toolCalls.push(event.detail));
      Kataven.init(Object.assign(${JSON.stringify(init)}, {
        clientTools: {
          open_product: ({ sku }) => {
            document.getElementById('product').textContent = 'Product ' + sku;
            return { opened: sku };
          },
          explode: () => {
            throw new Error('kaboom');
          },
          cyclic: () => {
            const loop = {};
            loop.self = loop;
            return loop;
          },
          huge: () => 'x'.repeat(1024 * 1024),
          hang: () => new Promise(() => {}),
        },
      }));
    </script>
  </body>
</html>`;
}

async function mintUserToken(sandbox: Sandbox, context: Record<string, unknown>): Promise<string> {
  const res = await call(sandbox, 'POST', '/v1/widget/auth/user-token', {
    origin: null,
    bearer: API_KEY,
    body: { external_user_id: 'user-7', display_name: 'Grace', context },
  });
  expect(res.status, res.text).toBe(200);
  return res.json<{ user_token: string }>().user_token;
}

async function startCall(widget: WidgetView): Promise<void> {
  await widget.expectStatus('ready');
  await widget.launcher.click();
  await widget.part('call-button').click();
  await widget.expectStatus('connected', 15_000);
}

test('page and signed context reach the agent; a signed key wins over the page', async ({
  page,
  sandbox,
  customer,
  widget,
}) => {
  const userToken = await mintUserToken(sandbox, { plan: 'pro', account_id: 'acc_9' });
  const connectBodies: unknown[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/v1/widget/connect')) connectBodies.push(request.postDataJSON());
  });
  await page.goto(
    customer.page(
      shopPage(sandbox, {
        publicKey: DEMO_KEY,
        agentId: 'agent_ava',
        apiBase: sandbox.apiBase,
        userToken,
        context: { plan: 'free', page: '/pricing', cart_items: 2, 'not a key': 'dropped' },
      }),
    ),
  );
  await startCall(widget);
  // The agent reads the merged context back: the signed plan, not the page's.
  await expect(widget.part('transcript')).toContainText('Your plan is pro');
  expect(connectBodies).toEqual([
    { agent_id: 'agent_ava', context: { plan: 'free', page: '/pricing', cart_items: 2 } },
  ]);
  const live = await waitForCall(sandbox, (c) => c.state === 'connected');
  expect(live.page_context).toEqual({ plan: 'free', page: '/pricing', cart_items: 2 });
  expect(live.signed_context).toEqual({ plan: 'pro', account_id: 'acc_9' });
  expect(live.context).toEqual({ plan: 'pro', page: '/pricing', cart_items: 2, account_id: 'acc_9' });

  // Mid-call: the page updates its context; a signed key still cannot be overwritten.
  const sent = await widget.host.evaluate((element) =>
    (element as unknown as { sendContext(u: unknown): Promise<boolean> }).sendContext({ page: '/checkout', plan: 'x' }),
  );
  expect(sent).toBe(true);
  const updated = await waitForCall(sandbox, (c) => c.page_context['page'] === '/checkout');
  expect(updated.context).toEqual({ plan: 'pro', page: '/checkout', cart_items: 2, account_id: 'acc_9' });
  expect(updated.messages_from_caller).toContainEqual({ type: 'context', context: { page: '/checkout', plan: 'x' } });
  await widget.part('end-button').click();
  await widget.expectStatus('ended');
});

test('data-context on the script tag reaches the agent', async ({ page, sandbox, customer, widget }) => {
  await page.goto(
    customer.page(
      dataAttributePage(sandbox, {
        'data-client-key': DEMO_KEY,
        'data-agent': 'agent_ava',
        'data-api-base': sandbox.apiBase,
        'data-context': JSON.stringify({ plan: 'starter', referrer: 'newsletter' }),
      }),
    ),
  );
  await startCall(widget);
  await expect(widget.part('transcript')).toContainText('Your plan is starter');
  const live = await waitForCall(sandbox, (c) => c.state === 'connected');
  expect(live.page_context).toEqual({ plan: 'starter', referrer: 'newsletter' });
  expect(live.signed_context).toEqual({});
});

test('the agent runs a page function; unknown, throwing, cyclic, 1 MB and hanging tools answer errors, the call stays up', async ({
  page,
  sandbox,
  customer,
  widget,
}) => {
  await page.goto(
    customer.page(shopPage(sandbox, { publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase })),
  );
  await startCall(widget);
  await expect(page.locator('#product')).toHaveText('Product KV-100');
  // The hanging tool is answered by the widget's 10-second limit.
  const live = await waitForCall(sandbox, (c) => c.tool_results.length === 6, {
    message: 'six tool answers',
    timeout: 25_000,
  });
  const codes = live.tool_results.map((r) => [r.name, r.ok ? 'ok' : r.error?.code]);
  expect(codes).toEqual([
    ['open_product', 'ok'],
    ['no_such_tool', 'unknown_tool'],
    ['explode', 'tool_failed'],
    ['cyclic', 'invalid_result'],
    ['huge', 'invalid_result'],
    ['hang', 'timeout'],
  ]);
  expect(live.tool_results.slice(0, 3)).toEqual([
    { id: 'tool_1', name: 'open_product', ok: true, result: { opened: 'KV-100' } },
    {
      id: 'tool_2',
      name: 'no_such_tool',
      ok: false,
      error: { code: 'unknown_tool', message: 'no client tool named no_such_tool' },
    },
    { id: 'tool_3', name: 'explode', ok: false, error: { code: 'tool_failed', message: 'kaboom' } },
  ]);
  // The page saw the tools it offers being called (an unknown tool is answered before any event).
  const seen = await page.evaluate(() => (window as unknown as { toolCalls: { name: string }[] }).toolCalls);
  expect(seen.map((call) => call.name)).toEqual(['open_product', 'explode', 'cyclic', 'huge', 'hang']);
  expect(seen[0]).toEqual({ id: 'tool_1', name: 'open_product', params: { sku: 'KV-100' } });
  // Still live, the panel still works, and audio still flows both ways after the failures.
  const before = live.packets_to_caller;
  await waitForCall(sandbox, (c) => c.state === 'connected' && c.packets_to_caller > before + 25);
  await widget.expectStatus('connected');
  await typeAndSend(widget, 'still there?');
  await expect(widget.part('transcript').locator('li.agent', { hasText: 'You said: still there?' })).toHaveCount(1);
  await widget.part('end-button').click();
  await widget.expectStatus('ended');
  expect((await sandboxCalls(sandbox))[0]?.end_reason).toBe('caller_hangup');
});

test('typed text goes to the agent and its reply shows in the transcript', async ({
  page,
  sandbox,
  customer,
  widget,
}) => {
  await page.goto(
    customer.page(shopPage(sandbox, { publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase })),
  );
  await startCall(widget);
  const transcript = widget.part('transcript');
  await expect(transcript).toHaveAttribute('role', 'log');
  await expect(transcript).toContainText(GREETING);
  await typeAndSend(widget, '  Where is my order?  ');
  // The typed turn shows at once (before any reply), then the agent's answer below it.
  const typed = transcript.locator('li.user', { hasText: 'Where is my order?' });
  const reply = transcript.locator('li.agent', { hasText: 'You said: Where is my order?' });
  await expect(typed).toHaveText('You: Where is my order?');
  await expect(reply).toHaveCount(1);
  const texts = await transcript.locator('li').allInnerTexts();
  const order = (needle: string) => texts.findIndex((text) => text.includes(needle));
  expect(order('You said: Where is my order?')).toBeGreaterThan(order('Where is my order?'));
  await expect(widget.part('text-input')).toHaveValue('');
  const userMessages = (await widget.events('kataven-message')).filter((e) => e.detail?.['role'] === 'user');
  expect(userMessages.map((e) => e.detail)).toContainEqual({ role: 'user', text: 'Where is my order?', final: true });
  const live = await waitForCall(sandbox, (c) => c.state === 'connected');
  expect(live.messages_from_caller).toContainEqual({ type: 'user_text', text: 'Where is my order?' });
  // The greeting's partial caption was replaced by its final text: it appears exactly once.
  await expect(transcript.locator('li', { hasText: 'Hi,' })).toHaveCount(1);
});

/** Types into the live panel's text box and sends with Enter, as a visitor would. */
async function typeAndSend(widget: WidgetView, text: string): Promise<void> {
  await widget.part('text-input').fill(text);
  await widget.part('text-input').press('Enter');
}

test('a blocked microphone still gives a working call by text', async ({ sandbox, customer, network, problems }) => {
  // Without --use-fake-ui-for-media-stream nobody answers the permission prompt: getUserMedia is denied.
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS.filter((arg) => arg !== '--use-fake-ui-for-media-stream'),
  });
  try {
    problems.allow(TWILIO_LOG);
    // Without any media permission Chromium gathers ICE candidates only on the default route, and the test namespace
    // has none on purpose. The camera permission (which the widget never uses) lifts that; the microphone stays blocked.
    const context = await browser.newContext({ ignoreHTTPSErrors: true, permissions: ['camera'] });
    await guardContext(context, network);
    await watchContext(context, problems);
    const page = await context.newPage();
    const widget = new WidgetView(page);
    await page.goto(
      customer.page(shopPage(sandbox, { publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase })),
    );
    await startCallExpectingError(widget);
    await expect(widget.error).toContainText('Microphone access was blocked');
    await widget.part('type-instead-button').click();
    await widget.expectStatus('connected', 15_000);
    // The agent is heard: its audio reaches the page, and its captions show.
    const live = await waitForCall(sandbox, (c) => c.state === 'connected' && c.packets_to_caller > 25);
    expect(live.caller_level, 'the silent input carries no sound').toBe(0);
    await expect(widget.part('transcript')).toContainText(GREETING);
    await typeAndSend(widget, 'I cannot talk right now');
    await expect(
      widget.part('transcript').locator('li.agent', { hasText: 'You said: I cannot talk right now' }),
    ).toHaveCount(1);
    await widget.part('end-button').click();
    await widget.expectStatus('ended');
    await context.close();
  } finally {
    await browser.close();
  }
});

async function startCallExpectingError(widget: WidgetView): Promise<void> {
  await widget.expectStatus('ready');
  await widget.launcher.click();
  await widget.part('call-button').click();
  await widget.expectStatus('error', 15_000);
  const error = await widget.waitForEvent('kataven-error');
  expect(error.detail).toMatchObject({ code: 'mic_denied' });
}
