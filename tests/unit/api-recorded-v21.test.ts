import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AttachmentsResponseV21,
  CatalogDatasetsResponseV21,
  FacetsResponseV21,
  GroupedRecordsResponseV21,
  RecordsResponseV21,
} from '../../common/ods-api/types-v21';
import { getAttachments } from '../../src/api/attachments';
import { getCatalogDatasets, getCatalogFacets } from '../../src/api/catalog';
import type { PortalTarget } from '../../src/api/client';
import { getDataset } from '../../src/api/dataset';
import { InvalidParameterError, OdsqlError } from '../../src/api/errors';
import { getAggregates, getGroupedRecords, getRecord, getRecords } from '../../src/api/records';
import {
  attachmentsFromV21,
  catalogPageFromV21,
  datasetFromV21,
  facetGroupsFromV21,
  groupRowsFromV21,
  recordFromV21,
  recordsPageFromV21,
} from '../../src/api/wire-v21';
import { readClusters } from '../../src/features/dataset/map/clusters';
import { type RecordedPortal, recorded, startRecordedPortal } from '../helpers/recorded-portal';

/**
 * The v2.1 adapters and fetchers on real ODS v2.1 bodies (tests/fixtures/ods-recorded, see its
 * README): each body becomes the app model wire-v20.ts also gives, and each fetcher sends what
 * v2.1 takes (records with `include_links`, aggregates as records with an aggregate select).
 */

const velib = recorded('v21-records-velib-default.json') as RecordsResponseV21;
const synop = recorded('v21-records-synop-public-limit1.json') as RecordsResponseV21;
const catalog = recorded('doc-v21-catalog-datasets.json') as CatalogDatasetsResponseV21;
const facets = recorded('doc-v21-catalog-facets.json') as FacetsResponseV21;
const attachments = recorded('doc-v21-attachments.json') as AttachmentsResponseV21;
const byCommune = recorded('v21-groupby-alias-orderby-limit10.json') as GroupedRecordsResponseV21;
const clusters = recorded('v21-groupby-geo_cluster.json') as GroupedRecordsResponseV21;
const ranges = recorded('v21-groupby-range-static-alias.json') as GroupedRecordsResponseV21;

describe('v2.1 adapters on recorded ODS bodies', () => {
  it('records: the total, and each flat record’s fields as its values, nothing dropped or added', () => {
    for (const body of [velib, synop]) {
      const page = recordsPageFromV21(body);
      expect(page.total).toBe(body.total_count);
      expect(page.records.map((r) => r.values)).toEqual(body.results);
    }
    // A default v2.1 record carries no id, timestamp or size (ods-api.md §3.4): none is made up.
    expect(recordsPageFromV21(velib).records[0]).toMatchObject({ id: '', timestamp: null, size: null });
    expect(synop.results[0]!.date).toBe('2017-04-06T15:00:00+00:00');
  });

  it('records with include_links: the id from `_id` or the self link, the links out of the values', () => {
    const fields = velib.results[0]!;
    const self = 'https://opendata.paris.fr/api/explore/v2.1/catalog/datasets/velib/records/ab%2012';
    const linked = recordFromV21({
      ...fields,
      _links: [
        { rel: 'self', href: self },
        { rel: 'dataset', href: 'https://opendata.paris.fr/api/explore/v2.1/catalog/datasets/velib' },
      ],
    });
    expect(linked).toEqual({ id: 'ab 12', timestamp: null, size: null, values: fields });
    const technical = recordFromV21({
      _id: 'c3d5',
      _timestamp: '2025-01-23T14:33:29.000Z',
      _size: 561,
      ...fields,
    });
    expect(technical).toEqual({
      id: 'c3d5',
      timestamp: '2025-01-23T14:33:29.000Z',
      size: 561,
      values: fields,
    });
    expect(recordFromV21(fields, 'asked-for').id).toBe('asked-for');
  });

  it('grouped records: one row per group, keys as ODS wrote them', () => {
    expect(groupRowsFromV21(byCommune)).toEqual(byCommune.results);
    expect(groupRowsFromV21(ranges).map((row) => row.capacity)).toEqual([
      '[*, 14]',
      '[15, 19]',
      '[20, 24]',
      '[25, 29]',
      '[30, 39]',
      '[40, *]',
    ]);
    // The map reads real geo_cluster keys: lat and lon of each centroid, and the count.
    const rows = groupRowsFromV21(clusters).map((row) => ({
      ...row,
      cluster_count: row['count(*)'],
    }));
    const read = readClusters(rows, 'GEO_CLUSTER(coordonnees_geo,10)');
    expect(read).toHaveLength(clusters.results.length);
    expect(read[0]).toEqual({ lat: 48.87063300675193, lon: 2.36413216025665, count: 609 });
  });

  it('catalog: the total and the datasets; v2.1’s visibility and alternative exports left out', () => {
    const page = catalogPageFromV21(catalog);
    expect(page.total).toBe(19);
    expect(page.datasets).toEqual(catalog.results);
    // ODS's example omits the two keys v2.1 added to the dataset object (ods-api.md §3.1).
    const wire = { ...catalog.results[0]!, visibility: 'domain', alternative_exports: [], _links: [] };
    expect(datasetFromV21(wire)).toEqual(catalog.results[0]);
  });

  it('facets and attachments: the groups as sent; the attachment id from its download link', () => {
    expect(facetGroupsFromV21(facets)).toEqual(facets.facets);
    expect(attachmentsFromV21(attachments)).toEqual([
      { id: 'cities1000_zip', title: 'cities1000.zip', mimeType: 'application/zip', url: null },
    ]);
  });
});

describe('v2.1 fetchers against recorded bodies, over HTTP', () => {
  const base = '/api/explore/v2.1/catalog/datasets';
  const VELIB = 'velib-disponibilite-en-temps-reel';
  let portal: RecordedPortal;
  let target: PortalTarget;
  beforeAll(async () => {
    portal = await startRecordedPortal({
      [`GET ${base}`]: () => ({ body: catalog }),
      'GET /api/explore/v2.1/catalog/facets': () => ({ body: facets }),
      [`GET ${base}/${catalog.results[0]!.dataset_id}`]: () => ({ body: catalog.results[0] }),
      [`GET ${base}/${VELIB}/attachments`]: () => ({ body: attachments }),
      [`GET ${base}/${VELIB}/records`]: (request) => {
        if (request.query.get('limit') === '1473')
          return { status: 400, body: recorded('v21-error-limit-over-100.json') };
        if (request.query.has('where')) return { status: 400, body: recorded('doc-error-odsql-400.json') };
        if (request.query.get('group_by')?.startsWith('GEO_CLUSTER')) return { body: clusters };
        if (request.query.has('group_by')) return { body: byCommune };
        return { body: velib };
      },
      [`GET ${base}/${VELIB}/records/44015`]: () => ({ body: velib.results[0] }),
    });
    target = { portal: portal.url, apiVersion: '2.1' };
  });
  afterAll(() => portal.close());

  const sent = () => portal.requests.at(-1)!;

  it('catalog, facets, dataset and attachments read into the model', async () => {
    expect((await getCatalogDatasets(target, { limit: 5 })).total).toBe(19);
    expect(sent().query.get('limit')).toBe('5');
    expect(await getCatalogFacets(target)).toEqual(facets.facets);
    const dataset = await getDataset(target, catalog.results[0]!.dataset_id as string);
    expect(dataset.fields.map((f) => f.name)).toContain('geo_point_2d');
    expect((await getAttachments(target, VELIB))[0]!.id).toBe('cities1000_zip');
  });

  it('records ask for links (the only place v2.1 puts ids); one record keeps the id asked for', async () => {
    const page = await getRecords(target, VELIB, { limit: 10 });
    expect(sent().query.get('include_links')).toBe('true');
    expect(page.records.map((r) => r.values.stationcode)).toEqual(velib.results.map((r) => r.stationcode));
    const one = await getRecord(target, VELIB, '44015');
    expect(one).toMatchObject({ id: '44015', values: velib.results[0] });
  });

  it('grouped records, and aggregates asked of records since v2.1 has no /aggregates', async () => {
    const groups = await getGroupedRecords(target, VELIB, {
      select: 'count(*) as nb_stations',
      group_by: 'nom_arrondissement_communes',
    });
    expect(groups[0]).toEqual({
      nom_arrondissement_communes: 'Paris',
      nb_stations: 986,
      'sum(capacity)': 31867,
    });
    const rows = await getAggregates(target, VELIB, {
      select: 'nom_arrondissement_communes,count(*) as nb_stations,sum(capacity)',
      group_by: 'nom_arrondissement_communes',
      order_by: 'nb_stations DESC',
      limit: 10,
    });
    expect(sent().path).toBe(`${base}/${VELIB}/records`);
    expect(Object.fromEntries(sent().query)).toEqual({
      select: 'nom_arrondissement_communes,count(*) as nb_stations,sum(capacity)',
      group_by: 'nom_arrondissement_communes',
      order_by: 'nb_stations DESC',
      limit: '10',
    });
    expect(rows).toEqual(byCommune.results);
  });

  it('errors come back typed, from v2.1’s real error bodies', async () => {
    await expect(getRecords(target, VELIB, { limit: 1473 })).rejects.toBeInstanceOf(InvalidParameterError);
    await expect(
      getRecords(target, VELIB, { filter: { where: null, unparsedWhere: 'invalid_function()' } }),
    ).rejects.toBeInstanceOf(OdsqlError);
  });
});
