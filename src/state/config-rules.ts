/** Turns the server's config plus the page's overrides into what the widget renders and may do. */
import { DEFAULT_BRANDING, type Branding, type BrandingIssue, validateBranding } from '../api/branding.js';
import type { WidgetErrorCode } from '../api/errors.js';
import type { WidgetConfigResponse } from '../api/schemas.js';

export interface ResolvedConfig {
  agent: WidgetConfigResponse['agent'];
  policy: {
    widget_enabled: boolean;
    auth_mode: 'guest' | 'user' | 'both';
    max_call_seconds: number | null;
    consent_required: boolean;
    /** Ask "How was this call?" after a call (docs/protocol.md section 8). */
    feedback_enabled: boolean;
    /** A live call follows the visitor to the site's next page (docs/protocol.md section 9). */
    continuity_enabled: boolean;
  };
  branding: Branding;
  /** Branding values that broke a rule and were replaced by defaults (shown by the demo, warned in the console). */
  brandingIssues: BrandingIssue[];
}

export type PolicyOverride = Partial<ResolvedConfig['policy']>;

/**
 * Server branding first, then the page's `branding` property on top; each layer validated field by field.
 * A `policy` override only changes what the widget renders (previews); the server still enforces its own policy.
 */
export function resolveConfig(
  response: WidgetConfigResponse,
  brandingOverride: Readonly<Record<string, unknown>> | undefined,
  policyOverride: PolicyOverride | undefined,
): ResolvedConfig {
  const server = validateBranding(response.branding ?? {});
  const override = validateBranding(brandingOverride ?? {});
  const policy = { ...response.policy, ...policyOverride };
  return {
    agent: response.agent,
    policy: {
      widget_enabled: policy.widget_enabled !== false,
      auth_mode: policy.auth_mode === 'user' || policy.auth_mode === 'guest' ? policy.auth_mode : 'both',
      max_call_seconds: positiveOrNull(policy.max_call_seconds),
      consent_required: policy.consent_required === true,
      feedback_enabled: policy.feedback_enabled === true,
      continuity_enabled: policy.continuity_enabled !== false,
    },
    branding: { ...DEFAULT_BRANDING, ...server.value, ...override.value },
    brandingIssues: [...server.issues, ...override.issues],
  };
}

function positiveOrNull(value: number | null | undefined): number | null {
  return value && Number.isFinite(value) && value > 0 ? value : null;
}

/**
 * Why this visitor cannot call, or null when they can. Guests need `guest`/`both` AND a public agent
 * (docs/protocol.md section 2); a signed-in visitor may always call (the sandbox agrees: a guest-only agent does not
 * turn away users).
 */
export function unavailableReason(config: ResolvedConfig, authenticated: boolean): WidgetErrorCode | null {
  if (!config.policy.widget_enabled) return 'widget_disabled';
  if (config.agent.status !== 'active') return 'agent_not_active';
  const guestsAllowed = config.policy.auth_mode !== 'user' && config.agent.auth_mode === 'public';
  if (!authenticated && !guestsAllowed) return 'sign_in_required';
  return null;
}

/** Keys this widget accepts: publishable `pk_live_`/`pk_test_` keys. Secret keys must never reach a page. */
export function checkClientKey(key: string | undefined): { code: WidgetErrorCode; message: string } | null {
  if (!key) return { code: 'invalid_key', message: 'client-key is missing: set it to your pk_live_… widget key' };
  if (/^sk_/.test(key)) {
    return {
      code: 'secret_key_in_page',
      message:
        'client-key is a secret sk_ key. Remove it from this page now, rotate it, and use a pk_live_… widget key',
    };
  }
  if (!/^pk_(live|test)_[A-Za-z0-9_-]{4,}$/.test(key)) {
    return { code: 'invalid_key', message: 'client-key must be a pk_live_… widget key' };
  }
  return null;
}

/** Seconds left before `max_call_seconds` ends the call, or null when there is no limit. */
export function remainingSeconds(config: ResolvedConfig | null, elapsedSeconds: number): number | null {
  const max = config?.policy.max_call_seconds;
  return max ? Math.max(0, max - elapsedSeconds) : null;
}
