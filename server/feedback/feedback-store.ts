import Database from 'better-sqlite3';
import { ERROR_CODES } from '../../common/ods-api/errors';
import { OdsHttpError } from '../errors';
import type { Store } from '../store/store';
import { isWriteFailure } from '../store/write-failure';

export function feedbackUnavailable(): OdsHttpError {
  return new OdsHttpError(
    503,
    ERROR_CODES.server,
    'The portal cannot store feedback now: its disk is full or read-only. Try again later.',
  );
}

/**
 * Visitors' feedback (`PUT …/feedback`), kept in the portal's SQLite file in its own `feedback`
 * table. Unlike everything else in the store it cannot be rebuilt from the portal folder, so ingest
 * never touches it and the store keeps it when it upgrades its format (store.ts).
 *
 * Each submission is written through a connection of its own, opened for that one insert with
 * `synchronous = FULL`: the row is on disk when the client hears 201. A connection of its own also
 * means the insert commits at once even while an export holds a long read on the store's
 * connection (SQLite would otherwise commit it only when that read ends).
 */

export interface FeedbackInput {
  datasetId: string;
  comment: string;
  recordId: string | null;
  newValues: Record<string, unknown> | null;
  /** The record's values of the fields in newValues when it was sent; null before they were kept. */
  oldValues: Record<string, unknown> | null;
  schema: Record<string, unknown> | null;
  userAgent: string | null;
  client: string | null;
}

export interface FeedbackEntry extends FeedbackInput {
  id: number;
  /** ISO 8601 with milliseconds and Z. */
  createdAt: string;
}

const CREATE = `
  CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    comment TEXT NOT NULL,
    record_id TEXT,
    new_values TEXT,
    old_values TEXT,
    schema TEXT,
    user_agent TEXT,
    client TEXT
  );
  CREATE INDEX IF NOT EXISTS feedback_by_dataset ON feedback (dataset_id, id);
`;

interface FeedbackRow {
  id: number;
  dataset_id: string;
  created_at: string;
  comment: string;
  record_id: string | null;
  new_values: string | null;
  /** Absent in files written before old values were kept. */
  old_values?: string | null;
  schema: string | null;
  user_agent: string | null;
  client: string | null;
}

function parseObject(text: string | null): Record<string, unknown> | null {
  return text === null ? null : (JSON.parse(text) as Record<string, unknown>);
}

/** Files written before `old_values` existed gain the column; their rows keep null there. */
function addMissingColumns(db: Database.Database): void {
  const columns = db.prepare('PRAGMA table_info(feedback)').all() as { name: string }[];
  if (!columns.some((column) => column.name === 'old_values')) {
    db.exec('ALTER TABLE feedback ADD COLUMN old_values TEXT');
  }
}

function entryOf(row: FeedbackRow): FeedbackEntry {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    createdAt: row.created_at,
    comment: row.comment,
    recordId: row.record_id,
    newValues: parseObject(row.new_values),
    oldValues: parseObject(row.old_values ?? null),
    schema: parseObject(row.schema),
    userAgent: row.user_agent,
    client: row.client,
  };
}

export class FeedbackStore {
  /**
   * @param file the portal's SQLite file
   * @param shared the connection to use instead of opening one per write (an in-memory store)
   */
  constructor(
    private readonly file: string,
    private readonly shared: Database.Database | null = null,
    private readonly connect: (file: string) => Database.Database = (path) =>
      new Database(path, { fileMustExist: true }),
  ) {}

  static of(store: Store): FeedbackStore {
    return store.db.memory ? new FeedbackStore(':memory:', store.db) : new FeedbackStore(store.db.name);
  }

  private withConnection<T>(work: (db: Database.Database) => T): T {
    if (this.shared) {
      this.shared.exec(CREATE);
      addMissingColumns(this.shared);
      return work(this.shared);
    }
    const db = this.connect(this.file);
    try {
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = FULL');
      db.exec(CREATE);
      addMissingColumns(db);
      return work(db);
    } finally {
      db.close();
    }
  }

  /** Stores one entry; a 503 when the disk is full or read-only: a 201 would promise what was not kept. */
  add(input: FeedbackInput, now = new Date()): FeedbackEntry {
    try {
      return this.insert(input, now);
    } catch (error) {
      if (isWriteFailure(error)) throw feedbackUnavailable();
      throw error;
    }
  }

  private insert(input: FeedbackInput, now: Date): FeedbackEntry {
    const createdAt = now.toISOString();
    return this.withConnection((db) => {
      const id = db
        .prepare(
          `INSERT INTO feedback (dataset_id, created_at, comment, record_id, new_values, old_values, schema, user_agent, client)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.datasetId,
          createdAt,
          input.comment,
          input.recordId,
          input.newValues === null ? null : JSON.stringify(input.newValues),
          input.oldValues === null ? null : JSON.stringify(input.oldValues),
          input.schema === null ? null : JSON.stringify(input.schema),
          input.userAgent,
          input.client,
        ).lastInsertRowid;
      return { ...input, id: Number(id), createdAt };
    });
  }

  list(filter: FeedbackFilter = {}): FeedbackEntry[] {
    return this.withConnection((db) => readFeedback(db, filter));
  }
}

export interface FeedbackFilter {
  datasetId?: string | undefined;
  /** Only entries sent at or after this instant. */
  since?: Date | undefined;
}

/** The feedback entries matching the filter, oldest first; none when the table does not exist. */
export function readFeedback(
  db: Database.Database,
  { datasetId, since }: FeedbackFilter = {},
): FeedbackEntry[] {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'feedback'`).get();
  if (!exists) return [];
  const conditions: string[] = [];
  const values: string[] = [];
  if (datasetId !== undefined) {
    conditions.push('dataset_id = ?');
    values.push(datasetId);
  }
  // created_at is always toISOString()'s form, so text order is time order.
  if (since !== undefined) {
    conditions.push('created_at >= ?');
    values.push(since.toISOString());
  }
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  const rows = db.prepare(`SELECT * FROM feedback${where} ORDER BY id`).all(...values) as FeedbackRow[];
  return rows.map(entryOf);
}
