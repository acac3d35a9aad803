import { describe, expect, it } from 'vitest';
import type {
  AttachmentsResponse,
  CatalogDatasetsResponse,
  DatasetResponse,
  ExportFormatsResponse,
  FacetsResponse,
  GroupedRecordsResponse,
  RecordResponse,
  RecordsResponse,
  ReusesResponse,
  SnapshotsResponse,
} from '../../common/ods-api/types';
import { datasetPath, getJson, type PortalTarget } from '../../src/api/client';
import {
  aggregationsFromV20,
  attachmentsFromV20,
  catalogPageFromV20,
  datasetFromV20,
  exportFormatsFromV20,
  facetGroupsFromV20,
  groupRowsFromV20,
  recordResponseFromV20,
  recordsPageFromV20,
  reusesFromV20,
  snapshotsFromV20,
} from '../../src/api/wire-v20';
import { serveFixturePortal } from '../helpers/fixture-server';
import { recorded } from '../helpers/recorded-portal';

/**
 * The v2.0 adapters, on real ODS bodies (tests/fixtures/ods-recorded) and on what the embedded
 * portal answers for the fixture portal: every value the wire carries reaches the model, no
 * envelope or link does.
 */

describe('v2.0 adapters on recorded ODS bodies', () => {
  it('records: the page total and each record with its values', () => {
    const body = recorded('v20-records-joconde-rows-start-era.json') as RecordsResponse;
    const page = recordsPageFromV20(body);
    expect(page.total).toBe(1);
    expect(page.records).toHaveLength(1);
    const wire = body.records[0]!.record;
    expect(page.records[0]).toEqual({
      id: 'c3d52224de1363c373597cdf3a45e8069d3e6747',
      timestamp: wire.timestamp,
      size: wire.size,
      values: wire.fields,
    });
    expect(recordResponseFromV20({ links: [], record: wire })).toEqual(page.records[0]);
  });

  it('grouped records: one row per group, the group key beside the selected values', () => {
    const body = recorded('v20-records-groupby-year-gold-prices.json') as GroupedRecordsResponse;
    const rows = groupRowsFromV20(body);
    expect(rows).toHaveLength(body.records.length);
    expect(rows[0]).toEqual({ 'count(*)': 12, 'year(date)': '1988' });
  });

  it('dataset: the dataset object without its envelope', () => {
    const body = recorded('doc-v20-dataset.json') as DatasetResponse;
    const dataset = datasetFromV20(body);
    expect(dataset.dataset_id).toBe('geonames-all-cities-with-a-population-1000');
    expect(dataset).not.toHaveProperty('links');
    expect(
      catalogPageFromV20({
        total_count: 7,
        links: [],
        datasets: [{ links: body.links, dataset: body.dataset }],
      }),
    ).toEqual({ total: 7, datasets: [dataset] });
  });

  it('attachments: the id is metas.id, else the download link’s last segment, unescaped', () => {
    const body = recorded('doc-v21-attachments.json') as Pick<AttachmentsResponse, 'attachments'>;
    expect(attachmentsFromV20({ links: [], attachments: body.attachments })).toEqual([
      { id: 'cities1000_zip', title: 'cities1000.zip', mimeType: 'application/zip', url: null },
    ]);
    expect(
      attachmentsFromV20({
        links: [],
        attachments: [
          {
            href: 'https://p.example/api/v2/x/attachments/a%20b_pdf',
            metas: { 'mime-type': 'a/b', title: 'a b.pdf' },
          },
          {
            href: 'https://p.example/api/v2/x/attachments/ignored',
            metas: { 'mime-type': 'a/b', title: 't', id: 'given', url: 'odsfile://t.zip' },
          },
        ],
      }).map(({ id, url }) => ({ id, url })),
    ).toEqual([
      { id: 'a b_pdf', url: null },
      { id: 'given', url: 'odsfile://t.zip' },
    ]);
  });

  it('reuses: the author is the full name, else the user name, else nobody', () => {
    const base = {
      id: 'r',
      title: 'T',
      description: 'D',
      url: 'u',
      thumbnail: null,
      created_at: '2021-01-01',
    };
    const reuses = reusesFromV20({
      links: [],
      reuses: [
        { ...base, user: { username: 'ana', first_name: 'Ana', last_name: 'Silva' } },
        { ...base, user: { username: 'bo', first_name: '', last_name: '' } },
        base as ReusesResponse['reuses'][number],
      ],
    });
    expect(reuses.map((reuse) => reuse.author)).toEqual(['Ana Silva', 'bo', null]);
    expect(reuses[0]).toMatchObject({ id: 'r', createdAt: '2021-01-01', thumbnail: null });
  });

  it('export formats: the format links’ rels, without self', () => {
    expect(
      exportFormatsFromV20({
        links: [
          { href: 'x', rel: 'self' },
          { href: 'y', rel: 'csv' },
          { href: 'z', rel: 'geojson' },
        ],
      }),
    ).toEqual(['csv', 'geojson']);
  });

  it('aggregates: the aggregations as they came', () => {
    const aggregations = [{ country_code: 'FR', n: 2 }];
    expect(aggregationsFromV20({ aggregations })).toEqual(aggregations);
  });
});

describe('v2.0 adapters on the embedded portal’s answers', () => {
  let target: PortalTarget;
  serveFixturePortal((url) => {
    target = { portal: url, apiVersion: '2.0' };
  });
  const CITIES = 'fixture-cities';
  const get = <T>(path: string, params = {}) => getJson<T>(target, path, params);

  it('catalog, dataset, facets: everything but the envelopes', async () => {
    const catalog = await get<CatalogDatasetsResponse>('/catalog/datasets');
    const page = catalogPageFromV20(catalog);
    expect(page.total).toBe(catalog.total_count);
    expect(page.datasets.map((d) => d.dataset_id)).toEqual(catalog.datasets.map((d) => d.dataset.dataset_id));
    const dataset = await get<DatasetResponse>(datasetPath(CITIES));
    expect(datasetFromV20(dataset)).toEqual(page.datasets.find((d) => d.dataset_id === CITIES));
    const facets = await get<FacetsResponse>(datasetPath(CITIES, '/facets'));
    expect(facetGroupsFromV20(facets)).toEqual(facets.facets);
  });

  it('records and one record: the same record either way', async () => {
    const body = await get<RecordsResponse>(datasetPath(CITIES, '/records'), { limit: 3, order_by: 'name' });
    const page = recordsPageFromV20(body);
    expect(page.records.map((r) => r.id)).toEqual(body.records.map((item) => item.record.id));
    const first = page.records[0]!;
    const one = await get<RecordResponse>(datasetPath(CITIES, `/records/${first.id}`));
    expect(recordResponseFromV20(one)).toEqual(first);
  });

  it('attachments, snapshots and export formats', async () => {
    const attachments = attachmentsFromV20(
      await get<AttachmentsResponse>(datasetPath(CITIES, '/attachments')),
    );
    expect(attachments.length).toBeGreaterThan(0);
    for (const attachment of attachments) expect(attachment.id).not.toMatch(/[/%]/);
    const snapshots = await get<SnapshotsResponse>(datasetPath(CITIES, '/snapshots'));
    expect(snapshotsFromV20(snapshots).map((s) => s.id)).toEqual(
      snapshots.snapshots.map((s) => s.snapshot_id),
    );
    const formats = exportFormatsFromV20(await get<ExportFormatsResponse>(datasetPath(CITIES, '/exports')));
    expect(formats).toEqual(expect.arrayContaining(['csv', 'json', 'geojson']));
  });
});
