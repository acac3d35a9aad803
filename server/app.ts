import { Hono } from 'hono';
import { ERROR_CODES, type ErrorBody } from '../common/ods-api/errors';
import { CatalogIndex } from './catalog/catalog-index';
import { compression } from './compression';
import { cors } from './cors';
import { OdsHttpError } from './errors';
import { SlidingWindowLimiter } from './feedback/rate-limit';
import { registerSqlFunctions } from './odsql/sql-functions';
import { InlineRunner, type QueryRunner } from './pool/query-runner';
import { redactUrl } from './redact';
import { attachmentRoutes } from './routes/attachments';
import { catalogRoutes } from './routes/catalog';
import { catalogExportRoutes } from './routes/catalog-exports';
import { datasetRoutes } from './routes/datasets';
import { exportRoutes } from './routes/exports';
import { FEEDBACK_PER_MINUTE, feedbackRoutes } from './routes/feedback';
import { fileRoutes } from './routes/files';
import { reuseRoutes } from './routes/reuses';
import { rootRoutes } from './routes/root';
import { snapshotRoutes } from './routes/snapshots';
import { type ApiVersion, apiVersions } from './serializers/api-version';
import type { Store } from './store/store';

export interface AppOptions {
  store: Store;
  /** Serves the built explorer for every path outside /api (main.ts supplies it). */
  staticSite?: Hono;
  log?: (line: string) => void;
  /** The Explore API versions served (both by default), as portals that dropped one do. */
  api?: readonly ('2.0' | '2.1')[];
  /**
   * Where the dataset queries and exports run: serve.ts passes the worker pool; by default they
   * run in-process on the store's connection (server/pool/query-runner.ts says when that is right).
   */
  queries?: QueryRunner;
}

/**
 * The embedded portal as a Hono app: the Explore API v2.0 under /api/v2 and /api/explore/v2.0,
 * v2.1 under /api/explore/v2.1, and the explorer. Each version is the same routes over the same
 * engine with that version's serializer. Every API error leaves through `onError` or `notFound`
 * as ODS's JSON error body.
 */
export function createApp({
  store,
  staticSite,
  log = console.error,
  api = ['2.0', '2.1'],
  queries = new InlineRunner(store.db),
}: AppOptions): Hono {
  const app = new Hono({ strict: false });

  // Outermost, so that it sees every response as it leaves.
  app.use('*', compression());
  app.use('/api/*', cors());

  // ODS answers `application/json; charset=utf-8` (ods-api.md §2.1).
  app.use('/api/*', async (c, next) => {
    await next();
    if (c.res.headers.get('Content-Type') === 'application/json') {
      c.res.headers.set('Content-Type', 'application/json; charset=utf-8');
    }
  });

  registerSqlFunctions(store.db);
  // The catalog's metadata, indexed for search and facets; the store changes only when it is synced.
  const catalog = new CatalogIndex();
  catalog.rebuild(store.datasets());
  // One limiter for every version, so a client cannot double its feedback quota by switching.
  const limiter = new SlidingWindowLimiter(FEEDBACK_PER_MINUTE, 60_000);
  const versionApi = (version: ApiVersion) => {
    const routes = new Hono({ strict: false });
    routes.route('/', rootRoutes(version));
    routes.route('/catalog', catalogRoutes(catalog, version));
    routes.route('/catalog', catalogExportRoutes(catalog, version, { log }));
    for (const datasetApi of [
      datasetRoutes(store, version, queries),
      exportRoutes(store, version, queries, { log }),
      attachmentRoutes(store, version),
      fileRoutes(store, version),
      reuseRoutes(store, version),
      snapshotRoutes(store, version, { log }),
      feedbackRoutes(store, version, { limiter }),
    ]) {
      routes.route('/catalog/datasets', datasetApi);
    }
    return routes;
  };
  for (const version of apiVersions(api)) app.route(version.base, versionApi(version));

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
    log(`[portal] ${c.req.method} ${redactUrl(c.req.url)}: ${error.stack ?? error.message}`);
    const body: ErrorBody = { error_code: ERROR_CODES.server, message: 'Internal server error' };
    return c.json(body, 500);
  });

  return app;
}
