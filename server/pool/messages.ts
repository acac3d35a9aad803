import type { ErrorBody } from '../../common/ods-api/errors';
import type { DatasetLayout } from '../store/layout';
import type { ExportJob, QueryJob } from './jobs';

/** What the pool (worker-pool.ts) and its workers (query-worker.ts) say to each other. */

/**
 * A job as it crosses to a worker. A query job's layout is most of what is copied (a structured
 * clone on the event loop, ~0.1 ms a query), and each worker keeps the last layout it was sent for
 * each dataset: the pool sends `layout: null` when that worker has this very layout already.
 */
export type WireJob = ExportJob | (Omit<QueryJob, 'layout'> & { layout: DatasetLayout | null });

export type ToWorker =
  /** `checkOnly`: an export is planned and checked, not streamed (a HEAD request). */
  | { type: 'job'; id: number; job: WireJob; limitMs: number; checkOnly?: boolean }
  /** The main thread has handed `bytes` of the export on to the client: the worker may send more. */
  | { type: 'more'; id: number; bytes: number }
  /** The client went away: the export stops and closes its statement. */
  | { type: 'cancel'; id: number };

/** A failure as it crosses threads: ODS's answer when it has one, else what the log needs. */
export type JobFailure =
  | { kind: 'ods'; status: number; body: ErrorBody }
  | { kind: 'crash'; message: string; stack: string | undefined };

export type FromWorker =
  | { type: 'ready' }
  /** `body`: the JSON answer in UTF-8, its buffer transferred (QueryRunner.query). */
  | { type: 'answer'; id: number; body: Uint8Array<ArrayBuffer> }
  | { type: 'chunk'; id: number; bytes: Uint8Array; rows: number }
  | { type: 'end'; id: number; rows: number }
  | { type: 'failed'; id: number; failure: JobFailure };
