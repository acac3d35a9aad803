import { createServer, type ServerResponse } from 'node:http';
import { cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { startServer } from './bench-lib';
import { type CpuShare, load, measured, perRequest } from './bench-load-client';

/**
 * bench:load's HTTP floor: what answering alone costs on this machine, at the rate the portal
 * reached. A bare node:http server (this file, run as a program, with the portal's Node flags)
 * holds each request and answers them in arrival order, one every 1/rate s, with a body of the
 * mix's mean length, as a saturated pool answers; as many threads as cores spin meanwhile, as the
 * query workers keep the cores busy. The same client drives it as drives the portal. Its main
 * thread's and the client's CPU per request are the least any server's event loop and this client
 * spend at that rate: on a machine whose cores are shared, no pool can parallelise them away.
 */

const FLOOR_SECONDS = 15;
const FLOOR_WARM_UP_SECONDS = 3;

export interface Floor {
  perSecond: number;
  /** CPU ms per request of the server's main thread and of the client. */
  main: number;
  client: number;
}

/** Measures the floor at `rate` answers a second of `bytes` bytes each, with `clients` clients. */
export async function httpFloor(rate: number, bytes: number, clients: number): Promise<Floor> {
  const server = await startServer('the floor server', fileURLToPath(import.meta.url), [
    String(rate),
    String(Math.round(bytes)),
  ]);
  const origin = server.url;
  try {
    const next = () => `/api/explore/v2.1/floor?n=${Math.floor(Math.random() * 1e6)}`;
    await load(origin, next, clients, FLOOR_WARM_UP_SECONDS);
    const { result, cpu } = await measured(server.pid, () => load(origin, next, clients, FLOOR_SECONDS));
    if (result.errors + result.timeouts > 0) throw new Error('the floor server failed requests');
    const used: CpuShare = perRequest(cpu!, result.perSecond);
    return { perSecond: result.perSecond, main: used.main, client: used.client };
  } finally {
    await server.stop();
  }
}

function serve(rate: number, bytes: number): void {
  const body = Buffer.alloc(bytes, 'x');
  const waiting: ServerResponse[] = [];
  const interval = 1000 / rate;
  let due = performance.now();
  const answer = () => {
    const response = waiting.shift();
    response?.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length }).end(body);
    // The next answer's time, kept on the schedule rather than drifting by each timer's lateness.
    due = Math.max(due + interval, performance.now() - interval);
    setTimeout(answer, Math.max(0, due - performance.now()));
  };
  for (let core = 0; core < cpus().length; core++) new Worker('for (;;);', { eval: true }).unref();
  const server = createServer((_request, response) => {
    waiting.push(response);
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (typeof address === 'object' && address) process.stdout.write(`http://127.0.0.1:${address.port}\n`);
    answer();
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href)
  serve(Number(process.argv[2]), Number(process.argv[3]));
