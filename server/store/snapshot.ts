import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { tableBase } from './dataset-tables';
import type { DatasetLayout } from './layout';
import { quoteIdent } from './sql-ident';
import type { SnapshotInfo, Store } from './store';

/**
 * Snapshots: frozen copies of a dataset's records (ods-api.md §7). Each is its own table, a copy of
 * the records table (`CREATE TABLE … AS SELECT *`), with no side tables: a snapshot is downloaded
 * whole, never queried. A later ingest builds new tables beside them; it keeps the newest
 * `--keep-snapshots` of each dataset (10 by default) and drops a removed dataset's with it.
 */

/** The records table of a snapshot: the dataset's columns, nothing else. */
function snapshotLayout(layout: DatasetLayout, table: string): DatasetLayout {
  return {
    ...layout,
    table,
    ftsTable: null,
    fields: layout.fields.map((f) => ({
      ...f,
      valuesTable: null,
      rtreeTable: null,
      fullText: false,
      ftsColumn: null,
    })),
  };
}

/** Copies the records table of `layout` into a new snapshot. Runs inside the caller's transaction. */
export function createSnapshot(
  db: Database.Database,
  layout: DatasetLayout,
  description: string,
  createdAt: string,
): SnapshotInfo {
  const { seq } = db
    .prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM snapshots WHERE dataset_id = ?')
    .get(layout.datasetId) as { seq: number };
  const table = `s_${tableBase(layout.datasetId)}_${seq}`;
  db.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
  db.exec(`CREATE TABLE ${quoteIdent(table)} AS SELECT * FROM ${quoteIdent(layout.table)} ORDER BY rid`);
  const { count } = db.prepare(`SELECT count(*) AS count FROM ${quoteIdent(table)}`).get() as {
    count: number;
  };
  const snapshotId = createHash('sha1')
    .update(`${layout.datasetId}\n${seq}\n${createdAt}`)
    .digest('hex')
    .slice(0, 16);
  const frozen = snapshotLayout(layout, table);
  db.prepare(
    `INSERT INTO snapshots (snapshot_id, dataset_id, seq, created_at, description, table_name, records_count, layout)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(snapshotId, layout.datasetId, seq, createdAt, description, table, count, JSON.stringify(frozen));
  return {
    snapshotId,
    datasetId: layout.datasetId,
    createdAt,
    description,
    recordsCount: count,
    layout: frozen,
  };
}

/** Takes a snapshot of a dataset as it is now (the CLI's `snapshot` command). */
export function takeSnapshot(store: Store, datasetId: string, description: string): SnapshotInfo {
  const layout = store.layout(datasetId);
  if (!layout) throw new Error(`no dataset "${datasetId}" in this portal`);
  const createdAt = new Date().toISOString();
  return store.db.transaction(() => createSnapshot(store.db, layout, description, createdAt))();
}

/** Snapshots kept per dataset when `--keep-snapshots` is not given. */
export const DEFAULT_KEEP_SNAPSHOTS = 10;

/** Drops snapshots, their tables with them; returns how many. Runs inside the caller's transaction. */
function dropSnapshots(
  db: Database.Database,
  rows: readonly { snapshot_id: string; table_name: string }[],
): number {
  const remove = db.prepare('DELETE FROM snapshots WHERE snapshot_id = ?');
  for (const row of rows) {
    db.exec(`DROP TABLE IF EXISTS ${quoteIdent(row.table_name)}`);
    remove.run(row.snapshot_id);
  }
  return rows.length;
}

/**
 * Keeps a dataset's `keep` newest snapshots and drops the older ones: each is a full copy of the
 * records, so a folder re-ingested all afternoon would otherwise grow the store without end.
 */
export function pruneSnapshots(db: Database.Database, datasetId: string, keep: number): number {
  const old = db
    .prepare(
      'SELECT snapshot_id, table_name FROM snapshots WHERE dataset_id = ? ORDER BY seq DESC LIMIT -1 OFFSET ?',
    )
    .all(datasetId, keep) as { snapshot_id: string; table_name: string }[];
  return dropSnapshots(db, old);
}

/** Every snapshot of a dataset, for a dataset removed from the portal. */
export function removeSnapshots(db: Database.Database, datasetId: string): number {
  return pruneSnapshots(db, datasetId, 0);
}

/** Snapshots of datasets the store no longer has (left by versions that did not remove them). */
export function removeOrphanSnapshots(db: Database.Database): number {
  const orphans = db
    .prepare(
      'SELECT snapshot_id, table_name FROM snapshots WHERE dataset_id NOT IN (SELECT dataset_id FROM datasets)',
    )
    .all() as { snapshot_id: string; table_name: string }[];
  return dropSnapshots(db, orphans);
}
