import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetResponse, RecordsResponse } from '../../common/ods-api/types';
import { createApp } from '../app';
import { DEFAULT_SAMPLE_DIR, ensureSamplePortal } from '../seed/sample-portal';
import { syncPortal } from '../store/ingest';
import { Store } from '../store/store';
import {
  checkCsv,
  checkGeojson,
  checkGpx,
  checkIcal,
  checkJson,
  checkJsonl,
  checkKml,
  checkOv2,
  checkShp,
  checkXlsx,
  type Expected,
  type ExpectedRecord,
} from '../testing/export-checks';
import { readCsv, readKml, readShp } from '../testing/read-back';

/**
 * Every export of the real sample portal (GeoNames cities, world countries with flags and shapes,
 * airports, earthquakes, Seattle weather, US zip codes) read back and compared with the records
 * endpoint, page by page. The 135,000 cities are compared on France (8,836 records), and their full
 * CSV export is counted. Slow: the sample portal is ingested once, in a temporary store.
 */

const temp = mkdtempSync(join(tmpdir(), 'ods-sample-exports-'));
let store: Store;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  const { dir } = ensureSamplePortal(DEFAULT_SAMPLE_DIR, { log: () => {} });
  store = new Store(join(temp, 'portal.sqlite'));
  const report = syncPortal(store, dir, { log: () => {} });
  expect(report.failed).toEqual([]);
  app = createApp({ store, log: () => {} });
}, 300_000);

afterAll(() => {
  store?.close();
  rmSync(temp, { recursive: true, force: true });
});

const BASE = 'http://portal.test/api/v2/catalog/datasets';
type Params = Record<string, string>;

/** Every record of the query, through the records endpoint (100 a page), within its limit and offset. */
async function allRecords(dataset: string, params: Params): Promise<ExpectedRecord[]> {
  const { limit, offset, ...query } = params;
  const start = Number(offset ?? 0);
  const out: ExpectedRecord[] = [];
  for (let at = start; ; at += 100) {
    const want = limit === undefined ? 100 : Math.min(100, start + Number(limit) - at);
    if (want <= 0) break;
    const search = new URLSearchParams({ ...query, limit: String(want), offset: String(at) });
    const response = await app.request(`${BASE}/${dataset}/records?${search}`);
    const body = (await response.json()) as RecordsResponse;
    expect(response.status, JSON.stringify(body)).toBe(200);
    out.push(...body.records.map((r) => ({ id: r.record.id, fields: r.record.fields })));
    if (body.records.length < want) break;
  }
  return out;
}

/**
 * Exports are asked once each: the outline test reads the same world-countries exports as its
 * case (tens of megabytes), and the store does not change in this file.
 */
const exports = new Map<string, Promise<{ bytes: Uint8Array; text: string }>>();

function exported(dataset: string, format: string, params: Params) {
  const url = `${BASE}/${dataset}/exports/${format}?${new URLSearchParams(params)}`;
  let answer = exports.get(url);
  if (!answer) {
    answer = (async () => {
      const response = await app.request(url);
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (response.status !== 200) throw new Error(`${format}: ${response.status} ${Buffer.from(bytes)}`);
      return { bytes, text: Buffer.from(bytes).toString('utf8') };
    })();
    exports.set(url, answer);
  }
  return answer;
}

const CASES: { dataset: string; params: Params }[] = [
  { dataset: 'airports', params: {} },
  { dataset: 'earthquakes', params: {} },
  { dataset: 'seattle-weather', params: {} },
  { dataset: 'us-zip-codes', params: { limit: '3000', offset: '1000' } },
  // Every kind of outline, not all 250 (their GPX and KML read back took most of this file's
  // minute): one polygon (Lesotho), one with a hole (South Africa, around Lesotho), islands
  // (Indonesia, Canada, France with its overseas parts), shapes across the date line (Fiji,
  // Russia), and Kosovo, which has no outline. The outline test below exports all of them.
  {
    dataset: 'world-countries',
    params: { where: 'cca2 IN ("LS", "ZA", "ID", "CA", "FR", "FJ", "RU", "XK")' },
  },
  // The centres alone: a point field is the geometry when the selection has no shape.
  { dataset: 'world-countries', params: { select: 'exclude(geo_shape)' } },
  { dataset: 'geonames-all-cities-with-a-population-1000', params: { refine: 'country_code:FR' } },
];

describe('exports of the sample portal', () => {
  it.each(CASES)(
    '$dataset $params: every format, read back, equals the records endpoint',
    async ({ dataset, params }) => {
      const info = (await (await app.request(`${BASE}/${dataset}`)).json()) as DatasetResponse;
      const types = new Map(info.dataset.fields.map((f) => [f.name, f.type as string]));
      const records = await allRecords(dataset, params);
      expect(records.length).toBeGreaterThan(0);
      const e: Expected = {
        records,
        types,
        host: 'portal.test',
        label: `${dataset} ${new URLSearchParams(params)}`,
      };
      const keys = Object.keys(records[0]!.fields);
      const geo = keys.some((k) => types.get(k)?.startsWith('geo_'));
      const dated = keys.some((k) => types.get(k) === 'date' || types.get(k) === 'datetime');

      checkCsv((await exported(dataset, 'csv', params)).text, e);
      checkJson((await exported(dataset, 'json', params)).text, e);
      checkJsonl((await exported(dataset, 'jsonl', params)).text, e);
      await checkXlsx((await exported(dataset, 'xlsx', params)).bytes, e, dataset);
      if (geo) {
        checkGeojson((await exported(dataset, 'geojson', params)).text, e);
        await checkShp((await exported(dataset, 'shp', params)).bytes, e);
        checkKml((await exported(dataset, 'kml', params)).text, e);
        checkGpx((await exported(dataset, 'gpx', params)).text, e, false);
        checkOv2((await exported(dataset, 'ov2', params)).bytes, e);
      }
      if (dated) checkIcal((await exported(dataset, 'ical', params)).text, e);
    },
    300_000,
  );

  it('exports the outlines of the countries, not their centres, as the geometry of the geo formats', async () => {
    // world-countries has a centre (geo_point_2d) before its outline (geo_shape), as ODS datasets often do.
    const geojson = JSON.parse((await exported('world-countries', 'geojson', {})).text) as FeatureCollection;
    const kinds = new Set(geojson.features.map((f) => f.geometry?.type ?? 'none'));
    expect([...kinds].sort()).toEqual(['MultiPolygon', 'Polygon', 'none']);
    const france = geojson.features.find((f) => f.properties?.cca2 === 'FR')!;
    expect(france.geometry.type).toBe('MultiPolygon');
    expect(france.properties?.centroid).toEqual({ lat: expect.any(Number), lon: expect.any(Number) });

    const kml = readKml((await exported('world-countries', 'kml', {})).text);
    expect(kml.features.filter((f) => f.geometry?.type === 'Point')).toEqual([]);
    expect(kml.features.filter((f) => f.geometry !== null).length).toBe(249);

    const layers = await readShp((await exported('world-countries', 'shp', {})).bytes);
    const shapes = layers.flatMap((layer) => layer.features.map((f): string => f.geometry?.type ?? 'none'));
    // Kosovo has no outline in world-countries: a null shape, never its centre.
    expect(new Set(shapes)).toEqual(new Set(['Polygon', 'MultiPolygon', 'none']));
    expect(shapes.filter((kind) => kind === 'none')).toHaveLength(1);
  }, 120_000);

  it('exports all 135,000 cities as CSV, and their flags resolve', async () => {
    const count = store.dataset('geonames-all-cities-with-a-population-1000')!.metas.default.records_count;
    expect(count).toBeGreaterThan(130_000);
    const rows = readCsv((await exported('geonames-all-cities-with-a-population-1000', 'csv', {})).text);
    expect(rows).toHaveLength(count + 1);

    const [france] = await allRecords('world-countries', { where: 'cca2 = "FR"', select: 'flag' });
    const flag = france!.fields.flag as { url: string; mimetype: string; filename: string };
    expect(flag.mimetype).toBe('image/svg+xml');
    const response = await app.request(flag.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/svg+xml');
    expect(response.headers.get('ETag')).toMatch(/^"[0-9a-f]{40}"$/);
    expect((await response.text()).startsWith('<svg')).toBe(true);
  }, 120_000);
});
