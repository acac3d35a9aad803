import { Hono } from 'hono';
import type { ReuseResponse, ReusesResponse } from '../../common/ods-api/types';
import { notFound } from '../errors';
import { link, pageLinks } from '../links';
import { pageOf, readParams } from '../query/params';
import type { ApiVersion } from '../serializers/api-version';
import type { Store } from '../store/store';
import { datasetPath, findDataset } from './dataset-context';

/**
 * `GET …/datasets/{dataset_id}/reuses` and `…/reuses/{reuse_id}` (ods-api.md §7, from the 2019
 * API): what people built with the dataset, from its reuses.json. Paged like other collections:
 * `rows`/`start` (2019) or `limit`/`offset`, 10 by default.
 */

export function reuseRoutes(store: Store, version: ApiVersion): Hono {
  const app = new Hono({ strict: false });

  app.get('/:dataset_id/reuses', (c) => {
    const { dataset, url } = findDataset(store, c, version);
    const { limit, offset } = pageOf(readParams(url), false);
    const reuses = store.reuses(dataset.dataset_id);
    const body: ReusesResponse = {
      links: [
        ...pageLinks(url, reuses.length, limit, offset),
        link(url.origin, datasetPath(version, dataset.dataset_id), 'dataset'),
      ],
      reuses: reuses.slice(offset, offset + limit),
    };
    return c.json(body);
  });

  app.get('/:dataset_id/reuses/:reuse_id', (c) => {
    const { dataset, url } = findDataset(store, c, version);
    const id = c.req.param('reuse_id');
    const reuse = store.reuse(dataset.dataset_id, id);
    if (!reuse) throw notFound(`Unknown reuse: ${id} in dataset ${dataset.dataset_id}`);
    const base = datasetPath(version, dataset.dataset_id);
    const body: ReuseResponse = {
      links: [
        link(url.origin, url.pathname, 'self'),
        link(url.origin, `${base}/reuses`, 'reuses'),
        link(url.origin, base, 'dataset'),
      ],
      reuse,
    };
    return c.json(body);
  });

  return app;
}
