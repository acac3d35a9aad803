import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { bboxOf } from '../../common/geo/bbox';
import type { AggregatesResponse, GroupedRecordsResponse } from '../../common/ods-api/types';
import { fixtureRequests } from '../testing/fixture-requests';

const { get, query, cleanup } = fixtureRequests();
afterAll(cleanup);

async function aggregate(dataset: string, select: string, where?: string): Promise<Record<string, unknown>> {
  const params: Record<string, string> = { select };
  if (where) params.where = where;
  const body = await get<GroupedRecordsResponse>(`${dataset}/records?${query(params)}`);
  return body.records[0]!.record.fields;
}

/** The fixture's cities with a place, read from the file rather than from the portal. */
function fixtureCities(): { country: string; lon: number; lat: number }[] {
  const rows = Papa.parse<Record<string, string>>(
    readFileSync('tests/fixtures/portal/cities/data.csv', 'utf8'),
    {
      header: true,
      delimiter: ';',
      skipEmptyLines: true,
    },
  ).data;
  return rows
    .filter((row) => row.coordinates)
    .map((row) => {
      const [lat, lon] = row.coordinates!.split(',').map(Number);
      return { country: row.country_code!, lon: lon!, lat: lat! };
    });
}

function boxOf(points: { lon: number; lat: number }[]): number[] {
  const lons = points.map((p) => p.lon);
  const lats = points.map((p) => p.lat);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

describe('records: group_by', () => {
  const groups = async (params: Record<string, string>) =>
    (await get<GroupedRecordsResponse>(`fixture-cities/records?${query(params)}`)).records.map(
      (r) => r.record.fields,
    );

  it('groups by a field, in key order, without total_count or a null group', async () => {
    const body = await get<GroupedRecordsResponse & { total_count?: number }>(
      `fixture-cities/records?${query({ select: 'country_code, count(*) as n, sum(population)', group_by: 'country_code' })}`,
    );
    expect(body.total_count).toBeUndefined();
    expect(body.links.map((l) => l.rel)).toEqual(['self', 'dataset', 'datasets']);
    expect(body.records[0]!.record.fields).toEqual({ country_code: 'BE', n: 1, 'sum(population)': 1019022 });
    expect(body.records.length).toBe(8);
  });

  it('orders groups by an aggregate alias and limits them', async () => {
    expect(
      await groups({ select: 'count(*) as n', group_by: 'country_code', order_by: 'n DESC', limit: '2' }),
    ).toEqual([
      { n: 5, country_code: 'FR' },
      { n: 4, country_code: 'DE' },
    ]);
  });

  it('splits multivalued fields into one group per value', async () => {
    const rows = (
      await get<GroupedRecordsResponse>(
        `fixture-events/records?${query({ select: 'count(*)', group_by: 'tags' })}`,
      )
    ).records.map((r) => r.record.fields);
    expect(rows).toEqual([
      { 'count(*)': 1, tags: 'boat' },
      { 'count(*)': 4, tags: 'evening' },
      { 'count(*)': 3, tags: 'family' },
      { 'count(*)': 3, tags: 'indoor' },
      { 'count(*)': 5, tags: 'outdoor' },
    ]);
  });

  it('groups by ranges, static and equal-width, keyed as ODS keys them', async () => {
    expect(
      await groups({ select: 'count(*)', group_by: 'range(population, *, 500000, 1000000, *) as size' }),
    ).toEqual([
      { 'count(*)': 3, size: '[*, 499999]' },
      { 'count(*)': 7, size: '[500000, 999999]' },
      { 'count(*)': 10, size: '[1000000, *]' },
    ]);
    expect(await groups({ select: 'count(*)', group_by: 'range(elevation, 200)' })).toEqual([
      { 'count(*)': 1, 'range(elevation, 200)': '[-200, 0[' },
      { 'count(*)': 16, 'range(elevation, 200)': '[0, 200[' },
      { 'count(*)': 1, 'range(elevation, 200)': '[400, 600[' },
      { 'count(*)': 1, 'range(elevation, 200)': '[600, 800[' },
    ]);
  });

  it('groups by date parts (as text in v2.0), date ranges and date_format', async () => {
    const events = async (params: Record<string, string>) =>
      (await get<GroupedRecordsResponse>(`fixture-events/records?${query(params)}`)).records.map(
        (r) => r.record.fields,
      );
    expect(await events({ select: 'count(*)', group_by: 'month(starts_at)' })).toEqual([
      { 'count(*)': 7, 'month(starts_at)': '7' },
      { 'count(*)': 1, 'month(starts_at)': '8' },
    ]);
    expect(
      await events({
        select: 'count(*)',
        group_by: "date_format(starts_at, 'EEEE')",
        lang: 'en',
        timezone: 'Europe/Paris',
        order_by: 'count(*) DESC',
        limit: '1',
      }),
    ).toEqual([{ 'count(*)': 2, "date_format(starts_at, 'EEEE')": 'Thursday' }]);
    expect(await events({ select: 'count(*)', group_by: 'range(starts_at, 1 month)' })).toEqual([
      { 'count(*)': 7, 'range(starts_at, 1 month)': '2025-07-01T00:00:00.000Z' },
      { 'count(*)': 1, 'range(starts_at, 1 month)': '2025-08-01T00:00:00.000Z' },
    ]);
  });

  it('clusters points with geo_cluster', async () => {
    const rows = await groups({ select: 'count(*)', group_by: 'geo_cluster(coordinates, 0)' });
    expect(rows).toHaveLength(1);
    const [cluster] = rows as [
      {
        'count(*)': number;
        'geo_cluster(coordinates, 0)': { cluster_centroid: { lat: number; lon: number } };
      },
    ];
    expect(cluster['count(*)']).toBe(19);
    expect(cluster['geo_cluster(coordinates, 0)'].cluster_centroid.lat).toBeGreaterThan(40);
    // At zoom 1 a cell is 180° wide: the cities west of Greenwich make their own cluster.
    const halves = await groups({ select: 'count(*)', group_by: 'geo_cluster(coordinates, 1)' });
    expect(halves.map((r) => r['count(*)'])).toEqual([5, 14]);
  });

  it('aggregates without group_by as one group', async () => {
    expect(
      await groups({
        select:
          'count(*), avg(population) as mean, min(founded), max(founded), median(elevation), percentile(elevation, 90)',
      }),
    ).toEqual([
      {
        'count(*)': 20,
        mean: 1698667.4,
        'min(founded)': '0015-01-01',
        'max(founded)': '1275-01-01',
        'median(elevation)': 35,
        'percentile(elevation, 90)': expect.closeTo(243.2, 6),
      },
    ]);
    const [envelope] = await groups({ select: 'envelope(coordinates) as hull, bbox(coordinates) as box' });
    expect(envelope).toMatchObject({
      hull: { type: 'Feature', geometry: { type: 'Polygon' } },
      box: { type: 'Feature', geometry: { type: 'Polygon' } },
    });
  });

  it('answers the aggregates endpoint', async () => {
    const body = await get<AggregatesResponse>(
      `fixture-cities/aggregates?${query({ select: 'count(*) as num, country_code', group_by: 'country_code', order_by: 'num DESC', limit: '1' })}`,
    );
    expect(body.aggregations).toEqual([{ num: 5, country_code: 'FR' }]);
    const total = await get<AggregatesResponse>('fixture-cities/aggregates');
    expect(total.aggregations).toEqual([{ 'count(*)': 20 }]);
  });
});

describe('bbox() as an aggregate', () => {
  it("boxes a point field's records, filtered or not, and answers null when none match", async () => {
    const cities = fixtureCities();
    const all = (await aggregate('fixture-cities', 'bbox(coordinates) as box')).box as GeoJSON.Feature;
    expect(all.geometry.type).toBe('Polygon');
    expect(bboxOf(all.geometry)).toEqual(boxOf(cities));

    const fr = (await aggregate('fixture-cities', 'bbox(coordinates) as box', 'country_code = "FR"'))
      .box as GeoJSON.Feature;
    expect(bboxOf(fr.geometry)).toEqual(boxOf(cities.filter((c) => c.country === 'FR')));

    expect(
      (await aggregate('fixture-cities', 'bbox(coordinates) as box', 'country_code = "ZZ"')).box,
    ).toBeNull();
  });

  it("boxes a shape field's outlines", async () => {
    const regions = JSON.parse(
      readFileSync('tests/fixtures/portal/regions/data.geojson', 'utf8'),
    ) as GeoJSON.FeatureCollection;
    const boxes = regions.features.map((f) => bboxOf(f.geometry));
    const expected = [
      Math.min(...boxes.map((b) => b[0])),
      Math.min(...boxes.map((b) => b[1])),
      Math.max(...boxes.map((b) => b[2])),
      Math.max(...boxes.map((b) => b[3])),
    ];
    const shapes = (await aggregate('fixture-regions', 'bbox(geo_shape) as box')).box as GeoJSON.Feature;
    expect(bboxOf(shapes.geometry)).toEqual(expected);
  });
});
