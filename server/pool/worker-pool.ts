import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ExportSink } from '../exports/stream';
import { QUERY_TIME_LIMIT_MS, queryTimeout } from '../query/read';
import type { ExportJob, Job, QueryJob } from './jobs';
import { CostBook, heavyCap, type Lane, paramsOf, QUICK_MS, shapeOf } from './lanes';
import type { FromWorker, ToWorker } from './messages';
import type { QueryRunner } from './query-runner';
import { errorOf, type Group, jobMessage, NO_BYTES, type Slot, type Task } from './slot';

/**
 * The query workers: threads with a read-only connection each (query-worker.ts), fed from two
 * queues. A free worker takes the oldest job waiting, but heavy jobs (lanes.ts) run on all workers
 * but one at most: a quick query waits behind the jobs before it, never behind a heavy one's run.
 * Each query's time is written down by its shape, so that the next of the same shape waits in the
 * lane its cost calls for.
 * Exports stream at the pace of their clients, so a slow download would hold a worker for
 * minutes: they run on threads of their own (one started with the pool, more when needed, up to
 * one per query worker, each kept for the next export), so they never take a query worker.
 *
 * Every job runs under a time limit from the moment a worker takes it: the worker stops its own
 * statement at the limit (ods_deadline), and should it still be busy a moment later (a statement
 * that calls none of our functions, compiling a query) the pool answers ODS's QueryTimeoutError
 * at once, ends the thread and starts another in its place. better-sqlite3 cannot interrupt a
 * statement; ending the thread is what frees the worker.
 */

/** Exports stream for as long as the whole result takes: their own limit, much longer than a query's. */
export const EXPORT_TIME_LIMIT_MS = 10 * 60_000;

/** After the limit, how long the worker has to stop by itself before it is ended. */
const GRACE_MS = 800;

export interface PoolOptions {
  /** The store's SQLite file (an in-memory store cannot be shared: use InlineRunner). */
  file: string;
  /** Worker threads; one per core by default. */
  workers?: number;
  timeLimitMs?: number;
  exportTimeLimitMs?: number;
  log?: (line: string) => void;
}

export function defaultWorkers(): number {
  return availableParallelism();
}

export class WorkerPool implements QueryRunner {
  readonly size: number;
  private slots: Slot[] = [];
  private queues: Record<Lane | 'export', Task[]> = { cheap: [], heavy: [], export: [] };
  private readonly timeLimitMs: number;
  private readonly exportTimeLimitMs: number;
  private readonly log: (line: string) => void;
  private nextId = 1;
  private readonly costs = new CostBook();
  private closed = false;
  private readonly started: Promise<void>;
  /** Workers restarted after a job outlived its limit (for tests and the log). */
  restarts = 0;
  /** Jobs posted behind a running one (for tests). */
  queuedBehind = 0;

  constructor(private readonly options: PoolOptions) {
    this.size = Math.max(1, Math.trunc(options.workers ?? defaultWorkers()));
    this.timeLimitMs = options.timeLimitMs ?? QUERY_TIME_LIMIT_MS;
    this.exportTimeLimitMs = options.exportTimeLimitMs ?? EXPORT_TIME_LIMIT_MS;
    this.log = options.log ?? console.error;
    const starting: Promise<void>[] = [];
    for (let k = 0; k < this.size; k++) starting.push(this.spawn('query'));
    // One export thread waits ready, as starting a thread takes a moment; more start when needed.
    starting.push(this.spawn('export'));
    this.started = Promise.all(starting).then(() => undefined);
  }

  /** Resolves once every worker has opened its connection; rejects if one cannot. */
  ready(): Promise<void> {
    return this.started;
  }

  query(job: QueryJob): Promise<Uint8Array<ArrayBuffer>> {
    const params = paramsOf(job);
    const shape = shapeOf(job, params);
    const lane = this.costs.laneOf(job, shape, params);
    return this.enqueue(job, lane, this.timeLimitMs, false, undefined, shape);
  }

  async export(job: ExportJob, sink?: ExportSink): Promise<void> {
    // Checking an export (HEAD) only plans it: a quick job.
    if (!sink) await this.enqueue(job, 'cheap', this.timeLimitMs, true, undefined);
    else await this.enqueue(job, 'export', this.exportTimeLimitMs, false, sink);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of Object.values(this.queues).flat()) task.reject(new Error('the portal is stopping'));
    this.queues = { cheap: [], heavy: [], export: [] };
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(group: Group): Promise<void> {
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { file: this.options.file, group },
      execArgv: [],
    });
    const slot: Slot = {
      group,
      worker,
      ready: false,
      task: null,
      next: null,
      timer: null,
      layouts: new Map(),
    };
    this.slots.push(slot);
    return new Promise((resolveReady, rejectReady) => {
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          slot.ready = true;
          resolveReady();
          this.dispatch();
        } else this.onMessage(slot, message);
      });
      worker.on('error', (error) => {
        if (!slot.ready) rejectReady(error);
        this.lost(slot, error);
      });
      worker.on('exit', (code) => {
        if (!slot.ready) rejectReady(new Error(`a query worker exited with ${code} as it started`));
        this.lost(slot, new Error(`a query worker exited with ${code}`));
      });
    });
  }

  /** Takes the slot out of the pool; a query worker is replaced at once, export threads on demand. */
  private retire(slot: Slot): void {
    this.slots = this.slots.filter((s) => s !== slot);
    if (this.closed || slot.group === 'export') return;
    this.spawn('query').catch((e: Error) => this.log(`[pool] a query worker did not start: ${e.message}`));
  }

  /** A worker that died on its own (not ended by the pool): its job fails, another takes its place. */
  private lost(slot: Slot, error: Error): void {
    if (!this.slots.includes(slot)) return;
    const task = this.free(slot);
    task?.reject(error);
    this.giveBack(slot);
    if (!slot.ready) {
      // One that cannot start would only fail again: leave it out.
      this.slots = this.slots.filter((s) => s !== slot);
      return;
    }
    if (!this.closed) this.log(`[pool] ${error.message}; starting another`);
    this.retire(slot);
    this.dispatch();
  }

  private enqueue(
    job: Job,
    lane: Lane | 'export',
    limitMs: number,
    checkOnly: boolean,
    sink: ExportSink | undefined,
    shape: string | null = null,
  ): Promise<Uint8Array<ArrayBuffer>> {
    if (this.closed) return Promise.reject(new Error('the portal is stopping'));
    return new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
      const task: Task = {
        id: this.nextId++,
        job,
        lane,
        shape,
        startedAt: 0,
        limitMs,
        checkOnly,
        sink,
        chain: Promise.resolve(),
        resolve,
        reject,
      };
      this.queues[lane].push(task);
      // A client that goes away while its export waits for a worker takes it out of the queue.
      sink?.onCancel(() => {
        const queue = this.queues[lane];
        const at = queue.indexOf(task);
        if (at !== -1) {
          queue.splice(at, 1);
          resolve(NO_BYTES);
          return;
        }
        this.slotOf(task)?.worker.postMessage({ type: 'cancel', id: task.id } satisfies ToWorker);
      });
      this.dispatch();
    });
  }

  private slotOf(task: Task): Slot | undefined {
    return this.slots.find((slot) => slot.task === task);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.task) continue;
      let task: Task | undefined;
      if (slot.group === 'export') task = this.queues.export.shift();
      else {
        // The older of the two queues' heads, so neither starves; heavy only within its cap.
        const cheap = this.queues.cheap[0];
        const heavy = this.heavyMayStart() ? this.queues.heavy[0] : undefined;
        const lane = heavy && (!cheap || heavy.id < cheap.id) ? 'heavy' : 'cheap';
        task = this.queues[lane].shift();
      }
      if (task) this.start(slot, task);
    }
    this.queueBehind();
    // Exports waiting with no idle thread: start another, up to one per query worker.
    const exportThreads = this.slots.filter((s) => s.group === 'export');
    const idle = exportThreads.filter((s) => !s.task).length;
    const wanted = Math.min(this.queues.export.length - idle, this.size - exportThreads.length);
    for (let k = 0; k < wanted && !this.closed; k++) {
      this.spawn('export').catch((e: Error) => {
        this.log(`[pool] an export thread did not start: ${e.message}`);
        for (const task of this.queues.export.splice(0)) task.reject(e);
      });
    }
  }

  /**
   * Whether a heavy job may take a free query worker: all but one may run heavy jobs, counting only
   * the workers up (while one restarts, the other stays the quick lane); a single worker runs both.
   */
  private heavyMayStart(): boolean {
    const up = this.slots.filter((s) => s.group === 'query' && s.ready);
    const heavy = up.filter((s) => s.task?.lane === 'heavy').length;
    return this.size === 1 ? heavy === 0 : heavy < Math.min(heavyCap(this.size), up.length - 1);
  }

  /**
   * Every query worker busy and quick jobs still waiting: each worker whose running job is of a shape
   * known to be quick gets the next quick job posted behind it. Between two jobs a worker otherwise
   * waits for the event loop to take the answer and post the next one, two thread wake-ups: the two
   * workers of bench:load's default runs left 0.13-0.15 of the 2 cores idle; in interleaved A/B runs
   * this gave 4-10 % more requests/s with two workers, 1-6 % with one (BENCHMARKS.md). Only behind
   * quick jobs, so that a job posted ahead waits ~QUICK_MS at most, not behind a heavy one.
   */
  private queueBehind(): void {
    for (const slot of this.slots) {
      const running = slot.task;
      if (slot.group !== 'query' || !running?.shape || slot.next || running.lane !== 'cheap') continue;
      if ((this.costs.estimate(running.shape) ?? Number.POSITIVE_INFINITY) > QUICK_MS) continue;
      const task = this.queues.cheap.shift();
      if (!task) return;
      slot.next = task;
      this.queuedBehind++;
      this.post(slot, task);
    }
  }

  /** The worker's job ended: the one posted behind it, if any, is now running. */
  private advance(slot: Slot): void {
    const next = slot.next;
    slot.next = null;
    if (next) this.began(slot, next);
  }

  /** The worker is gone: the job posted behind its last one goes back to the head of its queue. */
  private giveBack(slot: Slot): void {
    const next = slot.next;
    slot.next = null;
    if (!next) return;
    if (this.closed) next.reject(new Error('the portal is stopping'));
    else this.queues.cheap.unshift(next);
  }

  private start(slot: Slot, task: Task): void {
    this.began(slot, task);
    this.post(slot, task);
  }

  private began(slot: Slot, task: Task): void {
    slot.task = task;
    task.startedAt = performance.now();
    slot.timer = setTimeout(() => this.overran(slot, task), task.limitMs + GRACE_MS);
  }

  private post(slot: Slot, task: Task): void {
    slot.worker.postMessage(jobMessage(slot, task));
  }

  /** Frees the slot of its task, writing down its time; the caller settles the task. */
  private free(slot: Slot): Task | null {
    const task = slot.task;
    if (task?.shape) this.costs.record(task.shape, performance.now() - task.startedAt);
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    slot.timer = null;
    return task;
  }

  private onMessage(slot: Slot, message: Exclude<FromWorker, { type: 'ready' }>): void {
    const task = slot.task;
    if (!task || task.id !== message.id) return;
    switch (message.type) {
      case 'chunk': {
        const sink = task.sink!;
        const { bytes, rows } = message;
        task.chain = task.chain
          .then(() => {
            sink.rows = rows;
            return sink.write(bytes);
          })
          .then(
            () =>
              slot.worker.postMessage({
                type: 'more',
                id: task.id,
                bytes: bytes.byteLength,
              } satisfies ToWorker),
            () => slot.worker.postMessage({ type: 'cancel', id: task.id } satisfies ToWorker),
          );
        return;
      }
      case 'answer':
        this.free(slot);
        task.resolve(message.body);
        break;
      case 'end':
        this.free(slot);
        task.chain.then(() => {
          if (task.sink) task.sink.rows = message.rows;
          task.resolve(NO_BYTES);
        });
        break;
      case 'failed': {
        this.free(slot);
        const error = errorOf(message.failure);
        task.chain.then(() => task.reject(error));
        break;
      }
    }
    this.advance(slot);
    this.dispatch();
  }

  /** The job outlived its limit and the worker did not stop it: answer now, end the thread. */
  private overran(slot: Slot, task: Task): void {
    if (slot.task !== task) return;
    this.free(slot);
    this.giveBack(slot);
    this.restarts++;
    this.log(`[pool] a ${task.job.kind} job ran past ${task.limitMs / 1000} s; its worker is replaced`);
    task.chain.then(() => task.reject(queryTimeout(task.limitMs)));
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    // Ending a thread waits until its statement returns to JavaScript; the pool does not wait.
    slot.worker.terminate().catch(() => {});
    this.retire(slot);
    this.dispatch();
  }
}
