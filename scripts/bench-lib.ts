import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Shared pieces of the benchmarks: timing statistics, a portal server in a child process, BENCHMARKS.md. */

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = q * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpu}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

/** Resident memory of a process, in MB: now (VmRSS) and its peak since it started (VmHWM). */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/**
 * How the portal runs (as `npm start` runs it): V8's --optimize-for-size collects garbage sooner,
 * which keeps a first load of a large folder under 300 MB of RSS for about 10 % more load time.
 */
export const PORTAL_NODE_FLAGS = ['--optimize-for-size', '--import', 'tsx'];

export interface PortalProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/** Starts the portal CLI in its own Node process (not through tsx's wrapper, so the pid is the server's). */
export function startPortal(args: string[], timeoutMs = 600_000): Promise<PortalProcess> {
  return startServer('the portal', 'server/main.ts', ['--port', '0', ...args], timeoutMs);
}

/**
 * Starts `script` in its own Node process with the portal's flags, and resolves once it prints the
 * address it listens on (`http://127.0.0.1:<port>`).
 */
export function startServer(
  name: string,
  script: string,
  args: string[],
  timeoutMs = 600_000,
): Promise<PortalProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...PORTAL_NODE_FLAGS, script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve({
          url: match[1]!,
          pid: child.pid!,
          child,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${output}`));
    });
  });
}

/** Replaces this benchmark's section of BENCHMARKS.md (between its markers), keeping the others. */
export function writeSection(name: string, markdown: string, file = 'BENCHMARKS.md'): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  let text = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Benchmarks\n\nWritten by `npm run bench`; each section by its own script. Medians unless said.\n';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  text =
    from !== -1 && to !== -1
      ? `${text.slice(0, from)}${block}${text.slice(to + end.length)}`
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
}

export const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
