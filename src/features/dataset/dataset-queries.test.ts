import { describe, expect, it } from 'vitest';
import { datasetQueries, feedbackMutation } from './dataset-queries';

const target = { portal: 'https://a.example' };

describe('datasetQueries', () => {
  it('a records window has every input in its key, and windows share the filter’s prefix', () => {
    const filter = { where: 'population > 1000', order_by: 'population DESC' };
    const first = datasetQueries.recordsWindow(target, 'cities', filter, { offset: 0, limit: 100 }).queryKey;
    const second = datasetQueries.recordsWindow(target, 'cities', filter, {
      offset: 100,
      limit: 100,
    }).queryKey;
    expect(first).toEqual([
      'dataset',
      'records',
      'https://a.example',
      'cities',
      filter,
      { offset: 0, limit: 100 },
    ]);
    expect(second.slice(0, 5)).toEqual(first.slice(0, 5));
    expect(second[5]).toEqual({ offset: 100, limit: 100 });
  });

  it('refuses a window the API would refuse', () => {
    const window = (offset: number, limit: number) => () =>
      datasetQueries.recordsWindow(target, 'cities', {}, { offset, limit });
    expect(window(0, 101)).toThrow(RangeError);
    expect(window(-1, 10)).toThrow(RangeError);
    expect(window(9_950, 100)).toThrow(/10000/);
    expect(window(9_900, 100)).not.toThrow();
  });

  it('every vertical query is keyed under dataset, by kind, portal and dataset', () => {
    const keys = [
      datasetQueries.detail(target, 'd').queryKey,
      datasetQueries.records(target, 'd', { limit: 10 }).queryKey,
      datasetQueries.groupedRecords(target, 'd', { group_by: 'x' }).queryKey,
      datasetQueries.record(target, 'd', 'r').queryKey,
      datasetQueries.aggregates(target, 'd', { select: 'count(*)' }).queryKey,
      datasetQueries.facets(target, 'd', { facet: ['x'] }).queryKey,
      datasetQueries.attachments(target, 'd').queryKey,
      datasetQueries.exportFormats(target, 'd').queryKey,
      datasetQueries.reuses(target, 'd').queryKey,
      datasetQueries.reuse(target, 'd', 'r1').queryKey,
      datasetQueries.snapshots(target, 'd').queryKey,
    ];
    for (const key of keys) {
      expect(key[0]).toBe('dataset');
      expect(key[2]).toBe('https://a.example');
      expect(key[3]).toBe('d');
    }
    expect(new Set(keys.map((key) => key[1])).size).toBe(keys.length);
    expect(feedbackMutation(target, 'd').mutationKey).toEqual([
      'dataset',
      'feedback',
      'https://a.example',
      'd',
    ]);
  });
});
