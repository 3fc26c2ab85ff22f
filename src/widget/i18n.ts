/**
 * Locales. Only the launcher's default label ships with the launcher; the panel's strings load with the panel,
 * so no page pays for texts it never shows (or for languages it does not speak).
 */
import type { Strings } from './locales/en.js';

export type { Strings };

const LOADERS: Readonly<Record<string, () => Promise<{ default: Strings }>>> = {
  en: () => import('./locales/en.js'),
  es: () => import('./locales/es.js'),
};
const LAUNCHER_LABELS: Readonly<Record<string, string>> = { en: 'Talk to us', es: 'Habla con nosotros' };
export const SUPPORTED_LOCALES = Object.keys(LOADERS);

/** The supported locale for `locale` (e.g. `es-MX` → `es`), else for the browser's language, else `en`. */
export function resolveLocale(locale: string | undefined): string {
  const wanted = (locale || (typeof navigator === 'undefined' ? '' : navigator.language) || 'en').toLowerCase();
  if (SUPPORTED_LOCALES.includes(wanted)) return wanted;
  const language = wanted.split('-')[0] ?? '';
  return SUPPORTED_LOCALES.includes(language) ? language : 'en';
}

export function defaultLauncherLabel(locale: string): string {
  return LAUNCHER_LABELS[locale] ?? 'Talk to us';
}

const cache = new Map<string, Promise<Strings>>();

/** Loads a locale's strings once per page; a failed load (offline) is retried on the next call. */
export function loadStrings(locale: string): Promise<Strings> {
  const load = LOADERS[locale] ?? LOADERS.en;
  let strings = cache.get(locale);
  if (!strings && load) {
    strings = load().then((module) => module.default);
    strings.catch(() => cache.delete(locale));
    cache.set(locale, strings);
  }
  return strings ?? Promise.reject(new Error(`no strings for ${locale}`));
}
