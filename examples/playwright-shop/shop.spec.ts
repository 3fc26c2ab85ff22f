import { expect, test, widget } from '@kataven/sandbox/playwright';

test.use({ sandboxSeed: 'seed.json' });

test('the agent greets, adds a blue mug to the cart, and confirms', async ({ page, sandbox }) => {
  await page.goto(`/?api=${sandbox.apiBase}&key=${sandbox.keys[0]!.public_key}`);
  const kataven = await widget(page);
  await page.getByRole('button', { name: 'Talk to us' }).click();
  await kataven.part('call-button').click();
  await kataven.waitForStatus('connected');
  await kataven.waitForAgentLine("Hi, I'm Ava.");
  await expect(page.getByRole('list', { name: 'Cart' })).toHaveText('Blue mug');
  await kataven.waitForAgentLine('Done, the blue mug is in your cart.');
  const [call] = sandbox.calls();
  expect(call!.tool_results).toEqual([
    expect.objectContaining({ name: 'add_to_cart', ok: true, result: { items: 1 } }),
  ]);
  expect(call!.packets_to_caller).toBeGreaterThan(50); // the agent was heard, not only captioned
});

test('the page refuses a sold-out mug, and the agent says so', async ({ page, sandbox }) => {
  await page.goto(`/?api=${sandbox.apiBase}&key=${sandbox.keys[0]!.public_key}&agent=agent_gold`);
  const kataven = await widget(page);
  await page.getByRole('button', { name: 'Talk to us' }).click();
  await kataven.part('call-button').click();
  await kataven.waitForAgentLine('Sorry, the gold mug is sold out.');
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
  const [call] = sandbox.calls();
  expect(call!.tool_results).toEqual([
    expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'refused' }) }),
  ]);
});
