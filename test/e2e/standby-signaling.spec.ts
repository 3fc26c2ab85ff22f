// The first call after a hover (issue 13, docs/protocol.md section 4): intent opens the visitor session and, with a
// standby grant, the Twilio signaling socket, but never a call session; the click then places the call on that very
// socket (a second `listen` with the call's token, then the invite), with audio both ways through the real SDK.
import { DEMO_KEY, expect, scriptTagPage, test, waitForCall } from './fixtures';

test('hover opens the signaling socket without a call session; the click places the call on that socket', async ({
  page,
  sandbox,
  customer,
  widget,
}) => {
  const sockets: { url: string; sent: string[] }[] = [];
  page.on('websocket', (socket) => {
    const record = { url: socket.url(), sent: [] as string[] };
    sockets.push(record);
    socket.on('framesent', (frame) => {
      const text = String(frame.payload);
      if (text !== '\n') record.sent.push((JSON.parse(text) as { type: string }).type);
    });
  });
  await page.goto(
    customer.page(scriptTagPage(sandbox, { publicKey: DEMO_KEY, agentId: 'agent_ava', apiBase: sandbox.apiBase })),
  );
  await widget.expectStatus('ready');
  await page.waitForTimeout(300);
  expect(sockets, 'no socket before intent').toEqual([]);

  await widget.launcher.hover();
  await expect.poll(() => sockets[0]?.sent ?? [], { message: 'the standby socket listened' }).toEqual(['listen']);
  expect(sockets[0]?.url).toBe(`wss://${new URL(sandbox.url).host}/signal`);
  const paths = () => sandbox.requests().map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
  expect(paths()).toContain('POST /v1/widget/signaling 200');
  expect(
    paths().filter((line) => line.startsWith('POST /v1/widget/connect')),
    'no call session on intent',
  ).toEqual([]);
  expect(sandbox.calls()).toEqual([]);

  await widget.launcher.click();
  await widget.part('call-button').click();
  await widget.expectStatus('connected', 15_000);
  const live = await waitForCall(
    sandbox,
    (c) => c.state === 'connected' && c.packets_from_caller > 20 && c.packets_to_caller > 20 && c.caller_level > 0,
    { message: 'media flowing both ways on the call placed over the standby socket' },
  );
  expect(live).toMatchObject({ agent_id: 'agent_ava', visitor_kind: 'guest' });
  // One socket: the standby token, then the call's own token, then the invite; no second socket was opened.
  expect(sockets).toHaveLength(1);
  expect(sockets[0]?.sent.slice(0, 3)).toEqual(['listen', 'listen', 'invite']);
  expect(paths().filter((line) => line.startsWith('POST /v1/widget/connect'))).toEqual(['POST /v1/widget/connect 200']);

  await widget.part('end-button').click();
  await widget.expectStatus('ended');
  await expect.poll(() => sandbox.calls()[0]?.end_reason).toBe('caller_hangup');
});
