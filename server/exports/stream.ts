import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';

/**
 * Streaming an export: a producer (one per format) writes chunks into a sink; the sink hands them
 * to a Web ReadableStream that the HTTP response drains. The producer waits whenever the stream's
 * queue is full (backpressure: a slow client holds memory at a few chunks), stops when the client
 * goes away (the stream is cancelled, or the request's signal aborts), and a failure part-way
 * errors the stream, so the client sees a broken transfer rather than a file that merely ends.
 */

/** Thrown into a producer once the client has gone away: it unwinds and closes its statement. */
export class ExportCancelled extends Error {
  constructor() {
    super('The client went away.');
    this.name = 'ExportCancelled';
  }
}

/**
 * What the stream is errored with when an export fails part-way. The HTTP layer prints the error it
 * aborts a response with; without a cause or a stack, that is one line beside the log line.
 */
export class ExportAborted extends Error {
  constructor(label: string, rows: number) {
    super(`export ${label} aborted after ${rows} records (see the [export] log line)`);
    this.name = 'ExportAborted';
    this.stack = `${this.name}: ${this.message}`;
  }
}

export interface ExportSink {
  /** Queues a chunk; resolves when the client wants more. Throws ExportCancelled once it is gone. */
  write(chunk: Uint8Array | string): Promise<void>;
  readonly cancelled: boolean;
  /** How many records the producer has read so far (for the end-of-export report). */
  rows: number;
  /**
   * Runs `close` as soon as the client goes away (an open statement is released at once, not when
   * the producer next wakes up); returns a function that forgets it.
   */
  onCancel(close: () => void): () => void;
}

export type ExportOutcome = 'complete' | 'cancelled' | 'failed';

export interface ExportEnd {
  outcome: ExportOutcome;
  rows: number;
  error?: unknown;
}

export interface StreamOptions {
  /** What the log line names: the dataset and format, e.g. `airports.csv`. */
  label: string;
  log: (line: string) => void;
  /** The request's signal: aborts when the client disconnects. */
  signal?: AbortSignal;
  onEnd?: (end: ExportEnd) => void;
}

export interface ExportStream {
  stream: ReadableStream<Uint8Array>;
  /**
   * Settles once the first chunk is queued or the producer has ended. It rejects when the producer
   * failed before writing anything: the route can still answer with a JSON error then.
   */
  started: Promise<void>;
}

/** Chunks queue up to this many bytes before the producer waits for the client. */
const QUEUE_BYTES = 256 * 1024;

const encoder = new TextEncoder();

export function exportStream(
  produce: (sink: ExportSink) => Promise<void>,
  options: StreamOptions,
): ExportStream {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let wake: (() => void) | null = null;
  let cancelled = false;
  let wrote = false;
  const closers = new Set<() => void>();
  let settleStarted!: (error?: unknown) => void;
  const started = new Promise<void>((resolve, reject) => {
    settleStarted = (error) => (error === undefined ? resolve() : reject(error));
  });

  const resume = () => {
    const waiting = wake;
    wake = null;
    waiting?.();
  };
  const cancel = () => {
    if (cancelled) return;
    cancelled = true;
    for (const close of closers) close();
    closers.clear();
    resume();
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull() {
        resume();
      },
      cancel,
    },
    new ByteLengthQueuingStrategy({ highWaterMark: QUEUE_BYTES }),
  );
  options.signal?.addEventListener('abort', cancel, { once: true });

  const sink: ExportSink = {
    rows: 0,
    get cancelled() {
      return cancelled;
    },
    onCancel(close) {
      closers.add(close);
      return () => closers.delete(close);
    },
    async write(chunk) {
      if (cancelled) throw new ExportCancelled();
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
      if (bytes.byteLength === 0) return;
      controller.enqueue(bytes);
      if (!wrote) {
        wrote = true;
        settleStarted();
      }
      while ((controller.desiredSize ?? 0) <= 0 && !cancelled) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      if (cancelled) throw new ExportCancelled();
    },
  };

  const finish = (end: ExportEnd) => {
    options.signal?.removeEventListener('abort', cancel);
    options.onEnd?.(end);
  };

  produce(sink).then(
    () => {
      if (cancelled) {
        finish({ outcome: 'cancelled', rows: sink.rows });
        return;
      }
      controller.close();
      settleStarted();
      finish({ outcome: 'complete', rows: sink.rows });
    },
    (error: unknown) => {
      if (cancelled || error instanceof ExportCancelled) {
        settleStarted();
        finish({ outcome: 'cancelled', rows: sink.rows });
        return;
      }
      if (!wrote) {
        // Nothing sent yet: the route answers with a proper error instead.
        settleStarted(error);
        finish({ outcome: 'failed', rows: sink.rows, error });
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      options.log(
        `[export] ${options.label}: failed after ${sink.rows} records, response aborted: ${message}`,
      );
      controller.error(new ExportAborted(options.label, sink.rows));
      finish({ outcome: 'failed', rows: sink.rows, error });
    },
  );

  return { stream, started };
}

/** The rows of a query, read from an open statement, with what a producer needs to stop early. */
export interface RowQuery {
  db: Database.Database;
  sql: string;
  params: Record<string, unknown>;
}

/** Rows read per turn of the event loop: enough to be cheap, few enough to share the server. */
export const BATCH_ROWS = 1000;

/**
 * Reads every row of the query, handing each to `onRow` as soon as it is read (a raw array), and
 * calls `onBatchEnd` after every BATCH_ROWS rows, sooner when `onRow` returns true (what it built is
 * already large: rows of big shapes), and once at the end: that is where producers write it. Rows are not kept: one that dies young costs the garbage collector nothing, while
 * a batch held across collections would be promoted and pile up until a full collection.
 * Between batches it yields to the event loop, so other requests are served while a large export
 * runs. The statement is closed however this ends: done, cancelled (sink.write throws) or failed.
 * No query time limit applies here: an export of a million records takes longer than an API call.
 */
export async function forEachRow(
  query: RowQuery,
  sink: ExportSink,
  onRow: (row: unknown[]) => boolean | undefined,
  onBatchEnd: () => Promise<void>,
): Promise<void> {
  if (sink.cancelled) throw new ExportCancelled();
  const iterator = query.db.prepare(query.sql).raw(true).iterate(query.params) as IterableIterator<unknown[]>;
  const forget = sink.onCancel(() => iterator.return?.());
  try {
    let count = 0;
    for (;;) {
      const next = iterator.next();
      if (next.done) break;
      const full = onRow(next.value) === true;
      if (++count === BATCH_ROWS || full) {
        sink.rows += count;
        count = 0;
        await onBatchEnd();
        if (sink.cancelled) throw new ExportCancelled();
        await nextTurn();
      }
    }
    sink.rows += count;
    await onBatchEnd();
  } finally {
    forget();
    iterator.return?.();
  }
}

/** Output bytes gathered before they are handed on as one chunk. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Text gathered straight into fixed-size buffers, UTF-8 encoded as it comes: pieces of text die
 * at once instead of waiting in an array for a join.
 */
export class ChunkBuilder {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private readonly full: Buffer[] = [];
  private sealed = 0;

  /** Bytes gathered and not yet handed on. */
  get pending(): number {
    return this.sealed + this.used;
  }

  add(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.used + text.length * 3 > this.buffer.length) {
      this.seal();
      this.buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, text.length * 3));
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  private seal(): void {
    if (this.used > 0) {
      this.full.push(this.buffer.subarray(0, this.used));
      this.sealed += this.used;
    }
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }

  /** Writes what was gathered, and starts again. */
  async flush(sink: ExportSink): Promise<void> {
    this.seal();
    this.sealed = 0;
    for (const chunk of this.full.splice(0)) await sink.write(chunk);
  }
}

/** The stream gzipped (`compressed=true`): cancelling the result cancels the source. */
export function gzipped(stream: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  // TypeScript's CompressionStream takes ArrayBuffer-backed views only; Node's Buffers are typed
  // as ArrayBufferLike-backed, though at runtime any Uint8Array goes through.
  const gzip = new CompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
  return stream.pipeThrough(gzip);
}
