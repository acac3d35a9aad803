import { describe, expect, it } from 'vitest';
import { parseResetTime, parseRetryAfter, readRateLimit } from './rate-limit';

const NOW = Date.UTC(2026, 8, 30, 12, 0, 0);

describe('quota headers', () => {
  it.each([
    ['1800000000', '2027-01-15T08:00:00.000Z'],
    ['1800000000000', '2027-01-15T08:00:00.000Z'],
    ['2026-10-01 00:00:00+00:00', '2026-10-01T00:00:00.000Z'],
    ['2026-10-01 00:00:00+0000', '2026-10-01T00:00:00.000Z'],
    ['2021-01-26T00:00:00Z', '2021-01-26T00:00:00.000Z'],
    ['60', '2026-09-30T12:01:00.000Z'],
  ])('reset %s → %s', (value, iso) => {
    expect(parseResetTime(value, NOW)?.toISOString()).toBe(iso);
  });

  it('ignores a reset it cannot read', () => {
    expect(parseResetTime('soon', NOW)).toBeNull();
    expect(parseResetTime(null, NOW)).toBeNull();
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120);
    expect(parseRetryAfter('Wed, 30 Sep 2026 12:05:00 GMT', NOW)).toBe(300);
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });

  it('reads the three X-RateLimit headers, or nothing when none is there', () => {
    const headers = new Headers({
      'X-RateLimit-Limit': '10000',
      'X-RateLimit-Remaining': '42',
      'X-RateLimit-Reset': '2026-10-01 00:00:00+00:00',
    });
    expect(readRateLimit(headers, NOW)).toEqual({
      limit: 10000,
      remaining: 42,
      resetAt: new Date('2026-10-01T00:00:00Z'),
    });
    expect(readRateLimit(new Headers(), NOW)).toBeNull();
  });
});
