import { afterAll, describe, expect, it } from 'vitest';
import type { RootResponse } from '../../common/ods-api/types';
import type {
  AttachmentsResponseV21,
  CatalogDatasetsResponseV21,
  ExportFormatsResponseV21,
  FacetsResponseV21,
} from '../../common/ods-api/types-v21';
import { createApp } from '../app';
import { fixtureCities, fixtureDatasetCount } from '../testing/fixture-data';
import { fixtureApp } from '../testing/fixture-portal';
import { readCsv, readGpx, readXlsx } from '../testing/read-back';

/**
 * Explore v2.1 around the records: the catalog (datasets, facets, its own exports), dataset exports
 * with v2.1's defaults, attachments, what v2.1 no longer has (/aggregates), and the request forms
 * ODS's SDK sends (trailing slashes, `Authorization: ApiKey`).
 */

const { app, store, cleanup } = fixtureApp();
afterAll(cleanup);

const ROOT = 'http://portal.test/api/explore/v2.1';
const cities = fixtureCities();

async function get<T>(path: string, status = 200, init?: RequestInit): Promise<T> {
  const response = await app.request(`${ROOT}${path}`, init);
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(status);
  return body as T;
}

async function download(path: string): Promise<Response> {
  const response = await app.request(`${ROOT}${path}`);
  expect(response.status, path).toBe(200);
  return response;
}

/** A CSV body as text, and whether it starts with a BOM (Response.text() would drop it silently). */
async function csvOf(response: Response): Promise<{ bom: boolean; text: string }> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { bom, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bom ? bytes.slice(3) : bytes) };
}

describe('v2.1 catalog', () => {
  it('lists datasets flat in results, with total_count', async () => {
    const body = await get<CatalogDatasetsResponseV21>('/catalog/datasets?limit=100');
    expect(Object.keys(body)).toEqual(['total_count', 'results']);
    expect(body.total_count).toBe(fixtureDatasetCount());
    expect(body.results.map((d) => d.dataset_id).sort()).toEqual(
      store
        .datasets()
        .map((d) => d.dataset_id)
        .sort(),
    );
    expect(body.results.every((d) => d.visibility === 'domain' && !('_links' in d))).toBe(true);
  });

  it('puts selected metadata at the root of each result', async () => {
    const params = new URLSearchParams({
      select: 'dataset_id, title, default.records_count as n',
      where: 'dataset_id = "fixture-cities"',
    });
    const body = await get<CatalogDatasetsResponseV21>(`/catalog/datasets?${params}`);
    expect(body.results).toEqual([
      {
        dataset_id: 'fixture-cities',
        title: store.dataset('fixture-cities')!.metas.default.title,
        n: cities.length,
      },
    ]);
  });

  it('answers an unknown metadata name in select with an ODSQLError', async () => {
    const body = await get<{ error_code: string; message: string }>(
      '/catalog/datasets?select=no_such_meta',
      400,
    );
    expect(body.error_code).toBe('ODSQLError');
    expect(body.message).toContain('Clause(s) containing the error(s): select.');
  });

  it('adds _links on the page and on each dataset with include_links=true', async () => {
    const body = await get<CatalogDatasetsResponseV21>('/catalog/datasets?limit=1&include_links=true');
    expect(body._links!.map((l) => l.rel)).toEqual(['self', 'first', 'last', 'next']);
    const links = body.results[0]!._links!;
    expect(links[0]).toEqual({
      rel: 'self',
      href: `${ROOT}/catalog/datasets/${body.results[0]!.dataset_id}`,
    });
  });

  it('counts catalog facets, with _links', async () => {
    const body = await get<FacetsResponseV21>('/catalog/facets?facet=features');
    expect(Object.keys(body)).toEqual(['_links', 'facets']);
    const geo = body.facets[0]!.facets.find((f) => f.name === 'geo');
    expect(geo?.count).toBe(store.datasets().filter((d) => d.features.includes('geo')).length);
  });

  it('exports its metadata as csv, json and xlsx, one row per dataset', async () => {
    const formats = await get<ExportFormatsResponseV21>('/catalog/exports');
    expect(formats._links.map((l) => l.rel)).toEqual(['csv', 'json', 'xlsx']);
    const total = fixtureDatasetCount();

    const csv = await csvOf(
      await download('/catalog/exports/csv?select=dataset_id,records_count&order_by=dataset_id'),
    );
    expect(csv.bom).toBe(true);
    const rows = readCsv(csv.text);
    expect(rows[0]).toEqual(['dataset_id', 'records_count']);
    expect(rows.slice(1).find((r) => r[0] === 'fixture-cities')).toEqual([
      'fixture-cities',
      String(cities.length),
    ]);
    expect(rows).toHaveLength(total + 1);

    const json = (await (await download('/catalog/exports/json')).json()) as {
      dataset_id: string;
      title: string;
    }[];
    expect(json).toHaveLength(total);
    expect(json.find((d) => d.dataset_id === 'fixture-cities')?.title).toBe(
      store.dataset('fixture-cities')!.metas.default.title,
    );

    const xlsx = await readXlsx(
      new Uint8Array(await (await download('/catalog/exports/xlsx?select=dataset_id')).arrayBuffer()),
    );
    expect(xlsx.rows).toHaveLength(total + 1);
    expect((await get<{ error_code: string }>('/catalog/exports/xls', 400)).error_code).toBe(
      'InvalidRESTParameterError',
    );
  });
});

describe('v2.1 dataset exports', () => {
  it('offer xlsx, not xls, and list formats as _links', async () => {
    const body = await get<ExportFormatsResponseV21>('/catalog/datasets/fixture-cities/exports');
    const names = body._links.map((l) => l.rel);
    expect(names).toContain('xlsx');
    expect(names).not.toContain('xls');
    await get('/catalog/datasets/fixture-cities/exports/xls', 400);
    const xlsx = await readXlsx(
      new Uint8Array(await (await download('/catalog/datasets/fixture-cities/exports/xlsx')).arrayBuffer()),
    );
    expect(xlsx.rows).toHaveLength(cities.length + 1);
  });

  it('write a BOM in CSV by default (v2.0 does not), and none with with_bom=false', async () => {
    const v21 = await csvOf(await download('/catalog/datasets/fixture-cities/exports/csv'));
    expect(v21.bom).toBe(true);
    expect(readCsv(v21.text)).toHaveLength(cities.length + 1);
    const off = await csvOf(await download('/catalog/datasets/fixture-cities/exports/csv?with_bom=false'));
    expect(off.bom).toBe(false);
    const v20 = await csvOf(
      await app.request('http://portal.test/api/v2/catalog/datasets/fixture-cities/exports/csv'),
    );
    expect(v20.bom).toBe(false);
    expect(v20.text).toBe(off.text);
    expect(v21.text).toBe(off.text);
  });

  it('write GPX fields as extensions by default', async () => {
    const gpx = await (
      await download('/catalog/datasets/fixture-cities/exports/gpx?where=name="Paris"')
    ).text();
    expect(gpx).toContain('<extensions>');
    expect(readGpx(gpx).features).toHaveLength(1);
    const v20 = await (
      await app.request(
        'http://portal.test/api/v2/catalog/datasets/fixture-cities/exports/gpx?where=name="Paris"',
      )
    ).text();
    expect(v20).not.toContain('<extensions>');
  });

  it('allow group_by', async () => {
    const json = (await (
      await download(
        '/catalog/datasets/fixture-cities/exports/json?select=count(*) as n&group_by=country_code',
      )
    ).json()) as { n: number }[];
    expect(json).toHaveLength(new Set(cities.map((c) => c.country_code)).size);
    expect(json.reduce((sum, g) => sum + g.n, 0)).toBe(cities.length);
  });
});

describe('v2.1 attachments, and what v2.1 dropped', () => {
  it('lists attachments under _links and serves each', async () => {
    const body = await get<AttachmentsResponseV21>('/catalog/datasets/fixture-cities/attachments');
    expect(Object.keys(body)).toEqual(['_links', 'attachments']);
    const expected = store.attachments('fixture-cities');
    expect(body.attachments.map((a) => a.metas.title).sort()).toEqual(expected.map((a) => a.title).sort());
    const first = body.attachments[0]!;
    expect(first.href.startsWith(`${ROOT}/catalog/datasets/fixture-cities/attachments/`)).toBe(true);
    const file = await app.request(first.href);
    expect(file.status).toBe(200);
    expect(file.headers.get('Content-Type')).toContain(first.metas['mime-type'].split(';')[0]!);
  });

  it('answers /aggregates with a 404 error body, as ODS does since v2.1', async () => {
    for (const path of [
      '/catalog/aggregates',
      '/catalog/datasets/fixture-cities/aggregates?select=count(*)',
    ]) {
      const body = await get<{ error_code: string }>(path, 404);
      expect(body.error_code).toBe('NotFoundResource');
    }
  });
});

describe('requests as ODS clients send them', () => {
  it('answers paths with a trailing slash directly, without a redirect', async () => {
    for (const path of [
      '/catalog/datasets/',
      '/catalog/facets/',
      '/catalog/datasets/fixture-cities/records/',
      '/',
    ]) {
      const response = await app.request(`${ROOT}${path}`);
      expect(response.status, path).toBe(200);
    }
  });

  it('accepts an API key in the Authorization header, in any case of the scheme, and as apikey=', async () => {
    for (const scheme of ['ApiKey', 'Apikey', 'APIKEY', 'apikey']) {
      await get('/catalog/datasets?limit=1', 200, {
        headers: { Authorization: `${scheme} 0123456789abcdef` },
      });
    }
    await get('/catalog/datasets?limit=1&apikey=0123456789abcdef');
  });

  it('serves v2.0 under /api/explore/v2.0 exactly as under /api/v2', async () => {
    const path = '/catalog/datasets/fixture-cities/records?limit=2&order_by=population DESC';
    const a = await (await app.request(`http://portal.test/api/v2${path}`)).text();
    const b = await (await app.request(`http://portal.test/api/explore/v2.0${path}`)).text();
    expect(b).toBe(a.replaceAll('/api/v2/', '/api/explore/v2.0/'));
    const root = (await (
      await app.request('http://portal.test/api/explore/v2.0/catalog')
    ).json()) as RootResponse;
    expect(root.links[0]!.href).toBe('http://portal.test/api/explore/v2.0/catalog');
  });

  it('serves only the versions asked for', async () => {
    const only21 = createApp({ store, log: () => {}, api: ['2.1'] });
    expect((await only21.request('http://portal.test/api/v2/catalog/datasets')).status).toBe(404);
    expect((await only21.request('http://portal.test/api/explore/v2.0/catalog/datasets')).status).toBe(404);
    expect((await only21.request(`${ROOT}/catalog/datasets`)).status).toBe(200);
    const only20 = createApp({ store, log: () => {}, api: ['2.0'] });
    expect((await only20.request(`${ROOT}/catalog/datasets`)).status).toBe(404);
    expect((await only20.request('http://portal.test/api/v2/catalog/datasets')).status).toBe(200);
  });
});
