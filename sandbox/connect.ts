// POST /widget/connect (docs/protocol.md section 4), POST /widget/connect/refresh (a new Twilio token mid-call) and
// POST /widget/signaling (a standby Twilio token: the signaling socket opens on intent, before any call).
import { checkAgentCallable, checkKey, resolveAgent } from './access';
import type { RouteContext, RouteHandler } from './request-context';
import { checkCostCaps } from './cost-caps';
import { issueResumeToken } from './resume';
import { bearerToken, HttpError, jsonReply, optionalString, requestHost } from './http';
import { randomHex, type ConnectSession, type WidgetKeyRecord } from './state';
import type { VisitorClaims } from './tokens';
import { checkContext } from '../src/api/context-rules';

async function authenticateVisitor(
  ctx: RouteContext,
): Promise<{ claims: VisitorClaims; key: WidgetKeyRecord; origin: string }> {
  const claims = await ctx.tokens.verifyVisitorToken(bearerToken(ctx.req));
  const key = ctx.state.keys.get(claims.key_id);
  if (!key) throw new HttpError(401, 'invalid_token', 'the widget key behind this token no longer exists');
  const origin = checkKey(ctx, key);
  return { claims, key, origin };
}

export const postConnect: RouteHandler = async (ctx) => {
  const { claims, key, origin } = await authenticateVisitor(ctx);
  const body = await ctx.body();
  const { account, agent } = resolveAgent(ctx.state, key, optionalString(body, 'agent_id') ?? claims.agent_id);
  checkAgentCallable(agent, claims.kind);
  ctx.calls.continuity.sweep(); // a call whose caller left for good no longer holds its slot
  checkCostCaps(ctx.state, account.id, ctx.state.now());

  const sessionId = `sess_${randomHex(12)}`;
  const session: ConnectSession = {
    id: sessionId,
    account_id: account.id,
    agent_id: agent.id,
    key_id: key.id,
    visitor: { id: claims.visitor_id, kind: claims.kind, display_name: claims.display_name },
    created_at: ctx.state.now(),
    call_sid: null,
    // Page context (invalid entries dropped: a call never fails because of it) and signed context.
    page_context: body['context'] === undefined ? {} : checkContext(body['context']).context,
    signed_context: claims.signed_context ?? {},
    origin,
    resume_token: null,
    pending_leg: null,
  };
  ctx.state.sessions.set(sessionId, session);
  const token = await ctx.tokens.mintTwilioToken(
    claims.visitor_id,
    sessionId,
    ctx.state.settings.twilio_token_ttl_seconds,
  );
  key.last_used_at = new Date().toISOString();
  return jsonReply({
    session_id: sessionId,
    // signaling_host is where this request arrived, so the Twilio SDK dials this very sandbox.
    twilio: { token, edge: 'local', signaling_host: requestHost(ctx.req) ?? null },
    ice_servers: [],
    params: { agent_id: agent.id, session_id: sessionId },
    // Continuity (docs/protocol.md section 9): the call may follow the visitor to the next page of the site.
    ...(agent.widget.continuity_enabled ? { resume: issueResumeToken(ctx.state, session) } : {}),
  });
};

export const postConnectRefresh: RouteHandler = async (ctx) => {
  const { claims } = await authenticateVisitor(ctx);
  const body = await ctx.body();
  const sessionId = optionalString(body, 'session_id');
  const session = sessionId ? ctx.state.sessions.get(sessionId) : undefined;
  if (!session || session.visitor.id !== claims.visitor_id) {
    throw new HttpError(400, 'invalid_body', 'session_id does not name a session of this visitor');
  }
  const token = await ctx.tokens.mintTwilioToken(
    claims.visitor_id,
    session.id,
    ctx.state.settings.twilio_token_ttl_seconds,
  );
  return jsonReply({ twilio: { token } });
};

/** How long a standby token lives: the widget keeps a standby socket for minutes, not for a visitor's whole stay. */
const STANDBY_TOKEN_TTL_SECONDS = 600;

/** A standby grant (docs/protocol.md section 4): a Twilio token naming no session, and where to signal with it. */
export async function standbyGrant(ctx: RouteContext, visitorId: string) {
  const ttlSeconds = Math.min(ctx.state.settings.twilio_token_ttl_seconds, STANDBY_TOKEN_TTL_SECONDS);
  const token = await ctx.tokens.mintTwilioToken(visitorId, null, ttlSeconds);
  return { twilio: { token, edge: 'local', signaling_host: requestHost(ctx.req) ?? null }, expires_in: ttlSeconds };
}

/**
 * `POST /widget/signaling` (project): a standby Twilio token, so the widget can open its signaling socket when the
 * visitor shows intent, before the click. It names no session, creates none and touches no cap: an invite on it is
 * declined (31603) until a `listen` with the call's own token from /widget/connect replaces it on the same socket.
 * Only for a visitor who may call the agent at all, so no socket is opened for a call that would be refused.
 */
export const postSignaling: RouteHandler = async (ctx) => {
  const { claims, key } = await authenticateVisitor(ctx);
  const body = await ctx.body();
  const { agent } = resolveAgent(ctx.state, key, optionalString(body, 'agent_id') ?? claims.agent_id);
  checkAgentCallable(agent, claims.kind);
  return jsonReply(await standbyGrant(ctx, claims.visitor_id));
};
