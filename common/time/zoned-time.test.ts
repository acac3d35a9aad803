import { describe, expect, it } from 'vitest';
import {
  addToInstant,
  exactOffsetMinutes,
  formatDatetime,
  offsetMinutes,
  parsePartialDate,
  partialDateStart,
  utc,
  zonedParts,
  zonedToUtc,
} from './zoned-time';

describe('time', () => {
  it('computes instants for every year, the first century included', () => {
    expect(utc(52, 1, 1)).toBe(Date.parse('0052-01-01T00:00:00Z'));
    expect(utc(2024, 2, 30)).toBe(Date.parse('2024-03-01T00:00:00Z'));
    expect(utc(99, 12, 31, 23, 59)).toBe(Date.parse('0099-12-31T23:59:00Z'));
    expect(new Date(utc(51, 3, 0)).getUTCDate()).toBe(28);
  });

  it('reads zone offsets, summer time and the date line', () => {
    expect(offsetMinutes(Date.parse('2025-07-14T12:00:00Z'), 'Europe/Paris')).toBe(120);
    expect(offsetMinutes(Date.parse('2025-01-14T12:00:00Z'), 'Europe/Paris')).toBe(60);
    expect(offsetMinutes(Date.parse('2025-01-14T12:00:00Z'), 'America/New_York')).toBe(-300);
    expect(offsetMinutes(Date.parse('2025-01-14T12:00:00Z'), 'Pacific/Kiritimati')).toBe(840);
  });

  it('remembers offsets per day and still gives the answer of Intl at every instant', () => {
    let state = 12_345;
    const random = () => {
      state = (state * 48_271) % 2_147_483_647;
      return state / 2_147_483_647;
    };
    const from = Date.UTC(1850, 0, 1);
    const span = Date.UTC(2100, 0, 1) - from;
    for (const zone of [
      'Europe/Paris',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'Europe/Moscow',
    ]) {
      // Random instants, and each minute around this zone's 2024 transitions, both sides of each.
      const instants = Array.from({ length: 1000 }, () => from + Math.floor(random() * span));
      for (const day of [
        Date.UTC(2024, 2, 31),
        Date.UTC(2024, 9, 27),
        Date.UTC(2024, 3, 7),
        Date.UTC(2024, 2, 10),
      ]) {
        for (let minute = -1440; minute < 2880; minute += 29) instants.push(day + minute * 60_000 + 59_999);
      }
      for (const ms of instants)
        expect([ms, offsetMinutes(ms, zone)]).toEqual([ms, exactOffsetMinutes(ms, zone)]);
    }
  });

  it('turns wall-clock times into instants and back', () => {
    const ms = zonedToUtc(2025, 3, 30, 3, 30, 0, 0, 'Europe/Paris');
    expect(new Date(ms).toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(formatDatetime(ms, 'Europe/Paris')).toBe('2025-03-30T03:30:00+02:00');
    expect(zonedParts(ms, 'America/New_York')).toMatchObject({
      year: 2025,
      month: 3,
      day: 29,
      hour: 21,
      weekday: 6,
    });
  });

  it('reads partial dates', () => {
    expect(partialDateStart(parsePartialDate('1972')!, 'UTC')).toBe(Date.parse('1972-01-01T00:00:00Z'));
    expect(partialDateStart(parsePartialDate('2018/04/01')!, 'Europe/Paris')).toBe(
      Date.parse('2018-03-31T22:00:00Z'),
    );
    expect(partialDateStart(parsePartialDate('2017-04-03T08:02+05:30')!, 'UTC')).toBe(
      Date.parse('2017-04-03T02:32:00Z'),
    );
    expect(parsePartialDate('2017-13')).toBeNull();
    expect(parsePartialDate('yesterday')).toBeNull();
  });

  it('adds calendar units in a zone', () => {
    const start = Date.parse('2025-01-31T12:00:00Z');
    expect(new Date(addToInstant(start, { month: 1 }, 'UTC')).toISOString()).toBe('2025-02-28T12:00:00.000Z');
    const beforeDst = zonedToUtc(2025, 3, 29, 12, 0, 0, 0, 'Europe/Paris');
    expect(formatDatetime(addToInstant(beforeDst, { day: 1 }, 'Europe/Paris'), 'Europe/Paris')).toBe(
      '2025-03-30T12:00:00+02:00',
    );
  });
});
