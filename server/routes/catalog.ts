import { Hono } from 'hono';
import type { AggregatesResponse } from '../../common/ods-api/types';
import { CATALOG_FACETS, type CatalogIndex } from '../catalog/catalog-index';
import { link } from '../links';
import { computeFacets, parseFacetParam } from '../query/facets';
import { pageOf, readParams } from '../query/params';
import { inClause, planQuery } from '../query/plan';
import { countRecords, readGroups, readRecords, timed } from '../query/read';
import type { ApiVersion } from '../serializers/api-version';
import { parseMetaSelect } from '../serializers/meta-select';
import { datasetsPath, decodeContext, querySpec } from './dataset-context';

/**
 * The catalog under `…/catalog` (ods-api.md §3.1, §3.3, §3.6): datasets searched, refined and
 * sorted with ODSQL over their metadata, catalog facets, and v2.0's catalog aggregates.
 */

export function catalogRoutes(catalog: CatalogIndex, version: ApiVersion): Hono {
  const app = new Hono({ strict: false });
  const { serializer } = version;

  app.get('/datasets', (c) => {
    const url = new URL(c.req.url);
    const params = readParams(url);
    const selection = parseMetaSelect(params.select);
    const plan = planQuery(catalog.layout, catalog.db, {
      ...querySpec(params, version),
      select: 'dataset_id',
      groupBy: null,
      caseInsensitiveText: true,
    });
    const { limit, offset } = pageOf(params, false);
    const total = countRecords(catalog.db, plan);
    const context = decodeContext(version, url, 'catalog', params.timezone);
    const rows = readRecords(catalog.db, plan, limit, offset, context);
    const datasets = rows.map((row) => catalog.datasetById(row.fields.dataset_id as string)!);
    return c.json(serializer.catalogDatasets(url, { total, limit, offset }, datasets, selection));
  });

  app.get('/facets', (c) => {
    const url = new URL(c.req.url);
    const params = readParams(url);
    const requests = inClause('facet', () =>
      (params.facets.length ? params.facets : CATALOG_FACETS).map(parseFacetParam),
    );
    const spec = querySpec(params, version);
    const facets = timed(() => computeFacets(catalog.layout, catalog.db, spec, requests));
    return c.json(serializer.facets(url, facets));
  });

  if (version.aggregates) {
    app.get('/aggregates', (c) => {
      const url = new URL(c.req.url);
      const params = readParams(url);
      const plan = planQuery(catalog.layout, catalog.db, {
        ...querySpec(params, version),
        select: params.select ?? 'count(*)',
        aggregate: true,
      });
      const { limit, offset } = pageOf(params, true);
      const context = decodeContext(version, url, 'catalog', params.timezone);
      // v2.0 only, so its one envelope is written here rather than by a serializer.
      const body: AggregatesResponse = {
        links: [
          link(url.origin, url.pathname, 'self', url.searchParams),
          link(url.origin, datasetsPath(version), 'datasets'),
        ],
        aggregations: readGroups(catalog.db, plan, limit, offset, context),
      };
      return c.json(body);
    });
  }

  return app;
}
