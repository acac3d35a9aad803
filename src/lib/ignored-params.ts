import { formatList } from '../i18n/format';
import { currentLocale, isLocale, LOCALES } from '../i18n/locale';
import { t } from '../i18n/translate';

/**
 * URL parameters the explorer drops: a hand-edited or old link may carry `page=abc` or a sort on a
 * field the dataset does not have. The routes drop such values rather than fail the page (or send
 * them to the API, which would refuse the whole request); this lists them, with why, so the page
 * can say so instead of silently showing something other than what the link asked for.
 */

export interface IgnoredParam {
  name: string;
  value: string;
  /** Why, as the end of a sentence: "not a page number". */
  reason: string;
}

/** Why a parameter's value is refused, or null when it is used. */
export type ParamCheck = (value: string) => string | null;

/**
 * The values of `raw` (a parsed query string: strings, repeated keys as arrays) that their check
 * refuses, in the order of `checks`. Empty values mean "absent" and are never listed.
 */
export function ignoredParams(
  raw: Readonly<Record<string, unknown>>,
  checks: Readonly<Record<string, ParamCheck>>,
): IgnoredParam[] {
  const ignored: IgnoredParam[] = [];
  for (const [name, check] of Object.entries(checks)) {
    const present = raw[name];
    const values = (Array.isArray(present) ? present : [present]).filter(
      (value): value is string => typeof value === 'string' && value.trim() !== '',
    );
    for (const value of values) {
      const reason = check(value);
      if (reason !== null) ignored.push({ name, value, reason });
    }
  }
  return ignored;
}

/**
 * `lang`, which every page takes (the root route drops a language the explorer does not have):
 * the refusal names the languages there are, in the reader's.
 */
export const langCheck: ParamCheck = (value) => {
  if (isLocale(value)) return null;
  const names = new Intl.DisplayNames(currentLocale(), { type: 'language' });
  const languages = formatList(
    LOCALES.map((code) => names.of(code) ?? code),
    'or',
  );
  return t('common.ignored.lang', { languages });
};
