/** The locale tags the widget ships: a leaf module, so `i18n.ts` and the table of loaders share it. */

/**
 * The shipped locales (README, "Locales"). Their loaders live in `locales/index.ts`, whose type checks that both lists
 * agree; each locale's texts are a chunk of their own.
 */
export const SUPPORTED_LOCALES = [
  'en',
  'es',
  'fr',
  'de',
  'it',
  'pt',
  'nl',
  'sv',
  'da',
  'nb',
  'fi',
  'pl',
  'cs',
  'tr',
  'ru',
  'uk',
  'el',
  'ar',
  'he',
  'hi',
  'ja',
  'ko',
  'zh-CN',
  'zh-TW',
  'id',
  'vi',
  'th',
] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
