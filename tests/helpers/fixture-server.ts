import { afterAll, beforeAll } from 'vitest';
import { type ServeOptions, servePortal } from '../../server/serve';
import { temporaryPortalDb } from './temp';

/**
 * Serves the fixture portal (tests/fixtures/portal) on a free port for the tests of one file, from a
 * fresh SQLite file; `onReady` receives its address before the first test runs. `api` serves only
 * those Explore API versions, as `--api` does.
 */
export function serveFixturePortal(onReady: (url: string) => void, api?: ServeOptions['api']): void {
  const db = temporaryPortalDb();
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const portal = await servePortal({
      port: 0,
      host: '127.0.0.1',
      data: 'tests/fixtures/portal',
      db: db.file,
      dist: 'dist',
      log: () => {},
      api,
      // One query worker: these files test the API, not the pool (server/pool/pool.test.ts does),
      // and each worker thread takes about a second to start.
      workers: 1,
    });
    close = portal.close;
    onReady(portal.url);
  });
  afterAll(async () => {
    await close?.();
    db.cleanup();
  });
}
