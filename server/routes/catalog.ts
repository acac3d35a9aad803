import { Hono } from 'hono';
import { API_BASE, DEFAULT_LIMIT } from '../../common/ods-api/params';
import type { CatalogDatasetsResponse } from '../../common/ods-api/types';
import { link } from '../links';
import type { Store } from '../store/store';

/** The catalog: `GET /api/v2/catalog/datasets` (v2.0 shape, ods-api.md §3.1). */
export function catalogRoutes(store: Store): Hono {
  const app = new Hono();
  app.get('/datasets', (c) => {
    const origin = new URL(c.req.url).origin;
    const all = store.datasets();
    const limit = DEFAULT_LIMIT;
    const page = all.slice(0, limit);
    const base = `${API_BASE}/catalog/datasets`;
    const body: CatalogDatasetsResponse = {
      total_count: all.length,
      links: [link(origin, base, 'self'), link(origin, base, 'first'), link(origin, base, 'last')],
      datasets: page.map((dataset) => ({
        links: [link(origin, `${base}/${encodeURIComponent(dataset.dataset_id)}`, 'self')],
        dataset,
      })),
    };
    return c.json(body);
  });
  return app;
}
