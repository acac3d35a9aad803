import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../common/ods-api/types';
import type { DatasetLayout } from '../store/layout';
import type { Job, QueryKind } from './jobs';
import { heavyCap, laneOf } from './lanes';

const base = 'http://127.0.0.1/api/explore/v2.1/catalog/datasets/cities';
const query = (kind: QueryKind, search: string): Job => ({
  kind,
  base: '/api/explore/v2.1',
  url: `${base}/records?${search}`,
  dataset: {} as Dataset,
  layout: {} as DatasetLayout,
});

describe('lanes', () => {
  it('sends plain records, single records and facets to the quick lane', () => {
    expect(laneOf(query('records', 'where=population%20%3E%201000&order_by=name&offset=200'))).toBe('cheap');
    expect(laneOf(query('records', `where=${encodeURIComponent('"saint"')}`))).toBe('cheap');
    expect(laneOf(query('record', 'where=search(*,"x")'))).toBe('cheap');
    expect(laneOf(query('facets', 'refine=country_code:FR'))).toBe('cheap');
  });

  it('sends exports, aggregations, groups, geometry and fuzzy search to the heavy lane', () => {
    expect(laneOf({ ...query('records', ''), kind: 'export', format: 'csv' })).toBe('heavy');
    expect(laneOf(query('aggregates', 'select=count(*)'))).toBe('heavy');
    expect(laneOf(query('records', 'group_by=country_code'))).toBe('heavy');
    expect(laneOf(query('records', `where=${encodeURIComponent('search(*, "pariss")')}`))).toBe('heavy');
    expect(
      laneOf(
        query(
          'facets',
          `where=${encodeURIComponent("within_distance(coordinates, geom'POINT(2 48)', 5km)")}`,
        ),
      ),
    ).toBe('heavy');
    expect(
      laneOf(
        query(
          'records',
          `where=${encodeURIComponent("not disjoint(coordinates, geom'POLYGON((0 0, 1 0, 1 1, 0 0))')")}`,
        ),
      ),
    ).toBe('heavy');
  });

  it('lets heavy jobs take every worker but one', () => {
    expect([1, 2, 3, 8].map(heavyCap)).toEqual([1, 1, 2, 7]);
  });
});
