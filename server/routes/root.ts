import { Hono } from 'hono';
import { API_BASE } from '../../common/ods-api/params';
import type { RootResponse } from '../../common/ods-api/types';
import { link } from '../links';

/** `GET /api/v2` and `GET /api/v2/catalog`: the entry points, as links (ods-api.md §1). */
export function rootRoutes(): Hono {
  const app = new Hono();
  app.get('/', (c) => {
    const origin = new URL(c.req.url).origin;
    const body: RootResponse = {
      links: [link(origin, API_BASE, 'self'), link(origin, `${API_BASE}/catalog`, 'catalog')],
    };
    return c.json(body);
  });
  app.get('/catalog', (c) => {
    const origin = new URL(c.req.url).origin;
    const base = `${API_BASE}/catalog`;
    const body: RootResponse = {
      links: [
        link(origin, base, 'self'),
        link(origin, `${base}/datasets`, 'datasets'),
        link(origin, `${base}/facets`, 'facets'),
      ],
    };
    return c.json(body);
  });
  return app;
}
