// The real-call subset in Firefox: the built widget from the documented script tag, the real Twilio SDK, the real
// sandbox, audio both ways (packet counts in /sandbox/calls), zero requests off the machine. The Chromium suite
// (test/e2e) covers each of these in depth; here the question is only "does it work in Firefox too".
import type { Sandbox } from '../../sandbox/server';
import {
  BRAND,
  DEMO_KEY,
  GREETING,
  e2eSeed,
  expectMediaFlowing,
  injectFault,
  mediaBothWays,
  sandboxCalls,
  scriptTagPage,
  waitForCall,
} from '../e2e/fixtures';
import type { CustomerSite } from '../e2e/customer-site';
import { FirefoxWidget, expect, test } from './fixtures';

/** The Twilio SDK (logLevel 'error') logs the faults these tests inject. */
const TWILIO_LOG = /^\[TwilioVoice\]/;

/** Opens the customer's page with the script-tag embed of agent_ava and waits for the launcher. */
async function openAvaPage(sandbox: Sandbox, customer: CustomerSite, widget: FirefoxWidget): Promise<void> {
  await widget.page.goto(
    customer.page(scriptTagPage(sandbox, { publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase })),
  );
  await widget.expectStatus('ready');
}

/** Launcher, call button, connected, and audio both ways on the sandbox's call. */
async function callAva(sandbox: Sandbox, widget: FirefoxWidget): Promise<void> {
  await widget.click('launcher');
  await widget.click('call-button');
  await widget.expectStatus('connected', 20_000);
  await waitForCall(sandbox, mediaBothWays({ morePacketsThan: 20, callerAudible: true }), {
    message: 'media flowing both ways on the sandbox call',
  });
}

test('script tag: branded launcher, a real call with audio both ways and captions, hang up', async ({
  firefoxPage,
  sandbox,
  customer,
  widget,
}) => {
  await openAvaPage(sandbox, customer, widget);
  expect(await widget.text('launcher')).toBe(BRAND.launcher_label);
  expect(await widget.style('launcher', 'background-color')).toBe(BRAND.primary_rgb);

  await callAva(sandbox, widget);
  const connected = await widget.waitForEvent('kataven-call-connected');
  expect(String(connected.detail?.['sessionId'])).toMatch(/^sess_/);
  await widget.expectText('status', 'Connected. Go ahead and talk.');
  await widget.expectText('transcript', GREETING);
  await widget.waitForEvent('kataven-message', (d) => d['text'] === GREETING && d['final'] === true);

  // Firefox differs here, and the widget degrades quietly. No audio level reaches the widget in headless Firefox, so
  // the meter is only checked to be there, at rest or not (the sandbox's caller_level above is what proves the
  // microphone's sound arrives). Firefox lists no speaker until a page asks the visitor for one, so the settings
  // offer the microphone only, never an empty speaker list.
  expect(await firefoxPage.$$eval('kataven-widget >>> [part="meter"] span[data-level]', (bars) => bars.length)).toBe(2);
  await widget.click('settings-button');
  await expect
    .poll(() =>
      firefoxPage.$$eval('kataven-widget >>> [part~="device-select"]', (all) =>
        all.map((s) => s.getAttribute('data-kind')),
      ),
    )
    .toEqual(['input']);
  await widget.click('settings-button');

  await widget.click('end-button');
  await widget.expectStatus('ended');
  const closed = await waitForCall(sandbox, (c) => c.state === 'closed', { message: 'sandbox call closed' });
  expect(closed.end_reason).toBe('caller_hangup');
  expect(await widget.statusTrail()).toEqual(['loading', 'ready', 'connecting', 'ringing', 'connected', 'ended']);
  expect(await widget.events('kataven-error')).toEqual([]);
  expect(await firefoxPage.evaluate(() => navigator.userAgent)).toContain('Firefox/');
  expect((await sandboxCalls(sandbox)).length).toBe(1);
});

test.describe('a conversation', () => {
  test.use({
    seed: e2eSeed((account) => {
      const ava = account.agents.find((agent) => agent.id === 'agent_ava')!;
      ava.behaviour = {
        greeting: true,
        echo: true,
        captions: true,
        tool_calls: [{ after_ms: 1500, name: 'open_product', params: { sku: 'KV-100' } }],
      };
    }),
  });

  test('the agent runs a page function, the visitor types and reads the reply, audio both ways throughout', async ({
    firefoxPage,
    sandbox,
    customer,
    widget,
  }) => {
    const init = JSON.stringify({ publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase });
    await firefoxPage.goto(
      customer.page(`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Acme Shop</title></head>
  <body>
    <p id="product">No product open</p>
    <script src="${sandbox.url}/v1.js"></script>
    <script>
      Kataven.init(Object.assign(${init}, {
        clientTools: {
          open_product: ({ sku }) => {
            document.getElementById('product').textContent = 'Product ' + sku;
            return { opened: sku };
          },
        },
      }));
    </script>
  </body>
</html>`),
    );
    await widget.expectStatus('ready');
    await callAva(sandbox, widget);

    // The tool ran in the page and its result went back to the agent.
    await expect.poll(() => firefoxPage.$eval('#product', (product) => product.textContent)).toBe('Product KV-100');
    const answered = await waitForCall(sandbox, (c) => c.tool_results.length === 1, { message: 'the tool answer' });
    expect(answered.tool_results[0]).toEqual({
      id: 'tool_1',
      name: 'open_product',
      ok: true,
      result: { opened: 'KV-100' },
    });

    await widget.type('text-input', 'Where is my order?');
    await firefoxPage.keyboard.press('Enter');
    await widget.expectText('transcript', 'You: Where is my order?');
    await widget.expectText('transcript', 'You said: Where is my order?');
    const live = await waitForCall(sandbox, (c) => c.messages_from_caller.length > 0);
    expect(live.messages_from_caller).toContainEqual({ type: 'user_text', text: 'Where is my order?' });
    await expectMediaFlowing(sandbox);

    await widget.click('end-button');
    await widget.expectStatus('ended');
    await waitForCall(sandbox, (c) => c.state === 'closed' && c.end_reason === 'caller_hangup');
  });
});

test('signaling drops mid-call: reconnecting, then connected again on the same call with audio both ways', async ({
  sandbox,
  customer,
  widget,
  problems,
}) => {
  problems.allow(TWILIO_LOG);
  await openAvaPage(sandbox, customer, widget);
  await callAva(sandbox, widget);
  const [before] = await sandboxCalls(sandbox);
  const dropped = await injectFault(sandbox, { kind: 'drop_signaling' });
  expect(dropped['sockets_dropped']).toBe(1);

  await widget.waitForEvent('kataven-status', (d) => d['status'] === 'reconnecting');
  await widget.waitForEvent('kataven-status', (d) => d['status'] === 'connected' && d['previous'] === 'reconnecting');
  await widget.expectText('status', 'Connected. Go ahead and talk.');
  expect(await widget.events('kataven-error')).toEqual([]);
  expect(await widget.events('kataven-call-end')).toEqual([]);
  const [after] = await sandboxCalls(sandbox);
  expect(after).toMatchObject({ call_sid: before?.call_sid, state: 'connected' });
  await expectMediaFlowing(sandbox);

  await widget.click('end-button');
  await widget.expectStatus('ended');
  await waitForCall(sandbox, (c) => c.state === 'closed' && c.end_reason === 'caller_hangup');
});

test('a strict Content Security Policy: a real call with zero violations', async ({
  firefoxPage,
  sandbox,
  customer,
  widget,
}) => {
  const host = new URL(sandbox.url).host;
  const policy = [
    "default-src 'none'",
    `script-src https://${host} 'nonce-acme'`,
    `connect-src https://${host} wss://${host}`,
    // Firefox fetches the page's favicon itself (Chromium headless does not): the customer's, not the widget's.
    `img-src ${customer.origin}/favicon.ico`,
  ].join('; ');
  await firefoxPage.evaluateOnNewDocument(() => {
    const violations: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
    );
  });
  const init = JSON.stringify({ publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase });
  await firefoxPage.goto(
    customer.page(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${policy}" />
    <title>Acme Bank</title>
  </head>
  <body>
    <script src="${sandbox.url}/v1.js"></script>
    <script nonce="acme">Kataven.init(${init});</script>
  </body>
</html>`),
  );
  await widget.expectStatus('ready');
  expect(await widget.style('launcher', 'background-color')).toBe(BRAND.primary_rgb);
  await callAva(sandbox, widget);
  await widget.expectText('transcript', GREETING);
  await widget.click('end-button');
  await widget.expectStatus('ended');
  await waitForCall(sandbox, (c) => c.state === 'closed' && c.end_reason === 'caller_hangup');
  expect(await firefoxPage.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual(
    [],
  );
});
