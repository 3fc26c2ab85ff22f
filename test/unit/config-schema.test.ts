// The launcher's hand-written config check (src/api/schemas.ts) against the zod/mini schema of the same contract:
// the same verdict, the same data and the same issue paths, input by input.
import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import { WidgetConfigResponse } from '../../src/api/schemas.js';
import { AVA_CONFIG } from '../fixtures/ava-config.js';

const optionalText = z.optional(z.nullable(z.string()));
const reference = z.object({
  agent: z.object({
    id: z.string(),
    name: z.string(),
    status: z.string(),
    auth_mode: z.enum(['public', 'authenticated']),
  }),
  branding: z.optional(
    z.object({
      primary_color: optionalText,
      accent_color: optionalText,
      logo_url: optionalText,
      launcher_position: optionalText,
      launcher_label: optionalText,
      privacy_notice: optionalText,
    }),
  ),
  policy: z.object({
    widget_enabled: z.boolean(),
    auth_mode: z.enum(['guest', 'user', 'both']),
    max_call_seconds: z.optional(z.nullable(z.number())),
    consent_required: z.optional(z.boolean()),
    feedback_enabled: z.optional(z.boolean()),
    continuity_enabled: z.optional(z.boolean()),
  }),
});

type Json = Record<string, unknown>;
const base = (): Json => JSON.parse(JSON.stringify(AVA_CONFIG)) as Json;

/** `base` with one field at `path` replaced (or removed, for `undefined`). */
function withField(path: string[], value: unknown): Json {
  const root = base();
  let node = root;
  for (const key of path.slice(0, -1)) node = node[key] as Json;
  const last = path[path.length - 1] as string;
  if (value === undefined) Reflect.deleteProperty(node, last);
  else node[last] = value;
  return root;
}

const FIELDS = [
  ['agent'],
  ['agent', 'id'],
  ['agent', 'name'],
  ['agent', 'status'],
  ['agent', 'auth_mode'],
  ['branding'],
  ['branding', 'primary_color'],
  ['branding', 'logo_url'],
  ['branding', 'launcher_position'],
  ['branding', 'privacy_notice'],
  ['policy'],
  ['policy', 'widget_enabled'],
  ['policy', 'auth_mode'],
  ['policy', 'max_call_seconds'],
  ['policy', 'consent_required'],
  ['policy', 'feedback_enabled'],
  ['policy', 'continuity_enabled'],
];
const VALUES: unknown[] = [undefined, null, '', 'x', 'public', 'guest', 'both', 0, 600, true, false, [], {}, ['a']];

const inputs: unknown[] = [
  base(),
  { ...base(), extra: 1, agent: { ...(base()['agent'] as Json), secret: 'dropped' } },
  null,
  'config',
  42,
  [],
  {},
  ...FIELDS.flatMap((path) => VALUES.map((value) => withField(path, value))),
];

const paths = (issues: readonly { path: readonly PropertyKey[] }[]) =>
  issues.map((issue) => issue.path.map(String).join('.')).sort();

describe('config schema (launcher, hand-written)', () => {
  it(`agrees with the zod/mini schema of the contract on ${inputs.length} inputs`, () => {
    for (const input of inputs) {
      const ours = WidgetConfigResponse.safeParse(input);
      const zods = reference.safeParse(input);
      const label = JSON.stringify(input);
      expect(ours.success, label).to.equal(zods.success);
      if (ours.success && zods.success) expect(ours.data, label).to.deep.equal(zods.data);
      if (!ours.success && !zods.success)
        expect(paths(ours.error.issues), label).to.deep.equal(paths(zods.error.issues));
    }
  });

  it('accepts the canonical answer and drops unknown fields', () => {
    const parsed = WidgetConfigResponse.safeParse({ ...base(), debug: { stack: '…' } });
    expect(parsed.success).to.equal(true);
    if (parsed.success) expect(parsed.data).to.deep.equal(AVA_CONFIG);
  });

  it('names every field that does not fit', () => {
    const parsed = WidgetConfigResponse.safeParse({ agent: { id: 1, name: 'Ava', status: 'active' }, policy: null });
    expect(parsed.success).to.equal(false);
    if (!parsed.success) expect(paths(parsed.error.issues)).to.deep.equal(['agent.auth_mode', 'agent.id', 'policy']);
  });
});
