/**
 * The bootstrap config answer (docs/protocol.md section 2), checked by hand rather than with zod.
 *
 * This is the one answer the launcher reads before the visitor shows intent, on every page view of every customer
 * site. zod/mini's core costs about 5 KB gzip of the launcher's 20 KB first load and builds its schemas on the host
 * page's main thread at start-up; every answer read after intent (sessions, calls, in-call messages) is still parsed
 * with zod/mini in the lazily loaded chunks (`call-schemas.ts`, `message-schemas.ts`). test/unit/config-schema.test.ts
 * holds this check to the zod/mini schema of the same contract, input by input.
 *
 * Like a zod object: unknown extra fields are dropped, a missing or mistyped required field fails (→
 * `invalid_response`, naming each path). Field names Kataven does not document live only here.
 */
import type { ResponseSchema, SchemaIssue } from './response-schema.js';

const BRANDING_FIELDS = [
  'primary_color',
  'accent_color',
  'logo_url',
  'launcher_position',
  'launcher_label',
  'privacy_notice',
] as const;

/** A type, not an interface: the branding rules take it as a plain record of fields. */
export type BrandingPayload = Partial<Record<(typeof BRANDING_FIELDS)[number], string | null | undefined>>;

export interface WidgetConfigResponse {
  agent: { id: string; name: string; status: string; auth_mode: 'public' | 'authenticated' };
  /** Parsed leniently (any string per field); `branding.ts` applies the real rules field by field. */
  branding?: BrandingPayload | undefined;
  policy: {
    widget_enabled: boolean;
    auth_mode: 'guest' | 'user' | 'both';
    // Range and emptiness rules live in state/config-rules.ts.
    max_call_seconds?: number | null | undefined;
    consent_required?: boolean | undefined;
    feedback_enabled?: boolean | undefined;
    /** (project) Continuity: the call may follow the visitor to the site's next page (absent means true). */
    continuity_enabled?: boolean | undefined;
  };
}

type Kind = 'string' | 'number' | 'boolean';

/** Reads one object's fields into a fresh object, recording an issue per field that does not fit. */
function reader(source: unknown, path: string[], issues: SchemaIssue[]) {
  const object = typeof source === 'object' && source !== null && !Array.isArray(source) ? source : null;
  if (!object) issues.push({ path });
  const fields = (object ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const fails = (key: string) => issues.push({ path: [...path, key] });
  return {
    out,
    ok: object !== null,
    /** A required value of this kind, or (with `values`) one of these strings. */
    need(key: string, kind: Kind, values?: readonly string[]) {
      if (!object) return; // the object itself is the issue, as zod reports it
      const value = fields[key];
      if (typeof value === kind && (!values || values.includes(value as string))) out[key] = value;
      else fails(key);
    },
    /** An optional value (absent or undefined), or with `nullable` also null. */
    may(key: string, kind: Kind, nullable = false) {
      if (!object) return;
      const value = fields[key];
      if (value === undefined) return;
      if (typeof value === kind || (nullable && value === null)) out[key] = value;
      else fails(key);
    },
    field: (key: string) => fields[key],
  };
}

function parseConfig(value: unknown, issues: SchemaIssue[]): WidgetConfigResponse {
  const root = reader(value, [], issues);
  if (!root.ok) return value as WidgetConfigResponse;
  const agent = reader(root.field('agent'), ['agent'], issues);
  agent.need('id', 'string');
  agent.need('name', 'string');
  agent.need('status', 'string');
  agent.need('auth_mode', 'string', ['public', 'authenticated']);
  root.out['agent'] = agent.out;
  if (root.field('branding') !== undefined) {
    const branding = reader(root.field('branding'), ['branding'], issues);
    for (const key of BRANDING_FIELDS) branding.may(key, 'string', true);
    root.out['branding'] = branding.out;
  }
  const policy = reader(root.field('policy'), ['policy'], issues);
  policy.need('widget_enabled', 'boolean');
  policy.need('auth_mode', 'string', ['guest', 'user', 'both']);
  policy.may('max_call_seconds', 'number', true);
  policy.may('consent_required', 'boolean');
  policy.may('feedback_enabled', 'boolean');
  policy.may('continuity_enabled', 'boolean');
  root.out['policy'] = policy.out;
  return root.out as unknown as WidgetConfigResponse;
}

export const WidgetConfigResponse: ResponseSchema<WidgetConfigResponse> = {
  safeParse(value) {
    const issues: SchemaIssue[] = [];
    const data = parseConfig(value, issues);
    return issues.length ? { success: false, error: { issues } } : { success: true, data };
  },
};
