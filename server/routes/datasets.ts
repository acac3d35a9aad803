import { Hono } from 'hono';
import type { AggregatesResponse } from '../../common/ods-api/types';
import { notFound } from '../errors';
import { link } from '../links';
import { OdsqlSemanticError } from '../odsql/compiled';
import { computeFacets, defaultFacets, parseFacetParam } from '../query/facets';
import { pageOf, readParams } from '../query/params';
import { inClause, planQuery } from '../query/plan';
import { countRecords, readGroups, readRecords, timed } from '../query/read';
import type { ApiVersion } from '../serializers/api-version';
import { parseMetaSelect } from '../serializers/meta-select';
import type { Store } from '../store/store';
import { decodeContext, findDataset, querySpec } from './dataset-context';

/**
 * One dataset's query endpoints under `…/catalog/datasets/{dataset_id}` (ods-api.md §3.2–§3.6):
 * the dataset, its records (plain or grouped), one record, aggregates (v2.0 only) and facets. The
 * query runs the same for every version; the version's serializer writes the answer.
 */

export function datasetRoutes(store: Store, version: ApiVersion): Hono {
  const app = new Hono({ strict: false });
  const { serializer } = version;

  app.get('/:dataset_id', (c) => {
    const { dataset, url } = findDataset(store, c, version);
    const selection = parseMetaSelect(url.searchParams.get('select'));
    return c.json(serializer.dataset(url, dataset, selection));
  });

  app.get('/:dataset_id/records', (c) => {
    const { dataset, layout, url } = findDataset(store, c, version);
    const params = readParams(url);
    const plan = planQuery(layout, store.db, querySpec(params, version));
    const context = decodeContext(version, url, dataset.dataset_id, params.timezone);
    const { limit, offset } = pageOf(params, plan.grouped);
    if (plan.grouped) {
      const rows = readGroups(store.db, plan, limit, offset, context);
      return c.json(serializer.groups(url, dataset.dataset_id, rows));
    }
    const total = countRecords(store.db, plan);
    const records = readRecords(store.db, plan, limit, offset, context);
    return c.json(serializer.records(url, dataset.dataset_id, { total, limit, offset }, records));
  });

  app.get('/:dataset_id/records/:record_id', (c) => {
    const { dataset, layout, url } = findDataset(store, c, version);
    const params = readParams(url);
    const recordId = c.req.param('record_id');
    const spec = {
      ...querySpec(params, version),
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
    const context = decodeContext(version, url, dataset.dataset_id, params.timezone);
    const [record] = readRecords(store.db, plan, 1, 0, context);
    if (!record) throw notFound(`Unknown record: ${recordId} in dataset ${dataset.dataset_id}`);
    return c.json(serializer.record(url, dataset.dataset_id, record));
  });

  if (version.aggregates) {
    app.get('/:dataset_id/aggregates', (c) => {
      const { dataset, layout, url } = findDataset(store, c, version);
      const params = readParams(url);
      const spec = { ...querySpec(params, version), select: params.select ?? 'count(*)', aggregate: true };
      const plan = planQuery(layout, store.db, spec);
      const { limit, offset } = pageOf(params, true);
      const context = decodeContext(version, url, dataset.dataset_id, params.timezone);
      // v2.0 only, so its one envelope is written here rather than by a serializer.
      const body: AggregatesResponse = {
        links: [link(url.origin, url.pathname, 'self', url.searchParams)],
        aggregations: readGroups(store.db, plan, limit, offset, context),
      };
      return c.json(body);
    });
  }

  app.get('/:dataset_id/facets', (c) => {
    const { layout, url } = findDataset(store, c, version);
    const params = readParams(url);
    const requests = params.facets.length
      ? inClause('facet', () => params.facets.map(parseFacetParam))
      : defaultFacets(layout);
    const facets = timed(() => computeFacets(layout, store.db, querySpec(params, version), requests));
    return c.json(serializer.facets(url, facets));
  });

  return app;
}
