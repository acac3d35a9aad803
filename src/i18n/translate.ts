import { formatNumber } from './format';
import { currentLocale, type Locale, perLocale } from './locale';
import { en, fr } from './messages';

/**
 * Message lookup. A message is a template whose `{name}` placeholders take values; a message that
 * depends on a count is an object of CLDR plural forms chosen by `Intl.PluralRules` for its
 * `{count}` (French says "0 jeu de données", English "0 datasets": the rules differ, so no
 * sentence is ever built by concatenation). Numbers are formatted in the language in force.
 */

export type PluralForms = Readonly<Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>;
export type Message = string | PluralForms;
export type Messages = Readonly<Record<string, Message>>;

/** The French catalogue of an English one: the same keys, each a string or plural forms. */
export type Translation<T extends Messages> = {
  readonly [K in keyof T]: T[K] extends string ? string : PluralForms;
};

type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;
type PlaceholdersOf<M> = M extends string ? Placeholders<M> : 'count' | Placeholders<M[keyof M]>;

export type MessageKey = Extract<keyof typeof en, string>;
export type Value = string | number;
export type ValuesOf<K extends MessageKey> = Record<PlaceholdersOf<(typeof en)[K]>, Value>;
type ValuesArg<K extends MessageKey> = [PlaceholdersOf<(typeof en)[K]>] extends [never] ? [] : [ValuesOf<K>];

const CATALOGUES: Record<Locale, Messages> = { en, fr };

const pluralRule = perLocale((locale) => new Intl.PluralRules(locale));

/** The template a key and its values select in a language (the plural form for `count`). */
function templateOf(locale: Locale, key: string, count: unknown): string {
  const message = CATALOGUES[locale][key] ?? CATALOGUES.en[key];
  if (message === undefined) throw new Error(`No message "${key}"`);
  if (typeof message === 'string') return message;
  const category = typeof count === 'number' ? pluralRule(locale).select(count) : 'other';
  return message[category] ?? message.other;
}

/** Splits a template into text and placeholder names, alternately (even indexes are text). */
export function templateParts(template: string): string[] {
  return template.split(/\{(\w+)\}/);
}

/**
 * A message's template in a language, cut into its text and its filled placeholders, in order:
 * numbers formatted in the language, strings as given, anything else (an element) as it is.
 */
export function messageParts<T>(
  locale: Locale,
  key: string,
  values: Readonly<Record<string, T | Value>> = {},
): (string | T)[] {
  return templateParts(templateOf(locale, key, values.count)).map((part, i) => {
    if (i % 2 === 0) return part;
    const value = values[part];
    if (value === undefined) throw new Error(`Message "${key}" needs a value for {${part}}`);
    return typeof value === 'number' ? formatNumber(value, locale) : value;
  });
}

export function translate(locale: Locale, key: string, values: Readonly<Record<string, Value>> = {}): string {
  return messageParts(locale, key, values).join('');
}

/** The message `key` in the language in force, its placeholders filled. */
export function t<K extends MessageKey>(key: K, ...values: ValuesArg<K>): string {
  return translate(currentLocale(), key, values[0] as Record<string, Value> | undefined);
}
