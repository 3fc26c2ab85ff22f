/**
 * Branding rules (docs/protocol.md section 2): the widget and the demo's form apply exactly these.
 * A value that breaks a rule is dropped with an issue; the widget then uses the default and still works.
 */
export type LauncherPosition = 'br' | 'bl' | 'tr' | 'tl';

export interface Branding {
  primary_color: string;
  accent_color: string;
  logo_url: string | null;
  launcher_position: LauncherPosition;
  launcher_label: string;
  privacy_notice: string | null;
}

export type BrandingField = keyof Branding;

export interface BrandingIssue {
  field: BrandingField;
  message: string;
}

export const DEFAULT_BRANDING: Readonly<Branding> = Object.freeze({
  primary_color: '#2563eb',
  accent_color: '#1e40af',
  logo_url: null,
  launcher_position: 'br',
  launcher_label: '',
  privacy_notice: null,
});

export const LAUNCHER_POSITIONS: readonly LauncherPosition[] = ['br', 'bl', 'tr', 'tl'];
/** Longest launcher label and privacy notice, in characters (the sandbox's admin API applies the same limits). */
export const TEXT_LIMITS = { launcher_label: 60, privacy_notice: 300 } as const;
/** The per-agent `max_call_seconds` range this project accepts (null: no limit). */
export const MAX_CALL_SECONDS_RANGE = { min: 10, max: 7200 } as const;
const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
// Control characters (other than tab/newline) have no business in a label and can hide text direction tricks.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are stripped
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

export function isValidColor(value: unknown): value is string {
  return typeof value === 'string' && HEX_COLOR.test(value);
}

/** `https:` anywhere, or `http:` to a loopback host (local development). Nothing else: no `javascript:`, `data:`. */
export function isValidLogoUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

/**
 * The text color for a brand color (a hex color that passed `isValidColor`): near-black on light colors, white on
 * the rest, by the color's relative luminance as WCAG 2 defines it (near-black above 0.45).
 */
export function readableOn(hex: string): string {
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d).join('') : hex.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16) / 255);
  const lin = (c = 0) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return luminance > 0.45 ? '#111827' : '#ffffff';
}

/** `localhost`, `127.x.y.z` or `[::1]` (a URL's `hostname`): where plain `http:` is acceptable (local development). */
export function isLoopbackHost(hostname: string): boolean {
  return /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(hostname);
}

export function isLauncherPosition(value: unknown): value is LauncherPosition {
  return typeof value === 'string' && (LAUNCHER_POSITIONS as readonly string[]).includes(value);
}

/**
 * Checks every field present in `input` (null and undefined mean "not set") and returns the valid ones.
 * Texts are kept as plain text: they are always rendered as text nodes, never as HTML.
 */
export function validateBranding(input: Readonly<Record<string, unknown>>): {
  value: Partial<Branding>;
  issues: BrandingIssue[];
} {
  const value: Partial<Branding> = {};
  const issues: BrandingIssue[] = [];
  for (const field of ['primary_color', 'accent_color'] as const) {
    const raw = input[field];
    if (raw == null || raw === '') continue;
    if (isValidColor(raw)) value[field] = raw.toLowerCase();
    else issues.push({ field, message: 'must be a hex color like #2563eb or #26e' });
  }
  const logo = input.logo_url;
  if (logo === null) value.logo_url = null;
  else if (logo !== undefined && logo !== '') {
    if (isValidLogoUrl(logo)) value.logo_url = logo;
    else issues.push({ field: 'logo_url', message: 'must be an https: URL (http: only for localhost)' });
  }
  const position = input.launcher_position;
  if (position != null && position !== '') {
    if (isLauncherPosition(position)) value.launcher_position = position;
    else issues.push({ field: 'launcher_position', message: 'must be one of br, bl, tr, tl' });
  }
  for (const field of ['launcher_label', 'privacy_notice'] as const) {
    const raw = input[field];
    if (raw == null) continue;
    if (typeof raw !== 'string') {
      issues.push({ field, message: 'must be text' });
      continue;
    }
    const text = raw.replace(CONTROL_CHARS, '').trim();
    if (text.length > TEXT_LIMITS[field]) {
      issues.push({ field, message: `must be at most ${TEXT_LIMITS[field]} characters` });
      continue;
    }
    if (field === 'privacy_notice') value.privacy_notice = text || null;
    else value.launcher_label = text;
  }
  return { value, issues };
}
