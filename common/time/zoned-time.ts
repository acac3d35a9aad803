/**
 * Dates and times in IANA time zones, without a library: the offset of a zone at an instant comes
 * from Intl.DateTimeFormat. Datetimes are stored as UTC milliseconds; ODSQL's `timezone` parameter
 * says in which zone date literals are read, date parts are taken, and datetimes are written.
 */

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number;
}

/** 400 Gregorian years are exactly this many days: the calendar repeats. */
const DAYS_IN_400_YEARS = 146_097;

/**
 * Date.UTC for every year (month 1–12). Date.UTC reads years 0–99 as 1900–1999, so those are
 * computed 400 years later and moved back. Overflowing fields carry, as with Date.UTC.
 */
export function utc(
  year: number,
  month: number,
  day = 1,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): number {
  if (year >= 0 && year < 100) {
    return (
      Date.UTC(year + 400, month - 1, day, hour, minute, second, millisecond) - DAYS_IN_400_YEARS * 86_400_000
    );
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

export function isValidTimezone(timezone: string): boolean {
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}

const DAY_MS = 86_400_000;
/** Per zone: UTC day number → the offset all that day, or null when it changes within the day. */
const dayOffsets = new Map<string, Map<number, number | null>>();
/** Days remembered per zone: a few centuries of them, a few MB. */
const MAX_CACHED_DAYS = 100_000;

/**
 * The zone's offset from UTC at the instant `ms`, in minutes (Paris in summer: +120). Intl's answer
 * costs microseconds, and a query that groups a million datetimes by month in a zone asks it for
 * each; so each UTC day's offset is remembered when it is the same at the day's first and last
 * millisecond (offsets change at most twice a year, never there and back within a day), and asked
 * of Intl at every instant of the few days it changes.
 */
export function offsetMinutes(ms: number, timezone: string): number {
  if (timezone === 'UTC' || timezone === 'Etc/UTC') return 0;
  // Near the ends of Date's range a day's last millisecond may lie beyond it.
  if (!(Math.abs(ms) < 8.6e15)) return exactOffsetMinutes(ms, timezone);
  let days = dayOffsets.get(timezone);
  if (!days) {
    days = new Map();
    dayOffsets.set(timezone, days);
  }
  const day = Math.floor(ms / DAY_MS);
  let offset = days.get(day);
  if (offset === undefined) {
    const first = exactOffsetMinutes(day * DAY_MS, timezone);
    offset = first === exactOffsetMinutes(day * DAY_MS + DAY_MS - 1, timezone) ? first : null;
    if (days.size >= MAX_CACHED_DAYS) days.clear();
    days.set(day, offset);
  }
  return offset ?? exactOffsetMinutes(ms, timezone);
}

/** Intl's offset at `ms`, in minutes. */
export function exactOffsetMinutes(ms: number, timezone: string): number {
  if (timezone === 'UTC' || timezone === 'Etc/UTC') return 0;
  const parts = formatterFor(timezone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const era = parts.find((p) => p.type === 'era')?.value;
  // Before the common era Intl counts years down from 1 BC; astronomical years count 0, −1, ….
  const year = era === 'BC' || era === 'B' ? 1 - get('year') : get('year');
  const asUtc = utc(year, get('month'), get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - (ms - (((ms % 1000) + 1000) % 1000))) / 60_000);
}

export function zonedParts(ms: number, timezone: string): ZonedParts {
  const local = new Date(ms + offsetMinutes(ms, timezone) * 60_000);
  const weekday = local.getUTCDay();
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
    weekday: weekday === 0 ? 7 : weekday,
  };
}

/** The UTC instant of a wall-clock time in a zone (the earlier one when the clock repeats). */
export function zonedToUtc(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
  timezone = 'UTC',
): number {
  const wall = utc(year, month, day, hour, minute, second, millisecond);
  let guess = wall - offsetMinutes(wall, timezone) * 60_000;
  // A second pass settles instants next to a DST change.
  guess = wall - offsetMinutes(guess, timezone) * 60_000;
  return guess;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** `2025-01-23T14:33:29+00:00`: ISO 8601 with the zone's offset, as ODS writes datetimes. */
export function formatDatetime(ms: number, timezone: string): string {
  const offset = offsetMinutes(ms, timezone);
  const p = zonedParts(ms, timezone);
  const sign = offset < 0 ? '-' : '+';
  const fraction = p.millisecond ? `.${pad(p.millisecond, 3)}` : '';
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${fraction}${sign}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

export function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export interface PartialDate {
  year: number;
  month: number | null;
  day: number | null;
  hour: number | null;
  minute: number | null;
  second: number | null;
  millisecond: number;
  /** Minutes east of UTC when the text gave an offset (`Z`, `+02:00`), else null. */
  offset: number | null;
}

const DATE_PATTERN =
  /^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2})(?:[T ](\d{1,2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads ODSQL date text: `1972`, `2017-04`, `2018/04/01`, `2017-04-03T08:02`, `…T08:02:00Z`,
 * `…+02:00`. Returns null when it is not a date.
 */
export function parsePartialDate(text: string): PartialDate | null {
  const match = DATE_PATTERN.exec(text.trim());
  if (!match) return null;
  const num = (i: number) => (match[i] === undefined ? null : Number(match[i]));
  const month = num(2);
  const day = num(3);
  const hour = num(4);
  const minute = num(5);
  const second = num(6);
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null && (day < 1 || day > 31)) return null;
  if (hour !== null && hour > 23) return null;
  if (minute !== null && minute > 59) return null;
  if (second !== null && second > 60) return null;
  let offset: number | null = null;
  const zone = match[8];
  if (zone) {
    if (zone.toUpperCase() === 'Z') offset = 0;
    else {
      const digits = zone.replace(':', '');
      offset =
        (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0));
    }
  }
  const fraction = match[7] ? Number(`0.${match[7]}`) * 1000 : 0;
  return {
    year: Number(match[1]),
    month,
    day,
    hour,
    minute,
    second,
    millisecond: Math.round(fraction),
    offset,
  };
}

/** The first instant a partial date names, in UTC milliseconds (`1972` → 1972-01-01T00:00 in the zone). */
export function partialDateStart(date: PartialDate, timezone: string): number {
  const wall = [
    date.year,
    date.month ?? 1,
    date.day ?? 1,
    date.hour ?? 0,
    date.minute ?? 0,
    date.second ?? 0,
    date.millisecond,
  ] as const;
  // An explicit offset fixes the instant; without one, the zone's offset at that wall time does.
  if (date.offset !== null) return utc(...wall) - date.offset * 60_000;
  return zonedToUtc(...wall, timezone);
}

/** Adds calendar units to a UTC instant in a zone (months clamp to the month's last day). */
export function addToInstant(
  ms: number,
  amounts: Partial<Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond', number>>,
  timezone: string,
): number {
  const p = zonedParts(ms, timezone);
  let year = p.year + (amounts.year ?? 0);
  let month = p.month + (amounts.month ?? 0);
  year += Math.floor((month - 1) / 12);
  month = ((((month - 1) % 12) + 12) % 12) + 1;
  const lastDay = new Date(utc(year, month + 1, 0)).getUTCDate();
  const day = Math.min(p.day, lastDay);
  // Days move the wall clock (an overflowing day carries into the month); smaller units are durations.
  const base = zonedToUtc(
    year,
    month,
    day + (amounts.day ?? 0),
    p.hour,
    p.minute,
    p.second,
    p.millisecond,
    timezone,
  );
  return (
    base +
    (amounts.hour ?? 0) * 3_600_000 +
    (amounts.minute ?? 0) * 60_000 +
    (amounts.second ?? 0) * 1000 +
    (amounts.millisecond ?? 0)
  );
}
