import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Dataset } from '../../common/ods-api/types';

/**
 * The portal's SQLite store: one file per portal. The `datasets` table holds each dataset's
 * public description (the v2.0 dataset object); data tables come from ingest.
 */
export interface PortalInfo {
  title: string;
  description: string;
  language: string;
}

export class Store {
  readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS portal (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS datasets (
        dataset_id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        dataset TEXT NOT NULL
      );
    `);
  }

  portalInfo(): PortalInfo {
    const row = this.db.prepare(`SELECT value FROM portal WHERE key = 'info'`).get() as
      | { value: string }
      | undefined;
    return row
      ? (JSON.parse(row.value) as PortalInfo)
      : { title: 'ODS portal', description: '', language: 'en' };
  }

  setPortalInfo(info: PortalInfo): void {
    this.db
      .prepare(
        `INSERT INTO portal (key, value) VALUES ('info', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      )
      .run(JSON.stringify(info));
  }

  datasets(): Dataset[] {
    const rows = this.db.prepare('SELECT dataset FROM datasets ORDER BY position').all() as {
      dataset: string;
    }[];
    return rows.map((row) => JSON.parse(row.dataset) as Dataset);
  }

  dataset(id: string): Dataset | undefined {
    const row = this.db.prepare('SELECT dataset FROM datasets WHERE dataset_id = ?').get(id) as
      | { dataset: string }
      | undefined;
    return row ? (JSON.parse(row.dataset) as Dataset) : undefined;
  }

  close(): void {
    this.db.close();
  }
}
