// /sandbox/*: inspection, fault injection and the demo page's helpers. No auth, loopback clients only
// (enforced by the router).
import type { RouteHandler } from './request-context';
import { parseFault } from './faults';
import { HttpError, jsonReply, optionalString, requestHost } from './http';
import { agentSummary, patchAgentPolicy, patchBranding, widgetConfig } from './widget-settings';

export const listCalls: RouteHandler = async (ctx) => jsonReply(ctx.calls.views());

export const listRequests: RouteHandler = async (ctx) => jsonReply(ctx.state.requestLog);

export const injectFault: RouteHandler = async (ctx) => {
  const fault = parseFault(await ctx.body());
  switch (fault.kind) {
    case 'delay_answer':
      ctx.faults.delayNextAnswer(fault.ms);
      return jsonReply({ ok: true, fault });
    case 'fail_next':
      ctx.faults.failNext(fault);
      return jsonReply({ ok: true, fault });
    case 'drop_signaling':
      return jsonReply({ ok: true, fault, sockets_dropped: ctx.calls.dropSignaling() });
    case 'hangup': {
      const error =
        fault.error_code === undefined
          ? null
          : { code: fault.error_code, message: fault.message ?? 'Call ended by the sandbox' };
      const call = ctx.calls.serverHangup(fault.call_sid, error);
      if (!call) throw new HttpError(404, 'not_found', 'no live call to hang up');
      return jsonReply({ ok: true, fault, call_sid: call.call_sid });
    }
    case 'poor_line': {
      const call = ctx.calls.impairLine(fault.call_sid, { loss: fault.loss, jitterMs: fault.jitter_ms });
      if (!call) throw new HttpError(404, 'not_found', 'no live call to impair');
      return jsonReply({ ok: true, fault, call_sid: call.call_sid });
    }
    case 'send_caption': {
      const call = ctx.calls.sendCaption(fault.call_sid, { role: fault.role, text: fault.text, final: fault.final });
      if (!call) throw new HttpError(404, 'not_found', 'no live call to caption');
      return jsonReply({ ok: true, fault, call_sid: call.call_sid });
    }
  }
};

export const clearFaults: RouteHandler = async (ctx) => {
  ctx.faults.clear();
  return jsonReply({ ok: true });
};

function demoAccount(ctx: Parameters<RouteHandler>[0]) {
  const key = ctx.state.demoKey();
  if (!key) throw new HttpError(404, 'not_found', 'the seed has no unpinned, enabled widget key for the demo');
  return { key, account: ctx.state.account(key.account_id) };
}

export const getDemo: RouteHandler = async (ctx) => {
  const { key, account } = demoAccount(ctx);
  return jsonReply({
    public_key: key.public_key,
    api_base: `https://${requestHost(ctx.req) ?? '127.0.0.1'}/v1`,
    agents: account.agents.map(agentSummary),
  });
};

/** The demo's "save": same validation and effect as the admin PATCH endpoints, without the secret key. */
export const postDemoSettings: RouteHandler = async (ctx) => {
  const { account } = demoAccount(ctx);
  const body = await ctx.body();
  const agentId = optionalString(body, 'agent_id');
  const agent = agentId ? ctx.state.agent(account, agentId) : account.agents[0];
  if (!agent) throw new HttpError(404, 'agent_not_found', 'the demo account has no agents');
  if (body['policy'] !== undefined && !agentId) throw new HttpError(400, 'invalid_body', 'policy needs agent_id');
  // Validate both before applying either, so a bad policy does not leave half-saved branding.
  if (body['branding'] !== undefined) patchBranding(structuredClone(account), body['branding']);
  if (body['policy'] !== undefined) patchAgentPolicy(structuredClone(agent), body['policy']);
  if (body['branding'] !== undefined) patchBranding(account, body['branding']);
  if (body['policy'] !== undefined) patchAgentPolicy(agent, body['policy']);
  return jsonReply(widgetConfig(account, agent));
};
