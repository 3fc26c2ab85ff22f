// Widget Settings: the account's branding and each agent's widget policy. The admin PATCH endpoints and the
// demo's POST /sandbox/settings both go through these functions, so they validate identically.
import { agentPolicyPatchSchema, brandingPatchSchema, type Account, type Agent, type Branding } from './seed';
import { parseOrRefuse } from './validation';

export function patchBranding(account: Account, body: unknown): Branding {
  const patch = parseOrRefuse(brandingPatchSchema, body);
  Object.assign(account.branding, patch);
  return account.branding;
}

export function patchAgentPolicy(agent: Agent, body: unknown): AgentWidgetSettings {
  const patch = parseOrRefuse(agentPolicyPatchSchema, body);
  Object.assign(agent.widget, patch);
  return agentWidgetSettings(agent);
}

export type AgentWidgetSettings = ReturnType<typeof agentWidgetSettings>;

/** Kataven's `data.AgentWidgetSettings`, plus this project's max_call_seconds, consent_required,
 * feedback_enabled and continuity_enabled. */
export function agentWidgetSettings(agent: Agent) {
  return { agent_id: agent.id, ...agent.widget };
}

export function agentSummary(agent: Agent) {
  return { id: agent.id, name: agent.name, status: agent.status, auth_mode: agent.auth_mode };
}

/** Guests may call only when the policy admits guests and the agent itself is public (docs/protocol.md section 2). */
export function guestsMayCall(agent: Agent): boolean {
  return agent.widget.auth_mode !== 'user' && agent.auth_mode === 'public';
}

/**
 * The bootstrap config (docs/protocol.md section 2). `max_call_seconds` is left out when there is no limit (it is
 * optional).
 */
export function widgetConfig(account: Account, agent: Agent) {
  const { widget_enabled, auth_mode, max_call_seconds, consent_required, feedback_enabled, continuity_enabled } =
    agent.widget;
  return {
    agent: agentSummary(agent),
    branding: { ...account.branding },
    policy: {
      widget_enabled,
      auth_mode,
      ...(max_call_seconds === null ? {} : { max_call_seconds }),
      consent_required,
      feedback_enabled,
      continuity_enabled,
    },
  };
}
