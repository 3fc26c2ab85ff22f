/** Loaders of the locales' string tables, one chunk each, so a page loads only the language it speaks. */
import type { Locale } from '../locale-tags.js';
import type { Strings } from './en.js';

const LOADERS: Readonly<Record<Locale, () => Promise<{ default: Strings }>>> = {
  en: () => import('./en.js'),
  es: () => import('./es.js'),
  fr: () => import('./fr.js'),
  de: () => import('./de.js'),
  it: () => import('./it.js'),
  pt: () => import('./pt.js'),
  nl: () => import('./nl.js'),
  sv: () => import('./sv.js'),
  da: () => import('./da.js'),
  nb: () => import('./nb.js'),
  fi: () => import('./fi.js'),
  pl: () => import('./pl.js'),
  cs: () => import('./cs.js'),
  tr: () => import('./tr.js'),
  ru: () => import('./ru.js'),
  uk: () => import('./uk.js'),
  el: () => import('./el.js'),
  ar: () => import('./ar.js'),
  he: () => import('./he.js'),
  hi: () => import('./hi.js'),
  ja: () => import('./ja.js'),
  ko: () => import('./ko.js'),
  'zh-CN': () => import('./zh-CN.js'),
  'zh-TW': () => import('./zh-TW.js'),
  id: () => import('./id.js'),
  vi: () => import('./vi.js'),
  th: () => import('./th.js'),
};

/** The string table of `locale` (English for a locale that is not shipped). */
export async function loadLocale(locale: string): Promise<Strings> {
  const load = Object.hasOwn(LOADERS, locale) ? LOADERS[locale as Locale] : LOADERS.en;
  return (await load()).default;
}
