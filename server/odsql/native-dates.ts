import { utc } from '../../common/time/zoned-time';
import type { Compiled } from './compiled';
import type { DatePart } from './sql-functions';

/**
 * Date parts, `date_format()` and `range(…, interval)` in SQLite's own SQL where it gives exactly
 * what our JavaScript functions (sql-functions.ts) give, so that a grouped query over a million
 * datetimes does not call into JavaScript once per row (ARCHITECTURE.md, "Grouped queries").
 *
 * SQLite's date functions know no time zone, so this applies to a datetime read in UTC and to a
 * date column (its text is a calendar day, read in UTC by ods_date_part and ods_date_ms). SQLite
 * formats years 0000–9999 only: each expression is a CASE that keeps the JavaScript function for
 * values outside them. Only columns are rewritten: their values are whole milliseconds or
 * canonical `YYYY-MM-DD` text, which the arithmetic below assumes.
 */

const UTC_NAMES: ReadonlySet<string> = new Set(['UTC', 'Etc/UTC']);
const FIRST_MS = utc(0, 1, 1);
const LAST_MS = utc(10_000, 1, 1) - 1;
const DAY_MS = 86_400_000;
const DATE_TEXT = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'";

/** The column as SQLite's date functions read it, and when they agree with ours; null when never. */
function nativeTime(value: Compiled, timezone: string): { time: string; guard: string } | null {
  const column = value.sql[0]!;
  if (!value.field || value.aggregate || !/^t\."[A-Za-z0-9_]+"$/.test(column)) return null;
  if (value.kind === 'datetime' && UTC_NAMES.has(timezone)) {
    return { time: `${column} / 1000.0, 'unixepoch'`, guard: `${column} BETWEEN ${FIRST_MS} AND ${LAST_MS}` };
  }
  if (value.kind === 'date') return { time: column, guard: `${column} GLOB ${DATE_TEXT}` };
  return null;
}

function choose(value: Compiled, guard: string, native: string, fallback: string): string {
  const column = value.sql[0]!;
  return `(CASE WHEN ${column} IS NULL THEN NULL WHEN ${guard} THEN ${native} ELSE ${fallback} END)`;
}

const PART_FORMATS: Partial<Record<DatePart, string>> = {
  year: '%Y',
  month: '%m',
  day: '%d',
  hour: '%H',
  minute: '%M',
  second: '%S',
  dayofweek: '%u',
};

/** `year(d)` … `dayofweek(d)`; `fallback` is the JavaScript call, kept for other values. */
export function datePartSql(value: Compiled, timezone: string, part: DatePart, fallback: string): string {
  const native = nativeTime(value, timezone);
  if (!native) return fallback;
  const integer = (format: string) => `CAST(strftime('${format}', ${native.time}) AS INTEGER)`;
  const format = PART_FORMATS[part];
  let sql: string;
  if (format) sql = integer(format);
  else if (part === 'quarter') sql = `((${integer('%m')} + 2) / 3)`;
  else if (value.kind === 'date') sql = '0';
  else sql = `((${value.sql[0]} % 1000 + 1000) % 1000)`;
  return choose(value, native.guard, sql, fallback);
}

/** Joda letters SQLite writes the same way (zero-padded numbers), as strftime conversions. */
const PATTERN_FORMATS: Record<string, string> = {
  yyyy: '%Y',
  MM: '%m',
  dd: '%d',
  HH: '%H',
  mm: '%M',
  ss: '%S',
};

/** A date_format() pattern as a strftime format, or null when it uses names, weeks or other widths. */
export function strftimeFormat(pattern: string): string | null {
  let format = '';
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i]!;
    if (char === "'") {
      if (pattern[i + 1] === "'") {
        format += "'";
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      format += pattern.slice(i + 1, end === -1 ? pattern.length : end).replaceAll('%', '%%');
      i = end === -1 ? pattern.length : end + 1;
      continue;
    }
    let run = 1;
    while (pattern[i + run] === char) run++;
    const token = pattern.slice(i, i + run);
    i += run;
    if (/[A-Za-z]/.test(char)) {
      const converted = PATTERN_FORMATS[token];
      if (!converted) return null;
      format += converted;
    } else format += token.replaceAll('%', '%%');
  }
  return format;
}

/** `date_format(d, pattern)`; `format` is the strftime format, bound as a parameter by the caller. */
export function dateFormatSql(
  value: Compiled,
  timezone: string,
  pattern: string,
  format: () => string,
  fallback: string,
): string {
  const native = nativeTime(value, timezone);
  if (!native || strftimeFormat(pattern) === null) return fallback;
  return choose(value, native.guard, `strftime(${format()}, ${native.time})`, fallback);
}

const FIXED_UNITS: Record<string, number> = { millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000 };

/** `((a % b) + b) % b`: the remainder that floors, as Math.floor does, for negative instants too. */
const mod = (a: string, b: number | string) => `((${a} % ${b} + ${b}) % ${b})`;

/**
 * `range(d, step unit)`'s bucket start in UTC milliseconds (truncateInstant in SQL); `step` is SQL for
 * the whole number of units.
 */
export function truncSql(
  value: Compiled,
  timezone: string,
  unit: string,
  step: string,
  fallback: string,
): string {
  const native = nativeTime(value, timezone);
  if (!native) return fallback;
  const column = value.sql[0]!;
  const ms = value.kind === 'date' ? `(unixepoch(${column}) * 1000)` : column;
  const days = `((${ms} - ${mod(ms, DAY_MS)}) / ${DAY_MS})`;
  const startOf = (modifiers: string) => `(unixepoch(${native.time}, ${modifiers}) * 1000)`;
  let sql: string;
  const fixed = FIXED_UNITS[unit];
  if (fixed !== undefined) {
    // Counted from the day's midnight, as truncateInstant does, so 7 hours gives 0h, 7h, 14h, 21h.
    const midnight = `(${days} * ${DAY_MS})`;
    const width = `(${fixed} * ${step})`;
    sql = `(${midnight} + (${ms} - ${midnight}) / ${width} * ${width})`;
  } else if (unit === 'day') sql = `((${days} - ${mod(days, step)}) * ${DAY_MS})`;
  // 1970-01-01 was a Thursday: days + 3 counts from a Monday.
  else if (unit === 'week') sql = `((${days} - ${mod(`(${days} + 3)`, 7)}) * ${DAY_MS})`;
  else if (unit === 'month') sql = startOf("'start of month'");
  else if (unit === 'quarter')
    sql = startOf(
      `'start of year', ((CAST(strftime('%m', ${native.time}) AS INTEGER) - 1) / 3 * 3) || ' months'`,
    );
  else sql = startOf("'start of year'");
  return choose(value, native.guard, sql, fallback);
}
