import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiClient as ApiClientV21,
  fromCatalog as fromCatalogV21,
  NotFoundError,
  UserError,
} from '@opendatasoft/api-client';
import type { FeatureCollection, Point } from 'geojson';
import { ApiClient as ApiClientV20, fromCatalog as fromCatalogV20 } from 'ods-api-client-v20';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { fixtureCities } from '../../server/testing/fixture-data';
import { FIXTURE_PORTAL_DIR } from '../../server/testing/fixture-portal';
import { serveFixturePortal } from '../helpers/fixture-server';

/**
 * ODS's own clients, used as their READMEs use them (a client per domain, query-builder chains,
 * `interceptResponse` for a body that is not JSON), against the fixture portal over HTTP:
 * `@opendatasoft/api-client` 21.x speaks v2.1, 0.3.x (installed as ods-api-client-v20) v2.0.
 * What each answer should hold is read from the fixture's files, never from the portal.
 */

let portal = '';
serveFixturePortal((url) => {
  portal = url;
});

const CITIES = 'fixture-cities';
const cities = fixtureCities();
const descriptor = JSON.parse(readFileSync(join(FIXTURE_PORTAL_DIR, 'cities', 'dataset.json'), 'utf8')) as {
  metas: { default: { title: string } };
  fields: { name: string }[];
};

/** Every dataset id of the fixture folder: a folder's descriptor names it, a lone file by its name. */
function fixtureDatasetIds(): string[] {
  return readdirSync(FIXTURE_PORTAL_DIR)
    .filter((entry) => entry !== 'portal.json')
    .map((entry) => {
      const file = join(FIXTURE_PORTAL_DIR, entry, 'dataset.json');
      if (existsSync(file))
        return (JSON.parse(readFileSync(file, 'utf8')) as { dataset_id: string }).dataset_id;
      return entry.replace(/\.[^.]+$/, '');
    })
    .sort();
}

const french = cities
  .filter((c) => c.country_code === 'FR')
  .sort((a, b) => Number(b.population) - Number(a.population));
const paris = cities.find((c) => c.name === 'Paris')!;
const located = cities.filter((c) => c.coordinates !== '');
const point = (text: string) => text.split(', ').map(Number) as [number, number];
const meanLat = located.reduce((sum, c) => sum + point(c.coordinates)[0], 0) / located.length;
const byCountry = [...new Set(cities.map((c) => c.country_code))]
  .map((code) => [code, cities.filter((c) => c.country_code === code).length] as const)
  .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

/** Read as bytes: decoding text would drop the byte-order mark. */
const hasBom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

/** The client's error, for a query that must fail. */
async function failure(promise: Promise<unknown>): Promise<{ response: Response; details: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { response: Response; details: unknown };
  }
  throw new Error('the query did not fail');
}

describe('@opendatasoft/api-client 21.8.1 (Explore v2.1)', () => {
  const client = () => new ApiClientV21({ domain: portal, hideDeprecatedWarning: true });
  const cityset = () => fromCatalogV21().dataset(CITIES);

  it('catalog: every dataset, and a select of metadata at the root', async () => {
    const all = await client().get<{ total_count: number; results: { dataset_id: string }[] }>(
      fromCatalogV21().datasets().orderBy('dataset_id').limit(100),
    );
    expect(all.total_count).toBe(fixtureDatasetIds().length);
    expect(all.results.map((d) => d.dataset_id)).toEqual(fixtureDatasetIds());
    const selected = await client().get<{ results: Record<string, unknown>[] }>(
      fromCatalogV21().datasets().select('dataset_id, title').where(`dataset_id = "${CITIES}"`),
    );
    expect(selected.results).toEqual([{ dataset_id: CITIES, title: descriptor.metas.default.title }]);
  });

  it('dataset: the fields the descriptor declares', async () => {
    const dataset = await client().get<{ dataset_id: string; fields: { name: string }[] }>(
      cityset().itself(),
    );
    expect(dataset.dataset_id).toBe(CITIES);
    expect(dataset.fields.map((f) => f.name)).toEqual(descriptor.fields.map((f) => f.name));
  });

  it('records, and one record by the id its links give', async () => {
    const page = await client().get<{ total_count: number; results: Record<string, unknown>[] }>(
      cityset()
        .records()
        .select('name, population')
        .where('country_code = "FR"')
        .orderBy('population DESC')
        .limit(3),
    );
    expect(page.total_count).toBe(french.length);
    expect(page.results).toEqual(
      french.slice(0, 3).map((c) => ({ name: c.name, population: Number(c.population) })),
    );

    const linked = await client().get<{ results: { _links: { rel: string; href: string }[] }[] }>(
      cityset().records().where(`geoname_id = "${paris.geoname_id}"`).set('include_links', 'true'),
    );
    const self = linked.results[0]!._links.find((l) => l.rel === 'self')!.href;
    const record = await client().get<Record<string, unknown>>(cityset().record(self.split('/').pop()!));
    expect(record.name).toBe('Paris');
    expect(record.population).toBe(Number(paris.population));
    expect(record.alternate_names).toEqual(paris.alternate_names.split('|'));
  });

  it('facets, group_by and geo_cluster', async () => {
    const facets = await client().get<{
      facets: { name: string; facets: { value: string; count: number }[] }[];
    }>(cityset().facets().facet('country_code'));
    const counts = facets.facets.find((f) => f.name === 'country_code')!.facets;
    expect(counts.map((v) => [v.value, v.count]).sort()).toEqual([...byCountry].map((e) => [...e]).sort());

    const groups = await client().get<{ results: { country_code: string; n: number }[] }>(
      cityset()
        .records()
        .select('country_code, count(*) as n')
        .groupBy('country_code')
        .orderBy('n DESC, country_code'),
    );
    expect(groups.results.map((g) => [g.country_code, g.n])).toEqual(byCountry.map((e) => [...e]));

    const clusters = await client().get<{
      results: Record<string, { cluster_centroid: { lat: number } } | number>[];
    }>(cityset().records().select('count(*) as n').groupBy('geo_cluster(coordinates, 0)'));
    expect(clusters.results).toHaveLength(1);
    const [cluster] = clusters.results as {
      n: number;
      'geo_cluster(coordinates, 0)': { cluster_centroid: { lat: number } };
    }[];
    expect(cluster!.n).toBe(located.length);
    expect(cluster!['geo_cluster(coordinates, 0)'].cluster_centroid.lat).toBeCloseTo(meanLat, 9);
  });

  it('exports: GeoJSON through the client, CSV (with v2.1’s BOM) through interceptResponse', async () => {
    const geojson = await client().get<FeatureCollection<Point>>(
      cityset().export('geojson').select('name, coordinates'),
    );
    // Every record is a feature; one without coordinates has a null geometry.
    expect(geojson.features).toHaveLength(cities.length);
    expect(geojson.features.filter((f) => f.geometry !== null)).toHaveLength(located.length);
    const parisFeature = geojson.features.find((f) => f.properties?.name === 'Paris')!;
    const [lat, lon] = point(paris.coordinates);
    expect(parisFeature.geometry.coordinates).toEqual([lon, lat]);

    const csv = await client().get<Uint8Array>(
      cityset().export('csv').select('name, population').orderBy('name'),
      {
        interceptResponse: async (response) => new Uint8Array(await response.arrayBuffer()),
      },
    );
    expect(hasBom(csv)).toBe(true);
    const rows = Papa.parse<{ name: string; population: string }>(new TextDecoder().decode(csv), {
      header: true,
      delimiter: ';',
      skipEmptyLines: true,
    }).data;
    const names = cities.map((c) => c.name).sort();
    expect(rows.map((r) => r.name)).toEqual(names);
    expect(rows.find((r) => r.name === 'Paris')?.population).toBe(paris.population);
  });

  it('errors: UserError for a 400, NotFoundError for a 404', async () => {
    const bad = await failure(client().get(cityset().records().where('no_such_field = 1')));
    expect(bad).toBeInstanceOf(UserError);
    expect(bad.response.status).toBe(400);
    expect(bad.details).toMatchObject({ error_code: 'ODSQLError' });
    const missing = await failure(client().get(fromCatalogV21().dataset('no-such-dataset').itself()));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.response.status).toBe(404);
  });
});

describe('@opendatasoft/api-client 0.3.2 (Explore v2.0)', () => {
  const client = () => new ApiClientV20({ domain: portal });
  /** 0.3.x types every answer as one loose ApiResponse; the test names what it expects. */
  const get = async <T>(
    query: Parameters<ApiClientV20['get']>[0],
    options?: Parameters<ApiClientV20['get']>[1],
  ) => (await client().get(query, options)) as unknown as T;
  const cityset = () => fromCatalogV20().dataset(CITIES);
  type Records = {
    total_count: number;
    records: { record: { id: string; fields: Record<string, unknown> } }[];
  };

  it('catalog and dataset, in v2.0’s envelopes', async () => {
    const all = await get<{ total_count: number; datasets: { dataset: { dataset_id: string } }[] }>(
      fromCatalogV20().datasets().orderBy('dataset_id').limit(100),
    );
    expect(all.total_count).toBe(fixtureDatasetIds().length);
    expect(all.datasets.map((d) => d.dataset.dataset_id)).toEqual(fixtureDatasetIds());
    const dataset = await get<{ dataset: { fields: { name: string }[] } }>(cityset().itself());
    expect(dataset.dataset.fields.map((f) => f.name)).toEqual(descriptor.fields.map((f) => f.name));
  });

  it('records with their ids, and one record by id', async () => {
    const page = await get<Records>(
      cityset()
        .records()
        .select('name, population')
        .where('country_code = "FR"')
        .orderBy('population DESC')
        .limit(3),
    );
    expect(page.total_count).toBe(french.length);
    expect(page.records.map((r) => r.record.fields)).toEqual(
      french.slice(0, 3).map((c) => ({ name: c.name, population: Number(c.population) })),
    );
    const found = await get<Records>(cityset().records().where(`geoname_id = "${paris.geoname_id}"`));
    const id = found.records[0]!.record.id;
    // The v2.0 client has no builder for one record: the README's path form.
    const one = await get<{ record: { id: string; fields: Record<string, unknown> } }>(
      `catalog/datasets/${CITIES}/records/${id}`,
    );
    expect(one.record.id).toBe(id);
    expect(one.record.fields.name).toBe('Paris');
  });

  it('facets, aggregates, group_by on records and geo_cluster', async () => {
    const facets = await get<{
      facets: { name: string; facets: { value: string; count: number }[] }[];
    }>(cityset().facets().facet('country_code'));
    const counts = facets.facets.find((f) => f.name === 'country_code')!.facets;
    expect(counts.map((v) => [v.value, v.count]).sort()).toEqual([...byCountry].map((e) => [...e]).sort());

    const aggregates = await get<{ aggregations: { country_code: string; n: number }[] }>(
      cityset().aggregates().select('count(*) as n').groupBy('country_code').orderBy('n DESC, country_code'),
    );
    expect(aggregates.aggregations.map((g) => [g.country_code, g.n])).toEqual(byCountry.map((e) => [...e]));

    const grouped = await get<{
      records: { record: { fields: { country_code: string; n: number } } }[];
    }>(cityset().records().select('count(*) as n').groupBy('country_code').orderBy('n DESC, country_code'));
    expect(grouped.records.map((g) => [g.record.fields.country_code, g.record.fields.n])).toEqual(
      byCountry.map((e) => [...e]),
    );

    const clusters = await get<{ aggregations: Record<string, unknown>[] }>(
      cityset().aggregates().select('count(*) as n').groupBy('geo_cluster(coordinates, 0)'),
    );
    expect(clusters.aggregations).toHaveLength(1);
    expect(clusters.aggregations[0]!.n).toBe(located.length);
  });

  it('exports: GeoJSON through the client, CSV (no BOM in v2.0) through interceptResponse', async () => {
    const geojson = await get<FeatureCollection<Point>>(
      cityset().exports('geojson').select('name, coordinates'),
    );
    // Every record is a feature; one without coordinates has a null geometry.
    expect(geojson.features).toHaveLength(cities.length);
    expect(geojson.features.filter((f) => f.geometry !== null)).toHaveLength(located.length);
    const [lat, lon] = point(paris.coordinates);
    expect(geojson.features.find((f) => f.properties?.name === 'Paris')!.geometry.coordinates).toEqual([
      lon,
      lat,
    ]);

    const csv = await get<Uint8Array>(cityset().exports('csv').select('name').orderBy('name'), {
      // The interceptor's type says ApiResponse; any value passes through.
      interceptResponse: async (response) => new Uint8Array(await response.arrayBuffer()) as never,
    });
    expect(hasBom(csv)).toBe(false);
    const rows = Papa.parse<{ name: string }>(new TextDecoder().decode(csv), {
      header: true,
      delimiter: ';',
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => r.name)).toEqual(cities.map((c) => c.name).sort());
  });

  it('errors: UserError for a 400, NotFoundError for a 404 (the v2.0 client does not export its classes)', async () => {
    const bad = await failure(client().get(cityset().records().where('no_such_field = 1')));
    expect(bad.constructor.name).toBe('UserError');
    expect(bad.response.status).toBe(400);
    expect(bad.details).toMatchObject({ error_code: 'ODSQLError' });
    const missing = await failure(client().get(fromCatalogV20().dataset('no-such-dataset').itself()));
    expect(missing.constructor.name).toBe('NotFoundError');
    expect(missing.response.status).toBe(404);
  });
});
