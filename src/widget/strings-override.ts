/**
 * The `strings` property: a page replaces single texts of the current locale (a custom consent text, its own launcher
 * label). Loaded with the panel; only what matches the shape of the locale's table is taken.
 */
import type { Strings } from './locales/en.js';

type Overrides<T> = {
  [K in keyof T]?: T[K] extends string | ((...args: never[]) => string) ? T[K] : Overrides<T[K]>;
};

/** Texts that replace the current locale's; nested groups (`status`, `errors`) may be given in part. */
export type StringOverrides = Overrides<Strings>;

/**
 * `base` with `overrides` laid over it. Keys the table does not have, and values of the wrong kind (a number for a
 * text, a text for a function), are ignored with one console warning naming them.
 */
export function withOverrides(base: Strings, overrides: unknown): Strings {
  if (!overrides || typeof overrides !== 'object') return base;
  const ignored: string[] = [];
  const merged = merge(base, overrides as Table, '', ignored) as unknown as Strings;
  if (ignored.length)
    console.warn(`[kataven-widget] strings: ignored ${ignored.join(', ')} (not a text of the widget)`);
  return merged;
}

interface Table {
  [key: string]: unknown;
}

function merge(base: Table, overrides: Table, prefix: string, ignored: string[]): Table {
  const result: Table = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = Object.hasOwn(base, key) ? base[key] : undefined;
    if (current && typeof current === 'object' && value && typeof value === 'object') {
      result[key] = merge(current as Table, value as Table, `${prefix}${key}.`, ignored);
    } else if (current !== undefined && typeof value === typeof current) {
      result[key] = value;
    } else {
      ignored.push(prefix + key);
    }
  }
  return result;
}
