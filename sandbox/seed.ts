// The seed file: zod schemas (also used to validate admin PATCH bodies), loading, and error messages
// that name the file and the exact field path.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// Branding rules are the widget's own (src/api/branding.ts): what the admin API accepts, the widget renders.
import {
  DEFAULT_BRANDING,
  LAUNCHER_POSITIONS,
  MAX_CALL_SECONDS_RANGE,
  TEXT_LIMITS,
  isValidColor,
  isValidLogoUrl,
} from '../src/api/branding';
import { fileIssue } from './validation';
import { scriptSchema } from './agent/script-steps';

const color = z.string().refine(isValidColor, 'must be #rgb or #rrggbb');
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const logoUrl = z
  .string()
  .refine(isValidLogoUrl, 'must be an https: URL (or http: to a loopback host) or null')
  .nullable();

export const brandingFields = {
  primary_color: color,
  accent_color: color,
  logo_url: logoUrl,
  launcher_position: z.enum(LAUNCHER_POSITIONS as ['br', 'bl', 'tr', 'tl']),
  launcher_label: text(TEXT_LIMITS.launcher_label),
  privacy_notice: text(TEXT_LIMITS.privacy_notice),
};
/**
 * The texts a seeded account starts with when its seed leaves them out. Not the widget's DEFAULT_BRANDING texts:
 * there an empty label / null notice mean "use the locale's own words", here an account has real texts to edit.
 * Colours, logo and position mean the same on both sides and come from the widget's DEFAULT_BRANDING.
 */
export const SEEDED_ACCOUNT_TEXTS = {
  launcher_label: 'Talk to us',
  privacy_notice: 'Calls may be recorded for quality.',
} as const;
/** PATCH body for account branding: every field optional, unknown fields refused. */
export const brandingPatchSchema = z.strictObject(brandingFields).partial();

export const agentPolicyFields = {
  widget_enabled: z.boolean(),
  auth_mode: z.enum(['guest', 'user', 'both']),
  max_call_seconds: z
    .number()
    .int('must be an integer')
    .min(MAX_CALL_SECONDS_RANGE.min)
    .max(MAX_CALL_SECONDS_RANGE.max)
    .nullable(),
  consent_required: z.boolean(),
  feedback_enabled: z.boolean(),
  /** Continuity (docs/protocol.md section 9): the call may follow the visitor to the next page. */
  continuity_enabled: z.boolean(),
};
export const agentPolicyPatchSchema = z.strictObject(agentPolicyFields).partial();

const agentSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  status: z.enum(['draft', 'active', 'paused', 'archived']),
  auth_mode: z.enum(['public', 'authenticated']),
  greeting_message: z.string().default('Hello! How can I help you today?'),
  widget: z
    .strictObject({
      widget_enabled: agentPolicyFields.widget_enabled.default(true),
      auth_mode: agentPolicyFields.auth_mode.default('both'),
      max_call_seconds: agentPolicyFields.max_call_seconds.default(null),
      consent_required: agentPolicyFields.consent_required.default(false),
      feedback_enabled: agentPolicyFields.feedback_enabled.default(false),
      continuity_enabled: agentPolicyFields.continuity_enabled.default(true),
    })
    .prefault({}),
  behaviour: z
    .strictObject({
      greeting: z.boolean().default(true),
      echo: z.boolean().default(true),
      captions: z.boolean().default(true),
      // The conversation: scripted tool calls, the answer to typed text, a context key read back.
      tool_calls: z
        .array(
          z.strictObject({
            after_ms: z.number().int('must be an integer').min(0),
            name: z.string().min(1),
            params: z.record(z.string(), z.unknown()).default({}),
          }),
        )
        .default([]),
      reply_to_text: z.boolean().default(true),
      say_context_key: z.string().min(1).nullable().default(null),
      say_context_delay_ms: z.number().int('must be an integer').min(0).default(1200),
      /** Said (chime and caption) when the caller comes back on a resumed call; null says nothing. */
      resume_message: z.string().min(1).nullable().default(null),
      // a scripted agent (sandbox/agent/script-steps.ts): lines, tool calls and a hang-up, timed or in answer.
      script: scriptSchema.default([]),
      // The greeting as a spoken line (speech and captions in step) instead of the tone agent's chime.
      speak_greeting: z.boolean().default(false),
    })
    .prefault({}),
});

const widgetKeySchema = z.strictObject({
  id: z.string().min(1),
  public_key: z
    .string()
    .regex(/^pk_live_[a-z0-9][a-z0-9_-]*_[A-Za-z0-9]+$/, 'must look like pk_live_<account>_<random>'),
  name: z.string().default(''),
  domain_allowlist: z.array(z.string()),
  agent_id: z.string().nullable().default(null),
  disabled: z.boolean().default(false),
});

const callLimit = z.number().int('must be an integer').min(0);
const accountSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be a Kataven account slug'),
  api_keys: z.array(z.string().startsWith('sk_live_', 'must start with sk_live_')),
  branding: z
    .strictObject({
      primary_color: color.default(DEFAULT_BRANDING.primary_color),
      accent_color: color.default(DEFAULT_BRANDING.accent_color),
      logo_url: logoUrl.default(DEFAULT_BRANDING.logo_url),
      launcher_position: brandingFields.launcher_position.default(DEFAULT_BRANDING.launcher_position),
      launcher_label: brandingFields.launcher_label.default(SEEDED_ACCOUNT_TEXTS.launcher_label),
      privacy_notice: brandingFields.privacy_notice.default(SEEDED_ACCOUNT_TEXTS.privacy_notice),
    })
    .prefault({}),
  call_limits: z
    .strictObject({
      concurrent_max: callLimit.default(5),
      calls_per_minute: callLimit.default(30),
      daily_calls_max: callLimit.default(500),
      daily_minutes_max: callLimit.default(600),
    })
    .prefault({}),
  agents: z.array(agentSchema),
  widget_keys: z.array(widgetKeySchema),
});

const ttl = z.number().int('must be an integer').min(1);
export const seedSchema = z.strictObject({
  accounts: z.array(accountSchema).min(1),
  settings: z
    .strictObject({
      visitor_token_ttl_seconds: ttl.default(900),
      twilio_token_ttl_seconds: ttl.default(3600),
      refresh_token_ttl_seconds: ttl.default(86_400),
      user_token_ttl_seconds: ttl.default(300),
      /** Guest, exchange and refresh requests per widget key and page origin per minute (then 429 rate_limited). */
      auth_requests_per_minute: z.number().int('must be an integer').min(1).default(600),
      /** How long a call waits for its caller to come back after the page went away (docs/protocol.md section 9). */
      resume_seconds: ttl.default(30),
      jwt_secret: z.string().min(16).optional(),
    })
    .prefault({}),
});

/** What a test or the CLI hands in (defaults may be left out). */
export type SeedConfig = z.input<typeof seedSchema>;
export type Seed = z.output<typeof seedSchema>;
export type Account = Seed['accounts'][number];
export type Agent = Account['agents'][number];
export type Branding = Account['branding'];
export type AgentPolicy = Agent['widget'];
export type CallLimits = Account['call_limits'];
export type SandboxSettings = Seed['settings'];

export class SeedError extends Error {}

/** Validates a seed; the error names the source and the first bad field, e.g. `seed.json: accounts.0.id: …`. */
export function parseSeed(input: unknown, source: string): Seed {
  const result = seedSchema.safeParse(input);
  if (result.success) return checkReferences(result.data, source);
  throw new SeedError(fileIssue(source, result.error.issues[0], 'seed'));
}

/** Cross-field checks zod's shape cannot express: pins point at agents of the same account, ids are unique. */
function checkReferences(seed: Seed, source: string): Seed {
  const publicKeys = new Set<string>();
  seed.accounts.forEach((account, accountIndex) => {
    const agentIds = new Set(account.agents.map((agent) => agent.id));
    account.widget_keys.forEach((key, keyIndex) => {
      const where = `${source}: accounts.${accountIndex}.widget_keys.${keyIndex}`;
      if (key.agent_id !== null && !agentIds.has(key.agent_id)) {
        throw new SeedError(`${where}.agent_id: no agent ${key.agent_id} in account ${account.id}`);
      }
      if (publicKeys.has(key.public_key)) throw new SeedError(`${where}.public_key: duplicate key`);
      publicKeys.add(key.public_key);
    });
  });
  return seed;
}

export function loadSeedFile(file: string): Seed {
  const source = path.relative(process.cwd(), file) || file;
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SeedError(`${source}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new SeedError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  return parseSeed(json, source);
}
