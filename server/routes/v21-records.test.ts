import { afterAll, describe, expect, it } from 'vitest';
import type { RecordsResponse } from '../../common/ods-api/types';
import type {
  FacetsResponseV21,
  GroupedRecordsResponseV21,
  RecordsResponseV21,
} from '../../common/ods-api/types-v21';
import { fixtureCities } from '../testing/fixture-data';
import { fixtureApp } from '../testing/fixture-portal';

/**
 * Explore v2.1 (`/api/explore/v2.1`) on one dataset: the dataset object, flat records, grouped
 * records keyed as the client wrote them, one record, and facets. Expected values come from the
 * fixture's CSV (tests/fixtures/portal/cities/data.csv).
 */

const { app, cleanup } = fixtureApp();
afterAll(cleanup);

const V21 = 'http://portal.test/api/explore/v2.1/catalog/datasets';
const cities = fixtureCities();

async function get<T>(path: string, status = 200): Promise<T> {
  const response = await app.request(`${V21}/${path}`);
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(status);
  return body as T;
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

describe('v2.1 dataset', () => {
  it('is the flat dataset object, with visibility and alternative exports', async () => {
    const body = await get<Record<string, unknown>>('fixture-cities');
    expect(Object.keys(body)).toEqual([
      'dataset_id',
      'dataset_uid',
      'attachments',
      'has_records',
      'data_visible',
      'fields',
      'metas',
      'features',
      'visibility',
      'alternative_exports',
    ]);
    expect(body.dataset_id).toBe('fixture-cities');
    expect(body.visibility).toBe('domain');
    expect((body.fields as { name: string }[]).map((f) => f.name)).toEqual(Object.keys(cities[0]!));
  });

  it('keeps only the selected keys, named as the client wrote them, and adds _links on request', async () => {
    const body = await get<Record<string, unknown>>(
      `fixture-cities?${q({ select: 'dataset_id, default.records_count', include_links: 'true' })}`,
    );
    expect(Object.keys(body)).toEqual(['dataset_id', 'default.records_count', '_links']);
    expect(body['default.records_count']).toBe(cities.length);
    const links = body._links as { rel: string; href: string }[];
    expect(links.find((l) => l.rel === 'self')?.href).toBe(`${V21}/fixture-cities`);
  });

  it('answers an unknown dataset with a 404 NotFoundResource body', async () => {
    const body = await get<{ error_code: string }>('no-such-dataset', 404);
    expect(body.error_code).toBe('NotFoundResource');
  });
});

describe('v2.1 records', () => {
  it('are flat in results, with total_count and no links by default', async () => {
    const body = await get<RecordsResponseV21>('fixture-cities/records?limit=3');
    expect(Object.keys(body)).toEqual(['total_count', 'results']);
    expect(body.total_count).toBe(cities.length);
    expect(body.results.map((r) => r.name)).toEqual(cities.slice(0, 3).map((c) => c.name));
    const [paris] = body.results;
    expect(Object.keys(paris!)).toEqual(Object.keys(cities[0]!));
    expect(paris!.population).toBe(Number(cities[0]!.population));
    expect(paris!.alternate_names).toEqual(cities[0]!.alternate_names.split('|'));
    const [lat, lon] = cities[0]!.coordinates.split(', ').map(Number);
    expect(paris!.coordinates).toEqual({ lat, lon });
    expect(Object.keys(paris!.coordinates as object)).toEqual(['lon', 'lat']);
  });

  it('carry _links at the top and on each record with include_links=true', async () => {
    const body = await get<RecordsResponseV21>('fixture-cities/records?limit=2&offset=2&include_links=true');
    expect(body._links!.map((l) => l.rel)).toEqual(['self', 'first', 'last', 'next', 'prev']);
    for (const record of body.results) {
      expect(record._links!.map((l) => l.rel)).toEqual(['self', 'dataset', 'datasets']);
      expect(record._links![0]!.href).toMatch(new RegExp(`^${V21}/fixture-cities/records/[0-9a-f]{40}$`));
    }
  });

  it('refuse a limit over 100 as v2.1 does', async () => {
    const body = await get<{ error_code: string; message: string }>('fixture-cities/records?limit=1473', 400);
    expect(body).toEqual({
      error_code: 'InvalidRESTParameterError',
      message: 'Invalid value for limit API parameter: 1473 was found but -1 <= limit <= 100 is expected.',
    });
  });

  it('write date parts as integers (v2.0 wrote strings)', async () => {
    const body = await get<RecordsResponseV21>(
      `fixture-cities/records?${q({ select: 'year(founded) as y', limit: '1' })}`,
    );
    expect(body.results).toEqual([{ y: Number(cities[0]!.founded.slice(0, 4)) }]);
  });
});

describe('v2.1 group_by on records', () => {
  const byCountry = new Map<string, number>();
  for (const city of cities) byCountry.set(city.country_code, (byCountry.get(city.country_code) ?? 0) + 1);

  it('names keys by alias or by the expression text exactly as sent, with no total_count', async () => {
    const body = await get<GroupedRecordsResponseV21>(
      `fixture-cities/records?${q({ select: 'country_code, count(*) as n, SUM(population)', group_by: 'country_code', order_by: 'n DESC, country_code' })}`,
    );
    expect(Object.keys(body)).toEqual(['results']);
    const expected = [...byCountry].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    expect(body.results.map((r) => [r.country_code, r.n])).toEqual(expected);
    const france = cities.filter((c) => c.country_code === 'FR');
    expect(body.results[0]).toEqual({
      country_code: 'FR',
      n: france.length,
      'SUM(population)': france.reduce((sum, c) => sum + Number(c.population), 0),
    });
  });

  it('returns every group when no limit is given', async () => {
    const body = await get<GroupedRecordsResponseV21>('fixture-cities/records?select=count(*)&group_by=name');
    expect(body.results).toHaveLength(cities.length);
  });

  it('prints range() keys as v2.1 does, under the text as sent', async () => {
    const group = 'RANGE(population,*,500000,1000000,*)';
    const body = await get<GroupedRecordsResponseV21>(
      `fixture-cities/records?${q({ select: 'count(*)', group_by: group })}`,
    );
    const population = cities.map((c) => Number(c.population));
    expect(body.results).toEqual([
      { [group]: '[*, 499999]', 'count(*)': population.filter((p) => p < 500_000).length },
      {
        [group]: '[500000, 999999]',
        'count(*)': population.filter((p) => p >= 500_000 && p < 1_000_000).length,
      },
      { [group]: '[1000000, *]', 'count(*)': population.filter((p) => p >= 1_000_000).length },
    ]);
  });

  it('writes geo_cluster() keys as {"cluster_centroid": {"lat", "lon"}}, lat first', async () => {
    const group = 'GEO_CLUSTER(coordinates,0)';
    const body = await get<GroupedRecordsResponseV21>(
      `fixture-cities/records?${q({ select: 'count(*)', group_by: group })}`,
    );
    const located = cities.filter((c) => c.coordinates !== '');
    expect(body.results).toHaveLength(1);
    const [cluster] = body.results as {
      [group]: { cluster_centroid: Record<string, number> };
      'count(*)': number;
    }[];
    expect(cluster!['count(*)']).toBe(located.length);
    expect(Object.keys(cluster![group].cluster_centroid)).toEqual(['lat', 'lon']);
    const meanLat =
      located.reduce((sum, c) => sum + Number(c.coordinates.split(', ')[0]), 0) / located.length;
    expect(cluster![group].cluster_centroid.lat).toBeCloseTo(meanLat, 9);
  });

  it('keeps the null group, last, where v2.0 has none', async () => {
    const params = q({ select: 'count(*) as n', group_by: 'year(founded) as y' });
    const body = await get<GroupedRecordsResponseV21>(`fixture-cities/records?${params}`);
    const unfounded = cities.filter((c) => c.founded === '').length;
    expect(unfounded).toBeGreaterThan(0);
    expect(body.results.at(-1)).toEqual({ y: null, n: unfounded });
    expect(body.results.reduce((sum, r) => sum + (r.n as number), 0)).toBe(cities.length);
    const v20 = await app.request(
      `http://portal.test/api/explore/v2.0/catalog/datasets/fixture-cities/records?${params}`,
    );
    const groups = ((await v20.json()) as { records: { record: { fields: { y: unknown } } }[] }).records;
    expect(groups).toHaveLength(body.results.length - 1);
    expect(groups.every((g) => g.record.fields.y !== null)).toBe(true);
  });

  it('puts records with no value of a multivalued key in the null group', async () => {
    const body = await get<GroupedRecordsResponseV21>(
      `fixture-cities/records?${q({ select: 'count(*) as n', group_by: 'alternate_names' })}`,
    );
    const none = cities.filter((c) => c.alternate_names === '').length;
    expect(body.results.at(-1)).toEqual({ alternate_names: null, n: none });
  });
});

describe('v2.1 single record and facets', () => {
  it('answers one record as the flat object, and 404 for an unknown id', async () => {
    const list = await app.request(
      'http://portal.test/api/v2/catalog/datasets/fixture-cities/records?limit=1',
    );
    const id = ((await list.json()) as RecordsResponse).records[0]!.record.id;
    const body = await get<Record<string, unknown>>(`fixture-cities/records/${id}?select=name,population`);
    expect(body).toEqual({ name: cities[0]!.name, population: Number(cities[0]!.population) });
    const linked = await get<Record<string, unknown>>(
      `fixture-cities/records/${id}?select=name&include_links=true`,
    );
    expect(Object.keys(linked)).toEqual(['name', '_links']);
    const missing = await get<{ error_code: string }>(`fixture-cities/records/${'0'.repeat(40)}`, 404);
    expect(missing.error_code).toBe('NotFoundResource');
  });

  it('lists facets with _links, and reads the facet(name=…, sort=…, limit=…) form', async () => {
    const facet = 'facet(name="country_code", sort="alphanum", limit=3)';
    const body = await get<FacetsResponseV21>(`fixture-cities/facets?${q({ facet })}`);
    expect(Object.keys(body)).toEqual(['_links', 'facets']);
    expect(body._links).toEqual([]);
    const codes = [...new Set(cities.map((c) => c.country_code))].sort();
    expect(body.facets).toEqual([
      {
        name: 'country_code',
        facets: codes.slice(0, 3).map((code) => ({
          name: code,
          value: code,
          count: cities.filter((c) => c.country_code === code).length,
          state: 'displayed',
        })),
      },
    ]);
  });

  it('keeps a disjunctive facet’s other values under a refine', async () => {
    const facet = 'facet(name="country_code", disjunctive=true)';
    const body = await get<FacetsResponseV21>(
      `fixture-cities/facets?${q({ facet, refine: 'country_code:FR' })}`,
    );
    const values = body.facets[0]!.facets;
    expect(values).toHaveLength(new Set(cities.map((c) => c.country_code)).size);
    expect(values.find((v) => v.value === 'FR')?.state).toBe('refined');
  });
});
