import { describe, expect, it } from 'vitest';
import type { PortalTarget } from '../../api/client';
import { datasetQueries, feedbackMutation } from './dataset-queries';

const target: PortalTarget = { portal: 'https://a.example', apiVersion: '2.0' };

describe('datasetQueries', () => {
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
      expect(key[2]).toBe('https://a.example@2.0');
      expect(key[3]).toBe('d');
    }
    expect(new Set(keys.map((key) => key[1])).size).toBe(keys.length);
    expect(feedbackMutation(target, 'd').mutationKey).toEqual([
      'dataset',
      'feedback',
      'https://a.example@2.0',
      'd',
    ]);
  });
});
