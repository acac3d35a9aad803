import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { PortalTarget } from '../../src/api/client';
import { getRecords } from '../../src/api/records';
import {
  datasetQueries,
  type GridPlanInput,
  type RecordsFilter,
  withConditions,
} from '../../src/features/dataset/dataset-queries';
import { parseDatasetSearch } from '../../src/features/dataset/dataset-search-params';
import { type GridOrder, needsNullCount, type OrderKey } from '../../src/features/dataset/records-plan';
import { datasetWhere } from '../../src/features/dataset/view-filter';
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
serveFixturePortal((url) => {
  target = { portal: url, apiVersion: '2.0' };
});

const key = (field: string, type: OrderKey['type'], descending = false): OrderKey => ({
  field,
  type,
  descending,
});

async function expectedIds(filter: RecordsFilter, orderBy: string): Promise<string[]> {
  const body = await getRecords(target, CITIES, { ...filter, order_by: orderBy, limit: 100 });
  return body.records.map((r) => r.id);
}

async function gridIds(
  client: QueryClient,
  filter: RecordsFilter,
  order: GridOrder,
): Promise<{ ids: (string | undefined)[]; plan: GridPlanInput }> {
  const total = (await getRecords(target, CITIES, { ...filter, limit: 0 })).total;
  let nulls = 0;
  if (needsNullCount(order, total, CAP) && order.kind !== 'natural' && order.key) {
    nulls = await client.fetchQuery(datasetQueries.nullCount(target, CITIES, filter, order.key.field));
  }
  const plan: GridPlanInput = { order, total, nulls, cap: CAP };
  const window = await client.fetchQuery(datasetQueries.gridWindow(target, CITIES, filter, plan, 0));
  return { ids: window.records.map((record) => record?.id), plan };
}

const fields = [
  { name: 'population', label: 'Population', type: 'int' as const, annotations: {}, description: null },
];

describe('the grid plan against the fixture portal (cap 5)', () => {
  const cases: [string, RecordsFilter, OrderKey | null, string][] = [
    ['population descending', {}, key('population', 'int', true), 'population DESC, recordid'],
    ['elevation ascending, one null last', {}, key('elevation', 'double'), 'elevation, recordid'],
    [
      'elevation descending, nulls still last',
      {},
      key('elevation', 'double', true),
      'elevation DESC, recordid',
    ],
    ['country code, many ties', {}, key('country_code', 'text', true), 'country_code DESC, recordid'],
    ['first mention (a date)', {}, key('founded', 'date'), 'founded, recordid'],
    ['recordid alone', {}, null, 'recordid'],
    [
      'filtered by a column filter',
      { where: datasetWhere(parseDatasetSearch({ f: 'population:gt:500000' }), fields)[0]! },
      key('name', 'text'),
      'name, recordid',
    ],
    ['excluded', { exclude: ['country_code:GB'] }, key('population', 'int'), 'population, recordid'],
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
        datasetQueries.recordRank(target, CITIES, filter, plan, expected[at]!),
      );
      expect(rank).toBe(at);
    }
    // Anchors were cached and chained: each one was asked for once.
    const anchors = client.getQueryCache().findAll({ queryKey: ['dataset', 'grid-anchor'] });
    expect(anchors.every((query) => query.state.dataUpdateCount === 1)).toBe(true);
  });

  it('a portal that refuses recordid: the first and last rows, and a hole in between', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const { ids, plan } = await gridIds(client, {}, { kind: 'sorted', key: key('population', 'int', true) });
    const expected = await expectedIds({}, 'population DESC');
    expect(ids.slice(0, CAP)).toEqual(expected.slice(0, CAP));
    expect(ids.slice(-CAP)).toEqual(expected.slice(-CAP));
    expect(ids.slice(CAP, -CAP).every((id) => id === undefined)).toBe(true);
    // Ranks by the key alone: the first rows of a tie, then the record among them.
    const rank = await client.fetchQuery(datasetQueries.recordRank(target, CITIES, {}, plan, expected[2]!));
    expect(rank).toBe(2);
  });

  it('the embedded portal sorts and filters by recordid', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    expect(await client.fetchQuery(datasetQueries.recordIdOrder(target, CITIES))).toBe(true);
  });

  it('conditions join the view’s where as one tree', () => {
    const filter = { where: 'population > 5 OR name = "x"' };
    const joined = withConditions(filter, [
      {
        kind: 'IsNull',
        operand: { kind: 'Field', name: 'k', quoted: false, loc: { start: 0, end: 0 } },
        negated: false,
        loc: { start: 0, end: 0 },
      },
    ]);
    expect(joined.where).toEqual(['(population > 5 OR name = "x") AND k IS NULL']);
  });
});
