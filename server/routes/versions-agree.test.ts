import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { GroupedRecordsResponse, RecordsResponse } from '../../common/ods-api/types';
import type { GroupedRecordsResponseV21, RecordsResponseV21 } from '../../common/ods-api/types-v21';
import { fixtureApp } from '../testing/fixture-portal';

/**
 * v2.0 and v2.1 are one engine under two envelopes: for random queries over the fixture's cities,
 * both versions find the same records in the same order, with the same total_count, and the same
 * groups, apart from what the v2.1 changelog says differs: v2.1 keeps the null group, and writes
 * date parts as integers where v2.0 wrote strings.
 */

const { app, cleanup } = fixtureApp();
afterAll(cleanup);

const PATH = 'catalog/datasets/fixture-cities/records';

async function get<T>(base: string, params: Record<string, string>): Promise<T> {
  const response = await app.request(`http://portal.test${base}/${PATH}?${new URLSearchParams(params)}`);
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body as T;
}

const condition = fc.oneof(
  fc.integer({ min: 0, max: 4_000_000 }).map((n) => `population > ${n}`),
  fc.constantFrom('FR', 'DE', 'ES', 'IT', 'GB', 'XX').map((c) => `country_code = "${c}"`),
  fc.boolean().map((v) => `capital IS ${v ? 'TRUE' : 'FALSE'}`),
  fc.integer({ min: -10, max: 700 }).map((n) => `elevation <= ${n}`),
  fc.constantFrom(
    'founded IS NULL',
    "founded > date'1000'",
    '"lyon"',
    'search(name, "bar")',
    'alternate_names IS NOT NULL',
  ),
);
const where = fc
  .array(condition, { maxLength: 3 })
  .chain((parts) => fc.constantFrom(' AND ', ' OR ').map((joiner) => parts.join(joiner)));
const orderBy = fc.constantFrom('', 'population DESC', 'name', 'elevation, name DESC', 'founded DESC');
const select = fc.constantFrom(
  '',
  '*',
  'name, population',
  'name, coordinates, alternate_names',
  'population * 2 as double',
);

const groupBy = fc.constantFrom(
  'country_code',
  'capital',
  'year(founded) as y',
  'RANGE(population, 1000000)',
  'RANGE(elevation, *, 0, 100, *) as band',
  'country_code, capital',
);
const aggregates = fc.constantFrom(
  'count(*) as n',
  'count(*), sum(population)',
  'avg(elevation) as e, max(population)',
);

/** v2.0 writes `year(founded)` as "52", v2.1 as 52: compare them as numbers. */
const sameValue = (value: unknown) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
const normalized = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key, sameValue(value)]));

describe('v2.0 and v2.1 agree', () => {
  it('on records and counts', async () => {
    await fc.assert(
      fc.asyncProperty(where, orderBy, select, fc.integer({ min: 0, max: 25 }), async (w, o, s, limit) => {
        const params = { where: w, order_by: o, select: s, limit: String(limit) };
        const v20 = await get<RecordsResponse>('/api/v2', params);
        const v21 = await get<RecordsResponseV21>('/api/explore/v2.1', params);
        expect(v21.total_count).toBe(v20.total_count);
        expect(v21.results).toEqual(v20.records.map((r) => r.record.fields));
      }),
      { numRuns: 60 },
    );
  });

  it('on groups, v2.1 adding only the null group', async () => {
    await fc.assert(
      fc.asyncProperty(where, groupBy, aggregates, async (w, g, s) => {
        const params = { where: w, group_by: g, select: s };
        const v20 = await get<GroupedRecordsResponse>('/api/v2', params);
        const v21 = await get<GroupedRecordsResponseV21>('/api/explore/v2.1', params);
        const keys = g.split(',').map((item) => item.trim().split(' as ').at(-1)!);
        const hasNull = (row: Record<string, unknown>) => keys.some((key) => row[key] === null);
        expect(v21.results.filter((row) => !hasNull(row)).map(normalized)).toEqual(
          v20.records.map((r) => normalized(r.record.fields)),
        );
        expect(v20.records.some((r) => hasNull(r.record.fields))).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
