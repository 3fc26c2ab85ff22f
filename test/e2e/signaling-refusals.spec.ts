// docs/protocol.md section 4 through the real Twilio SDK: a page that tampers with its /widget/connect answer cannot
// place a call on another visitor's session, or on a session that does not exist (routed by agent_id instead). The
// sandbox declines the invite as Kataven would (hangup 31603); the visitor sees a failed call and the sandbox has no
// call at all.
import type { Page } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import { call, guestSession } from '../../sandbox/test/helpers';
import { expect, openAvaPage, sandboxCalls, test, type CustomerSite, type WidgetView } from './fixtures';

/** The Twilio SDK (logLevel 'error') logs the declined call. */
const TWILIO_LOG = /^\[TwilioVoice\]/;

/** Another visitor's idle connect session, made over HTTP as their own widget would. */
async function otherVisitorsSession(sandbox: Sandbox): Promise<string> {
  const visitor = await guestSession(sandbox);
  const res = await call(sandbox, 'POST', '/v1/widget/connect', {
    bearer: visitor.token,
    body: { agent_id: 'agent_ava' },
  });
  expect(res.status).toBe(200);
  return res.json<{ session_id: string }>().session_id;
}

/** Rewrites the call params in every /widget/connect answer the page receives (the token is left alone). */
async function tamperWithConnect(page: Page, sandbox: Sandbox, params: Record<string, string>): Promise<string[]> {
  const ownSessions: string[] = [];
  await page.route(`${sandbox.apiBase}/widget/connect`, async (route) => {
    const response = await route.fetch();
    const json = (await response.json()) as { session_id: string; params: Record<string, string> };
    ownSessions.push(json.session_id);
    await route.fulfill({ response, json: { ...json, params: { ...json.params, ...params } } });
  });
  return ownSessions;
}

async function placeCall(sandbox: Sandbox, customer: CustomerSite, widget: WidgetView): Promise<void> {
  await openAvaPage(sandbox, customer, widget);
  await widget.launcher.click();
  await widget.part('call-button').click();
}

async function expectDeclined(widget: WidgetView): Promise<void> {
  await widget.expectStatus('error', 15_000);
  const error = await widget.waitForEvent('kataven-error');
  expect(error.detail).toMatchObject({ code: 'call_failed', retryable: true });
  await expect(widget.error).toHaveText('The call could not be connected. Please try again.');
  expect(await widget.statusTrail()).not.toContain('connected');
}

test("a page that swaps in another visitor's session_id gets a failed call, and that session gets none", async ({
  page,
  sandbox,
  customer,
  widget,
  problems,
}) => {
  problems.allow(TWILIO_LOG);
  const victimSession = await otherVisitorsSession(sandbox);
  const ownSessions = await tamperWithConnect(page, sandbox, { session_id: victimSession });
  await placeCall(sandbox, customer, widget);
  await expectDeclined(widget);

  expect(ownSessions).toHaveLength(1);
  expect(ownSessions[0]).not.toBe(victimSession);
  // Not attached to the victim's session, and not placed on the page's own session either.
  expect(await sandboxCalls(sandbox)).toEqual([]);
});

test('a page whose session_id names no session is not routed by agent_id to a paused agent', async ({
  page,
  sandbox,
  customer,
  widget,
  problems,
}) => {
  problems.allow(TWILIO_LOG);
  await tamperWithConnect(page, sandbox, { session_id: 'sess_000000000000000000000000', agent_id: 'agent_sleepy' });
  await placeCall(sandbox, customer, widget);
  await expectDeclined(widget);
  expect(await sandboxCalls(sandbox)).toEqual([]);
});
