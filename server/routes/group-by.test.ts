import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { bboxOf } from '../../common/geo/bbox';
import type { GroupedRecordsResponse } from '../../common/ods-api/types';
import { fixtureApp } from '../testing/fixture-portal';

const { app, cleanup } = fixtureApp();
afterAll(cleanup);

const BASE = 'http://portal.test/api/v2/catalog/datasets';

async function aggregate(dataset: string, select: string, where?: string): Promise<Record<string, unknown>> {
  const search = new URLSearchParams({ select });
  if (where) search.set('where', where);
  const response = await app.request(`${BASE}/${dataset}/records?${search}`);
  const body = (await response.json()) as GroupedRecordsResponse;
  expect(response.status, JSON.stringify(body)).toBe(200);
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
