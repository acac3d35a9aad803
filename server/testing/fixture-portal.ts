import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../app';
import { syncPortal } from '../store/ingest';
import { Store } from '../store/store';

export const FIXTURE_PORTAL_DIR = resolve('tests/fixtures/portal');

/** A store on a real SQLite file in a temporary folder, loaded from the fixture portal. */
export function openFixtureStore(dir = FIXTURE_PORTAL_DIR): { store: Store; cleanup: () => void } {
  const temp = mkdtempSync(join(tmpdir(), 'ods-portal-'));
  const store = new Store(join(temp, 'portal.sqlite'));
  const problems: string[] = [];
  const report = syncPortal(store, dir, { log: (line) => problems.push(line) });
  if (report.failed.length > 0) {
    store.close();
    rmSync(temp, { recursive: true, force: true });
    throw new Error(`the fixture portal did not load:\n${problems.join('\n')}`);
  }
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
