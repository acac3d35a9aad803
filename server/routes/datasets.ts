import { type Context, Hono } from 'hono';
import { API_BASE } from '../../common/ods-api/params';
import type {
  AggregatesResponse,
  Dataset,
  DatasetResponse,
  FacetsResponse,
  GroupedRecordsResponse,
  RecordResponse,
  RecordsResponse,
} from '../../common/ods-api/types';
import { notFound } from '../errors';
import { link, pageLinks } from '../links';
import { OdsqlSemanticError } from '../odsql/compile';
import { computeFacets, defaultFacets, parseFacetParam } from '../query/facets';
import type { DecodeContext } from '../query/outputs';
import { pageOf, readParams } from '../query/params';
import { inClause, planQuery, type QuerySpec } from '../query/plan';
import { countRecords, readGroups, readRecords, timed } from '../query/read';
import type { DatasetLayout } from '../store/layout';
import type { Store } from '../store/store';

/**
 * One dataset's query endpoints under `/api/v2/catalog/datasets/{dataset_id}` (ods-api.md §3.2–§3.6):
 * the dataset, its records (plain or grouped), one record, aggregates, and facets.
 */

const BASE = `${API_BASE}/catalog/datasets`;

export interface DatasetContext {
  dataset: Dataset;
  layout: DatasetLayout;
  url: URL;
}

export function findDataset(store: Store, c: Context): DatasetContext {
  const id = c.req.param('dataset_id')!;
  const dataset = store.dataset(id);
  const layout = store.layout(id);
  if (!dataset || !layout) throw notFound(`Unknown dataset: ${id}`);
  return { dataset, layout, url: new URL(c.req.url) };
}

export function decodeContext(url: URL, datasetId: string, timezone: string): DecodeContext {
  return {
    timezone,
    datePartsAsText: true,
    fileUrl: (fileId) => `${url.origin}${BASE}/${encodeURIComponent(datasetId)}/files/${fileId}`,
  };
}

export function datasetLinks(origin: string, datasetId: string) {
  const self = `${BASE}/${encodeURIComponent(datasetId)}`;
  return [
    link(origin, self, 'self'),
    link(origin, `${self}/records`, 'records'),
    link(origin, `${self}/facets`, 'facets'),
    link(origin, `${self}/exports`, 'exports'),
    link(origin, `${self}/attachments`, 'attachments'),
    link(origin, BASE, 'datasets'),
  ];
}

export function querySpec(params: ReturnType<typeof readParams>): QuerySpec {
  return {
    select: params.select,
    where: params.where,
    groupBy: params.groupBy,
    orderBy: params.orderBy,
    refine: params.refine,
    exclude: params.exclude,
    timezone: params.timezone,
    lang: params.lang,
  };
}

export function datasetRoutes(store: Store): Hono {
  const app = new Hono({ strict: false });

  app.get('/:dataset_id', (c) => {
    const { dataset, url } = findDataset(store, c);
    const body: DatasetResponse = { links: datasetLinks(url.origin, dataset.dataset_id), dataset };
    return c.json(body);
  });

  app.get('/:dataset_id/records', (c) => {
    const { dataset, layout, url } = findDataset(store, c);
    const params = readParams(url);
    const plan = planQuery(layout, store.db, querySpec(params));
    const context = decodeContext(url, dataset.dataset_id, params.timezone);
    const { limit, offset } = pageOf(params, plan.grouped);
    const recordBase = `${BASE}/${encodeURIComponent(dataset.dataset_id)}`;
    const itemLinks = [link(url.origin, recordBase, 'dataset'), link(url.origin, BASE, 'datasets')];
    if (plan.grouped) {
      const body: GroupedRecordsResponse = {
        links: [link(url.origin, url.pathname, 'self', url.searchParams), ...itemLinks],
        records: readGroups(store.db, plan, limit, offset, context).map((fields) => ({ record: { fields } })),
      };
      return c.json(body);
    }
    const total = countRecords(store.db, plan);
    const body: RecordsResponse = {
      total_count: total,
      links: pageLinks(url, total, limit, offset),
      records: readRecords(store.db, plan, limit, offset, context).map((record) => ({
        links: [link(url.origin, `${recordBase}/records/${record.id}`, 'self'), ...itemLinks],
        record,
      })),
    };
    return c.json(body);
  });

  app.get('/:dataset_id/records/:record_id', (c) => {
    const { dataset, layout, url } = findDataset(store, c);
    const params = readParams(url);
    const recordId = c.req.param('record_id');
    const spec = {
      ...querySpec(params),
      where: [],
      refine: [],
      exclude: [],
      groupBy: null,
      orderBy: null,
      recordId,
    };
    const plan = planQuery(layout, store.db, spec);
    if (plan.grouped) {
      inClause('select', () => {
        throw new OdsqlSemanticError('Aggregations cannot be used on a single record.');
      });
    }
    const [record] = readRecords(
      store.db,
      plan,
      1,
      0,
      decodeContext(url, dataset.dataset_id, params.timezone),
    );
    if (!record) throw notFound(`Unknown record: ${recordId} in dataset ${dataset.dataset_id}`);
    const recordBase = `${BASE}/${encodeURIComponent(dataset.dataset_id)}`;
    const body: RecordResponse = {
      links: [
        link(url.origin, `${recordBase}/records/${record.id}`, 'self'),
        link(url.origin, recordBase, 'dataset'),
        link(url.origin, BASE, 'datasets'),
      ],
      record,
    };
    return c.json(body);
  });

  app.get('/:dataset_id/aggregates', (c) => {
    const { dataset, layout, url } = findDataset(store, c);
    const params = readParams(url);
    const spec = { ...querySpec(params), select: params.select ?? 'count(*)', aggregate: true };
    const plan = planQuery(layout, store.db, spec);
    const { limit, offset } = pageOf(params, true);
    const body: AggregatesResponse = {
      links: [link(url.origin, url.pathname, 'self', url.searchParams)],
      aggregations: readGroups(
        store.db,
        plan,
        limit,
        offset,
        decodeContext(url, dataset.dataset_id, params.timezone),
      ),
    };
    return c.json(body);
  });

  app.get('/:dataset_id/facets', (c) => {
    const { layout, url } = findDataset(store, c);
    const params = readParams(url);
    const requests = params.facets.length
      ? inClause('facet', () => params.facets.map(parseFacetParam))
      : defaultFacets(layout);
    const body: FacetsResponse = {
      links: [link(url.origin, url.pathname, 'self', url.searchParams)],
      facets: timed(() => computeFacets(layout, store.db, querySpec(params), requests)),
    };
    return c.json(body);
  });

  return app;
}
