import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../app';
import { ingestPortal } from '../store/ingest';
import { readPortalFolder } from '../store/portal-folder';
import { Store } from '../store/store';

export const FIXTURE_PORTAL_DIR = resolve('tests/fixtures/portal');

/** A store on a real SQLite file in a temporary folder, loaded from the fixture portal. */
export function openFixtureStore(dir = FIXTURE_PORTAL_DIR): { store: Store; cleanup: () => void } {
  const temp = mkdtempSync(join(tmpdir(), 'ods-portal-'));
  const store = new Store(join(temp, 'portal.sqlite'));
  ingestPortal(store, readPortalFolder(dir));
  return {
    store,
    cleanup: () => {
      store.close();
      rmSync(temp, { recursive: true, force: true });
    },
  };
}

export function fixtureApp() {
  const { store, cleanup } = openFixtureStore();
  return { app: createApp({ store, log: () => {} }), store, cleanup };
}
