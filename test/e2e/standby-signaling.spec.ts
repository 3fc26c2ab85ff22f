// The first call after a click (docs/protocol.md sections 3 and 4): the Twilio signaling socket opens with a
// standby grant (from the visitor session answer, else from POST /widget/signaling) before the call's own token is
// known, on intent or while /widget/connect is in flight, and never with a call session of its own. The call is then
// placed on that very socket: a second `listen` with the call's token, then the invite, with audio both ways through
// the real SDK.
import type { Page } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import { expect, mediaBothWays, openAvaPage, test, waitForCall } from './fixtures';

/** Every signaling socket the page opens, with the PStream message types it sends, in order. */
function watchSockets(page: Page) {
  const sockets: { url: string; sent: string[] }[] = [];
  page.on('websocket', (socket) => {
    const record = { url: socket.url(), sent: [] as string[] };
    sockets.push(record);
    socket.on('framesent', (frame) => {
      const text = String(frame.payload);
      if (text !== '\n') record.sent.push((JSON.parse(text) as { type: string }).type);
    });
  });
  return sockets;
}

const requestLines = (sandbox: Sandbox, path: string) =>
  sandbox
    .requests()
    .filter((entry) => entry.path === path)
    .map((entry) => `${entry.method} ${entry.path} ${entry.status}`);

const waitForMediaBothWays = (sandbox: Sandbox) =>
  waitForCall(sandbox, mediaBothWays({ morePacketsThan: 20, callerAudible: true }), {
    message: 'media flowing both ways on the call placed over the socket opened ahead',
  });

test('hover opens the signaling socket without a call session; the click places the call on that socket', async ({
  page,
  sandbox,
  customer,
  widget,
}) => {
  const sockets = watchSockets(page);
  await openAvaPage(sandbox, customer, widget);
  // Ready, and the page's network gone idle: whatever would open a socket without intent has had its chance.
  await page.waitForLoadState('networkidle');
  expect(sockets, 'no socket before intent').toEqual([]);

  await widget.launcher.hover();
  await expect.poll(() => sockets[0]?.sent ?? [], { message: 'the standby socket listened' }).toEqual(['listen']);
  expect(sockets[0]?.url).toBe(`wss://${new URL(sandbox.url).host}/signal`);
  // The grant came with the visitor session: no extra request, and no call session on intent.
  expect(requestLines(sandbox, '/v1/widget/auth/guest')).toEqual(['POST /v1/widget/auth/guest 200']);
  expect(requestLines(sandbox, '/v1/widget/signaling')).toEqual([]);
  expect(requestLines(sandbox, '/v1/widget/connect'), 'no call session on intent').toEqual([]);
  expect(sandbox.calls()).toEqual([]);

  await widget.launcher.click();
  await widget.part('call-button').click();
  await widget.expectStatus('connected', 15_000);
  expect(await waitForMediaBothWays(sandbox)).toMatchObject({ agent_id: 'agent_ava', visitor_kind: 'guest' });
  // One socket: the standby token, then the call's own token, then the invite.
  expect(sockets).toHaveLength(1);
  expect(sockets[0]?.sent.slice(0, 3)).toEqual(['listen', 'listen', 'invite']);
  expect(requestLines(sandbox, '/v1/widget/connect')).toEqual(['POST /v1/widget/connect 200']);
  await widget.part('end-button').click();
  await widget.expectStatus('ended');

  // The session's grant is spent: intent before the next call asks POST /widget/signaling for a new one.
  await page.evaluate(() => (document.querySelector('kataven-widget') as HTMLElement & { open(): void }).open());
  await expect
    .poll(() => sockets[1]?.sent ?? [], { message: 'the second standby socket listened' })
    .toEqual(['listen']);
  expect(requestLines(sandbox, '/v1/widget/signaling')).toEqual(['POST /v1/widget/signaling 200']);
  expect(requestLines(sandbox, '/v1/widget/connect')).toHaveLength(1);
  await widget.part('call-button').click();
  await widget.expectStatus('connected', 15_000);
  await expect.poll(() => sockets[1]?.sent.slice(0, 3)).toEqual(['listen', 'listen', 'invite']);
  expect(sockets).toHaveLength(2);
  await widget.part('end-button').click();
  await widget.expectStatus('ended');
});

test('a click without intent: the socket opens with the session grant while /widget/connect is in flight', async ({
  page,
  sandbox,
  customer,
  widget,
}) => {
  const sockets = watchSockets(page);
  await openAvaPage(sandbox, customer, widget);
  // What the call needs downloads side by side: every chunk is asked for before the first one has arrived (the panel
  // and its strings too, rather than once the call code has run).
  const chunkEvents: string[] = [];
  const chunk = (url: string) => /\/chunks\/(call-state|twilio|call-panel|en)-/.exec(url)?.[1];
  page.on('request', (request) => chunk(request.url()) && chunkEvents.push(`asked ${chunk(request.url())}`));
  page.on('requestfinished', (request) => chunk(request.url()) && chunkEvents.push(`arrived ${chunk(request.url())}`));
  // The page's own button: start() with no hover, focus or open panel before it.
  await page.evaluate(() => void (document.querySelector('kataven-widget') as HTMLElement & { start(): void }).start());
  await widget.expectStatus('connected', 15_000);
  const asked = chunkEvents.slice(
    0,
    chunkEvents.findIndex((event) => event.startsWith('arrived')),
  );
  expect(asked.sort()).toEqual(['asked call-panel', 'asked call-state', 'asked en', 'asked twilio']);
  await waitForMediaBothWays(sandbox);
  expect(sockets).toHaveLength(1);
  expect(sockets[0]?.sent.slice(0, 3)).toEqual(['listen', 'listen', 'invite']);
  expect(requestLines(sandbox, '/v1/widget/signaling')).toEqual([]);
  await widget.part('end-button').click();
  await widget.expectStatus('ended');
});
