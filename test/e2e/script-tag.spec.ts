// The documented script-tag embed on a customer's website, end to end: branding, the lazy Twilio chunk, a real call
// through the real Twilio SDK to the sandbox's media agent (audio both ways, captions), and hanging up.
import {
  BRAND,
  DEMO_KEY,
  GREETING,
  dataAttributePage,
  expect,
  mediaBothWays,
  openAvaPage,
  test,
  waitForCall,
} from './fixtures';

const TWILIO_CHUNK = /\/chunks\/twilio-[^/]+\.js$/;

test('script tag + Kataven.init: branded launcher, Twilio on intent, a real call with audio and captions, hang up', async ({
  page,
  sandbox,
  customer,
  network,
  widget,
}) => {
  await openAvaPage(sandbox, customer, widget);

  // The launcher shows the account's branding from the sandbox seed.
  await expect(widget.launcher).toHaveText(BRAND.launcher_label);
  await expect(widget.launcher).toHaveCSS('background-color', BRAND.primary_rgb);
  const ready = await widget.waitForEvent('kataven-ready');
  expect(ready.detail).toMatchObject({ agentId: 'agent_ava', agentName: 'Ava' });
  expect(ready.composed).toBe(true);
  // The page origin is the customer's, not the sandbox's: the config request was a CORS request from it.
  expect(sandbox.requests()).toContainEqual(
    expect.objectContaining({ method: 'GET', path: '/v1/widget/config', status: 200, origin: customer.origin }),
  );

  // Nothing but the launcher before intent: no Twilio chunk yet, not even once the page's network has gone idle.
  await page.waitForLoadState('networkidle');
  expect(network.count(TWILIO_CHUNK)).toBe(0);
  expect(network.count(/\/v1\/widget\/auth\//)).toBe(0);
  await widget.launcher.hover();
  await expect.poll(() => network.count(TWILIO_CHUNK), { message: 'Twilio chunk fetched on hover' }).toBe(1);
  expect(sandbox.calls()).toEqual([]);

  // Open the panel and call.
  await widget.launcher.click();
  await expect(widget.panel).toBeVisible();
  await expect(widget.part('title')).toHaveText('Ava');
  await expect(widget.part('privacy-notice')).toHaveText(BRAND.privacy_notice);
  await widget.part('call-button').click();
  await widget.expectStatus('connected', 15_000);
  const connected = await widget.waitForEvent('kataven-call-connected');
  expect(String(connected.detail?.['sessionId'])).toMatch(/^sess_/);
  await expect(widget.part('status')).toHaveText('Connected. Go ahead and talk.');

  // The sandbox's agent hears the caller and the caller hears the agent.
  const live = await waitForCall(sandbox, mediaBothWays({ morePacketsThan: 20, callerAudible: true }), {
    message: 'media flowing both ways on the sandbox call',
  });
  expect(live).toMatchObject({
    agent_id: 'agent_ava',
    visitor_kind: 'guest',
    session_id: connected.detail?.['sessionId'],
    params: { agent_id: 'agent_ava', session_id: connected.detail?.['sessionId'] },
  });
  expect(live.call_sid).toMatch(/^CA[0-9a-f]{32}$/);

  // The level meter moves with real audio.
  await expect.poll(() => widget.meterScale(), { message: 'level meter above zero' }).toBeGreaterThan(0);

  // The agent's greeting caption arrives, on screen and as an event.
  await expect(widget.captions).toContainText(GREETING);
  await widget.waitForEvent(
    'kataven-message',
    (d) => d['text'] === GREETING && d['final'] === true && d['role'] === 'agent',
  );

  // Hang up.
  await widget.part('end-button').click();
  await widget.expectStatus('ended');
  const ended = await widget.waitForEvent('kataven-call-end');
  expect(ended.detail).toMatchObject({ reason: 'local' });
  expect(Number(ended.detail?.['durationMs'])).toBeGreaterThan(0);
  const closed = await waitForCall(sandbox, (c) => c.state === 'closed', { message: 'sandbox call closed' });
  expect(closed.end_reason).toBe('caller_hangup');
  await expect(widget.part('status')).toHaveText('Call ended.');
  await expect(widget.part('call-button')).toBeVisible();

  const trail = await widget.statusTrail();
  expect(trail).toEqual(['loading', 'ready', 'connecting', 'ringing', 'connected', 'ended']);
  expect(await widget.events('kataven-error')).toEqual([]);
});

test('data-attribute embed renders the branded launcher', async ({ page, sandbox, customer, widget }) => {
  await page.goto(
    customer.page(
      dataAttributePage(sandbox, {
        'data-client-key': DEMO_KEY,
        'data-agent': 'agent_ava',
        'data-api-base': sandbox.apiBase,
      }),
    ),
  );
  await expect(widget.launcher).toBeVisible();
  await expect(widget.launcher).toHaveText(BRAND.launcher_label);
  await expect(widget.launcher).toHaveCSS('background-color', BRAND.primary_rgb);
  await widget.expectStatus('ready');
  expect(await page.evaluate(() => typeof (window as unknown as { Kataven?: { init?: unknown } }).Kataven?.init)).toBe(
    'function',
  );
  await expect(page.locator('kataven-widget')).toHaveCount(1);
  expect(sandbox.requests()).toContainEqual(
    expect.objectContaining({ path: '/v1/widget/config', status: 200, origin: customer.origin }),
  );
});

test('data-launcher="none": no floating button; the page opens the panel and hears kataven-open', async ({
  page,
  sandbox,
  customer,
  widget,
}) => {
  await page.goto(
    customer.page(
      dataAttributePage(sandbox, {
        'data-client-key': DEMO_KEY,
        'data-agent': 'agent_ava',
        'data-api-base': sandbox.apiBase,
        'data-launcher': 'none',
      }),
    ),
  );
  await widget.expectStatus('ready');
  await expect(widget.launcher).toBeHidden();
  await expect(widget.panel).toHaveCount(0);
  // The page's own button: Kataven.init({ launcher }) and the element's open().
  await page.evaluate(() =>
    (document.querySelector('kataven-widget') as HTMLElement & { open(): Promise<void> }).open(),
  );
  await expect(widget.part('call-button')).toBeVisible();
  await expect(widget.launcher).toBeHidden();
  expect((await widget.events('kataven-open')).length).toBe(1);
  await widget.part('close-button').click();
  await expect(widget.panel).toHaveCount(0);
  expect((await widget.events('kataven-close')).length).toBe(1);
  const viaInit = await page.evaluate(
    (apiBase) =>
      (
        window as unknown as {
          Kataven: { init(options: Record<string, unknown>): HTMLElement & { launcher?: string } };
        }
      ).Kataven.init({ publicKey: 'pk_live_acme_demo0000000000', agentId: 'agent_ava', apiBase, launcher: 'none' })
        .launcher,
    sandbox.apiBase,
  );
  expect(viaInit).toBe('none');
});

test('calls queued before an async v1.js loads are replayed, and a bad container never breaks the page', async ({
  page,
  sandbox,
  customer,
  problems,
  widget,
}) => {
  problems.allow(/container "#not\[valid" is not a valid selector/);
  const init = { publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase, container: '#not[valid' };
  await page.goto(
    customer.page(`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Acme Inc.</title></head>
  <body>
    <h1>Acme Inc.</h1>
    <script>
      window.Kataven = window.Kataven || { q: [], init: function (o) { this.q.push(o); } };
      Kataven.init(${JSON.stringify(init)});
    </script>
    <script src="${sandbox.url}/v1.js" async></script>
  </body>
</html>`),
  );
  await expect(widget.launcher).toHaveText(BRAND.launcher_label);
  await widget.expectStatus('ready');
  await expect(page.locator('body > kataven-widget')).toHaveCount(1);
  // Once loaded, Kataven.init is the real one and returns the element.
  const tag = await page.evaluate((apiBase) => {
    const kataven = (window as unknown as { Kataven: { init(o: object): HTMLElement } }).Kataven;
    const second = kataven.init({
      publicKey: 'pk_live_acme_demo0000000000',
      agentId: 'agent_ava',
      apiBase,
      display: 'inline',
    });
    second.id = 'second';
    return second.tagName;
  }, sandbox.apiBase);
  expect(tag).toBe('KATAVEN-WIDGET');
  await expect(page.locator('kataven-widget')).toHaveCount(2);
  await expect(page.locator('#second')).toHaveAttribute('status', 'ready');
  await expect(page.locator('#second [part="call-button"]')).toBeVisible();
});
