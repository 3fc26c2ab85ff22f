/**
 * Locales. Each locale's texts are their own lazily loaded chunk: the launcher ships only the English label, the
 * resolution rules below and the table of loaders, so no page pays for languages it does not speak.
 */
import { loadOnce } from '../load-once.js';
import { type Locale, SUPPORTED_LOCALES } from './locale-tags.js';
import type { Strings } from './locales/en.js';
// The table of loaders rides in the launcher (about 0.4 KB gzip): loaded lazily, it was one round trip before the
// locale's own chunk could be asked for, and the panel's text waited for both.
import { loadLocale } from './locales/index.js';

export type { Strings };

export { SUPPORTED_LOCALES, type Locale };

/** The English launcher label, the only text the launcher carries before a locale's chunk arrives. */
export const ENGLISH_LAUNCHER_LABEL = 'Talk to us';

/**
 * Tags that do not reduce to a shipped locale by dropping their region: Chinese by script or region, Norwegian
 * (Bokmål covers `no` and Nynorsk readers), and the legacy codes some browsers still send.
 */
const ALIASES: Readonly<Record<string, Locale>> = {
  zh: 'zh-CN',
  'zh-hans': 'zh-CN',
  'zh-sg': 'zh-CN',
  'zh-hant': 'zh-TW',
  'zh-hk': 'zh-TW',
  'zh-mo': 'zh-TW',
  no: 'nb',
  nn: 'nb',
  iw: 'he',
  in: 'id',
};

/** The shipped locale for one language tag (`es-MX` → `es`, `zh-Hant-HK` → `zh-TW`), or undefined. */
export function matchLocale(tag: string | null | undefined): Locale | undefined {
  const parts = (tag ?? '').trim().replace(/_/g, '-').toLowerCase().split('-');
  // Most specific first: `zh-hant-hk`, then `zh-hant`, then `zh`.
  for (let length = Math.min(parts.length, 3); length > 0; length--) {
    const wanted = parts.slice(0, length).join('-');
    const match = ALIASES[wanted] ?? SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === wanted);
    if (match) return match;
  }
  return undefined;
}

/**
 * The UI locale: the `locale` attribute, then the page's `<html lang>`, then the browser's languages in order of
 * preference, then English. A tag that matches no shipped locale falls through to the next source.
 */
export function resolveLocale(locale: string | undefined): Locale {
  const candidates = [
    locale,
    typeof document === 'undefined' ? undefined : document.documentElement.lang,
    ...(typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language])),
  ];
  for (const candidate of candidates) {
    const match = matchLocale(candidate);
    if (match) return match;
  }
  return 'en';
}

/** Writing direction of a shipped locale. */
export function localeDirection(locale: string): 'ltr' | 'rtl' {
  return locale === 'ar' || locale === 'he' ? 'rtl' : 'ltr';
}

const loaders = new Map<string, () => Promise<Strings>>();

/** Loads a locale's strings once per page; a failed load (offline) is retried on the next call. */
export function loadStrings(locale: string): Promise<Strings> {
  let load = loaders.get(locale);
  if (!load) {
    load = loadOnce(() => loadLocale(locale));
    loaders.set(locale, load);
  }
  return load();
}
