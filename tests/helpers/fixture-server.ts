import { afterAll, beforeAll } from 'vitest';
import { servePortal } from '../../server/serve';
import { temporaryPortalDb } from './temp';

/**
 * Serves the fixture portal (tests/fixtures/portal) on a free port for the tests of one file, from a
 * fresh SQLite file; `onReady` receives its address before the first test runs.
 */
export function serveFixturePortal(onReady: (url: string) => void): void {
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
    });
    close = portal.close;
    onReady(portal.url);
  });
  afterAll(async () => {
    await close?.();
    db.cleanup();
  });
}
