/**
 * The messages between the studio and the mock site in its preview `<iframe>` (same origin, `postMessage`). The site
 * says when a page is ready and what its widget is doing; the studio answers with the settings for that widget.
 * Both ends check the sender (same origin, the expected window) and the message's shape before using it.
 */
import type { Branding } from '../../src/api/branding.js';
import type { LocaleChoice, Policy, Theme } from './form-rules.js';

export type PageContext = Record<string, string | number | boolean | null>;

/** Everything the preview widget is configured with; the site page adds its own page to `context`. */
export interface PreviewSettings {
  clientKey: string;
  agentId: string;
  apiBase: string;
  branding: Branding;
  policy: Policy;
  theme: Theme;
  locale: LocaleChoice;
  context: PageContext | undefined;
}

/** Studio → site. */
export interface SettingsMessage {
  type: 'kataven-studio:settings';
  settings: PreviewSettings;
}

/** Site → studio. */
export type SiteMessage =
  | { type: 'kataven-studio:page'; path: string; title: string }
  | { type: 'kataven-studio:status'; status: string }
  | { type: 'kataven-studio:call'; sessionId: string; path: string };

const SITE_TYPES = new Set<string>(['kataven-studio:page', 'kataven-studio:status', 'kataven-studio:call']);

function record(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null;
}

export function isSiteMessage(data: unknown): data is SiteMessage {
  if (!record(data) || typeof data['type'] !== 'string' || !SITE_TYPES.has(data['type'])) return false;
  switch (data['type']) {
    case 'kataven-studio:page':
      return typeof data['path'] === 'string' && typeof data['title'] === 'string';
    case 'kataven-studio:status':
      return typeof data['status'] === 'string';
    default:
      return typeof data['sessionId'] === 'string' && typeof data['path'] === 'string';
  }
}

export function isSettingsMessage(data: unknown): data is SettingsMessage {
  return (
    record(data) &&
    data['type'] === 'kataven-studio:settings' &&
    record(data['settings']) &&
    typeof data['settings']['clientKey'] === 'string'
  );
}
