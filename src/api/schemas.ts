/**
 * The wire contract of the Kataven Widget API (DESIGN.md section 2) as zod/mini schemas.
 * Unknown extra fields are stripped; a missing required field fails parsing (→ `invalid_response`).
 * Field names that Kataven does not document live only here, so a difference from the live API is a one-file change.
 */
import * as z from 'zod/mini';

const optionalText = z.optional(z.nullable(z.string()));

/** Branding is parsed leniently (any string); `branding.ts` applies the real rules field by field. */
export const BrandingPayload = z.object({
  primary_color: optionalText,
  accent_color: optionalText,
  logo_url: optionalText,
  launcher_position: optionalText,
  launcher_label: optionalText,
  privacy_notice: optionalText,
});

export const WidgetConfigResponse = z.object({
  agent: z.object({
    id: z.string(),
    name: z.string(),
    status: z.string(),
    auth_mode: z.enum(['public', 'authenticated']),
  }),
  branding: z.optional(BrandingPayload),
  policy: z.object({
    widget_enabled: z.boolean(),
    auth_mode: z.enum(['guest', 'user', 'both']),
    // Range and emptiness rules live in state/config-rules.ts: checks here would cost launcher bytes for no gain.
    max_call_seconds: z.optional(z.nullable(z.number())),
    consent_required: z.optional(z.boolean()),
    feedback_enabled: z.optional(z.boolean()),
  }),
});
export type WidgetConfigResponse = z.infer<typeof WidgetConfigResponse>;
