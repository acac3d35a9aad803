import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Dataset, Reuse } from '../../common/ods-api/types';
import type { DatasetLayout } from './layout';
import { quoteIdent } from './sql-ident';

/**
 * The portal's SQLite store: one file per portal. Beside the data tables that ingest builds
 * (layout.ts), it keeps:
 * - `datasets`: each dataset's public description (the v2.0 dataset object), its layout, and the
 *   fingerprints ingest compares to know whether its sources changed;
 * - `files`: the binaries behind `file` fields; `attachments`: files attached to a dataset;
 * - `reuses`: showcases of work built on a dataset;
 * - `snapshots`: frozen copies of a dataset's records, each in its own table.
 * Routes look ids up here; nothing a client sends ever becomes a filesystem path.
 */
export interface PortalInfo {
  title: string;
  description: string;
  language: string;
}

/** A binary behind a `file` field value (`GET …/files/{file_id}`). */
export interface StoredFile {
  datasetId: string;
  fileId: string;
  filename: string;
  mimetype: string;
  width: number | null;
  height: number | null;
  /** The SHA-1 of the bytes, hex (quote it for an ETag header). */
  etag: string;
  bytes: Buffer;
}

export interface AttachmentInfo {
  datasetId: string;
  /** The title with dots replaced by `_`, as ODS does (`cities1000.zip` → `cities1000_zip`). */
  attachmentId: string;
  title: string;
  mimetype: string;
  size: number;
}

export interface StoredAttachment extends AttachmentInfo {
  bytes: Buffer;
}

export interface SnapshotInfo {
  snapshotId: string;
  datasetId: string;
  /** ISO 8601 with milliseconds and Z. */
  createdAt: string;
  description: string;
  recordsCount: number;
  /** The snapshot's records table: same columns as the dataset's table; no side tables. */
  layout: DatasetLayout;
}

/** Bumped when the store's own tables change shape: an older file is then emptied and rebuilt. */
export const STORE_FORMAT_VERSION = 4;

const DEFAULT_PORTAL_INFO: PortalInfo = { title: 'ODS portal', description: '', language: 'en' };

export class Store {
  readonly db: Database.Database;
  private readonly layoutCache = new Map<string, DatasetLayout>();

  /**
   * @param readOnly open an existing store without writing to it (a full disk at start): nothing is
   *   created or upgraded, and feedback answers 503.
   */
  constructor(
    file: string,
    readonly readOnly = false,
  ) {
    if (readOnly) {
      this.db = new Database(file, { readonly: true, fileMustExist: true });
      const version = this.db.pragma('user_version', { simple: true }) as number;
      if (version !== STORE_FORMAT_VERSION) {
        this.db.close();
        throw new Error(
          `the store ${file} is from another version of the portal and cannot be upgraded read-only`,
        );
      }
      return;
    }
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Ingest writes a dataset in one transaction, so the WAL can grow to the dataset's size; once
    // checkpointed it is cut back to this.
    this.db.pragma('journal_size_limit = 67108864');
    this.upgrade();
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS portal (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS datasets (
        dataset_id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        dataset TEXT NOT NULL,
        layout TEXT NOT NULL,
        source_path TEXT NOT NULL,
        stat_fingerprint TEXT NOT NULL,
        source_hash TEXT NOT NULL,
        data_hash TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS files (
        dataset_id TEXT NOT NULL,
        file_id TEXT NOT NULL,
        filename TEXT NOT NULL,
        mimetype TEXT NOT NULL,
        width INTEGER,
        height INTEGER,
        etag TEXT NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (dataset_id, file_id)
      );
      CREATE TABLE IF NOT EXISTS attachments (
        dataset_id TEXT NOT NULL,
        attachment_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        mimetype TEXT NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (dataset_id, attachment_id)
      );
      CREATE TABLE IF NOT EXISTS reuses (
        dataset_id TEXT NOT NULL,
        reuse_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        reuse TEXT NOT NULL,
        PRIMARY KEY (dataset_id, reuse_id)
      );
      CREATE TABLE IF NOT EXISTS snapshots (
        snapshot_id TEXT PRIMARY KEY,
        dataset_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        description TEXT NOT NULL,
        table_name TEXT NOT NULL,
        records_count INTEGER NOT NULL,
        layout TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS snapshots_by_dataset ON snapshots (dataset_id, seq);
    `);
  }

  /** An empty file, or one written by this version, is kept; an older one is emptied, but for feedback. */
  private upgrade(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version === STORE_FORMAT_VERSION) return;
    const tables = this.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .all() as { name: string }[];
    if (tables.length > 0) {
      this.db.transaction(() => {
        // Virtual tables own shadow tables; dropping them first drops their shadows with them.
        const virtual = this.db
          .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'`)
          .all() as { name: string }[];
        for (const { name } of virtual) this.db.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
        const rest = this.db
          .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
          .all() as { name: string }[];
        for (const { name } of rest) {
          // Visitors' feedback (server/feedback) comes from no portal folder: it could not be rebuilt.
          if (name !== 'feedback') this.db.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
        }
      })();
    }
    this.db.pragma(`user_version = ${STORE_FORMAT_VERSION}`);
  }

  portalInfo(): PortalInfo {
    const row = this.db.prepare(`SELECT value FROM portal WHERE key = 'info'`).get() as
      | { value: string }
      | undefined;
    return row ? (JSON.parse(row.value) as PortalInfo) : { ...DEFAULT_PORTAL_INFO };
  }

  setPortalInfo(info: PortalInfo): void {
    this.db
      .prepare(
        `INSERT INTO portal (key, value) VALUES ('info', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      )
      .run(JSON.stringify(info));
  }

  /** Every dataset, in catalog order. */
  datasets(): Dataset[] {
    const rows = this.db.prepare('SELECT dataset FROM datasets ORDER BY position').all() as {
      dataset: string;
    }[];
    return rows.map((row) => JSON.parse(row.dataset) as Dataset);
  }

  /** A fresh copy each call: callers may add links or trim fields without touching the store. */
  dataset(id: string): Dataset | undefined {
    const row = this.db.prepare('SELECT dataset FROM datasets WHERE dataset_id = ?').get(id) as
      | { dataset: string }
      | undefined;
    return row ? (JSON.parse(row.dataset) as Dataset) : undefined;
  }

  /** How the dataset's records are stored (tables, columns), or undefined for an unknown dataset. */
  layout(datasetId: string): DatasetLayout | undefined {
    const cached = this.layoutCache.get(datasetId);
    if (cached) return cached;
    const row = this.db.prepare('SELECT layout FROM datasets WHERE dataset_id = ?').get(datasetId) as
      | { layout: string }
      | undefined;
    if (!row) return undefined;
    const layout = deepFreeze(JSON.parse(row.layout) as DatasetLayout);
    this.layoutCache.set(datasetId, layout);
    return layout;
  }

  /** The binary behind a file field value. */
  file(datasetId: string, fileId: string): StoredFile | undefined {
    const row = this.db
      .prepare(
        `SELECT dataset_id, file_id, filename, mimetype, width, height, etag, bytes
         FROM files WHERE dataset_id = ? AND file_id = ?`,
      )
      .get(datasetId, fileId) as FileRow | undefined;
    return row
      ? {
          datasetId: row.dataset_id,
          fileId: row.file_id,
          filename: row.filename,
          mimetype: row.mimetype,
          width: row.width,
          height: row.height,
          etag: row.etag,
          bytes: row.bytes,
        }
      : undefined;
  }

  /** The dataset's attachments, in the order of its `attachments` list, without their bytes. */
  attachments(datasetId: string): AttachmentInfo[] {
    const rows = this.db
      .prepare(
        `SELECT dataset_id, attachment_id, title, mimetype, length(bytes) AS size
         FROM attachments WHERE dataset_id = ? ORDER BY position`,
      )
      .all(datasetId) as AttachmentRow[];
    return rows.map(attachmentInfo);
  }

  attachment(datasetId: string, attachmentId: string): StoredAttachment | undefined {
    const row = this.db
      .prepare(
        `SELECT dataset_id, attachment_id, title, mimetype, length(bytes) AS size, bytes
         FROM attachments WHERE dataset_id = ? AND attachment_id = ?`,
      )
      .get(datasetId, attachmentId) as (AttachmentRow & { bytes: Buffer }) | undefined;
    return row ? { ...attachmentInfo(row), bytes: row.bytes } : undefined;
  }

  reuses(datasetId: string): Reuse[] {
    const rows = this.db
      .prepare('SELECT reuse FROM reuses WHERE dataset_id = ? ORDER BY position')
      .all(datasetId) as { reuse: string }[];
    return rows.map((row) => JSON.parse(row.reuse) as Reuse);
  }

  reuse(datasetId: string, reuseId: string): Reuse | undefined {
    const row = this.db
      .prepare('SELECT reuse FROM reuses WHERE dataset_id = ? AND reuse_id = ?')
      .get(datasetId, reuseId) as { reuse: string } | undefined;
    return row ? (JSON.parse(row.reuse) as Reuse) : undefined;
  }

  /** The dataset's snapshots, oldest first. */
  snapshots(datasetId: string): SnapshotInfo[] {
    const rows = this.db
      .prepare(
        `SELECT snapshot_id, dataset_id, created_at, description, records_count, layout
         FROM snapshots WHERE dataset_id = ? ORDER BY seq`,
      )
      .all(datasetId) as SnapshotRow[];
    return rows.map(snapshotInfo);
  }

  snapshot(datasetId: string, snapshotId: string): SnapshotInfo | undefined {
    const row = this.db
      .prepare(
        `SELECT snapshot_id, dataset_id, created_at, description, records_count, layout
         FROM snapshots WHERE dataset_id = ? AND snapshot_id = ?`,
      )
      .get(datasetId, snapshotId) as SnapshotRow | undefined;
    return row ? snapshotInfo(row) : undefined;
  }

  /** Forgets cached layouts; ingest calls it after changing them. */
  invalidate(): void {
    this.layoutCache.clear();
  }

  close(): void {
    this.db.close();
  }
}

/** Layouts are shared between requests: freezing them turns an accidental write into an error. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

interface FileRow {
  dataset_id: string;
  file_id: string;
  filename: string;
  mimetype: string;
  width: number | null;
  height: number | null;
  etag: string;
  bytes: Buffer;
}

interface AttachmentRow {
  dataset_id: string;
  attachment_id: string;
  title: string;
  mimetype: string;
  size: number;
}

function attachmentInfo(row: AttachmentRow): AttachmentInfo {
  return {
    datasetId: row.dataset_id,
    attachmentId: row.attachment_id,
    title: row.title,
    mimetype: row.mimetype,
    size: row.size,
  };
}

interface SnapshotRow {
  snapshot_id: string;
  dataset_id: string;
  created_at: string;
  description: string;
  records_count: number;
  layout: string;
}

function snapshotInfo(row: SnapshotRow): SnapshotInfo {
  return {
    snapshotId: row.snapshot_id,
    datasetId: row.dataset_id,
    createdAt: row.created_at,
    description: row.description,
    recordsCount: row.records_count,
    layout: JSON.parse(row.layout) as DatasetLayout,
  };
}
