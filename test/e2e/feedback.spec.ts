// The feedback step after a real call (docs/protocol.md section 8): the agent's policy turns it on, the visitor rates
// the call with a comment, the widget posts it with the visitor's token and the sandbox stores it on the call.
import { DEMO_KEY, GREETING, e2eSeed, expect, sandboxCalls, test } from './fixtures';

test.use({
  seed: e2eSeed((account) => {
    const ava = account.agents.find((agent) => agent.id === 'agent_ava');
    if (ava) ava.widget = { ...ava.widget, feedback_enabled: true };
  }),
});

test('after a real call the visitor rates it with a comment; the sandbox call shows it', async ({
  page,
  sandbox,
  customer,
  widget,
}) => {
  const init = JSON.stringify({ publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase });
  await page.goto(
    customer.page(`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Acme Bank</title></head>
  <body>
    <h1>Acme Bank</h1>
    <script src="${sandbox.url}/v1.js"></script>
    <script>Kataven.init(${init});</script>
  </body>
</html>`),
  );
  await widget.launcher.click();
  await widget.part('call-button').click();
  await widget.expectStatus('connected', 15_000);
  await expect(widget.captions).toContainText(GREETING);
  await expect(widget.part('feedback')).toHaveCount(0);
  await widget.part('end-button').click();
  await widget.expectStatus('ended');

  await expect(widget.part('feedback')).toContainText('How was this call?');
  await widget.part('feedback-comment').fill('Ava sorted it out in a minute.');
  await widget.part('feedback-up').click();
  await expect(widget.part('feedback')).toContainText('Thank you for your feedback.');

  const [rated] = await sandboxCalls(sandbox);
  expect(rated?.state).toBe('closed');
  expect(rated?.feedback).toEqual({ rating: 'up', comment: 'Ava sorted it out in a minute.' });
  const event = await widget.waitForEvent('kataven-feedback');
  expect(event.detail).toEqual({
    sessionId: rated?.session_id,
    rating: 'up',
    comment: 'Ava sorted it out in a minute.',
  });
});
