import type Database from 'better-sqlite3';
import type { ExportSink } from '../exports/stream';
import { type ExportJob, prepareExport, type QueryJob, runQuery } from './jobs';

const utf8 = new TextEncoder();

/**
 * Where the dataset query endpoints run their jobs (jobs.ts). The portal runs them on a pool of
 * worker threads (worker-pool.ts), so that no query holds the event loop. In-process, on one
 * connection, they run for what cannot be shared with another thread: an in-memory database (the
 * catalog index, `:memory:` stores), and the route tests, which build a store per test file and
 * check what the endpoints answer, not where they run (the pool has its own tests).
 */
export interface QueryRunner {
  /**
   * The job's JSON answer, encoded as UTF-8; rejects with the OdsHttpError the endpoint answers.
   * Bytes, not a string: from a worker they cross without a copy (a transferred buffer), and the
   * event loop writes them to the socket as they are, allocating nothing on its heap for them.
   */
  query(job: QueryJob): Promise<Uint8Array<ArrayBuffer>>;
  /**
   * Streams the export into `sink`; without one, only checks it (a HEAD request). Rejects before
   * the first chunk for everything that refuses the request, so the route can still answer JSON.
   */
  export(job: ExportJob, sink?: ExportSink): Promise<void>;
  close(): Promise<void>;
}

export class InlineRunner implements QueryRunner {
  constructor(private readonly db: Database.Database) {}

  async query(job: QueryJob): Promise<Uint8Array<ArrayBuffer>> {
    return utf8.encode(runQuery(this.db, job));
  }

  async export(job: ExportJob, sink?: ExportSink): Promise<void> {
    const producer = prepareExport(this.db, job);
    if (sink) await producer(sink);
  }

  async close(): Promise<void> {}
}
