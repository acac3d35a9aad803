import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type {
  AggregatesResponse,
  CatalogDatasetsResponse,
  FacetsResponse,
  GroupedRecordsResponse,
  RecordResponse,
  RecordsResponse,
} from '../../common/ods-api/types';
import type {
  CatalogDatasetsResponseV21,
  FacetsResponseV21,
  GroupedRecordsResponseV21,
  RecordsResponseV21,
} from '../../common/ods-api/types-v21';
import { fixtureApp } from '../testing/fixture-portal';

/**
 * v2.0 and v2.1 are one engine under two envelopes: for random queries over the fixture's cities,
 * both versions find the same records in the same order, with the same total_count, the same single
 * record, facets, catalog datasets and groups (v2.0's `/aggregates` against v2.1's records with an
 * aggregate select), each in its own envelope, apart from what the v2.1 changelog says differs:
 * v2.1 keeps the null group, and writes date parts as integers where v2.0 wrote strings.
 */

const { app, cleanup } = fixtureApp();
afterAll(cleanup);

const DATASET = 'catalog/datasets/fixture-cities';
const PATH = `${DATASET}/records`;

async function get<T>(base: string, params: Record<string, string> | string[][], path = PATH): Promise<T> {
  const response = await app.request(`http://portal.test${base}/${path}?${new URLSearchParams(params)}`);
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

const refine = fc.subarray(['country_code:FR', 'capital:true', 'country_code:DE'], { maxLength: 2 });
const exclude = fc.subarray(['country_code:IT', 'capital:false'], { maxLength: 1 });

/** The repeatable parameters as URLSearchParams takes them: one pair per value. */
function query(single: Record<string, string>, repeated: Record<string, readonly string[]> = {}) {
  return [...Object.entries(single), ...Object.entries(repeated).flatMap(([k, vs]) => vs.map((v) => [k, v]))];
}

describe('v2.0 and v2.1 agree', () => {
  it('on records and counts, each in its own envelope', async () => {
    await fc.assert(
      fc.asyncProperty(
        where,
        orderBy,
        select,
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 15 }),
        refine,
        exclude,
        async (w, o, s, limit, offset, r, x) => {
          const params = query(
            { where: w, order_by: o, select: s, limit: String(limit), offset: String(offset) },
            { refine: r, exclude: x },
          );
          const v20 = await get<RecordsResponse>('/api/v2', params);
          const v21 = await get<RecordsResponseV21>('/api/explore/v2.1', params);
          expect(Object.keys(v20)).toEqual(['total_count', 'links', 'records']);
          expect(Object.keys(v21)).toEqual(['total_count', 'results']);
          expect(v21.total_count).toBe(v20.total_count);
          expect(v21.results).toEqual(v20.records.map((r) => r.record.fields));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('on one record, found by the id v2.0 gives and v2.1 links to', async () => {
    await fc.assert(
      fc.asyncProperty(where, select, async (w, s) => {
        const v20 = await get<RecordsResponse>('/api/v2', { where: w, limit: '1' });
        const v21 = await get<RecordsResponseV21>('/api/explore/v2.1', {
          where: w,
          limit: '1',
          include_links: 'true',
        });
        const [first] = v20.records;
        if (!first) {
          expect(v21.results).toEqual([]);
          return;
        }
        const self = v21.results[0]!._links!.find((l) => l.rel === 'self')!.href;
        expect(self.endsWith(`/records/${first.record.id}`)).toBe(true);
        const path = `${PATH}/${first.record.id}`;
        const one20 = await get<RecordResponse>('/api/v2', { select: s }, path);
        const one21 = await get<Record<string, unknown>>('/api/explore/v2.1', { select: s }, path);
        expect(one20.record.id).toBe(first.record.id);
        expect(one21).toEqual(one20.record.fields);
      }),
      { numRuns: 30 },
    );
  });

  it('on facets and on the catalog', async () => {
    const facet = fc.subarray(['country_code', 'capital', 'timezone'], { minLength: 1 });
    await fc.assert(
      fc.asyncProperty(where, facet, refine, exclude, async (w, f, r, x) => {
        const params = query({ where: w }, { facet: f, refine: r, exclude: x });
        const path = 'catalog/datasets/fixture-cities/facets';
        const v20 = await get<FacetsResponse>('/api/v2', params, path);
        const v21 = await get<FacetsResponseV21>('/api/explore/v2.1', params, path);
        expect(Object.keys(v21)).toEqual(['_links', 'facets']);
        expect(v21.facets).toEqual(v20.facets);
      }),
      { numRuns: 30 },
    );
    const catalogWhere = fc.constantFrom('', '"cities"', 'records_count > 10', 'theme = "Culture, Heritage"');
    await fc.assert(
      fc.asyncProperty(catalogWhere, fc.integer({ min: 0, max: 4 }), async (w, offset) => {
        const params = { where: w, offset: String(offset), order_by: 'dataset_id' };
        const v20 = await get<CatalogDatasetsResponse>('/api/v2', params, 'catalog/datasets');
        const v21 = await get<CatalogDatasetsResponseV21>('/api/explore/v2.1', params, 'catalog/datasets');
        expect(v21.total_count).toBe(v20.total_count);
        expect(v21.results).toEqual(
          v20.datasets.map((d) => ({ ...d.dataset, visibility: 'domain', alternative_exports: [] })),
        );
      }),
      { numRuns: 20 },
    );
  });

  it('on v2.0’s aggregates, which v2.1 answers as records with an aggregate select', async () => {
    await fc.assert(
      fc.asyncProperty(where, fc.option(groupBy, { nil: undefined }), aggregates, async (w, g, s) => {
        const params = { where: w, select: s, ...(g ? { group_by: g } : {}) };
        const v20 = await get<AggregatesResponse>('/api/v2', params, `${DATASET}/aggregates`);
        const v21 = await get<GroupedRecordsResponseV21>('/api/explore/v2.1', params);
        const keys = (g ?? '')
          .split(',')
          .filter(Boolean)
          .map((item) => item.trim().split(' as ').at(-1)!);
        const hasNull = (row: Record<string, unknown>) => keys.some((key) => row[key] === null);
        expect(v21.results.filter((row) => !hasNull(row)).map(normalized)).toEqual(
          v20.aggregations.map(normalized),
        );
      }),
      { numRuns: 40 },
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
