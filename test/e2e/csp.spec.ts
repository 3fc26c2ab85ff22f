// A customer page with the strictest Content Security Policy the README promises is enough: nothing by default, scripts
// only from the widget's origin (and one nonce'd init script), connections only to the API origin and the signaling
// host. So no 'unsafe-inline' styles, no 'unsafe-eval', no data: or blob: anywhere (Twilio's sounds included). The
// widget must render its branding, hold a real call and trigger zero CSP violations.
import { BRAND, DEMO_KEY, GREETING, expect, test, waitForCall } from './fixtures';

test('works under a strict CSP with zero violations', async ({ page, sandbox, customer, widget }) => {
  const host = new URL(sandbox.url).host;
  // The sandbox serves the widget, the API and the signaling on one host: widget origin, API origin, signaling host.
  const policy = [
    "default-src 'none'",
    `script-src https://${host} 'nonce-acme'`,
    `connect-src https://${host} wss://${host}`,
  ].join('; ');
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
    );
  });
  const init = JSON.stringify({ publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase });
  await page.goto(
    customer.page(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${policy}" />
    <title>Acme Bank</title>
  </head>
  <body>
    <h1>Acme Bank</h1>
    <script src="${sandbox.url}/v1.js"></script>
    <script nonce="acme">Kataven.init(${init});</script>
  </body>
</html>`),
  );
  const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

  await expect(widget.launcher).toHaveCSS('background-color', BRAND.primary_rgb);
  await widget.launcher.click();
  await widget.part('call-button').click();
  await widget.expectStatus('connected', 15_000);
  await waitForCall(sandbox, (c) => c.state === 'connected' && c.packets_from_caller > 20 && c.packets_to_caller > 20);
  await expect.poll(() => widget.meterScale(), { message: 'level meter above zero' }).toBeGreaterThan(0);
  await expect(widget.captions).toContainText(GREETING);
  await widget.part('end-button').click();
  await widget.expectStatus('ended');
  expect(await violations()).toEqual([]);
});
