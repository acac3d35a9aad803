import { afterAll, describe, expect, it } from 'vitest';
import { fixtureApp } from '../testing/fixture-portal';
import { recorded, shape } from '../testing/recorded';

/**
 * Our answers have the shape of the v2.0 responses recorded from real ODS portals
 * (tests/fixtures/ods-recorded): the same keys at every level, and the same kinds of values.
 */

const { app, cleanup } = fixtureApp();
afterAll(cleanup);

async function ours(path: string): Promise<unknown> {
  const response = await app.request(`http://portal.test/api/v2/catalog/datasets/${path}`);
  expect(response.status).toBe(200);
  return response.json();
}

describe('v2.0 shapes', () => {
  it('records: envelope, links, record id/timestamp/size/fields', async () => {
    const real = recorded('v20-records-joconde-rows-start-era.json');
    const body = (await ours('fixture-cities/records?limit=1')) as typeof real;
    expect(Object.keys(body).sort()).toEqual(Object.keys(real).sort());
    expect(shape(body.records[0].links, 2)).toEqual(shape(real.records[0].links, 2));
    expect(body.records[0].links.map((l: { rel: string }) => l.rel)).toEqual(
      real.records[0].links.map((l: { rel: string }) => l.rel),
    );
    const { fields: _ours, ...record } = body.records[0].record;
    const { fields: _real, ...realRecord } = real.records[0].record;
    expect(shape(record, 1)).toEqual(shape(realRecord, 1));
    expect(body.records[0].record.id).toMatch(/^[0-9a-f]{40}$/);
    expect(real.records[0].record.id).toMatch(/^[0-9a-f]{40}$/);
    // Multivalued text is an array of strings, a point is {lat, lon}, as in the recorded record.
    expect(shape(body.records[0].record.fields.alternate_names, 1)).toEqual(
      shape(real.records[0].record.fields.loca, 1),
    );
    expect(Object.keys(body.records[0].record.fields.coordinates).sort()).toEqual(
      Object.keys(real.records[0].record.fields.geolocalisation_ville).sort(),
    );
    for (const rel of ['self', 'first', 'last'])
      expect(body.links.map((l: { rel: string }) => l.rel)).toContain(rel);
  });

  it('grouped records: no total_count, record.fields only, links self/dataset/datasets', async () => {
    const real = recorded('v20-records-groupby-year-gold-prices.json');
    const body = (await ours(
      'fixture-events/records?select=count(*)&group_by=year(starts_at)',
    )) as typeof real;
    expect(Object.keys(body).sort()).toEqual(['links', 'records']);
    expect(Object.keys(real).sort()).toEqual(['links', 'records']);
    expect(body.links.map((l: { rel: string }) => l.rel)).toEqual(
      real.links.map((l: { rel: string }) => l.rel),
    );
    expect(shape(body.records[0], 4)).toEqual({
      record: { fields: { 'count(*)': 'number', 'year(starts_at)': 'string' } },
    });
    expect(shape(real.records[0], 4)).toEqual({
      record: { fields: { 'count(*)': 'number', 'year(date)': 'string' } },
    });
  });

  it('dataset: the keys of the v2.0 dataset object and its fields', async () => {
    const real = recorded('doc-v20-dataset.json');
    const body = (await ours('fixture-cities')) as typeof real;
    expect(Object.keys(body).sort()).toEqual(Object.keys(real).sort());
    expect(Object.keys(body.dataset).sort()).toEqual(Object.keys(real.dataset).sort());
    expect(Object.keys(body.dataset.fields[0]).sort()).toEqual(Object.keys(real.dataset.fields[0]).sort());
    const metas = Object.keys(body.dataset.metas.default);
    for (const key of [
      'title',
      'description',
      'theme',
      'keyword',
      'publisher',
      'license',
      'license_url',
      'modified',
      'records_count',
      'language',
      'territory',
      'timezone',
      'data_processed',
      'metadata_processed',
    ]) {
      expect(metas).toContain(key);
      expect(Object.keys(real.dataset.metas.default)).toContain(key);
    }
  });

  it('facets: name/facets groups of {count, state, name, value}', async () => {
    const real = recorded('doc-v21-catalog-facets.json');
    const response = await app.request('http://portal.test/api/v2/catalog/facets');
    const body = (await response.json()) as typeof real;
    expect(shape(body.facets, 3)).toEqual(shape(real.facets, 3));
  });
});
