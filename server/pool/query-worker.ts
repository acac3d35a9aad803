import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { OdsHttpError } from '../errors';
import { ExportCancelled, type ExportSink } from '../exports/stream';
import {
  isDeadlineError,
  QueryTimeoutError,
  registerSqlFunctions,
  setJobDeadline,
} from '../odsql/sql-functions';
import { queryTimeout } from '../query/read';
import type { DatasetLayout } from '../store/layout';
import { type Job, prepareExport, runQuery } from './jobs';
import type { FromWorker, JobFailure, ToWorker, WireJob } from './messages';

/**
 * A query worker: one read-only connection to the store, one job at a time (better-sqlite3 is
 * synchronous, so a job holds its thread until it ends). The whole job, compile included, runs
 * under the deadline the pool gave it; the pool ends this thread if the job outlives it.
 */

/** A lower priority for export threads (nice, 0 to 19). */
const EXPORT_NICE = 10;

/** How much of the store a query worker maps (SQLite maps at most this much of the file). */
const MMAP_BYTES = 256 * 1024 * 1024;

const port = parentPort!;
const { file, group } = workerData as { file: string; group: 'query' | 'export' };
// An export streams for seconds to minutes and would take a core from the quick queries and the
// event loop: its thread runs at a lower priority, so it gets what they leave. On Linux a nice
// value is per thread (pid 0 is this thread); elsewhere it would lower the whole process, so not.
if (group === 'export' && process.platform === 'linux') {
  try {
    setPriority(0, EXPORT_NICE);
  } catch {
    // Not allowed here (a sandbox): exports run at the usual priority.
  }
}
const db = new Database(file, { readonly: true, fileMustExist: true });
// Query workers read the store through a memory map rather than read() into each connection's own
// 2 MB page cache: the pages are the kernel's, shared by every worker, with no copy per page read.
// bench:load on the cities: with read(), two workers each spent ~17 % more CPU per request than one
// alone (4.09 vs 3.49 ms); mapped, the same in both (2.9-3.3 ms). Exports scan whole tables once,
// so their threads keep read() (a map would count the whole file as resident).
if (group === 'query') db.pragma(`mmap_size = ${MMAP_BYTES}`);
registerSqlFunctions(db);

const utf8 = new TextEncoder();
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

function failureOf(error: unknown, limitMs: number): JobFailure {
  const ods =
    error instanceof QueryTimeoutError || isDeadlineError(error)
      ? queryTimeout(limitMs)
      : error instanceof OdsHttpError
        ? error
        : null;
  if (ods) return { kind: 'ods', status: ods.status, body: ods.body() };
  const e = error instanceof Error ? error : new Error(String(error));
  return { kind: 'crash', message: e.message, stack: e.stack };
}

/** Chunks the main thread has not yet handed on, at most; past them the export waits. */
const WINDOW_BYTES = 1 << 20;

/** The export's side of the stream: chunks cross to the main thread, which says when it wants more. */
class PortSink implements ExportSink {
  rows = 0;
  cancelled = false;
  private inFlight = 0;
  private wake: (() => void) | null = null;
  private readonly closers = new Set<() => void>();

  constructor(private readonly id: number) {}

  async write(chunk: Uint8Array | string): Promise<void> {
    if (this.cancelled) throw new ExportCancelled();
    const bytes = typeof chunk === 'string' ? utf8.encode(chunk) : new Uint8Array(chunk);
    if (bytes.byteLength === 0) return;
    this.inFlight += bytes.byteLength;
    send({ type: 'chunk', id: this.id, bytes, rows: this.rows }, [bytes.buffer as ArrayBuffer]);
    while (this.inFlight > WINDOW_BYTES && !this.cancelled) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    if (this.cancelled) throw new ExportCancelled();
  }

  onCancel(close: () => void): () => void {
    this.closers.add(close);
    return () => this.closers.delete(close);
  }

  handedOn(bytes: number): void {
    this.inFlight -= bytes;
    this.resume();
  }

  cancel(): void {
    this.cancelled = true;
    for (const close of this.closers) close();
    this.closers.clear();
    this.resume();
  }

  private resume(): void {
    const waiting = this.wake;
    this.wake = null;
    waiting?.();
  }
}

let sink: PortSink | null = null;

/** The last layout the pool sent for each dataset: a query job comes without it when it is this one. */
const layouts = new Map<string, DatasetLayout>();

function jobOf(wire: WireJob): Job {
  if (wire.kind === 'export') return wire;
  if (wire.layout) {
    layouts.set(wire.datasetId, wire.layout);
    return { ...wire, layout: wire.layout };
  }
  const layout = layouts.get(wire.datasetId);
  if (!layout) throw new Error(`this worker was never sent the layout of ${wire.datasetId}`);
  return { ...wire, layout };
}

port.on('message', async (message: ToWorker) => {
  if (message.type === 'more') return sink?.handedOn(message.bytes);
  if (message.type === 'cancel') return sink?.cancel();
  const { id, limitMs } = message;
  setJobDeadline(limitMs);
  try {
    const job = jobOf(message.job);
    if (job.kind !== 'export') {
      const body = utf8.encode(runQuery(db, job));
      send({ type: 'answer', id, body }, [body.buffer]);
      return;
    }
    const producer = prepareExport(db, job);
    if (message.checkOnly) {
      send({ type: 'end', id, rows: 0 });
      return;
    }
    sink = new PortSink(id);
    await producer(sink);
    send({ type: 'end', id, rows: sink.rows });
  } catch (error) {
    if (error instanceof ExportCancelled) send({ type: 'end', id, rows: sink?.rows ?? 0 });
    else send({ type: 'failed', id, failure: failureOf(error, limitMs) });
  } finally {
    sink = null;
    setJobDeadline(null);
  }
});

send({ type: 'ready' });
