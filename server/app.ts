import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { ERROR_CODES, type ErrorBody } from '../common/ods-api/errors';
import { API_BASE } from '../common/ods-api/params';
import { CatalogIndex } from './catalog/catalog-index';
import { OdsHttpError } from './errors';
import { registerSqlFunctions } from './odsql/sql-functions';
import { attachmentRoutes } from './routes/attachments';
import { catalogRoutes } from './routes/catalog';
import { datasetRoutes } from './routes/datasets';
import { exportRoutes } from './routes/exports';
import { feedbackRoutes } from './routes/feedback';
import { fileRoutes } from './routes/files';
import { reuseRoutes } from './routes/reuses';
import { rootRoutes } from './routes/root';
import { snapshotRoutes } from './routes/snapshots';
import type { Store } from './store/store';

export interface AppOptions {
  store: Store;
  /** Serves the built explorer for every path outside /api (main.ts supplies it). */
  staticSite?: Hono;
  log?: (line: string) => void;
}

/**
 * The embedded portal as a Hono app: the Explore API v2.0 under /api/v2, and the explorer.
 * Every API error leaves through `onError` or `notFound` as ODS's JSON error body.
 */
export function createApp({ store, staticSite, log = console.error }: AppOptions): Hono {
  const app = new Hono({ strict: false });

  app.use(
    '/api/*',
    cors({
      origin: '*',
      allowHeaders: ['Authorization', 'Content-Type', 'ODS-Widgets-Version'],
      allowMethods: ['GET', 'HEAD', 'PUT', 'OPTIONS'],
      exposeHeaders: [
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
        'Retry-After',
        'Content-Disposition',
      ],
      maxAge: 86_400,
    }),
  );

  // ODS answers `application/json; charset=utf-8` (ods-api.md §2.1).
  app.use('/api/*', async (c, next) => {
    await next();
    if (c.res.headers.get('Content-Type') === 'application/json') {
      c.res.headers.set('Content-Type', 'application/json; charset=utf-8');
    }
  });

  const api = new Hono({ strict: false });
  api.route('/', rootRoutes());
  registerSqlFunctions(store.db);
  // The catalog's metadata, indexed for search and facets; the store changes only when it is synced.
  const catalog = new CatalogIndex();
  catalog.rebuild(store.datasets());
  api.route('/catalog', catalogRoutes(catalog));
  api.route('/catalog/datasets', datasetRoutes(store));
  api.route('/catalog/datasets', exportRoutes(store, { log }));
  api.route('/catalog/datasets', attachmentRoutes(store));
  api.route('/catalog/datasets', fileRoutes(store));
  api.route('/catalog/datasets', reuseRoutes(store));
  api.route('/catalog/datasets', snapshotRoutes(store, { log }));
  api.route('/catalog/datasets', feedbackRoutes(store));
  app.route(API_BASE, api);

  app.all('/api/*', (c) => {
    const body: ErrorBody = {
      error_code: ERROR_CODES.notFound,
      message: `Unknown resource: ${new URL(c.req.url).pathname}`,
    };
    return c.json(body, 404);
  });

  if (staticSite) app.route('/', staticSite);

  app.notFound((c) =>
    c.json({ error_code: ERROR_CODES.notFound, message: 'Not found' } satisfies ErrorBody, 404),
  );

  app.onError((error, c) => {
    if (error instanceof OdsHttpError) return c.json(error.body(), error.status);
    log(`[portal] ${c.req.method} ${c.req.url}: ${error.stack ?? error.message}`);
    const body: ErrorBody = { error_code: ERROR_CODES.server, message: 'Internal server error' };
    return c.json(body, 500);
  });

  return app;
}
