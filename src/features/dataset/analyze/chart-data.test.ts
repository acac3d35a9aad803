import { describe, expect, it } from 'vitest';
import { parseWhere } from '../../../../common/odsql/parser';
import { withoutLoc } from '../../../../common/odsql/without-loc';
import { andWhere } from './chart-click';
import { bucketStart, rangeBucket, readGroups, sortGroups } from './chart-data';
import { nextBucketStart, timeLabel } from './time-buckets';

describe('a click on a bucket', () => {
  it('a click condition joins the user’s clause as a tree; a clause that does not parse is left alone', () => {
    const condition = parseWhere('population >= 1000').condition;
    expect(andWhere(undefined, condition)).toBe('population >= 1000');
    expect(andWhere('a = 1 OR b = 2', condition)).toBe('(a = 1 OR b = 2) AND population >= 1000');
    expect(withoutLoc(parseWhere(andWhere('a = 1 OR b = 2', condition)!))).toEqual(
      withoutLoc(parseWhere('(a = 1 OR b = 2) AND population >= 1000')),
    );
    expect(andWhere('a = = 1', condition)).toBeNull();
  });
});

describe('reading the portal’s rows', () => {
  it('range() labels, equal-width and static, as buckets with their bounds', () => {
    expect(bucketStart('[0, 5[')).toBe(0);
    expect(bucketStart('[*, 9]')).toBeNull();
    expect(bucketStart('[-2.5, 0[')).toBe(-2.5);
    expect(rangeBucket('[10, 14]', { width: 5 })).toEqual({
      kind: 'range',
      label: '10 – 15',
      low: 10,
      high: 15,
    });
    const edges = { edges: [0, 1000, 10_000] };
    expect(rangeBucket('[*, -1]', edges)).toMatchObject({ low: null, high: 0, label: '< 0' });
    expect(rangeBucket('[1000, 9999]', edges)).toMatchObject({ low: 1000, high: 10_000 });
    expect(rangeBucket('[10000, *]', edges)).toMatchObject({ low: 10_000, high: null, label: '≥ 10,000' });
  });

  it('time buckets end where the next starts, in the time zone, across DST and year ends', () => {
    const paris = 'Europe/Paris';
    const march = Date.parse('2024-02-29T23:00:00Z'); // 1 March 2024, 00:00 in Paris
    expect(timeLabel(march, 'month', paris)).toBe('2024-03');
    // March has a DST change: the month is an hour short of 31 days.
    expect(new Date(nextBucketStart(march, 'month', paris)).toISOString()).toBe('2024-03-31T22:00:00.000Z');
    expect(new Date(nextBucketStart(Date.parse('2023-12-31T23:00:00Z'), 'year', paris)).toISOString()).toBe(
      '2024-12-31T23:00:00.000Z',
    );
    expect(new Date(nextBucketStart(Date.parse('2012-12-31T00:00:00Z'), 'day', 'UTC')).toISOString()).toBe(
      '2013-01-01T00:00:00.000Z',
    );
  });

  it('groups, a breakdown and Others, in the order asked', () => {
    const rows = [
      { x: 'FR', v0: 3, v1: 10 },
      { x: 'DE', v0: 5, v1: 20 },
    ];
    const data = readGroups(rows, { kind: 'category' }, ['count(*)', 'sum(p)'], { others: { v0: 7, v1: 1 } });
    expect(data.buckets.map((b) => b.label)).toEqual(['FR', 'DE', 'Others']);
    expect(data.series).toEqual([
      { name: 'count(*)', values: [3, 5, 7] },
      { name: 'sum(p)', values: [10, 20, 1] },
    ]);
    const sorted = sortGroups(data, '-value', true);
    expect(sorted.buckets.map((b) => b.label)).toEqual(['DE', 'FR', 'Others']);
    expect(sortGroups(data, 'label', true).buckets.map((b) => b.label)).toEqual(['DE', 'FR', 'Others']);

    const crossed = readGroups(
      [
        { x: 'FR', b: 'PPL', v0: 2 },
        { x: 'FR', b: 'PPLC', v0: 1 },
        { x: 'DE', b: 'PPL', v0: 4 },
      ],
      { kind: 'category' },
      ['count(*)'],
      { byValues: ['PPL', 'PPLC'] },
    );
    expect(crossed.series).toEqual([
      { name: 'PPL', key: 'PPL', values: [2, 4] },
      { name: 'PPLC', key: 'PPLC', values: [1, null] },
    ]);
  });
});
