import { afterEach, describe, expect, it } from 'vitest';
import { snapshotsCommand } from '../snapshot-cli';
import { tempPortal } from '../testing/temp-portal';
import { syncPortal } from './ingest';
import { takeSnapshot } from './snapshot';

/** Snapshot retention: `--keep-snapshots` at ingest, removed datasets, and `snapshots prune`. */

let portal: ReturnType<typeof tempPortal> | undefined;
afterEach(() => {
  portal?.cleanup();
  portal = undefined;
});

const snapshotTables = () =>
  (
    portal!.store.db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 's\\_%' ESCAPE '\\' ORDER BY name`,
      )
      .all() as {
      name: string;
    }[]
  )
    // s_<dataset>_<hash>_<seq>: the hash keeps ids that differ only by case apart; the tests name them without it.
    .map((row) => row.name.replace(/_[0-9a-f]{8}_(\d+)$/, '_$1'));

/** Writes version `n` of the cities (n rows) and syncs; each version is a new snapshot. */
function version(n: number, keepSnapshots?: number) {
  const rows = Array.from({ length: n }, (_, k) => `City ${k},${k * 1000}`);
  portal!.write('cities.csv', `name,population\n${rows.join('\n')}\n`);
  return syncPortal(portal!.store, portal!.dir, { log: () => {}, keepSnapshots });
}

describe('snapshot retention', () => {
  it('keeps the 10 newest snapshots of a dataset by default, dropping the older tables', () => {
    portal = tempPortal();
    for (let n = 1; n <= 12; n++) version(n);
    const snapshots = portal.store.snapshots('cities');
    expect(snapshots.map((s) => s.recordsCount)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(snapshotTables()).toEqual(Array.from({ length: 10 }, (_, k) => `s_cities_${k + 3}`).sort());
  });

  it('keeps as many as --keep-snapshots says, none with 0', () => {
    portal = tempPortal();
    for (let n = 1; n <= 4; n++) version(n, 2);
    expect(portal.store.snapshots('cities').map((s) => s.recordsCount)).toEqual([3, 4]);
    version(5, 0);
    expect(portal.store.snapshots('cities')).toEqual([]);
    expect(snapshotTables()).toEqual([]);
  });

  it('drops a removed dataset’s snapshots with it', () => {
    portal = tempPortal();
    version(1);
    version(2);
    portal.write('other.csv', 'a\n1\n');
    syncPortal(portal.store, portal.dir, { log: () => {} });
    portal.remove('cities.csv');
    const report = syncPortal(portal.store, portal.dir, { log: () => {} });
    expect(report.removed).toEqual(['cities']);
    expect(portal.store.snapshots('cities')).toEqual([]);
    expect(snapshotTables()).toEqual(['s_other_1']);
  });
});

describe('npm run portal -- snapshots prune', () => {
  it('trims every dataset to --keep, drops orphans, compacts the file and says what it did', () => {
    portal = tempPortal();
    for (let n = 1; n <= 5; n++) version(n);
    portal.write('other.csv', 'a\n1\n');
    syncPortal(portal.store, portal.dir, { log: () => {} });
    takeSnapshot(portal.store, 'other', 'by hand');
    // A dataset removed by a version that left its snapshots behind.
    portal.store.db.prepare(`DELETE FROM datasets WHERE dataset_id = 'other'`).run();
    const file = portal.store.db.name;
    const lines: string[] = [];
    snapshotsCommand(['prune', '--keep', '2', '--db', file], (line) => lines.push(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^Dropped 3 snapshot\\(s\\) beyond the newest 2 of each dataset and 2 of removed datasets; ${file}: [\\d.]+ MB → [\\d.]+ MB$`,
      ),
    );
    expect(portal.store.snapshots('cities').map((s) => s.recordsCount)).toEqual([4, 5]);
    expect(portal.store.snapshots('other')).toEqual([]);
    expect(snapshotTables()).toEqual(['s_cities_4', 's_cities_5']);
  });

  it('refuses a --keep that is not a whole number, and an unknown action', () => {
    expect(() => snapshotsCommand(['prune', '--keep', 'ten'])).toThrow(
      '--keep must be a whole number, 0 or more, got "ten"',
    );
    expect(() => snapshotsCommand(['list'])).toThrow('the snapshots command takes one action: prune');
  });
});
