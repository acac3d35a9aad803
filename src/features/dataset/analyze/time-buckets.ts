import type { Interval } from './chart-params';

/**
 * Time buckets in a time zone: the portal groups a datetime by `range(f, 1 month)` in the request's
 * time zone (a date field in UTC), and answers each bucket's start instant. The label and the end
 * (for a click's where range) are computed here the same way, from the zone's wall clock.
 */

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Date.UTC, except that years 0–99 are those years (not 1900–1999); months and days roll over. */
function utc(year: number, month: number, day: number, hour = 0, minute = 0): number {
  const at = new Date(0);
  at.setUTCFullYear(year, month, day);
  at.setUTCHours(hour, minute, 0, 0);
  return at.getTime();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let made = formatters.get(timeZone);
  if (!made) {
    made = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, made);
  }
  return made;
}

function wallClock(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
  };
}

/** The instant whose wall clock in the zone reads the given time (the earlier one in a DST overlap). */
function instantOf(clock: WallClock, timeZone: string): number {
  const asUtc = utc(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute);
  let guess = asUtc;
  for (let k = 0; k < 2; k++) {
    const seen = wallClock(guess, timeZone);
    const seenUtc = utc(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
    guess += asUtc - seenUtc;
  }
  return guess;
}

/** The start of the bucket after the one starting at `start`. */
export function nextBucketStart(start: number, interval: Interval, timeZone: string): number {
  if (interval === 'hour') return start + 3_600_000;
  const c = wallClock(start, timeZone);
  // Months and days roll over (month 13, day 32), so no calendar is needed here.
  const rolled = new Date(
    interval === 'day'
      ? utc(c.year, c.month - 1, c.day) + 86_400_000
      : interval === 'month'
        ? utc(c.year, c.month, 1)
        : utc(c.year + 1, 0, 1),
  );
  return instantOf(
    {
      year: rolled.getUTCFullYear(),
      month: rolled.getUTCMonth() + 1,
      day: rolled.getUTCDate(),
      hour: 0,
      minute: 0,
    },
    timeZone,
  );
}

const two = (n: number) => String(n).padStart(2, '0');

/** `2012`, `2012-03`, `2012-03-05`, `2012-03-05 14:00`: sortable, unambiguous, in the zone. */
export function timeLabel(start: number, interval: Interval, timeZone: string): string {
  const c = wallClock(start, timeZone);
  const year = String(c.year).padStart(4, '0');
  if (interval === 'year') return year;
  if (interval === 'month') return `${year}-${two(c.month)}`;
  if (interval === 'day') return `${year}-${two(c.month)}-${two(c.day)}`;
  return `${year}-${two(c.month)}-${two(c.day)} ${two(c.hour)}:00`;
}
