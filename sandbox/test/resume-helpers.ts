// Continuity in sandbox tests: a call placed the way the widget places it (guest session, /widget/connect, PStream
// listen and invite), the page going away (its socket closes), and the next page resuming it.
import assert from 'node:assert/strict';
import type { Sandbox } from '../server';
import { call, guestSession, LOCAL_ORIGIN, type TestResponse } from './helpers';
import { callsOf, SignalingClient, waitFor } from './signaling-client';

/** An SDP offer for tests whose media agent is silentMediaAgent (it answers anything). */
export const OFFER = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n';

export interface ResumeGrant {
  token: string;
  expires_in: number;
}

export interface ResumeAnswer {
  session_id: string;
  visitor: { token: string; refresh_token: string; expires_in: number };
  twilio: { token: string; edge: string; signaling_host: string | null };
  ice_servers: unknown[];
  params: Record<string, string>;
  resume: ResumeGrant;
  transcript: { role: string; text: string }[];
}

export interface PlacedCall {
  client: SignalingClient;
  sessionId: string;
  callSid: string;
  resume: ResumeGrant;
  /** The Twilio token of /widget/connect and the reconnect token of the answer (Twilio's own reconnect). */
  twilioToken: string;
  reconnect: string;
  /** The agent's answer SDP, for a real media caller to accept. */
  answerSdp: string;
  visitorToken: string;
}

/** A guest's call on page 1: connected (answer received) on a fresh signaling socket. */
export async function placeCall(
  sandbox: Sandbox,
  options: { context?: Record<string, unknown>; offer?: string; origin?: string } = {},
): Promise<PlacedCall> {
  const visitor = await guestSession(sandbox);
  const res = await call(sandbox, 'POST', '/v1/widget/connect', {
    bearer: visitor.token,
    origin: options.origin ?? LOCAL_ORIGIN,
    body: { agent_id: 'agent_ava', ...(options.context ? { context: options.context } : {}) },
  });
  assert.equal(res.status, 200, res.text);
  const answer = res.json<{ session_id: string; twilio: { token: string }; resume?: ResumeGrant }>();
  assert.ok(answer.resume, 'the connect answer carries a resume grant');
  const client = new SignalingClient(sandbox);
  await client.send('listen', { token: answer.twilio.token });
  await client.next('connected');
  await client.send('invite', {
    callsid: 'TJS-page-1',
    sdp: options.offer ?? OFFER,
    twilio: { params: `agent_id=agent_ava&session_id=${answer.session_id}` },
  });
  const answered = await client.next('answer', 10_000);
  return {
    client,
    sessionId: answer.session_id,
    callSid: String(answered['callsid']),
    resume: answer.resume,
    twilioToken: answer.twilio.token,
    reconnect: String(answered['reconnect']),
    answerSdp: String(answered['sdp']),
    visitorToken: visitor.token,
  };
}

/** The page goes away: its signaling socket closes, and the sandbox has noticed (the call waits for its caller). */
export async function leavePage(sandbox: Sandbox, client: SignalingClient, close = () => client.ws.close()) {
  close();
  await client.closed;
  await waitFor('the call to notice its caller left', async () => {
    const calls = await callsOf(sandbox);
    return calls.some((view) => view.away_since !== null) ? true : undefined;
  });
}

export function postResume(
  sandbox: Sandbox,
  body: unknown,
  origin: string | null = LOCAL_ORIGIN,
): Promise<TestResponse> {
  return call(sandbox, 'POST', '/v1/widget/connect/resume', { origin, body });
}

/** The next page takes the call over: resume, then listen and invite on its own socket. */
export async function resumeOnNextPage(
  sandbox: Sandbox,
  resumeToken: string,
  options: { pageContext?: Record<string, unknown>; offer?: string } = {},
): Promise<{ answer: ResumeAnswer; client: SignalingClient; invite: Record<string, unknown> }> {
  const res = await postResume(sandbox, {
    resume_token: resumeToken,
    ...(options.pageContext ? { page_context: options.pageContext } : {}),
  });
  assert.equal(res.status, 200, res.text);
  const answer = res.json<ResumeAnswer>();
  const client = new SignalingClient(sandbox);
  await client.send('listen', { token: answer.twilio.token });
  await client.next('connected');
  await client.send('invite', {
    callsid: 'TJS-next-page',
    sdp: options.offer ?? OFFER,
    twilio: { params: `agent_id=agent_ava&session_id=${answer.session_id}` },
  });
  const invite = await client.next('answer', 10_000);
  return { answer, client, invite };
}

export async function onlyCall(sandbox: Sandbox) {
  const calls = await callsOf(sandbox);
  const [only] = calls;
  assert.ok(only && calls.length === 1, `one call row, got ${calls.length}`);
  return only;
}
