import { Hono } from 'hono';
import { API_BASE } from '../../common/ods-api/params';
import type {
  AggregatesResponse,
  CatalogDatasetsResponse,
  Dataset,
  FacetsResponse,
} from '../../common/ods-api/types';
import type { Expr } from '../../common/odsql/ast';
import { parseSelect } from '../../common/odsql/parser';
import { CATALOG_FACETS, type CatalogIndex } from '../catalog/catalog-index';
import { link, pageLinks } from '../links';
import { OdsqlSemanticError } from '../odsql/compile';
import { computeFacets, parseFacetParam } from '../query/facets';
import { pageOf, readParams } from '../query/params';
import { inClause, planQuery } from '../query/plan';
import { countRecords, readGroups, readRecords, timed } from '../query/read';
import { datasetLinks, decodeContext, querySpec } from './datasets';

/**
 * The catalog under `/api/v2/catalog` (ods-api.md §3.1, §3.3, §3.6): datasets searched, refined
 * and sorted with ODSQL over their metadata, catalog facets, and v2.0 catalog aggregates.
 */

const TOP_LEVEL_KEYS = [
  'dataset_id',
  'dataset_uid',
  'attachments',
  'has_records',
  'data_visible',
  'fields',
  'features',
];

/** `select=dataset_id,title,fields` keeps those keys (metadata inside metas.default). */
function projector(select: string | null): (dataset: Dataset) => Dataset {
  if (!select?.trim() || select.trim() === '*') return (dataset) => dataset;
  const names = inClause('select', () =>
    parseSelect(select).items.map((item) => {
      const expr: Expr | null = item.kind === 'SelectItem' ? item.expr : null;
      if (expr?.kind === 'Star') return '*';
      if (expr?.kind !== 'Field')
        throw new OdsqlSemanticError('The catalog select takes metadata names only.');
      return expr.name.replace(/^default\./, '');
    }),
  );
  if (names.includes('*')) return (dataset) => dataset;
  return (dataset) => {
    const projected: Record<string, unknown> = { dataset_id: dataset.dataset_id };
    const metas: Record<string, unknown> = {};
    for (const name of names) {
      if (TOP_LEVEL_KEYS.includes(name)) projected[name] = dataset[name as keyof Dataset];
      else if (name in dataset.metas.default) metas[name] = dataset.metas.default[name];
      else
        inClause('select', () => {
          throw new OdsqlSemanticError(`Unknown field: ${name}.`);
        });
    }
    projected.metas = { default: metas };
    return projected as unknown as Dataset;
  };
}

export function catalogRoutes(catalog: CatalogIndex): Hono {
  const app = new Hono({ strict: false });
  const base = `${API_BASE}/catalog/datasets`;

  app.get('/datasets', (c) => {
    const url = new URL(c.req.url);
    const params = readParams(url);
    const project = projector(params.select);
    const plan = planQuery(catalog.layout, catalog.db, {
      ...querySpec(params),
      select: 'dataset_id',
      groupBy: null,
      caseInsensitiveText: true,
    });
    const { limit, offset } = pageOf(params, false);
    const total = countRecords(catalog.db, plan);
    const rows = readRecords(catalog.db, plan, limit, offset, decodeContext(url, 'catalog', params.timezone));
    const body: CatalogDatasetsResponse = {
      total_count: total,
      links: pageLinks(url, total, limit, offset),
      datasets: rows.map((row) => {
        const dataset = catalog.datasetById(row.fields.dataset_id as string)!;
        return { links: datasetLinks(url.origin, dataset.dataset_id), dataset: project(dataset) };
      }),
    };
    return c.json(body);
  });

  app.get('/facets', (c) => {
    const url = new URL(c.req.url);
    const params = readParams(url);
    const requests = inClause('facet', () =>
      (params.facets.length ? params.facets : CATALOG_FACETS).map(parseFacetParam),
    );
    const body: FacetsResponse = {
      links: [link(url.origin, url.pathname, 'self', url.searchParams)],
      facets: timed(() => computeFacets(catalog.layout, catalog.db, querySpec(params), requests)),
    };
    return c.json(body);
  });

  app.get('/aggregates', (c) => {
    const url = new URL(c.req.url);
    const params = readParams(url);
    const plan = planQuery(catalog.layout, catalog.db, {
      ...querySpec(params),
      select: params.select ?? 'count(*)',
      aggregate: true,
    });
    const { limit, offset } = pageOf(params, true);
    const body: AggregatesResponse = {
      links: [link(url.origin, url.pathname, 'self', url.searchParams), link(url.origin, base, 'datasets')],
      aggregations: readGroups(
        catalog.db,
        plan,
        limit,
        offset,
        decodeContext(url, 'catalog', params.timezone),
      ),
    };
    return c.json(body);
  });

  return app;
}
