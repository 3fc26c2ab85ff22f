// Who may do what: widget key lookup, the origin allowlist, agent resolution and call policy, secret keys.
import { bearerToken, HttpError, requestOrigin } from './http';
import type { RouteContext } from './request-context';
import { isOriginAllowed } from './origin';
import type { Account, Agent } from './seed';
import { guestsMayCall } from './widget-settings';
import type { SandboxState, VisitorKind, WidgetKeyRecord } from './state';

/** Throws 403 unless the request's Origin (or Referer) is on the key's allowlist; returns that origin. */
export function checkOrigin(ctx: RouteContext, key: WidgetKeyRecord): string {
  const origin = requestOrigin(ctx.req);
  if (!origin) throw new HttpError(403, 'origin_not_allowed', 'the request has no Origin or Referer header');
  if (!isOriginAllowed(origin, key.domain_allowlist)) {
    throw new HttpError(403, 'origin_not_allowed', `${origin} is not in this key's domain_allowlist`);
  }
  return origin;
}

/** Key checks shared by config, guest, exchange and refresh: known key, allowed origin, not disabled. */
export function checkKey(ctx: RouteContext, key: WidgetKeyRecord): string {
  const origin = checkOrigin(ctx, key);
  if (key.disabled_at !== null) throw new HttpError(403, 'key_disabled', 'this widget key has been disabled');
  return origin;
}

export function findClientKey(ctx: RouteContext, clientKey: unknown): { key: WidgetKeyRecord; origin: string } {
  if (typeof clientKey !== 'string' || clientKey === '') {
    throw new HttpError(400, 'missing_client_key', 'client_key is required');
  }
  const key = ctx.state.keyByPublicKey(clientKey);
  if (!key) throw new HttpError(401, 'invalid_key', 'unknown client_key');
  return { key, origin: checkKey(ctx, key) };
}

/** A key pinned to an agent wins over the agent the page asks for. */
export function resolveAgent(
  state: SandboxState,
  key: WidgetKeyRecord,
  requestedAgentId: string | undefined,
): { account: Account; agent: Agent } {
  const account = state.account(key.account_id);
  const agentId = key.agent_id ?? requestedAgentId;
  if (!agentId) throw new HttpError(404, 'agent_not_found', 'this key is not pinned to an agent; pass agent_id');
  return { account, agent: state.agent(account, agentId) };
}

/** Whether this kind of visitor may start a session or call with the agent right now. */
export function checkAgentCallable(agent: Agent, kind: VisitorKind): void {
  if (agent.status !== 'active') throw new HttpError(409, 'agent_not_active', `agent ${agent.id} is ${agent.status}`);
  if (!agent.widget.widget_enabled) {
    throw new HttpError(403, 'widget_disabled', `the widget is disabled for agent ${agent.id}`);
  }
  if (kind === 'guest' && !guestsMayCall(agent)) {
    throw new HttpError(403, 'sign_in_required', `agent ${agent.id} only talks to signed-in visitors`);
  }
}

/** The account behind an `Authorization: Bearer sk_live_…` header, else 401 `invalid_api_key`. */
export function requireApiKey(ctx: RouteContext): Account {
  const token = bearerToken(ctx.req);
  const account = token?.startsWith('sk_live_') ? ctx.state.accountByApiKey(token) : undefined;
  if (!account) throw new HttpError(401, 'invalid_api_key', 'missing or unknown Bearer sk_live_ API key');
  return account;
}
