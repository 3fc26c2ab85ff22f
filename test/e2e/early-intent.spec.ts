// A page's own "Talk to us" button, as the script tag sees it: `Kataven.init(…).start()` in the same inline script,
// before the widget module (let alone its config) has loaded. The call must still happen.
import { DEMO_KEY, expect, test, waitForCall } from './fixtures';

test('Kataven.init(…).start() at once: the queued start places a real call once the widget is ready', async ({
  page,
  sandbox,
  customer,
  widget,
}) => {
  const init = { publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase };
  await page.goto(
    customer.page(`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Acme Inc.</title></head>
  <body>
    <h1>Acme Inc.</h1>
    <script src="${sandbox.url}/v1.js"></script>
    <script>
      var widget = Kataven.init(${JSON.stringify(init)});
      window.__defined = Boolean(customElements.get('kataven-widget'));
      window.__started = widget.start().then(function () { return widget.status; });
      // A page may keep a method for later; it must still work once the widget is defined.
      window.__close = widget.close;
    </script>
  </body>
</html>`),
  );
  // The call was asked for before the element existed as a widget: this test is about exactly that moment.
  expect(await page.evaluate(() => (window as unknown as { __defined: boolean }).__defined)).toBe(false);
  await widget.expectStatus('connected', 15_000);
  expect(await page.evaluate(() => (window as unknown as { __started: Promise<string> }).__started)).toBe('connected');
  const call = await waitForCall(sandbox, (c) => c.state === 'connected', { message: 'a connected sandbox call' });
  expect(call).toMatchObject({ agent_id: 'agent_ava', visitor_kind: 'guest' });
  await expect(widget.part('end-button')).toBeVisible();
  expect(await widget.statusTrail()).toEqual(['loading', 'ready', 'connecting', 'ringing', 'connected']);
  await widget.part('end-button').click();
  await widget.expectStatus('ended');
  await expect(widget.panel).toBeVisible();
  await page.evaluate(() => (window as unknown as { __close: () => Promise<void> }).__close());
  await expect(widget.panel).toHaveCount(0);
});
