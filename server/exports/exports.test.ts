import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetResponse, Link, RecordsResponse } from '../../common/ods-api/types';
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
} from '../testing/export-checks';
import { exportTestPortal, MANY_ROWS } from '../testing/export-test-portal';
import { readCsv, readShp } from '../testing/read-back';

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

async function expectation(c: (typeof CASES)[number]): Promise<Expected> {
  return {
    records: await records(c.dataset, c.params),
    types: await fieldTypes(c.dataset),
    host: 'portal.test',
    label: label(c),
  };
}

describe('exports: read back and compared with the records endpoint', () => {
  it.each(CASES)('csv: $dataset $params', async (c) => {
    checkCsv((await exported(c.dataset, 'csv', c.params)).text, await expectation(c));
  });

  it.each(CASES)('json and jsonl: $dataset $params', async (c) => {
    const e = await expectation(c);
    checkJson((await exported(c.dataset, 'json', c.params)).text, e);
    checkJsonl((await exported(c.dataset, 'jsonl', c.params)).text, e);
  });

  it.each(CASES.filter((c) => c.geo))('geojson: $dataset $params', async (c) => {
    checkGeojson((await exported(c.dataset, 'geojson', c.params)).text, await expectation(c));
  });

  it.each(CASES)('xlsx: $dataset $params', async (c) => {
    const e = await expectation(c);
    for (const format of ['xls', 'xlsx']) {
      const { bytes, response } = await exported(c.dataset, format, c.params);
      expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="${c.dataset}.xlsx"`);
      await checkXlsx(bytes, e, c.dataset);
    }
  });

  it.each(CASES.filter((c) => c.geo))('shp: $dataset $params', async (c) => {
    await checkShp((await exported(c.dataset, 'shp', c.params)).bytes, await expectation(c));
  });

  it.each(CASES.filter((c) => c.geo))('ov2: $dataset $params', async (c) => {
    checkOv2((await exported(c.dataset, 'ov2', c.params)).bytes, await expectation(c));
  });

  it.each(CASES.filter((c) => c.dated))('ical: $dataset $params', async (c) => {
    checkIcal((await exported(c.dataset, 'ical', c.params)).text, await expectation(c));
  });

  it.each(CASES.filter((c) => c.geo))('kml: $dataset $params', async (c) => {
    checkKml((await exported(c.dataset, 'kml', c.params)).text, await expectation(c));
  });

  it.each(CASES.filter((c) => c.geo))('gpx: $dataset $params', async (c) => {
    const e = await expectation(c);
    checkGpx((await exported(c.dataset, 'gpx', c.params)).text, e, false);
    checkGpx((await exported(c.dataset, 'gpx', { ...c.params, use_extension: 'true' })).text, e, true);
  });
});

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
