import { type Context, Hono } from 'hono';
import type { QueryKind } from '../pool/jobs';
import type { QueryRunner } from '../pool/query-runner';
import type { ApiVersion } from '../serializers/api-version';
import { parseMetaSelect } from '../serializers/meta-select';
import type { Store } from '../store/store';
import { findDataset, findLayout } from './dataset-context';

/**
 * One dataset's query endpoints under `…/catalog/datasets/{dataset_id}` (ods-api.md §3.2–§3.6):
 * the dataset, its records (plain or grouped), one record, aggregates (v2.0 only) and facets. The
 * queries run as jobs (server/pool/jobs.ts) on the query runner, off the event loop; the job
 * writes the answer with the version's serializer, and the route sends it.
 */

export function datasetRoutes(store: Store, version: ApiVersion, queries: QueryRunner): Hono {
  const app = new Hono({ strict: false });
  const { serializer } = version;

  const run = async (c: Context, kind: QueryKind, recordId?: string) => {
    const { datasetId, layout } = findLayout(store, c);
    const body = await queries.query({
      kind,
      base: version.base,
      url: c.req.url,
      datasetId,
      layout,
      recordId,
    });
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  };

  app.get('/:dataset_id', (c) => {
    const { dataset, url } = findDataset(store, c, version);
    const selection = parseMetaSelect(url.searchParams.get('select'));
    return c.json(serializer.dataset(url, dataset, selection));
  });

  app.get('/:dataset_id/records', (c) => run(c, 'records'));
  app.get('/:dataset_id/records/:record_id', (c) => run(c, 'record', c.req.param('record_id')));
  if (version.aggregates) app.get('/:dataset_id/aggregates', (c) => run(c, 'aggregates'));
  app.get('/:dataset_id/facets', (c) => run(c, 'facets'));

  return app;
}
