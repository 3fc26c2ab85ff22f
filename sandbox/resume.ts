// Continuity (docs/protocol.md section 9): resume tokens, and `POST /widget/connect/resume`, which hands the page a
// visitor went on to everything it needs to take the live call over: a visitor session, a Twilio token for the same
// connect session, a fresh resume token and the conversation so far. The call itself moves in the call book when
// that page's invite arrives (a new media leg, sandbox/call-legs.ts).
import { checkKey } from './access';
import { pageUrlOf } from './call-legs';
import { HttpError, jsonReply, requestHost } from './http';
import type { RouteHandler } from './request-context';
import { randomHex, type ConnectSession, type SandboxState } from './state';
import { checkContext } from '../src/api/context-rules';

/** A new single-use resume token for the session; the one before it stops working. */
export function issueResumeToken(state: SandboxState, session: ConnectSession): { token: string; expires_in: number } {
  session.resume_token = `rs_${randomHex(24)}`;
  return { token: session.resume_token, expires_in: state.settings.resume_seconds };
}

function sessionByResumeToken(state: SandboxState, token: string): ConnectSession | undefined {
  for (const session of state.sessions.values()) if (session.resume_token === token) return session;
  return undefined;
}

const RESUME_EXPIRED = (): HttpError =>
  new HttpError(401, 'resume_expired', 'the call this token resumed has ended, or the token was used or has expired');

/**
 * `POST /widget/connect/resume` body `{resume_token, page_context?}`, no bearer: the token is the credential, and
 * only the origin that started the call (while its key still allows it) may present it. A refused attempt leaves the
 * token and the call as they were, so a stolen token shown from elsewhere cannot disturb the visitor's own tab.
 */
export const postConnectResume: RouteHandler = async (ctx) => {
  const body = await ctx.body();
  const token = body['resume_token'];
  if (typeof token !== 'string' || token === '') {
    throw new HttpError(400, 'invalid_body', 'resume_token must be a non-empty string');
  }
  const rawContext = body['page_context'];
  if (
    rawContext !== undefined &&
    (typeof rawContext !== 'object' || rawContext === null || Array.isArray(rawContext))
  ) {
    throw new HttpError(400, 'invalid_body', 'page_context must be an object');
  }
  const session = sessionByResumeToken(ctx.state, token);
  const call = session ? ctx.calls.continuity.resumableCall(session) : undefined;
  const key = session ? ctx.state.keys.get(session.key_id) : undefined;
  if (!session || !call || !key) throw RESUME_EXPIRED();
  const origin = checkKey(ctx, key);
  if (origin !== session.origin) {
    throw new HttpError(403, 'origin_not_allowed', `${origin} is not the origin this call was started from`);
  }
  const agent = ctx.state.agent(ctx.state.account(session.account_id), session.agent_id);
  if (!agent.widget.continuity_enabled) throw RESUME_EXPIRED();

  // Page context entries that break the rules are dropped, as on /widget/connect: a resume never fails because of it.
  const pageContext = rawContext === undefined ? undefined : checkContext(rawContext).context;
  session.pending_leg = { page_url: pageUrlOf(pageContext), page_context: pageContext };
  const resume = issueResumeToken(ctx.state, session);
  ctx.calls.continuity.resumeGranted(call);

  const { settings } = ctx.state;
  const signedContext = session.signed_context ?? {};
  const visitorToken = await ctx.tokens.mintVisitorToken(
    {
      visitor_id: session.visitor.id,
      kind: session.visitor.kind,
      display_name: session.visitor.display_name,
      account_id: session.account_id,
      agent_id: session.agent_id,
      key_id: key.id,
      ...(Object.keys(signedContext).length ? { signed_context: signedContext } : {}),
    },
    settings.visitor_token_ttl_seconds,
  );
  const refreshToken = `rt_${randomHex(24)}`;
  ctx.state.refreshGrants.set(refreshToken, {
    key_id: key.id,
    origin,
    agent_id: session.agent_id,
    visitor: session.visitor,
    expires_at: ctx.state.now() + settings.refresh_token_ttl_seconds * 1000,
    ...(Object.keys(signedContext).length ? { signed_context: signedContext } : {}),
  });
  const twilioToken = await ctx.tokens.mintTwilioToken(
    session.visitor.id,
    session.id,
    settings.twilio_token_ttl_seconds,
  );
  key.last_used_at = new Date().toISOString();
  return jsonReply({
    session_id: session.id,
    visitor: { token: visitorToken, refresh_token: refreshToken, expires_in: settings.visitor_token_ttl_seconds },
    twilio: { token: twilioToken, edge: 'local', signaling_host: requestHost(ctx.req) ?? null },
    ice_servers: [],
    params: { agent_id: session.agent_id, session_id: session.id },
    resume,
    transcript: ctx.calls.transcript(call),
  });
};
