// Kataven's documented admin API for Widget Keys and Widget Settings, behind `Bearer sk_live_…`.
import { requireApiKey } from './access';
import type { RouteContext, RouteHandler } from './request-context';
import { HttpError, jsonReply } from './http';
import type { Account } from './seed';
import { agentSummary, agentWidgetSettings, patchAgentPolicy, patchBranding } from './widget-settings';
import { randomHex, type WidgetKeyRecord } from './state';

/** Metadata only: the plaintext key is shown once, at creation. */
function keyView(key: WidgetKeyRecord) {
  const { public_key, account_id: _account, ...rest } = key;
  return { ...rest, public_key_last8: public_key.slice(-8), disabled: key.disabled_at !== null };
}

function ownKey(ctx: RouteContext, account: Account): WidgetKeyRecord {
  const key = ctx.state.keys.get(ctx.params['id'] ?? '');
  if (!key || key.account_id !== account.id) throw new HttpError(404, 'not_found', 'no such widget key');
  return key;
}

function readAllowlist(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) {
    throw new HttpError(400, 'invalid_body', 'domain_allowlist must be an array of strings');
  }
  return value;
}

function readAgentPin(ctx: RouteContext, account: Account, value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'string') throw new HttpError(400, 'invalid_body', 'agent_id must be a string or null');
  return ctx.state.agent(account, value).id;
}

export const listWidgetKeys: RouteHandler = async (ctx) => {
  const account = requireApiKey(ctx);
  const keys = [...ctx.state.keys.values()].filter((key) => key.account_id === account.id);
  return jsonReply(keys.map(keyView));
};

export const createWidgetKey: RouteHandler = async (ctx) => {
  const account = requireApiKey(ctx);
  const body = await ctx.body();
  const name = body['name'];
  if (typeof name !== 'string' || name.trim() === '') throw new HttpError(400, 'invalid_body', 'name required');
  const key: WidgetKeyRecord = {
    id: `wk_${randomHex(8)}`,
    account_id: account.id,
    public_key: `pk_live_${account.id}_${randomHex(12)}`,
    name,
    domain_allowlist: body['domain_allowlist'] === undefined ? [] : readAllowlist(body['domain_allowlist']),
    agent_id: body['agent_id'] === undefined ? null : readAgentPin(ctx, account, body['agent_id']),
    disabled_at: null,
    created_at: new Date().toISOString(),
    last_used_at: null,
  };
  ctx.state.keys.set(key.id, key);
  return jsonReply({ ...keyView(key), public_key: key.public_key }, 201);
};

export const updateWidgetKey: RouteHandler = async (ctx) => {
  const account = requireApiKey(ctx);
  const key = ownKey(ctx, account);
  const body = await ctx.body();
  // Validate everything before changing anything.
  const name = body['name'];
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) {
    throw new HttpError(400, 'invalid_body', 'name must be a non-empty string');
  }
  const disabled = body['disabled'];
  if (disabled !== undefined && typeof disabled !== 'boolean') {
    throw new HttpError(400, 'invalid_body', 'disabled must be a boolean');
  }
  const allowlist = body['domain_allowlist'] === undefined ? undefined : readAllowlist(body['domain_allowlist']);
  const pin = body['agent_id'] === undefined ? undefined : readAgentPin(ctx, account, body['agent_id']);

  if (name !== undefined) key.name = name;
  if (allowlist !== undefined) key.domain_allowlist = allowlist;
  if (pin !== undefined) key.agent_id = pin;
  if (disabled === true) key.disabled_at ??= new Date().toISOString();
  if (disabled === false) key.disabled_at = null;
  return jsonReply(keyView(key));
};

/** Kataven: a never-used key is hard-deleted; a used one is kept for the audit trail and disabled. */
export const deleteWidgetKey: RouteHandler = async (ctx) => {
  const account = requireApiKey(ctx);
  const key = ownKey(ctx, account);
  if (key.last_used_at === null) {
    ctx.state.keys.delete(key.id);
    return jsonReply({ id: key.id, deleted: true });
  }
  key.disabled_at ??= new Date().toISOString();
  return jsonReply({ ...keyView(key), deleted: false });
};

export const getWidgetSettings: RouteHandler = async (ctx) => jsonReply(requireApiKey(ctx).branding);

export const updateWidgetSettings: RouteHandler = async (ctx) => {
  const account = requireApiKey(ctx);
  return jsonReply(patchBranding(account, await ctx.body()));
};

export const listAgents: RouteHandler = async (ctx) => jsonReply(requireApiKey(ctx).agents.map(agentSummary));

export const getAgentWidgetSettings: RouteHandler = async (ctx) => {
  const account = requireApiKey(ctx);
  return jsonReply(agentWidgetSettings(ctx.state.agent(account, ctx.params['id'] ?? '')));
};

export const updateAgentWidgetSettings: RouteHandler = async (ctx) => {
  const account = requireApiKey(ctx);
  const agent = ctx.state.agent(account, ctx.params['id'] ?? '');
  return jsonReply(patchAgentPolicy(agent, await ctx.body()));
};
