import { gunzipSync } from 'node:zlib';
import type { Geometry } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetResponse, Link, RecordsResponse } from '../../common/ods-api/types';
import { dbfFieldNames } from './dbf';
import {
  expectedText,
  normalizeRings,
  readCsv,
  readGpx,
  readIcal,
  readKml,
  readOv2,
  readShp,
  readXlsx,
  unguard,
} from './read-back';
import { exportTestPortal, MANY_ROWS } from './test-portal';

/**
 * Every export format read back by an independent reader and compared with the records endpoint
 * for the same query: same rows, in the same order, with the same values.
 */

const portal = exportTestPortal();
afterAll(portal.cleanup);

const BASE = 'http://portal.test/api/v2/catalog/datasets';
type Params = Record<string, string>;
type Row = { id: string; fields: Record<string, unknown> };

const search = (params: Params) => new URLSearchParams(params).toString();

async function records(dataset: string, params: Params): Promise<Row[]> {
  const query = { ...params, limit: params.limit ?? '100' };
  const response = await portal.app.request(`${BASE}/${dataset}/records?${search(query)}`);
  const body = (await response.json()) as RecordsResponse;
  expect(response.status, JSON.stringify(body)).toBe(200);
  expect(body.total_count - Number(params.offset ?? 0)).toBeLessThanOrEqual(100);
  return body.records.map((r) => ({ id: r.record.id, fields: r.record.fields }));
}

const types = new Map<string, Map<string, string>>();
async function fieldTypes(dataset: string): Promise<Map<string, string>> {
  let known = types.get(dataset);
  if (!known) {
    const body = (await (await portal.app.request(`${BASE}/${dataset}`)).json()) as DatasetResponse;
    known = new Map(body.dataset.fields.map((f) => [f.name, f.type]));
    types.set(dataset, known);
  }
  return known;
}

async function exported(dataset: string, format: string, params: Params = {}) {
  const response = await portal.app.request(`${BASE}/${dataset}/exports/${format}?${search(params)}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.status !== 200)
    throw new Error(`${format}: ${response.status} ${Buffer.from(bytes).toString()}`);
  return { response, bytes, text: Buffer.from(bytes).toString('utf8') };
}

/** Queries run in every format that applies: defaults, and every parameter an export honours. */
const CASES: { dataset: string; params: Params; geo?: boolean; dated?: boolean }[] = [
  { dataset: 'fixture-cities', params: {}, geo: true, dated: true },
  {
    dataset: 'fixture-cities',
    params: {
      select: 'name, population, coordinates, alternate_names, capital, founded, elevation',
      where: 'population > 500000',
      order_by: 'population DESC',
      limit: '6',
      offset: '1',
    },
    geo: true,
    dated: true,
  },
  {
    dataset: 'fixture-cities',
    params: { refine: 'country_code:FR', exclude: 'capital:true' },
    geo: true,
    dated: true,
  },
  { dataset: 'fixture-events', params: { timezone: 'America/New_York', lang: 'en' }, dated: true },
  {
    dataset: 'fixture-events',
    params: { where: '"jazz" OR category = "Theatre"', order_by: 'attendance' },
    dated: true,
  },
  { dataset: 'fixture-regions', params: {}, geo: true },
  { dataset: 'gallery', params: {}, geo: true, dated: true },
  { dataset: 'gallery', params: { timezone: 'Asia/Tokyo', order_by: 'title DESC' }, geo: true, dated: true },
];

const label = (c: (typeof CASES)[number]) => `${c.dataset} ${search(c.params) || '(defaults)'}`;

describe('exports: read back and compared with the records endpoint', () => {
  it.each(CASES)('csv: $dataset $params', async (c) => {
    const expected = await records(c.dataset, c.params);
    const fieldsOf = await fieldTypes(c.dataset);
    const { text } = await exported(c.dataset, 'csv', c.params);
    expect(text.startsWith('\uFEFF')).toBe(false);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = readCsv(text);
    const keys = Object.keys(expected[0]!.fields);
    expect(header, label(c)).toEqual(keys);
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, r) => {
      const wanted = keys.map((key) => expectedText(expected[r]!.fields[key], fieldsOf.get(key) ?? 'text'));
      expect(row.map(unguard), `${label(c)} row ${r}`).toEqual(wanted);
    });
  });

  it.each(CASES)('json and jsonl: $dataset $params', async (c) => {
    const expected = await records(c.dataset, c.params);
    const json = JSON.parse((await exported(c.dataset, 'json', c.params)).text) as unknown[];
    expect(json).toEqual(expected.map((r) => r.fields));
    const lines = (await exported(c.dataset, 'jsonl', c.params)).text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line))).toEqual(expected.map((r) => r.fields));
  });

  it.each(CASES.filter((c) => c.geo))('geojson: $dataset $params', async (c) => {
    const expected = await records(c.dataset, c.params);
    const fieldsOf = await fieldTypes(c.dataset);
    const collection = JSON.parse((await exported(c.dataset, 'geojson', c.params)).text);
    expect(collection.type).toBe('FeatureCollection');
    const geoKey = Object.keys(expected[0]!.fields).find((k) => /geo_/.test(fieldsOf.get(k) ?? ''))!;
    expect(collection.features).toEqual(
      expected.map((r) => {
        const { [geoKey]: geo, ...properties } = r.fields;
        return { type: 'Feature', geometry: geometryOf(geo, fieldsOf.get(geoKey)!), properties };
      }),
    );
  });

  it.each(CASES)('xlsx: $dataset $params', async (c) => {
    const expected = await records(c.dataset, c.params);
    const fieldsOf = await fieldTypes(c.dataset);
    for (const format of ['xls', 'xlsx']) {
      const { bytes, response } = await exported(c.dataset, format, c.params);
      expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="${c.dataset}.xlsx"`);
      const { name, rows } = await readXlsx(bytes);
      expect(name).toBe(c.dataset);
      const [header, ...body] = rows;
      const keys = Object.keys(expected[0]!.fields);
      expect(header).toEqual(keys);
      expect(body).toHaveLength(expected.length);
      body.forEach((row, r) => {
        const wanted = keys.map((key) => {
          const value = expected[r]!.fields[key];
          const type = fieldsOf.get(key) ?? 'text';
          if (value === null) return null;
          if ((typeof value === 'number' || typeof value === 'boolean') && type !== 'json_blob') return value;
          return expectedText(value, type);
        });
        expect(
          row.map((cell) => (typeof cell === 'string' ? unguard(cell) : cell)),
          `${label(c)} row ${r}`,
        ).toEqual(wanted);
      });
    }
  });

  it.each(CASES.filter((c) => c.geo))('shp: $dataset $params', async (c) => {
    const expected = await records(c.dataset, c.params);
    const fieldsOf = await fieldTypes(c.dataset);
    const { bytes, response } = await exported(c.dataset, 'shp', c.params);
    expect(response.headers.get('Content-Type')).toBe('application/zip');
    const layers = await readShp(bytes);
    const keys = Object.keys(expected[0]!.fields);
    const geoKey = keys.find((k) => /geo_/.test(fieldsOf.get(k) ?? ''))!;
    const attributes = keys.filter((k) => k !== geoKey);
    const names = dbfFieldNames(attributes);
    // Each kind of shape has its own layer; a record keeps its order within its layer.
    const features = layers.flatMap((layer) => layer.features);
    expect(features).toHaveLength(expected.length);
    const remaining = [...expected];
    for (const layer of layers) {
      for (const feature of layer.features) {
        const wanted = remaining.find((r) =>
          sameGeometry(geometryOf(r.fields[geoKey], fieldsOf.get(geoKey)!), feature.geometry),
        );
        expect(wanted, `${label(c)}: no record for ${JSON.stringify(feature.geometry)}`).toBeDefined();
        remaining.splice(remaining.indexOf(wanted!), 1);
        const props = feature.properties ?? {};
        attributes.forEach((key, k) => {
          const value = wanted!.fields[key];
          const type = fieldsOf.get(key) ?? 'text';
          const actual = props[names[k]!];
          if (type === 'int' || type === 'double')
            expect(value === null ? Number.isNaN(actual) : actual).toBe(value ?? true);
          // dBASE keeps "unknown" for a null boolean; the reader reads anything but T/Y as false.
          else if (type === 'boolean') expect(actual).toBe(value === true);
          else if (type === 'date') expect(dbfDate(actual as Date, value as string | null)).toBe(value);
          else expect(actual, `${label(c)} ${key}`).toBe(expectedText(value, type).slice(0, 254).trim());
        });
      }
    }
  });

  it.each(CASES.filter((c) => c.geo))('ov2: $dataset $params', async (c) => {
    const expected = await records(c.dataset, c.params);
    const fieldsOf = await fieldTypes(c.dataset);
    const { bytes } = await exported(c.dataset, 'ov2', c.params);
    const points = readOv2(bytes);
    const keys = Object.keys(expected[0]!.fields);
    const geoKey = keys.find((k) => /geo_/.test(fieldsOf.get(k) ?? ''))!;
    const nameKey =
      keys.find((k) => k === 'name' || k === 'title') ?? keys.find((k) => fieldsOf.get(k) === 'text')!;
    const placed = expected.filter((r) => r.fields[geoKey] !== null);
    expect(points).toHaveLength(placed.length);
    points.forEach((point, k) => {
      const value = placed[k]!.fields[geoKey];
      if (fieldsOf.get(geoKey) === 'geo_point_2d') {
        const p = value as { lat: number; lon: number };
        expect(point.lon).toBeCloseTo(p.lon, 5);
        expect(point.lat).toBeCloseTo(p.lat, 5);
      }
      expect(point.name).toBe(expectedText(placed[k]!.fields[nameKey], 'text', ','));
    });
  });

  it.each(CASES.filter((c) => c.dated))('ical: $dataset $params', async (c) => {
    const expected = await records(c.dataset, c.params);
    const fieldsOf = await fieldTypes(c.dataset);
    const { text, response } = await exported(c.dataset, 'ical', c.params);
    expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const calendar = readIcal(text);
    const keys = Object.keys(expected[0]!.fields);
    const startKey = keys.find((k) => ['date', 'datetime'].includes(fieldsOf.get(k) ?? ''))!;
    const summaryKey =
      keys.find((k) => k === 'name' || k === 'title') ?? keys.find((k) => fieldsOf.get(k) === 'text');
    const dated = expected.filter((r) => r.fields[startKey] !== null);
    expect(calendar.events).toHaveLength(dated.length);
    calendar.events.forEach((event, k) => {
      const record = dated[k]!;
      expect(event.uid).toBe(`${record.id}@portal.test`);
      const start = record.fields[startKey] as string;
      expect(event.start).toBe(fieldsOf.get(startKey) === 'date' ? start : new Date(start).toISOString());
      if (summaryKey) expect(event.summary).toBe(expectedText(record.fields[summaryKey], 'text', ', '));
      for (const key of keys) {
        const value = record.fields[key];
        if (key === startKey || key === summaryKey || value === null || typeof value === 'object') continue;
        expect(event.description).toContain(String(value));
      }
    });
  });

  it.each(CASES.filter((c) => c.geo))('kml: $dataset $params', async (c) => {
    const expected = await records(c.dataset, c.params);
    const fieldsOf = await fieldTypes(c.dataset);
    const collection = readKml((await exported(c.dataset, 'kml', c.params)).text);
    const keys = Object.keys(expected[0]!.fields);
    const geoKey = keys.find((k) => /geo_/.test(fieldsOf.get(k) ?? ''))!;
    expect(collection.features).toHaveLength(expected.length);
    collection.features.forEach((feature, k) => {
      const record = expected[k]!;
      expect(sameGeometry(geometryOf(record.fields[geoKey], fieldsOf.get(geoKey)!), feature.geometry)).toBe(
        true,
      );
      for (const key of keys) {
        if (key === geoKey) continue;
        const value = record.fields[key];
        const actual = feature.properties?.[key];
        expect(actual, `${label(c)} ${key}`).toBe(
          value === null ? undefined : expectedText(value, fieldsOf.get(key) ?? 'text'),
        );
      }
    });
  });

  it.each(CASES.filter((c) => c.geo))('gpx: $dataset $params', async (c) => {
    const expected = await records(c.dataset, c.params);
    const fieldsOf = await fieldTypes(c.dataset);
    for (const useExtension of ['false', 'true']) {
      const { text } = await exported(c.dataset, 'gpx', { ...c.params, use_extension: useExtension });
      const collection = readGpx(text);
      const keys = Object.keys(expected[0]!.fields);
      const geoKey = keys.find((k) => /geo_/.test(fieldsOf.get(k) ?? ''))!;
      const nameKey =
        keys.find((k) => k === 'name' || k === 'title') ?? keys.find((k) => fieldsOf.get(k) === 'text')!;
      const placed = expected.filter((r) => r.fields[geoKey] !== null);
      expect(collection.features).toHaveLength(placed.length);
      // togeojson lists tracks before waypoints; within each, the file's order.
      const tracks = collection.features.filter((f) => f.properties?._gpxType === 'trk');
      const waypoints = collection.features.filter((f) => f.properties?._gpxType !== 'trk');
      const ordered = [...waypoints, ...tracks];
      const byKind = [
        ...placed.filter(
          (r) =>
            fieldsOf.get(geoKey) === 'geo_point_2d' ||
            (r.fields[geoKey] as { geometry: Geometry }).geometry.type === 'Point',
        ),
        ...placed.filter(
          (r) =>
            fieldsOf.get(geoKey) !== 'geo_point_2d' &&
            (r.fields[geoKey] as { geometry: Geometry }).geometry.type !== 'Point',
        ),
      ];
      ordered.forEach((feature, k) => {
        const record = byKind[k]!;
        expect(feature.properties?.name).toBe(expectedText(record.fields[nameKey], 'text', ', '));
        const geometry = geometryOf(record.fields[geoKey], fieldsOf.get(geoKey)!)!;
        if (geometry.type === 'Point') {
          expect(feature.geometry).toEqual(geometry);
        } else if (geometry.type === 'Polygon') {
          expect(feature.geometry).toEqual({ type: 'LineString', coordinates: geometry.coordinates[0] });
        } else if (geometry.type === 'MultiPolygon') {
          const outers = geometry.coordinates.map((p) => p[0]!);
          expect(feature.geometry).toEqual(
            outers.length === 1
              ? { type: 'LineString', coordinates: outers[0] }
              : { type: 'MultiLineString', coordinates: outers },
          );
        }
        for (const key of keys) {
          const value = record.fields[key];
          if (key === geoKey || key === nameKey || value === null) continue;
          expect(feature.properties?.desc).toContain(expectedText(value, fieldsOf.get(key) ?? 'text', ', '));
          if (useExtension === 'true') {
            const extension = feature.properties?.[`ods_${key}`];
            const text = expectedText(value, fieldsOf.get(key) ?? 'text', ',');
            expect(String(extension)).toBe(String(text).trim());
          }
        }
      });
    }
  });
});

function geometryOf(value: unknown, type: string): Geometry | null {
  if (value === null || value === undefined) return null;
  if (type === 'geo_point_2d') {
    const p = value as { lat: number; lon: number };
    return { type: 'Point', coordinates: [p.lon, p.lat] };
  }
  return (value as { geometry: Geometry }).geometry;
}

function sameGeometry(a: Geometry | null, b: Geometry | null): boolean {
  const round = (value: unknown): unknown =>
    typeof value === 'number'
      ? Math.round(value * 1e9) / 1e9
      : Array.isArray(value)
        ? value.map(round)
        : value;
  const canonical = (g: Geometry | null) =>
    g ? JSON.stringify(round((normalizeRings(g) as { coordinates?: unknown }).coordinates)) : null;
  // A shapefile has no MultiPolygon: a polygon with several outer rings reads back as one.
  const kind = (g: Geometry | null) => g?.type.replace(/^Multi/, '');
  return (
    kind(a) === kind(b) && (canonical(a) === canonical(b) || canonical(flatten(a)) === canonical(flatten(b)))
  );
}

function flatten(g: Geometry | null): Geometry | null {
  if (g?.type === 'MultiPolygon') return { type: 'Polygon', coordinates: g.coordinates.flat() };
  if (g?.type === 'Polygon') return g;
  return g;
}

/**
 * The date shpjs read from a D field, as 'YYYY-MM-DD'. It builds a local Date from the digits, and
 * JavaScript reads years 0–99 given that way as 1900–1999: the file holds the right year.
 */
function dbfDate(date: Date, expected: string | null): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  let year = date.getFullYear();
  if (
    expected !== null &&
    Number(expected.slice(0, 4)) < 100 &&
    year === 1900 + Number(expected.slice(0, 4))
  ) {
    year -= 1900;
  }
  return `${pad(year, 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

describe('exports: CSV options and the formula guard', () => {
  it('guards cells a spreadsheet would run, and leaves numbers alone', async () => {
    const { text } = await exported('gallery', 'csv', { select: 'photo_id, title, caption, tags, location' });
    const rows = readCsv(text);
    expect(rows[2]).toEqual([
      '2',
      `'=HYPERLINK("http://evil.test","click")`,
      '-12.5',
      `'+33 1 23 45 67,@cmd`,
      '-33.8688, 151.2093',
    ]);
    expect(rows[4]).toEqual(['4', `'-rest`, `'@SUM(1+1)`, 'a,b,c', '0, 0']);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
  });

  it('honours delimiter, list_separator, quote_all, with_bom and use_labels', async () => {
    const params = {
      select: 'name, alternate_names, population',
      refine: 'country_code:FR',
      order_by: 'population DESC',
      limit: '2',
    };
    const plain = (await exported('fixture-cities', 'csv', params)).text;
    expect(plain).toBe(
      'name;alternate_names;population\r\nParis;Lutetia,Paname,Parigi;2138551\r\nMarseille;Massalia,Marsiglia;870731\r\n',
    );
    const tab = (
      await exported('fixture-cities', 'csv', { ...params, delimiter: '\t', list_separator: ' | ' })
    ).text;
    expect(tab.split('\r\n')[1]).toBe('Paris\tLutetia | Paname | Parigi\t2138551');
    const comma = (await exported('fixture-cities', 'csv', { ...params, delimiter: ',' })).text;
    expect(comma.split('\r\n')[1]).toBe('Paris,"Lutetia,Paname,Parigi",2138551');
    const pipe = (await exported('fixture-cities', 'csv', { ...params, delimiter: '|', quote_all: 'true' }))
      .text;
    expect(pipe.split('\r\n')[0]).toBe('"name"|"alternate_names"|"population"');
    const bom = (await exported('fixture-cities', 'csv', { ...params, with_bom: 'true', use_labels: 'true' }))
      .text;
    expect(bom.startsWith('\uFEFFName;Alternate names;Population\r\n')).toBe(true);
  });

  it('refuses options ODS refuses, naming them', async () => {
    for (const [params, word] of [
      [{ delimiter: ':' }, 'delimiter'],
      [{ with_bom: 'maybe' }, 'with_bom'],
      [{ limit: '-2' }, 'limit'],
      [{ epsg: '2154' }, 'epsg'],
      [{ where: 'nope = 1' }, 'where'],
    ] as const) {
      const response = await portal.app.request(`${BASE}/fixture-cities/exports/csv?${search(params)}`);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { message: string };
      expect(body.message).toContain(word);
    }
  });
});

describe('exports: the endpoint', () => {
  it('lists the formats each dataset offers', async () => {
    const rels = async (dataset: string) => {
      const body = (await (await portal.app.request(`${BASE}/${dataset}/exports`)).json()) as {
        links: Link[];
      };
      expect(body.links[0]).toEqual({ href: `${BASE}/${dataset}/exports/csv`, rel: 'csv' });
      return body.links.map((l) => l.rel);
    };
    expect(await rels('fixture-cities')).toEqual([
      'csv',
      'json',
      'jsonl',
      'geojson',
      'xls',
      'shp',
      'kml',
      'gpx',
      'ov2',
      'ical',
    ]);
    expect(await rels('fixture-events')).toEqual(['csv', 'json', 'jsonl', 'xls', 'ical']);
    expect(await rels('fixture-regions')).toEqual([
      'csv',
      'json',
      'jsonl',
      'geojson',
      'xls',
      'shp',
      'kml',
      'gpx',
      'ov2',
    ]);
  });

  it.each([
    ['csv', 'text/csv; charset=utf-8', 'csv'],
    ['json', 'application/json; charset=utf-8', 'json'],
    ['jsonl', 'application/x-ndjson; charset=utf-8', 'jsonl'],
    ['geojson', 'application/geo+json; charset=utf-8', 'geojson'],
    ['xls', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
    ['shp', 'application/zip', 'zip'],
    ['kml', 'application/vnd.google-earth.kml+xml; charset=utf-8', 'kml'],
    ['gpx', 'application/gpx+xml; charset=utf-8', 'gpx'],
    ['ov2', 'application/octet-stream', 'ov2'],
    ['ical', 'text/calendar; charset=utf-8', 'ics'],
  ])('%s: Content-Type %s, downloaded as fixture-cities.%s', async (format, type, extension) => {
    const { response } = await exported('fixture-cities', format);
    expect(response.headers.get('Content-Type')).toBe(type);
    expect(response.headers.get('Content-Disposition')).toBe(
      `attachment; filename="fixture-cities.${extension}"`,
    );
  });

  it('gzips with compressed=true: a .gz file, not a transfer encoding', async () => {
    const plain = await exported('fixture-cities', 'json');
    const zipped = await exported('fixture-cities', 'json', { compressed: 'true' });
    expect(zipped.response.headers.get('Content-Encoding')).toBeNull();
    expect(zipped.response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(zipped.response.headers.get('Content-Disposition')).toBe(
      'attachment; filename="fixture-cities.json.gz"',
    );
    expect(gunzipSync(zipped.bytes).toString('utf8')).toBe(plain.text);
  });

  it('exports every record, past the 10,000 of the records endpoint, and honours limit and offset', async () => {
    const all = readCsv((await exported('many', 'csv', { select: 'n' })).text);
    expect(all).toHaveLength(MANY_ROWS + 1);
    expect(all[MANY_ROWS]).toEqual([String(MANY_ROWS)]);
    const page = readCsv(
      (await exported('many', 'csv', { select: 'n', limit: '15000', offset: '20000' })).text,
    );
    expect(page).toHaveLength(15001);
    expect(page[1]).toEqual(['20001']);
    expect(page[15000]).toEqual(['35000']);
  });

  it('exports grouped rows (group_by, as v2.1 allows on exports)', async () => {
    const params = {
      select: 'country_code, count(*) as n, sum(population) as people',
      group_by: 'country_code',
    };
    const response = await portal.app.request(`${BASE}/fixture-cities/records?${search(params)}`);
    const grouped = (await response.json()) as { records: { record: { fields: Record<string, unknown> } }[] };
    const json = JSON.parse((await exported('fixture-cities', 'json', params)).text);
    expect(json).toEqual(grouped.records.map((r) => r.record.fields));
  });

  it('answers 400 for geo formats without geo fields and ical without dates, 404 for unknown datasets', async () => {
    for (const [path, status, words] of [
      ['fixture-events/exports/geojson', 400, 'has no geo field'],
      ['fixture-events/exports/shp', 400, 'has no geo field'],
      ['fixture-events/exports/kml', 400, 'has no geo field'],
      ['fixture-events/exports/gpx', 400, 'has no geo field'],
      ['fixture-events/exports/ov2', 400, 'has no geo field'],
      ['fixture-regions/exports/ical', 400, 'no date or datetime field'],
      ['fixture-cities/exports/geojson?select=name', 400, 'needs a geo field'],
      ['fixture-cities/exports/parquet', 400, 'not an export format'],
      ['nope/exports/csv', 404, 'Unknown dataset'],
    ] as const) {
      const response = await portal.app.request(`${BASE}/${path}`);
      expect(response.status, path).toBe(status);
      const body = (await response.json()) as { error_code: string; message: string };
      expect(body.message, path).toContain(words);
      expect(body.error_code).toBe(status === 404 ? 'NotFoundResource' : 'InvalidRESTParameterError');
    }
  });

  it('refuses a shapefile of more than 50,000 records, as ODS does, and accepts a narrower query', async () => {
    const response = await portal.app.request(`${BASE}/many/exports/shp`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('at most 50,000 records');
    const narrow = await exported('many', 'shp', { where: 'n <= 50000' });
    const [layer] = await readShp(narrow.bytes);
    expect(layer!.features).toHaveLength(50_000);
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await portal.app.request(`${BASE}/many/exports/csv`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(await response.text()).toBe('');
  });
});
