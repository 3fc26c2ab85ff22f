/**
 * The demo form's values and the rules that decide which of them reach the preview. Branding is checked with the
 * widget's own `validateBranding`/`isValidColor` (src/api/branding.ts), so the form flags exactly what the widget
 * would refuse. Pure functions: no DOM, no stores.
 */
import {
  DEFAULT_BRANDING,
  MAX_CALL_SECONDS_RANGE,
  type Branding,
  isValidColor,
  validateBranding,
} from '../../src/api/branding.js';
import type { PolicyOverride } from '../../src/state/config-rules.js';
import type { Locale } from '../../src/widget/locale-tags.js';

export type AuthMode = 'guest' | 'user' | 'both';
export type Theme = 'auto' | 'light' | 'dark';
/** `auto` leaves `locale` unset: visitors get their browser's language. */
export type LocaleChoice = 'auto' | Locale;

/** What the customer typed, as typed (strings for text inputs, so an invalid value can stay visible). */
export interface DemoForm {
  primary_color: string;
  accent_color: string;
  logo_url: string;
  launcher_position: string;
  launcher_label: string;
  privacy_notice: string;
  widget_enabled: boolean;
  auth_mode: AuthMode;
  consent_required: boolean;
  feedback_enabled: boolean;
  max_call_seconds: string;
  theme: Theme;
  locale: LocaleChoice;
}

/** The per-agent policy the preview lays over the server's (the widget's `policy` property). */
export interface Policy extends Required<PolicyOverride> {
  auth_mode: AuthMode;
  max_call_seconds: number | null;
}
export type FormField = keyof DemoForm;

export interface FormCheck {
  /** The valid branding fields, normalised exactly as the widget will use them. */
  branding: Partial<Branding>;
  /** The valid policy fields. */
  policy: Partial<Policy>;
  /** One message per invalid field. */
  issues: Partial<Record<FormField, string>>;
  valid: boolean;
}

export const MAX_CALL_SECONDS = MAX_CALL_SECONDS_RANGE;

export const DEFAULT_FORM: Readonly<DemoForm> = Object.freeze({
  primary_color: DEFAULT_BRANDING.primary_color,
  accent_color: DEFAULT_BRANDING.accent_color,
  logo_url: '',
  launcher_position: DEFAULT_BRANDING.launcher_position,
  launcher_label: DEFAULT_BRANDING.launcher_label,
  privacy_notice: '',
  widget_enabled: true,
  auth_mode: 'both',
  consent_required: false,
  feedback_enabled: false,
  max_call_seconds: '',
  theme: 'auto',
  locale: 'auto',
});

/** Checks every field; invalid ones are reported and left out of `branding`/`policy`. */
export function checkForm(form: Readonly<DemoForm>): FormCheck {
  const issues: Partial<Record<FormField, string>> = {};
  for (const field of ['primary_color', 'accent_color'] as const) {
    // validateBranding treats an empty color as "not set"; in a form that saves every field it is a mistake.
    if (!form[field].trim()) issues[field] = 'is required: a hex color like #2563eb or #26e';
  }
  const result = validateBranding({
    primary_color: form.primary_color.trim(),
    accent_color: form.accent_color.trim(),
    logo_url: form.logo_url.trim() || null,
    launcher_position: form.launcher_position,
    launcher_label: form.launcher_label,
    privacy_notice: form.privacy_notice,
  });
  for (const issue of result.issues) issues[issue.field] = issue.message;

  const policy: Partial<Policy> = {
    widget_enabled: form.widget_enabled,
    auth_mode: form.auth_mode,
    consent_required: form.consent_required,
    feedback_enabled: form.feedback_enabled,
  };
  const seconds = parseMaxCallSeconds(form.max_call_seconds);
  if (seconds === undefined) {
    issues.max_call_seconds = `must be a whole number from ${MAX_CALL_SECONDS.min} to ${MAX_CALL_SECONDS.max}, or empty for no limit`;
  } else {
    policy.max_call_seconds = seconds;
  }
  return { branding: result.value, policy, issues, valid: Object.keys(issues).length === 0 };
}

/** Empty means no limit (null); undefined means invalid. */
export function parseMaxCallSeconds(raw: string): number | null | undefined {
  const text = raw.trim();
  if (!text) return null;
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= MAX_CALL_SECONDS.min && value <= MAX_CALL_SECONDS.max ? value : undefined;
}

/** `isValidColor` re-exported for the color pickers: a swatch only follows a text value the widget accepts. */
export { isValidColor };

/** The form values a server config stands for (what a fresh page load shows). */
export function formFromConfig(
  branding: Readonly<Record<string, string | null | undefined>> | undefined,
  policy: {
    widget_enabled: boolean;
    auth_mode: AuthMode;
    max_call_seconds?: number | null | undefined;
    consent_required?: boolean | undefined;
    feedback_enabled?: boolean | undefined;
  },
): Omit<DemoForm, 'theme' | 'locale'> {
  const text = (value: string | null | undefined, fallback: string) => (typeof value === 'string' ? value : fallback);
  return {
    primary_color: text(branding?.primary_color, DEFAULT_FORM.primary_color),
    accent_color: text(branding?.accent_color, DEFAULT_FORM.accent_color),
    logo_url: text(branding?.logo_url, ''),
    launcher_position: text(branding?.launcher_position, DEFAULT_FORM.launcher_position),
    launcher_label: text(branding?.launcher_label, ''),
    privacy_notice: text(branding?.privacy_notice, ''),
    widget_enabled: policy.widget_enabled,
    auth_mode: policy.auth_mode,
    consent_required: policy.consent_required === true,
    feedback_enabled: policy.feedback_enabled === true,
    max_call_seconds: policy.max_call_seconds ? String(policy.max_call_seconds) : '',
  };
}
