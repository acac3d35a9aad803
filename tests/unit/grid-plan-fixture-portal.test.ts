import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { PortalTarget } from '../../src/api/client';
import type { ViewFilter } from '../../src/api/params';
import { getRecords } from '../../src/api/records';
import { parseDatasetSearch } from '../../src/features/dataset/dataset-search-params';
import { type GridPlanInput, gridQueries } from '../../src/features/dataset/grid-queries';
import { type GridOrder, needsNullCount, type OrderKey } from '../../src/features/dataset/records-plan';
import { viewFilter } from '../../src/features/dataset/view-filter';
import { serveFixturePortal } from '../helpers/fixture-server';

/**
 * The grid's window and anchor plans run against the embedded portal serving the fixture portal,
 * with the offset cap shrunk from 10,000 to 5, so the 20 fixture cities need forward reads,
 * backward reads, anchor chains both ways and the null split. Every order must come out exactly
 * as the portal's own `order_by=<key>, recordid` lists it.
 */

let target: PortalTarget;
const CITIES = 'fixture-cities';
const CAP = 5;
const NONE: ViewFilter = { where: null };
serveFixturePortal((url) => {
  target = { portal: url, apiVersion: '2.0' };
});

const key = (field: string, type: OrderKey['type'], descending = false): OrderKey => ({
  field,
  type,
  descending,
});

async function expectedIds(filter: ViewFilter, orderBy: string): Promise<string[]> {
  const body = await getRecords(target, CITIES, { filter, order_by: orderBy, limit: 100 });
  return body.records.map((r) => r.id);
}

async function gridIds(
  client: QueryClient,
  filter: ViewFilter,
  order: GridOrder,
): Promise<{ ids: (string | undefined)[]; plan: GridPlanInput }> {
  const total = (await getRecords(target, CITIES, { filter, limit: 0 })).total;
  let nulls = 0;
  if (needsNullCount(order, total, CAP) && order.kind !== 'natural' && order.key) {
    nulls = await client.fetchQuery(gridQueries.nullCount(target, CITIES, filter, order.key.field));
  }
  const plan: GridPlanInput = { order, total, nulls, cap: CAP };
  const window = await client.fetchQuery(gridQueries.gridWindow(target, CITIES, filter, plan, 0));
  return { ids: window.records.map((record) => record?.id), plan };
}

const fields = [
  { name: 'population', label: 'Population', type: 'int' as const, annotations: {}, description: null },
];

describe('the grid plan against the fixture portal (cap 5)', () => {
  const cases: [string, ViewFilter, OrderKey | null, string][] = [
    ['population descending', NONE, key('population', 'int', true), 'population DESC, recordid'],
    ['elevation ascending, one null last', NONE, key('elevation', 'double'), 'elevation, recordid'],
    [
      'elevation descending, nulls still last',
      NONE,
      key('elevation', 'double', true),
      'elevation DESC, recordid',
    ],
    ['country code, many ties', NONE, key('country_code', 'text', true), 'country_code DESC, recordid'],
    ['first mention (a date)', NONE, key('founded', 'date'), 'founded, recordid'],
    ['recordid alone', NONE, null, 'recordid'],
    [
      'filtered by a column filter',
      viewFilter(parseDatasetSearch({ f: 'population:gt:500000' }), fields),
      key('name', 'text'),
      'name, recordid',
    ],
    [
      'excluded',
      { where: null, exclude: ['country_code:GB'] },
      key('population', 'int'),
      'population, recordid',
    ],
  ];

  it.each(cases)('%s', async (_name, filter, orderKey, orderBy) => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });

    const { ids, plan } = await gridIds(client, filter, { kind: 'keyset', key: orderKey });
    const expected = await expectedIds(filter, orderBy);
    expect(expected.length).toBeGreaterThan(CAP);
    expect(ids).toEqual(expected);

    // A record's rank, counted for a permalink opened on its own, is its place in the grid.
    for (const at of [0, 3, 6, expected.length - 1]) {
      const rank = await client.fetchQuery(
        gridQueries.recordRank(target, CITIES, filter, plan, expected[at]!),
      );
      expect(rank).toBe(at);
    }
    // Anchors were cached and chained: each one was asked for once.
    const anchors = client.getQueryCache().findAll({ queryKey: ['dataset', 'grid-anchor'] });
    expect(anchors.every((query) => query.state.dataUpdateCount === 1)).toBe(true);
  });

  it('a portal that refuses recordid: the first and last rows, and a hole in between', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const { ids, plan } = await gridIds(client, NONE, {
      kind: 'sorted',
      key: key('population', 'int', true),
    });
    const expected = await expectedIds(NONE, 'population DESC');
    expect(ids.slice(0, CAP)).toEqual(expected.slice(0, CAP));
    expect(ids.slice(-CAP)).toEqual(expected.slice(-CAP));
    expect(ids.slice(CAP, -CAP).every((id) => id === undefined)).toBe(true);
    // Ranks by the key alone: the first rows of a tie, then the record among them.
    const rank = await client.fetchQuery(gridQueries.recordRank(target, CITIES, NONE, plan, expected[2]!));
    expect(rank).toBe(2);
  });

  it('a permalink in the portal’s own order finds its rank in the ids of a CSV export', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const filter: ViewFilter = { where: null, exclude: ['country_code:GB'] };
    const page = await getRecords(target, CITIES, { filter, limit: 100 });
    const plan: GridPlanInput = { order: { kind: 'natural' }, total: page.total, nulls: 0, cap: 10_000 };
    for (const at of [0, 4, page.records.length - 1]) {
      const rank = await client.fetchQuery(
        gridQueries.recordRank(target, CITIES, filter, plan, page.records[at]!.id),
      );
      expect(rank).toBe(at);
    }
    // A record the filter leaves out has no place in the view.
    const all = await getRecords(target, CITIES, {
      filter: { where: null, refine: ['country_code:GB'] },
      limit: 1,
    });
    expect(
      await client.fetchQuery(gridQueries.recordRank(target, CITIES, filter, plan, all.records[0]!.id)),
    ).toBeNull();
  });

  it('the embedded portal sorts and filters by recordid', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    expect(await client.fetchQuery(gridQueries.recordIdOrder(target, CITIES))).toBe(true);
  });
});
