// Public Widget Auth endpoints (docs/protocol.md sections 2 and 3): config, guest, exchange, refresh, and the
// server-to-server user-token mint.
import { createHash } from 'node:crypto';
import { checkAgentCallable, checkKey, findClientKey, requireApiKey, resolveAgent } from './access';
import { standbyGrant } from './connect';
import type { RouteContext, RouteHandler } from './request-context';
import { HttpError, jsonReply, optionalString, type Reply } from './http';
import type { Agent } from './seed';
import { widgetConfig } from './widget-settings';
import { randomHex, type Visitor, type WidgetKeyRecord } from './state';
import { checkContext, describeDropped, type AgentContext } from '../src/api/context-rules';

function markUsed(key: WidgetKeyRecord): void {
  key.last_used_at = new Date().toISOString();
}

/** Mints the visitor JWT and a fresh single-use refresh token bound to this key and origin. */
async function issueSession(
  ctx: RouteContext,
  key: WidgetKeyRecord,
  origin: string,
  agent: Agent,
  visitor: Visitor,
  signedContext?: AgentContext,
): Promise<Reply> {
  const { settings } = ctx.state;
  const token = await ctx.tokens.mintVisitorToken(
    {
      visitor_id: visitor.id,
      kind: visitor.kind,
      display_name: visitor.display_name,
      account_id: key.account_id,
      agent_id: agent.id,
      key_id: key.id,
      ...(signedContext ? { signed_context: signedContext } : {}),
    },
    settings.visitor_token_ttl_seconds,
  );
  const refreshToken = `rt_${randomHex(24)}`;
  ctx.state.refreshGrants.set(refreshToken, {
    key_id: key.id,
    origin,
    agent_id: agent.id,
    visitor,
    expires_at: ctx.state.now() + settings.refresh_token_ttl_seconds * 1000,
    ...(signedContext ? { signed_context: signedContext } : {}),
  });
  markUsed(key);
  return jsonReply({
    token,
    refresh_token: refreshToken,
    expires_in: settings.visitor_token_ttl_seconds,
    agent_id: agent.id,
    visitor,
    // (project) A standby signaling grant in the same answer, so the widget opens its socket while /widget/connect is
    // in flight instead of after it: only while this visitor may call the agent (a refresh may find it paused).
    ...(mayCall(agent, visitor) ? { signaling: await standbyGrant(ctx, visitor.id) } : {}),
  });
}

function mayCall(agent: Agent, visitor: Visitor): boolean {
  try {
    checkAgentCallable(agent, visitor.kind);
    return true;
  } catch {
    return false;
  }
}

export const getWidgetConfig: RouteHandler = async (ctx) => {
  const { key } = findClientKey(ctx, ctx.url.searchParams.get('client_key'));
  const { account, agent } = resolveAgent(ctx.state, key, ctx.url.searchParams.get('agent_id') || undefined);
  markUsed(key);
  return jsonReply(widgetConfig(account, agent));
};

export const postGuest: RouteHandler = async (ctx) => {
  const body = await ctx.body();
  const { key, origin } = findClientKey(ctx, body['client_key']);
  ctx.authLimits.admit(key.id, origin);
  const { agent } = resolveAgent(ctx.state, key, optionalString(body, 'agent_id'));
  checkAgentCallable(agent, 'guest');
  return issueSession(ctx, key, origin, agent, { id: `v_${randomHex(12)}`, kind: 'guest', display_name: null });
};

export const postUserToken: RouteHandler = async (ctx) => {
  const account = requireApiKey(ctx);
  const body = await ctx.body();
  const externalUserId = optionalString(body, 'external_user_id');
  if (!externalUserId) throw new HttpError(400, 'invalid_body', 'external_user_id is required');
  const displayName = optionalString(body, 'display_name') ?? null;
  optionalString(body, 'email'); // accepted and type-checked; the sandbox has no use for it
  // Signed context follows the rules of docs/protocol.md section 6; a backend gets a 400 naming what broke them.
  let context: AgentContext | undefined;
  if (body['context'] !== undefined) {
    const check = checkContext(body['context']);
    if (check.problem || check.dropped.length) {
      throw new HttpError(400, 'invalid_body', `context: ${describeDropped(check)}`);
    }
    context = check.context;
  }
  const userToken = `ut_${randomHex(24)}`;
  const ttlSeconds = ctx.state.settings.user_token_ttl_seconds;
  ctx.state.userTokens.set(userToken, {
    account_id: account.id,
    external_user_id: externalUserId,
    display_name: displayName,
    expires_at: ctx.state.now() + ttlSeconds * 1000,
    ...(context ? { context } : {}),
  });
  return jsonReply({ user_token: userToken, expires_in: ttlSeconds });
};

export const postExchange: RouteHandler = async (ctx) => {
  const body = await ctx.body();
  const { key, origin } = findClientKey(ctx, body['client_key']);
  ctx.authLimits.admit(key.id, origin);
  const userToken = optionalString(body, 'user_token');
  if (!userToken) throw new HttpError(400, 'invalid_user_token', 'user_token is required');
  const grant = ctx.state.userTokens.get(userToken);
  if (!grant || grant.account_id !== key.account_id) {
    throw new HttpError(400, 'invalid_user_token', 'unknown or already used user_token');
  }
  if (grant.expires_at <= ctx.state.now()) {
    ctx.state.userTokens.delete(userToken);
    throw new HttpError(400, 'invalid_user_token', 'user_token has expired');
  }
  const { agent } = resolveAgent(ctx.state, key, optionalString(body, 'agent_id'));
  checkAgentCallable(agent, 'user');
  ctx.state.userTokens.delete(userToken);
  // Stable per user, so one person is one visitor across sessions.
  const visitorId = `v_u_${createHash('sha256').update(`${grant.account_id}:${grant.external_user_id}`).digest('hex').slice(0, 24)}`;
  const visitor: Visitor = { id: visitorId, kind: 'user', display_name: grant.display_name };
  return issueSession(ctx, key, origin, agent, visitor, grant.context);
};

export const postRefresh: RouteHandler = async (ctx) => {
  const body = await ctx.body();
  const refreshToken = optionalString(body, 'refresh_token');
  if (!refreshToken) throw new HttpError(400, 'invalid_refresh_token', 'refresh_token is required');
  const grant = ctx.state.refreshGrants.get(refreshToken);
  const key = grant ? ctx.state.keys.get(grant.key_id) : undefined;
  if (!grant || !key) throw new HttpError(400, 'invalid_refresh_token', 'unknown or already used refresh_token');
  if (grant.expires_at <= ctx.state.now()) {
    ctx.state.refreshGrants.delete(refreshToken);
    throw new HttpError(400, 'invalid_refresh_token', 'refresh_token has expired');
  }
  const origin = checkKey(ctx, key);
  ctx.authLimits.admit(key.id, origin);
  if (origin !== grant.origin) {
    throw new HttpError(400, 'invalid_refresh_token', `refresh_token was issued to ${grant.origin}`);
  }
  const agent = ctx.state.agent(ctx.state.account(key.account_id), grant.agent_id);
  ctx.state.refreshGrants.delete(refreshToken);
  return issueSession(ctx, key, origin, agent, grant.visitor, grant.signed_context);
};
