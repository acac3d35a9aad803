import { readFileSync } from 'node:fs';
import { Agent } from 'undici';
import { fmt, quantile } from './bench-lib';

/**
 * bench:load's client: closed-loop clients that each send the next request as soon as the last is
 * answered, and the CPU accounting of the portal and of this process. Used against the portal
 * (bench-load.ts) and against the bare HTTP server of the floor (bench-load-floor.ts).
 */

/** No complete answer within this is a timeout. */
export const TIMEOUT_MS = 30_000;

export interface Outcome {
  ms: number;
  ok: boolean;
  timedOut: boolean;
  /** The body's length. */
  bytes: number;
}

/** What failed, for the console: a figure of errors says nothing of why. */
const failures: string[] = [];

export function reportFailures(label: string): void {
  if (failures.length === 0) return;
  const counts = new Map<string, number>();
  for (const line of failures.splice(0)) counts.set(line, (counts.get(line) ?? 0) + 1);
  console.log(`[bench:load] ${label} failures:`);
  for (const [line, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 10))
    console.log(`  ${n} × ${line}`);
}

/**
 * The connections, kept alive between requests. The client shares the portal's two cores, so it
 * is built to cost little: undici's dispatch(), the low-level API its request() and fetch() stand
 * on, hands over the status and the body's chunks without a stream or a Response per request (CPU
 * per request against the running portal: fetch 0.64-0.95 ms, request() 0.46-0.58, dispatch()
 * 0.24-0.28). undici still parses every answer and fails one whose body is cut short of its
 * length or of its chunked ending.
 */
const agent = new Agent({ keepAliveTimeout: 60_000, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS });

/** How much of a failed answer's body the console shows. */
const SHOWN_BYTES = 160;

/** GET `path` (with its query) from `origin` (`http://host:port`). */
export function get(origin: string, path: string): Promise<Outcome> {
  const started = performance.now();
  const route = path.split('?')[0];
  return new Promise((resolve) => {
    let status = 0;
    let bytes = 0;
    let shown = '';
    agent.dispatch(
      { origin, path, method: 'GET' },
      {
        onRequestStart() {},
        onResponseStart(_controller, statusCode) {
          status = statusCode;
        },
        onResponseData(_controller, chunk) {
          bytes += chunk.length;
          if ((status < 200 || status >= 300) && shown.length < SHOWN_BYTES)
            shown += chunk.toString('utf8', 0, SHOWN_BYTES);
        },
        onResponseEnd() {
          const ms = performance.now() - started;
          // The agent's timeouts are per phase (the head, then between chunks): the whole
          // answer's limit is checked here.
          const timedOut = ms > TIMEOUT_MS;
          const ok = status >= 200 && status < 300 && !timedOut;
          if (!ok) failures.push(`${timedOut ? 'late' : status} ${route}: ${shown.slice(0, SHOWN_BYTES)}`);
          resolve({ ms, ok, timedOut, bytes });
        },
        onResponseError(_controller, error) {
          failures.push(`${error.name} ${route}: ${error.message}`);
          resolve({
            ms: performance.now() - started,
            ok: false,
            timedOut: /Timeout/.test(error.name),
            bytes,
          });
        },
      },
    );
  });
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  errors: number;
  timeouts: number;
  /** The answers' mean length in bytes. */
  meanBytes: number;
}

/**
 * `clients` closed-loop clients for `seconds`, each sending `${origin}${next()}`. With `kindOf`,
 * the console gets each kind of request's count and median: where the time goes.
 */
export async function load(
  origin: string,
  next: () => string,
  clients: number,
  seconds: number,
  kindOf?: (path: string) => string,
): Promise<LoadResult> {
  const outcomes: Outcome[] = [];
  const byKind = new Map<string, number[]>();
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const path = next();
        const outcome = await get(origin, path);
        outcomes.push(outcome);
        if (!kindOf) continue;
        const kind = kindOf(path);
        const times = byKind.get(kind) ?? [];
        times.push(outcome.ms);
        byKind.set(kind, times);
      }
    }),
  );
  if (byKind.size > 0)
    console.log(
      [...byKind]
        .map(([kind, times]) => `  ${kind}: ${times.length} requests, median ${fmt(quantile(times, 0.5))} ms`)
        .join('\n'),
    );
  const elapsed = (performance.now() - started) / 1000;
  const times = outcomes.map((o) => o.ms);
  return {
    requests: outcomes.length,
    perSecond: outcomes.length / elapsed,
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    errors: outcomes.filter((o) => !o.ok && !o.timedOut).length,
    timeouts: outcomes.filter((o) => o.timedOut).length,
    meanBytes: outcomes.reduce((sum, o) => sum + o.bytes, 0) / Math.max(1, outcomes.length),
  };
}

/** Linux's clock ticks per second (USER_HZ), 100 on every common kernel. */
const TICKS_PER_SECOND = 100;

/** CPU seconds so far: a server's main thread, its whole process, and this process (Linux). */
function cpuSeconds(pid: number): { main: number; server: number; client: number } | null {
  const ticks = (file: string) => {
    const stat = readFileSync(file, 'utf8');
    // utime and stime, the 14th and 15th fields, counted after the command's closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  };
  try {
    const usage = process.cpuUsage();
    return {
      main: ticks(`/proc/${pid}/task/${pid}/stat`),
      server: ticks(`/proc/${pid}/stat`),
      client: (usage.user + usage.system) / 1e6,
    };
  } catch {
    return null;
  }
}

/** Cores in use while `work` ran, on average: where the machine's CPU went. */
export interface CpuShare {
  /** The server's main thread. */
  main: number;
  /** Its other threads. */
  others: number;
  /** This process: the load client. */
  client: number;
}

/** Runs `work` and measures the cores the server `pid` and this process used meanwhile. */
export async function measured<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ result: T; cpu: CpuShare | null }> {
  const before = cpuSeconds(pid);
  const started = performance.now();
  const result = await work();
  const after = cpuSeconds(pid);
  const seconds = (performance.now() - started) / 1000;
  const cpu =
    before && after
      ? {
          main: (after.main - before.main) / seconds,
          others: (after.server - after.main - (before.server - before.main)) / seconds,
          client: (after.client - before.client) / seconds,
        }
      : null;
  return { result, cpu };
}

/** CPU ms per request of each part, at `perSecond` requests a second. */
export function perRequest(cpu: CpuShare, perSecond: number): CpuShare {
  const ms = (cores: number) => (cores / perSecond) * 1000;
  return { main: ms(cpu.main), others: ms(cpu.others), client: ms(cpu.client) };
}
