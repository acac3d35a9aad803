import type { Worker } from 'node:worker_threads';
import { OdsHttpError } from '../errors';
import type { ExportSink } from '../exports/stream';
import type { DatasetLayout } from '../store/layout';
import type { Job } from './jobs';
import type { Lane } from './lanes';
import type { JobFailure, ToWorker, WireJob } from './messages';

/** What the pool (worker-pool.ts) keeps for each job and each thread, and how a job crosses to it. */

export interface Task {
  id: number;
  job: Job;
  lane: Lane | 'export';
  /** A query's shape (lanes.ts), whose time the cost book learns; none for exports. */
  shape: string | null;
  startedAt: number;
  limitMs: number;
  checkOnly: boolean;
  sink: ExportSink | undefined;
  /** Chunks handed to the sink one after another. */
  chain: Promise<void>;
  /** With the answer's bytes; an export, whose bytes went to its sink, with none. */
  resolve: (body: Uint8Array<ArrayBuffer>) => void;
  reject: (error: unknown) => void;
}

export type Group = 'query' | 'export';

export interface Slot {
  group: Group;
  worker: Worker;
  ready: boolean;
  task: Task | null;
  /**
   * A quick job already posted behind the running one (`queueBehind`): the worker starts it as soon
   * as it answers, instead of idling while the event loop takes the answer and sends the next job.
   */
  next: Task | null;
  timer: NodeJS.Timeout | null;
  /** The layout this worker was last sent for each dataset (WireJob). */
  layouts: Map<string, DatasetLayout>;
}

/** What an export's task resolves with: its bytes went to the sink. */
export const NO_BYTES = new Uint8Array(0);

/** The job as it is posted to the slot's worker: without its layout when that worker has it. */
export function jobMessage(slot: Slot, task: Task): ToWorker {
  const { job } = task;
  let wire: WireJob = job;
  if (job.kind !== 'export') {
    // The store's layouts are frozen and replaced when a dataset changes: the same object is the same layout.
    if (slot.layouts.get(job.datasetId) === job.layout) wire = { ...job, layout: null };
    else slot.layouts.set(job.datasetId, job.layout);
  }
  return { type: 'job', id: task.id, job: wire, limitMs: task.limitMs, checkOnly: task.checkOnly };
}

/** A failure from a worker as the error the route answers (ODS's) or logs (a crash). */
export function errorOf(failure: JobFailure): Error {
  if (failure.kind === 'ods') {
    return new OdsHttpError(
      failure.status as OdsHttpError['status'],
      failure.body.error_code,
      failure.body.message,
    );
  }
  const error = new Error(failure.message);
  error.stack = failure.stack;
  return error;
}
