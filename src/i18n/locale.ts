/**
 * The explorer's language. It comes from the `lang` URL parameter, then the choice saved by the
 * header's switcher, then the browser's languages; English when none of them names one we have.
 * The language in force is module state (like the theme on <html>): message lookups and
 * formatters read it when they run, and the shell re-mounts the page when it changes, so nothing
 * keeps text in the old language.
 */

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français' };

const STORAGE_KEY = 'ods-explorer:lang';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** `fr-CA` → `fr`; null when the tag names no language we have. */
export function localeOfTag(tag: string): Locale | null {
  const language = tag.toLowerCase().split(/[-_]/)[0];
  return isLocale(language) ? language : null;
}

export function resolveLocale(
  param: string | undefined,
  saved: string | null,
  browser: readonly string[],
): Locale {
  if (isLocale(param)) return param;
  if (isLocale(saved)) return saved;
  for (const tag of browser) {
    const locale = localeOfTag(tag);
    if (locale) return locale;
  }
  return 'en';
}

export function readSavedLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked: the browser's languages decide
  }
}

export function saveLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // storage blocked: the choice lasts as long as the URL carries it
  }
}

export function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

let current: Locale = 'en';

export function currentLocale(): Locale {
  return current;
}

/** Sets the language in force and tells assistive technologies and the browser (`<html lang>`). */
export function setCurrentLocale(locale: Locale): void {
  current = locale;
  // The shell calls this on every render; the attribute is written only when it changes.
  if (typeof document !== 'undefined' && document.documentElement.lang !== locale) {
    document.documentElement.lang = locale;
  }
}

/**
 * One value per language, made when first asked for (Intl formatters are costly to build):
 * for the language in force, or the one given.
 */
export function perLocale<T>(make: (locale: Locale) => T): (locale?: Locale) => T {
  const made = new Map<Locale, T>();
  return (locale = current) => {
    let value = made.get(locale);
    if (value === undefined) {
      value = make(locale);
      made.set(locale, value);
    }
    return value;
  };
}
