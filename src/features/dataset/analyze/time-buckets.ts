import { zonedParts, zonedToUtc } from '../../../../common/time/zoned-time';
import type { Interval } from '../charts/chart-params';

/**
 * Time buckets in a time zone: the portal groups a datetime by `range(f, 1 month)` in the request's
 * time zone (a date field in UTC), and answers each bucket's start instant. The label and the end
 * (for a click's where range) are computed here the same way, from the zone's wall clock.
 */

/** The start of the bucket after the one starting at `start`. */
export function nextBucketStart(start: number, interval: Interval, timeZone: string): number {
  if (interval === 'hour') return start + 3_600_000;
  const c = zonedParts(start, timeZone);
  // zonedToUtc carries overflowing fields (day 32, month 13), so no calendar is needed here.
  if (interval === 'day') return zonedToUtc(c.year, c.month, c.day + 1, 0, 0, 0, 0, timeZone);
  if (interval === 'month') return zonedToUtc(c.year, c.month + 1, 1, 0, 0, 0, 0, timeZone);
  return zonedToUtc(c.year + 1, 1, 1, 0, 0, 0, 0, timeZone);
}

const two = (n: number) => String(n).padStart(2, '0');

/** `2012`, `2012-03`, `2012-03-05`, `2012-03-05 14:00`: sortable, unambiguous, in the zone. */
export function timeLabel(start: number, interval: Interval, timeZone: string): string {
  const c = zonedParts(start, timeZone);
  const year = String(c.year).padStart(4, '0');
  if (interval === 'year') return year;
  if (interval === 'month') return `${year}-${two(c.month)}`;
  if (interval === 'day') return `${year}-${two(c.month)}-${two(c.day)}`;
  return `${year}-${two(c.month)}-${two(c.day)} ${two(c.hour)}:00`;
}
