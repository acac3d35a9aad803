import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AttachmentsResponse,
  DatasetResponse,
  FacetsResponse,
  RecordsResponse,
} from '../../common/ods-api/types';
import { cmp, field, fullText } from '../../common/odsql/build';
import { attachmentUrl, fileUrl, getAttachments } from '../../src/api/attachments';
import { getCatalogDatasets, getCatalogFacets } from '../../src/api/catalog';
import { getJson, type PortalTarget } from '../../src/api/client';
import { getDataset, getDatasetFacets } from '../../src/api/dataset';
import {
  AuthenticationError,
  InvalidParameterError,
  NotFoundError,
  OdsqlError,
  PortalUnreachableError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
} from '../../src/api/errors';
import { exportUrl, getExportFormats } from '../../src/api/exports';
import { sendFeedback } from '../../src/api/feedback';
import { latestRateLimit } from '../../src/api/rate-limit';
import { getAggregates, getGroupedRecords, getRecord, getRecords } from '../../src/api/records';
import { getReuse, getReuses } from '../../src/api/reuses';
import { getSnapshots, snapshotUrl } from '../../src/api/snapshots';
import { type RecordedPortal, recorded, startRecordedPortal } from '../helpers/recorded-portal';

/**
 * Every fetcher, with the real fetch, against a local server that answers the recorded ODS bodies
 * (tests/fixtures/ods-recorded). The v2.0 fetchers read the v2.0 files; for the shapes only v2.1
 * files hold (facets, attachments), the parts both versions share are checked.
 */

const DATASET = 'geonames-all-cities-with-a-population-1000';
const JOCONDE = 'base-joconde-extrait';
const GOLD = 'gold-prices';
const dataset = recorded('doc-v20-dataset.json') as DatasetResponse;
const joconde = recorded('v20-records-joconde-rows-start-era.json') as RecordsResponse;
const facets = recorded('doc-v21-catalog-facets.json') as { facets: FacetsResponse['facets'] };
const attachments = recorded('doc-v21-attachments.json') as {
  attachments: AttachmentsResponse['attachments'];
};
const base = '/api/v2/catalog/datasets';

// The 2019 swagger's shapes (ods-api.md §7); no live recording of these exists.
const reuse = {
  id: 'r1',
  title: 'A map of cities',
  description: 'Cities on a map',
  url: 'https://example.org/map',
  thumbnail: null,
  created_at: '2021-06-01T10:00:00+00:00',
  user: { username: 'ana', first_name: 'Ana', last_name: 'Silva' },
};

let portal: RecordedPortal;
let target: PortalTarget;

beforeAll(async () => {
  portal = await startRecordedPortal({
    [`GET ${base}`]: () => ({
      headers: {
        'X-RateLimit-Limit': '10000',
        'X-RateLimit-Remaining': '9990',
        'X-RateLimit-Reset': '1800000000',
      },
      body: {
        total_count: 1,
        links: [{ href: `${portal.url}${base}`, rel: 'self' }],
        datasets: [{ links: dataset.links, dataset: dataset.dataset }],
      },
    }),
    'GET /api/v2/catalog/facets': () => ({ body: { links: [], facets: facets.facets } }),
    [`GET ${base}/${DATASET}`]: () => ({ body: dataset }),
    [`GET ${base}/${DATASET}/facets`]: () => ({ body: { links: [], facets: facets.facets } }),
    [`GET ${base}/${DATASET}/attachments`]: () => ({
      body: { links: [], attachments: attachments.attachments },
    }),
    [`GET ${base}/${JOCONDE}/records`]: () => ({ body: joconde }),
    [`GET ${base}/${JOCONDE}/records/${joconde.records[0]!.record.id}`]: () => ({
      body: { links: joconde.records[0]!.links, record: joconde.records[0]!.record },
    }),
    [`GET ${base}/${GOLD}/records`]: () => ({ body: recorded('v20-records-groupby-year-gold-prices.json') }),
    [`GET ${base}/${DATASET}/aggregates`]: () => ({
      // ods-api.md §3.6's documented example.
      body: { aggregations: [{ num_cities: 1982, country_code: 'FR', sum_population: 39549205 }] },
    }),
    [`GET ${base}/${DATASET}/exports`]: () => ({
      body: { links: [{ href: `${portal.url}${base}/${DATASET}/exports/csv`, rel: 'csv' }] },
    }),
    [`GET ${base}/${DATASET}/reuses`]: () => ({ body: { links: [], reuses: [reuse] } }),
    [`GET ${base}/${DATASET}/reuses/r1`]: () => ({ body: { links: [], reuse } }),
    [`GET ${base}/${DATASET}/snapshots`]: () => ({
      body: {
        links: [],
        snapshots: [
          { snapshot_id: 's1', created_at: '2021-01-01T00:00:00+00:00', description: 'January', href: 'x' },
        ],
      },
    }),
    [`PUT ${base}/${DATASET}/feedback`]: () => ({ status: 201, body: { status: 'ok' } }),
    // Errors
    [`GET ${base}/odsql/records`]: () => ({ status: 400, body: recorded('doc-error-odsql-400.json') }),
    [`GET ${base}/syntax/records`]: () => ({
      status: 400,
      body: {
        error_code: 'ODSQLSyntaxError',
        message: 'ODSQL syntax exception: unexpected = at position 8 in garbage==.',
      },
    }),
    [`GET ${base}/limit/records`]: () => ({ status: 400, body: recorded('v21-error-limit-over-100.json') }),
    [`GET ${base}/quota/records`]: () => ({
      status: 429,
      headers: { 'X-RateLimit-Limit': '10000', 'X-RateLimit-Remaining': '0', 'Retry-After': '3600' },
      body: recorded('doc-error-quota-429.json'),
    }),
    [`GET ${base}/quota-headers/records`]: () => ({
      status: 429,
      headers: {
        'X-RateLimit-Limit': '5000',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': '2026-10-01 00:00:00+00:00',
      },
      body: { error_code: 'TooManyRequests', message: 'Too many requests' },
    }),
    [`GET ${base}/private`]: () => ({
      status: 401,
      body: { error_code: 'UnauthorizedError', message: 'Authentication required' },
    }),
    [`GET ${base}/broken`]: () => ({
      status: 502,
      headers: { 'Content-Type': 'text/html' },
      body: '<html><body>Bad gateway</body></html>',
    }),
    [`GET ${base}/html`]: () => ({
      headers: { 'Content-Type': 'text/html' },
      body: '<!doctype html><title>Not an API</title>',
    }),
  });
  target = { portal: portal.url, apiVersion: '2.0' };
});

afterAll(() => portal.close());

const lastRequest = () => portal.requests.at(-1)!;

describe('fetchers against recorded ODS responses', () => {
  it('getCatalogDatasets sends the API parameters and unwraps the v2.0 envelope', async () => {
    const body = await getCatalogDatasets(target, {
      filter: {
        where: fullText('city'),
        refine: ['theme:Administration, Government, Public finances, Citizenship', 'features:geo'],
        exclude: ['keyword:world'],
      },
      order_by: 'modified DESC',
      limit: 20,
      offset: 40,
    });
    expect(body.total).toBe(1);
    expect(body.datasets[0]!.dataset_id).toBe(DATASET);
    expect(body.datasets[0]!.metas.default.records_count).toBe(137611);
    const { query } = lastRequest();
    expect(query.get('where')).toBe('"city"');
    expect(query.getAll('refine')).toEqual([
      'theme:Administration, Government, Public finances, Citizenship',
      'features:geo',
    ]);
    expect(query.getAll('exclude')).toEqual(['keyword:world']);
    expect(query.get('order_by')).toBe('modified DESC');
    expect(query.get('limit')).toBe('20');
    expect(query.get('offset')).toBe('40');
    expect(lastRequest().headers.accept).toBe('application/json');
    expect(lastRequest().headers.authorization).toBeUndefined();
  });

  it('reads the rate-limit headers of every answer', async () => {
    await getCatalogDatasets(target);
    expect(latestRateLimit(portal.url)).toEqual({
      limit: 10000,
      remaining: 9990,
      resetAt: new Date(1_800_000_000_000),
    });
  });

  it('sends the API key as an Authorization header, never in the URL', async () => {
    await getCatalogDatasets({ ...target, apiKey: 'secret-key' });
    expect(lastRequest().headers.authorization).toBe('Apikey secret-key');
    expect(lastRequest().query.has('apikey')).toBe(false);
  });

  it('getCatalogFacets reads facet groups with displayed values and counts', async () => {
    const body = await getCatalogFacets(target, {
      facet: ['publisher', 'features'],
      filter: { where: null, refine: ['language:en'] },
    });
    expect(body.map((group) => group.name)).toEqual(['publisher', 'features', 'language']);
    expect(body[1]!.facets[0]).toEqual({
      count: 19,
      state: 'displayed',
      name: 'analyze',
      value: 'analyze',
    });
    expect(lastRequest().query.getAll('facet')).toEqual(['publisher', 'features']);
    expect(lastRequest().query.getAll('refine')).toEqual(['language:en']);
  });

  it('getDataset unwraps the v2.0 dataset envelope: metas, fields, features', async () => {
    const body = await getDataset(target, DATASET);
    expect(body.metas.default.title).toBe('Geonames - All Cities with a population > 1000');
    expect(body.features).toEqual(['geo', 'analyze', 'timeserie']);
    expect(body.fields.find((field) => field.name === 'coordinates')?.type).toBe('geo_point_2d');
  });

  it('getDatasetFacets calls the dataset-level facets route', async () => {
    const body = await getDatasetFacets(target, DATASET, {
      facet: ['features'],
      filter: { where: cmp('>', field('population'), 1000) },
    });
    expect(body.length).toBe(3);
    expect(lastRequest().path).toBe(`${base}/${DATASET}/facets`);
    expect(lastRequest().query.get('where')).toBe('population > 1000');
  });

  it('getRecords turns records[].record.fields into records with values, and sends paging', async () => {
    const body = await getRecords(target, JOCONDE, {
      filter: { where: fullText('09940004427') },
      limit: 10,
      offset: 0,
    });
    expect(body.total).toBe(1);
    const record = body.records[0]!;
    expect(record.id).toBe('c3d52224de1363c373597cdf3a45e8069d3e6747');
    expect(record.values.ville).toBe('Grenoble');
    expect(record.values.loca).toEqual(['Grenoble', 'musée de Grenoble']);
    expect(Object.keys(body)).toEqual(['total', 'records']);
    expect(lastRequest().query.get('offset')).toBe('0');
  });

  it('getRecord reads one record', async () => {
    const body = await getRecord(target, JOCONDE, 'c3d52224de1363c373597cdf3a45e8069d3e6747');
    expect(body.values.ref).toBe('09940004427');
  });

  it('getGroupedRecords reads the v2.0 grouped shape into one row per group', async () => {
    const body = await getGroupedRecords(target, GOLD, { select: 'count(*)', group_by: 'year(date)' });
    expect(body[0]).toEqual({ 'count(*)': 12, 'year(date)': '1988' });
    expect(lastRequest().query.get('group_by')).toBe('year(date)');
  });

  it('getAggregates reads {"aggregations": […]}', async () => {
    const body = await getAggregates(target, DATASET, {
      select: 'count(*) as num_cities,country_code,sum(population) as sum_population',
      group_by: 'country_code',
    });
    expect(body[0]).toMatchObject({ num_cities: 1982, country_code: 'FR' });
  });

  it('getAttachments takes the id from href; attachment, file and snapshot URLs escape their ids', async () => {
    const body = await getAttachments(target, DATASET);
    expect(body).toEqual([
      { id: 'cities1000_zip', title: 'cities1000.zip', mimeType: 'application/zip', url: null },
    ]);
    expect(attachmentUrl(target, DATASET, 'cities1000_zip')).toBe(
      `${portal.url}${base}/${DATASET}/attachments/cities1000_zip`,
    );
    expect(fileUrl(target, 'a b', 'x/y')).toBe(`${portal.url}${base}/a%20b/files/x%2Fy`);
    expect(snapshotUrl({ portal: '', apiVersion: '2.0' }, DATASET, 's1')).toBe(
      `${base}/${DATASET}/snapshots/s1`,
    );
  });

  it('getExportFormats lists formats; exportUrl carries the export parameters', async () => {
    const body = await getExportFormats(target, DATASET);
    expect(body).toEqual(['csv']);
    expect(
      exportUrl({ portal: '', apiVersion: '2.0' }, DATASET, 'csv', {
        delimiter: ';',
        filter: { where: null, refine: ['country_code:FR'] },
      }),
    ).toBe(`${base}/${DATASET}/exports/csv?delimiter=%3B&refine=country_code%3AFR`);
  });

  it('getReuses and getReuse read the 2019 shapes', async () => {
    const list = await getReuses(target, DATASET, { start: 0, rows: 5 });
    expect(list[0]!.title).toBe('A map of cities');
    expect(lastRequest().query.get('rows')).toBe('5');
    const one = await getReuse(target, DATASET, 'r1');
    expect(one).toMatchObject({ id: 'r1', author: 'Ana Silva', createdAt: reuse.created_at });
  });

  it('getSnapshots reads the snapshot list', async () => {
    const body = await getSnapshots(target, DATASET);
    expect(body).toEqual([{ id: 's1', createdAt: '2021-01-01T00:00:00+00:00', description: 'January' }]);
  });

  it('sendFeedback PUTs {feedback: …} as JSON and reads {"status": "ok"}', async () => {
    const body = await sendFeedback(target, DATASET, { comment: 'Wrong population', recordId: 'abc' });
    expect(body).toEqual({ accepted: true });
    const request = lastRequest();
    expect(request.method).toBe('PUT');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ feedback: { comment: 'Wrong population', recordid: 'abc' } });
  });
});

describe('typed errors from recorded error bodies', () => {
  const fail = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.unreachable(),
      (error: unknown) => error,
    );

  it('400 ODSQLError and ODSQLSyntaxError become OdsqlError', async () => {
    const error = await fail(getRecords(target, 'odsql', { select: 'invalid_function()' }));
    expect(error).toBeInstanceOf(OdsqlError);
    expect(error).toMatchObject({
      status: 400,
      errorCode: 'ODSQLError',
      message: 'ODSQL query is malformed: invalid_function() Clause(s) containing the error(s): select.',
      isSyntaxError: false,
    });
    const syntax = await fail(
      getRecords(target, 'syntax', { filter: { where: null, unparsedWhere: 'garbage==' } }),
    );
    expect(syntax).toBeInstanceOf(OdsqlError);
    expect(syntax).toMatchObject({ errorCode: 'ODSQLSyntaxError', isSyntaxError: true });
  });

  it('400 InvalidRESTParameterError becomes InvalidParameterError', async () => {
    const error = await fail(getRecords(target, 'limit', { limit: 1473 }));
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as Error).message).toMatch(/-1 <= limit <= 100/);
  });

  it('429 with ODS quota body: reset from the body, limit from the headers, Retry-After kept', async () => {
    const error = (await fail(getRecords(target, 'quota'))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.status).toBe(429);
    expect(error.errorCode).toBe('Quota10002');
    expect(error.message).toBe('Too many requests on the domain. Please contact the domain administrator.');
    expect(error.resetAt?.toISOString()).toBe('2021-01-26T00:00:00.000Z');
    expect(error.rateLimit).toMatchObject({ limit: 10000, remaining: 0 });
    expect(error.retryAfterSeconds).toBe(3600);
    expect(error.period).toBe('day');
  });

  it('429 with a date-string X-RateLimit-Reset (the 2026 observation)', async () => {
    const error = (await fail(getRecords(target, 'quota-headers'))) as RateLimitError;
    expect(error.resetAt?.toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(error.rateLimit?.limit).toBe(5000);
  });

  it('401 becomes AuthenticationError and says whether a key was sent', async () => {
    const anonymous = await fail(getDataset(target, 'private'));
    expect(anonymous).toBeInstanceOf(AuthenticationError);
    expect(anonymous).toMatchObject({ status: 401, sentApiKey: false });
    const withKey = await fail(getDataset({ ...target, apiKey: 'k' }, 'private'));
    expect(withKey).toMatchObject({ status: 401, sentApiKey: true });
  });

  it('404 NotFoundResource becomes NotFoundError', async () => {
    const error = await fail(getDataset(target, 'no-such-dataset'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, errorCode: 'NotFoundResource' });
  });

  it('a 5xx HTML page becomes ServerError with the status text', async () => {
    const error = await fail(getDataset(target, 'broken'));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 502, errorCode: 'HTTP502', message: 'Bad Gateway' });
  });

  it('a 200 that is not JSON (not an ODS portal) becomes UnexpectedResponseError', async () => {
    const error = await fail(getDataset(target, 'html'));
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as Error).message).toMatch(/text\/html/);
  });

  it('a portal that does not answer becomes PortalUnreachableError (status 0)', async () => {
    const closed = await startRecordedPortal({});
    await closed.close();
    const error = await fail(getJson({ portal: closed.url, apiVersion: '2.0' }, '/catalog/datasets'));
    expect(error).toBeInstanceOf(PortalUnreachableError);
    expect(error).toMatchObject({
      status: 0,
      errorCode: 'NetworkError',
      message: `Could not reach ${closed.url}`,
    });
  });

  it('an aborted request rejects with the AbortError itself, not a typed error', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await fail(getCatalogDatasets(target, {}, { signal: controller.signal }));
    expect((error as Error).name).toBe('AbortError');
  });
});
