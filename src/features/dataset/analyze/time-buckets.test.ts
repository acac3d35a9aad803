import { describe, expect, it } from 'vitest';
import { nextBucketStart, timeLabel } from './time-buckets';

const at = (iso: string) => Date.parse(iso);

describe('time buckets in a zone', () => {
  it('steps months, days and years by the zone’s wall clock, across a DST change', () => {
    // 1 March 2024 00:00 in Paris is 23:00 UTC the day before; April starts in summer time.
    expect(nextBucketStart(at('2024-02-29T23:00:00Z'), 'month', 'Europe/Paris')).toBe(
      at('2024-03-31T22:00:00Z'),
    );
    // 31 March 2024 has 23 hours in Paris.
    expect(nextBucketStart(at('2024-03-30T23:00:00Z'), 'day', 'Europe/Paris')).toBe(
      at('2024-03-31T22:00:00Z'),
    );
    expect(nextBucketStart(at('2023-12-31T23:00:00Z'), 'year', 'Europe/Paris')).toBe(
      at('2024-12-31T23:00:00Z'),
    );
    expect(nextBucketStart(at('2024-12-01T00:00:00Z'), 'month', 'UTC')).toBe(at('2025-01-01T00:00:00Z'));
    expect(nextBucketStart(at('2024-03-31T01:00:00Z'), 'hour', 'Europe/Paris')).toBe(
      at('2024-03-31T02:00:00Z'),
    );
  });

  it('labels a bucket by its start in the zone', () => {
    const start = at('2024-02-29T23:00:00Z');
    expect(timeLabel(start, 'year', 'Europe/Paris')).toBe('2024');
    expect(timeLabel(start, 'month', 'Europe/Paris')).toBe('2024-03');
    expect(timeLabel(start, 'day', 'Europe/Paris')).toBe('2024-03-01');
    expect(timeLabel(start, 'hour', 'UTC')).toBe('2024-02-29 23:00');
    expect(timeLabel(at('0052-01-01T00:00:00Z'), 'year', 'UTC')).toBe('0052');
  });
});
