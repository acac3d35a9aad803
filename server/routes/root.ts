import { Hono } from 'hono';
import { link } from '../links';
import type { ApiVersion } from '../serializers/api-version';

/** `GET {base}` and `GET {base}/catalog`: the entry points, as links (ods-api.md §1). */
export function rootRoutes(version: ApiVersion): Hono {
  const app = new Hono({ strict: false });
  app.get('/', (c) => {
    const origin = new URL(c.req.url).origin;
    const links = [link(origin, version.base, 'self'), link(origin, `${version.base}/catalog`, 'catalog')];
    return c.json(version.serializer.root(links));
  });
  app.get('/catalog', (c) => {
    const origin = new URL(c.req.url).origin;
    const base = `${version.base}/catalog`;
    const links = [
      link(origin, base, 'self'),
      link(origin, `${base}/datasets`, 'datasets'),
      link(origin, `${base}/facets`, 'facets'),
      link(origin, `${base}/exports`, 'exports'),
    ];
    return c.json(version.serializer.root(links));
  });
  return app;
}
