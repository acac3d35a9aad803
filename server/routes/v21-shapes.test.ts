import { afterAll, describe, expect, it } from 'vitest';
import { fixtureApp } from '../testing/fixture-portal';
import { recorded, shape } from '../testing/recorded';

/**
 * Our v2.1 answers have the shape of the v2.1 responses recorded from real ODS portals and ODS's
 * spec (tests/fixtures/ods-recorded): the same keys at every level, in the same order where ODS's
 * order is visible, and the same kinds of values.
 */

const { app, cleanup } = fixtureApp();
afterAll(cleanup);

async function ours(path: string): Promise<ReturnType<typeof JSON.parse>> {
  const response = await app.request(`http://portal.test/api/explore/v2.1/catalog/${path}`);
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body;
}

const records = (query: Record<string, string>) =>
  ours(`datasets/fixture-cities/records?${new URLSearchParams(query)}`);

describe('v2.1 shapes', () => {
  it('records: {total_count, results} of flat records, geo points as {lon, lat}', async () => {
    const real = recorded('v21-records-velib-default.json');
    const body = await ours('datasets/fixture-cities/records');
    expect(Object.keys(body)).toEqual(Object.keys(real));
    expect(body.results).toHaveLength(real.results.length);
    expect(Object.keys(body.results[0].coordinates)).toEqual(Object.keys(real.results[0].coordonnees_geo));
    expect(shape(body.results[0].coordinates, 1)).toEqual(shape(real.results[0].coordonnees_geo, 1));
  });

  it('records: datetimes with an offset, numbers and nulls as the SYNOP record has them', async () => {
    const real = recorded('v21-records-synop-public-limit1.json');
    const body = await ours('datasets/fixture-events/records?limit=1&select=starts_at,attendance');
    expect(Object.keys(body)).toEqual(Object.keys(real));
    const offset = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;
    expect(real.results[0].date).toMatch(offset);
    expect(body.results[0].starts_at).toMatch(offset);
    expect(typeof body.results[0].attendance).toBe(typeof real.results[0].ff);
  });

  it('a select with distance() under within_distance()', async () => {
    const real = recorded('v21-records-select-distance-within_distance.json');
    const point = "geom'POINT(2.3488 48.85341)'";
    const body = await records({
      select: `name,distance(coordinates, ${point}) as distance`,
      where: `within_distance(coordinates, ${point}, 500km)`,
    });
    expect(Object.keys(body)).toEqual(Object.keys(real));
    expect(shape(body.results[0], 1)).toEqual({ distance: 'number', name: 'string' });
    expect(shape(real.results[0], 1)).toEqual({ distance: 'number', name: 'string', stationcode: 'string' });
  });

  it('group_by with an alias and order_by: {results} only, the keys as written', async () => {
    const real = recorded('v21-groupby-alias-orderby-limit10.json');
    const body = await records({
      select: 'country_code,count(*) as nb_cities,sum(population)',
      group_by: 'country_code',
      order_by: 'nb_cities DESC',
      limit: '10',
    });
    expect(Object.keys(body)).toEqual(['results']);
    expect(Object.keys(real)).toEqual(['results']);
    expect(Object.keys(body.results[0])).toEqual(['country_code', 'nb_cities', 'sum(population)']);
    expect(Object.keys(real.results[0])).toEqual([
      'nom_arrondissement_communes',
      'nb_stations',
      'sum(capacity)',
    ]);
    expect(shape(body.results[0], 1)).toEqual({
      country_code: 'string',
      nb_cities: 'number',
      'sum(population)': 'number',
    });
  });

  it('group_by without a limit: every group', async () => {
    const real = recorded('v21-groupby-field-no-limit-65-groups.json');
    const body = await records({ select: 'name,count(*),sum(population)', group_by: 'name' });
    expect(real.results).toHaveLength(65);
    expect(body.results.length).toBeGreaterThan(10);
    expect(Object.keys(body.results[0])).toEqual(['name', 'count(*)', 'sum(population)']);
  });

  it('equal-width and static range() keys', async () => {
    const equal = recorded('v21-groupby-range-equal-width.json');
    const width = await records({ select: 'count(*)', group_by: 'RANGE(population,1000000)' });
    expect(Object.keys(width.results[0])).toEqual(['RANGE(population,1000000)', 'count(*)']);
    expect(Object.keys(equal.results[0])).toEqual(['RANGE(capacity,15)', 'count(*)']);
    const bucket = /^\[\d+, \d+\]$/;
    expect(equal.results[0]['RANGE(capacity,15)']).toMatch(bucket);
    expect(width.results[0]['RANGE(population,1000000)']).toMatch(bucket);

    const fixed = recorded('v21-groupby-range-static-alias.json');
    const bounds = await records({
      select: 'count(*)',
      group_by: 'RANGE(population,*,1000000,2000000,*) as population',
    });
    expect(Object.keys(bounds.results[0])).toEqual(['population', 'count(*)']);
    expect(Object.keys(fixed.results[0])).toEqual(['capacity', 'count(*)']);
    expect(fixed.results[0].capacity).toMatch(/^\[\*, \d+\]$/);
    expect(bounds.results[0].population).toMatch(/^\[\*, \d+\]$/);
    expect(fixed.results.at(-1).capacity).toMatch(/^\[\d+, \*\]$/);
    expect(bounds.results.at(-1).population).toMatch(/^\[\d+, \*\]$/);
  });

  it('geo_cluster() keys', async () => {
    const real = recorded('v21-groupby-geo_cluster.json');
    const body = await records({ select: 'count(*)', group_by: 'GEO_CLUSTER(coordinates,10)' });
    const key = 'GEO_CLUSTER(coordinates,10)';
    expect(Object.keys(body.results[0])).toEqual([key, 'count(*)']);
    expect(shape(body.results[0][key], 2)).toEqual(
      shape(real.results[0]['GEO_CLUSTER(coordonnees_geo,10)'], 2),
    );
    expect(Object.keys(body.results[0][key].cluster_centroid)).toEqual(['lat', 'lon']);
  });

  it('catalog datasets: the keys of each result and of its fields', async () => {
    const real = recorded('doc-v21-catalog-datasets.json');
    const body = await ours('datasets');
    expect(Object.keys(body)).toEqual(Object.keys(real));
    const keys = Object.keys(body.results[0]);
    for (const key of Object.keys(real.results[0])) expect(keys).toContain(key);
    expect(Object.keys(body.results[0].fields[0]).sort()).toEqual(
      Object.keys(real.results[0].fields[0]).sort(),
    );
    expect(Object.keys(body.results[0].metas)).toEqual(Object.keys(real.results[0].metas));
  });

  it('catalog facets: _links and groups of {count, state, name, value}', async () => {
    const real = recorded('doc-v21-catalog-facets.json');
    const body = await ours('facets');
    expect(Object.keys(body)).toEqual(Object.keys(real));
    expect(body._links).toEqual(real._links);
    expect(shape(body.facets, 3)).toEqual(shape(real.facets, 3));
  });

  it('attachments: _links and {href, metas} with the mime type and title', async () => {
    const real = recorded('doc-v21-attachments.json');
    const body = await ours('datasets/fixture-cities/attachments');
    expect(Object.keys(body)).toEqual(Object.keys(real));
    expect(body._links).toEqual(real._links);
    expect(Object.keys(body.attachments[0])).toEqual(Object.keys(real.attachments[0]));
    const metas = Object.keys(body.attachments[0].metas);
    for (const key of Object.keys(real.attachments[0].metas)) expect(metas).toContain(key);
  });

  it('errors: the limit error body, word for word', async () => {
    const real = recorded('v21-error-limit-over-100.json');
    const response = await app.request(
      'http://portal.test/api/explore/v2.1/catalog/datasets/fixture-cities/records?limit=1473',
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(real);
  });
});
