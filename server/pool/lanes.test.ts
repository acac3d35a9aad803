import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../common/ods-api/types';
import type { DatasetLayout } from '../store/layout';
import type { Job, QueryKind } from './jobs';
import { CostBook, heavyCap, laneOf, QUICK_MS, SLOW_MS, shapeOf } from './lanes';

const base = 'http://127.0.0.1/api/explore/v2.1/catalog/datasets/cities';
const csvExport: Job = {
  kind: 'export',
  base: '/api/explore/v2.1',
  url: `${base}/exports/csv`,
  dataset: { dataset_id: 'cities' } as Dataset,
  layout: {} as DatasetLayout,
  format: 'csv',
};
const query = (kind: QueryKind, search: string): Job => ({
  kind,
  base: '/api/explore/v2.1',
  url: `${base}/records?${search}`,
  datasetId: 'cities',
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
    expect(laneOf(csvExport)).toBe('heavy');
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

  it('gives one shape to queries that differ only by their literals and offset', () => {
    const where = (text: string) => `where=${encodeURIComponent(text)}`;
    const fr = query('records', `${where('country_code = "FR" and population > 5000')}&offset=20&limit=10`);
    const de = query('records', `${where("country_code = 'DE' and population > 12.5")}&offset=400&limit=10`);
    expect(shapeOf(fr)).toBe(shapeOf(de));
    expect(shapeOf(query('records', 'refine=country_code:FR'))).toBe(
      shapeOf(query('records', 'refine=country_code:DE')),
    );
    // What changes the cost changes the shape: the fields, the grouping, the limit, the kind.
    expect(shapeOf(query('records', where('name = "x"')))).not.toBe(shapeOf(fr));
    expect(shapeOf(query('records', 'group_by=name&limit=20000'))).not.toBe(
      shapeOf(query('records', 'group_by=name&limit=20')),
    );
    expect(shapeOf(query('facets', 'refine=country_code:FR'))).not.toBe(
      shapeOf(query('records', 'refine=country_code:FR')),
    );
  });

  it('moves a shape between lanes by what it took, with a margin between the two', () => {
    const costs = new CostBook();
    const grouped = query(
      'records',
      `group_by=feature_code&where=${encodeURIComponent('country_code = "FR"')}`,
    );
    const plain = query('records', 'where=population%20%3E%201000');
    const [g, p] = [shapeOf(grouped), shapeOf(plain)];
    // Unknown shapes take the request's lane.
    expect(costs.laneOf(grouped, g)).toBe('heavy');
    expect(costs.laneOf(plain, p)).toBe('cheap');
    costs.record(g, QUICK_MS / 2);
    costs.record(p, SLOW_MS / 2);
    expect(costs.laneOf(grouped, g)).toBe('cheap');
    // Between the thresholds each keeps the request's lane: no flapping at one edge.
    expect(costs.laneOf(plain, p)).toBe('cheap');
    costs.record(g, QUICK_MS * 4);
    expect(costs.estimate(g)).toBeGreaterThan(QUICK_MS);
    expect(costs.laneOf(grouped, g)).toBe('heavy');
    for (let k = 0; k < 10; k++) costs.record(p, SLOW_MS * 3);
    expect(costs.laneOf(plain, p)).toBe('heavy');
    // Exports always stream on their own threads.
    costs.record(shapeOf(csvExport), 1);
    expect(costs.laneOf(csvExport, shapeOf(csvExport))).toBe('heavy');
  });

  it('forgets the least recently seen shapes past its size', () => {
    const costs = new CostBook();
    costs.record('first', 1);
    for (let k = 0; k < 2000; k++) costs.record(`shape ${k}`, 1);
    expect(costs.estimate('first')).toBeUndefined();
    expect(costs.estimate('shape 1999')).toBe(1);
  });
});
