import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultDbFor, parseKeep } from './serve';
import { DEFAULT_KEEP_SNAPSHOTS, pruneSnapshots, removeOrphanSnapshots } from './store/snapshot';
import { Store } from './store/store';

/**
 * `npm run portal -- snapshots prune [--keep N] [--data DIR] [--db FILE]`: the owner trims the
 * store. Ingest already keeps `--keep-snapshots` per dataset; this also clears a store written
 * before it did, or with a larger limit, then compacts the file so that the disk gets the room back.
 */

export const SNAPSHOTS_USAGE = `       portal snapshots prune [--keep N] [--data DIR] [--db FILE]
  keeps each dataset's N newest snapshots (default ${DEFAULT_KEEP_SNAPSHOTS}), drops those of removed datasets,
  and compacts the store`;

export class SnapshotsUsageError extends Error {}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function snapshotsCommand(argv: string[], write: (line: string) => void = console.log): void {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { keep: { type: 'string' }, data: { type: 'string' }, db: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1 || positionals[0] !== 'prune') {
    throw new SnapshotsUsageError('the snapshots command takes one action: prune');
  }
  let keep: number;
  try {
    keep = parseKeep(values.keep, '--keep');
  } catch (error) {
    throw new SnapshotsUsageError((error as Error).message);
  }
  const file = values.db ?? defaultDbFor(values.data);
  if (!existsSync(file))
    throw new Error(`no portal database at ${file} (start the portal once, or pass --db)`);
  const before = statSync(file).size;
  const store = new Store(file);
  try {
    const datasets = store.datasets().map((dataset) => dataset.dataset_id);
    const { pruned, orphans } = store.db.transaction(() => ({
      pruned: datasets.reduce((sum, id) => sum + pruneSnapshots(store.db, id, keep), 0),
      orphans: removeOrphanSnapshots(store.db),
    }))();
    if (pruned + orphans > 0) {
      store.db.exec('VACUUM');
      store.db.pragma('wal_checkpoint(TRUNCATE)');
    }
    write(
      `Dropped ${pruned} snapshot(s) beyond the newest ${keep} of each dataset and ${orphans} of removed datasets; ${file}: ${megabytes(before)} → ${megabytes(statSync(file).size)}`,
    );
  } finally {
    store.close();
  }
}
