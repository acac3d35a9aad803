import { currentLocale, type Locale, perLocale } from './locale';

/**
 * Numbers, dates, sizes, waits and lists, in the language in force. Each formatter is made once
 * per language (they are costly to build) and read when called, so a switch of language takes
 * effect at the next render.
 */

const integer = perLocale((l) => new Intl.NumberFormat(l, { maximumFractionDigits: 0 }));
const decimal = perLocale((l) => new Intl.NumberFormat(l, { maximumFractionDigits: 2 }));
const precise = perLocale((l) => new Intl.NumberFormat(l, { maximumFractionDigits: 6 }));
// Sizes: `1.5 MB` below ten units, `12 MB` above (a download's progress formats one per chunk).
const oneDecimal = perLocale(
  (l) => new Intl.NumberFormat(l, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
);
const compact = perLocale((l) => new Intl.NumberFormat(l, { notation: 'compact', maximumFractionDigits: 1 }));
const dateFormat = perLocale(
  (l) => new Intl.DateTimeFormat(l, { year: 'numeric', month: 'short', day: 'numeric' }),
);
const dateTimeFormat = perLocale(
  (l) =>
    new Intl.DateTimeFormat(l, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }),
);
const monthFormat = perLocale((l) => new Intl.DateTimeFormat(l, { month: 'long', timeZone: 'UTC' }));
const relative = perLocale((l) => new Intl.RelativeTimeFormat(l, { numeric: 'always' }));
const lists = perLocale((l) => ({
  and: new Intl.ListFormat(l, { type: 'conjunction' }),
  or: new Intl.ListFormat(l, { type: 'disjunction' }),
}));

export function formatCount(value: number): string {
  return integer().format(value);
}

/** At most two decimals: `1,234.57`, `1 234,57`; in the language in force, or the one given. */
export function formatNumber(value: number, locale?: Locale): string {
  return decimal(locale).format(value);
}

/** Up to six decimals, for bin edges and charted values that can be small fractions. */
export function formatPrecise(value: number): string {
  return precise().format(value);
}

/** `12K`, `1.2M` (`12 k`, `1,2 M` in French), for chart axes. */
export function formatCompact(value: number): string {
  return compact().format(value);
}

export function formatDate(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : dateFormat().format(time);
}

export function formatDateTime(date: Date): string {
  return dateTimeFormat().format(date);
}

/** `'11'` → `November` (`novembre`), for the month level of a date facet. */
export function monthName(month: string): string {
  const number = Number(month);
  if (!Number.isInteger(number) || number < 1 || number > 12) return month;
  return monthFormat().format(Date.UTC(2000, number - 1, 1));
}

const BYTE_UNITS: Record<Locale, readonly string[]> = {
  en: ['B', 'KB', 'MB', 'GB', 'TB'],
  fr: ['o', 'Ko', 'Mo', 'Go', 'To'],
};

/** `1.5 MB`, `1,5 Mo`: French counts bytes in octets. */
export function formatBytes(bytes: number): string {
  const units = BYTE_UNITS[currentLocale()];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const number = unit === 0 || value >= 10 ? integer() : oneDecimal();
  return `${number.format(value)} ${units[unit]}`;
}

/** `in 3 minutes`, `dans 5 heures`: how long until a time, roughly. */
export function formatWait(until: Date, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((until.getTime() - now) / 1000));
  if (seconds < 90) return relative().format(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return relative().format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 36) return relative().format(hours, 'hour');
  return relative().format(Math.round(hours / 24), 'day');
}

/** `a, b and c` / `a, b et c`; `or` for alternatives. */
export function formatList(items: readonly string[], kind: 'and' | 'or' = 'and'): string {
  return lists()[kind].format(items);
}
