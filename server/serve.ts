import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { WorkerPool } from './pool/worker-pool';
import { DEFAULT_SAMPLE_DIR, ensureSamplePortal } from './seed/sample-portal';
import { staticSite } from './static-site';
import { ensureVocabTables } from './store/dataset-tables';
import { syncPortal } from './store/ingest';
import { Store } from './store/store';

/**
 * Starting the embedded portal: options from the command line and the environment, the store
 * loaded from the portal folder, then the API and the built explorer served on one port.
 */

export const USAGE = `Usage: portal [--port N] [--host H] [--data DIR] [--db FILE] [--dist DIR] [--workers N]
  --port     port to listen on (default: $PORT or 8080)
  --host     address to bind (default: 127.0.0.1)
  --data     portal folder to serve (default: the sample portal, built into .portal/sample)
  --db       SQLite file of the portal (default: .portal/portal.sqlite for the sample portal,
             .portal/<folder name>-<hash of its path>.sqlite for --data)
  --dist     built explorer to serve (default: dist)
  --workers  query worker threads, each with a read-only connection (default: one per core);
             heavy queries (group_by, geometry, search()) take all but one at most. Queries stop
             after 10 s, exports after 10 minutes

       portal snapshot <dataset_id> [--data DIR] [--db FILE] [--description TEXT]
  takes a snapshot of a dataset (ingesting the folder first when it changed) and prints its id`;

export interface ServeOptions {
  port: number;
  host: string;
  /** The portal folder; undefined serves the sample portal (written to .portal/sample when needed). */
  data?: string | undefined;
  db: string;
  dist: string;
  /** Query worker threads (server/pool); one per core when undefined. */
  workers?: number | undefined;
  /** Startup lines (ingest timings, problems); console.log by default. */
  log?: (line: string) => void;
}

/** The store of a portal folder: one SQLite file per folder, so switching folders rebuilds nothing. */
export function defaultDbFor(data: string | undefined): string {
  if (data === undefined) return resolve('.portal/portal.sqlite');
  const absolute = resolve(data);
  const hash = createHash('sha1').update(absolute).digest('hex').slice(0, 8);
  const name = basename(absolute).replace(/[^A-Za-z0-9_.-]+/g, '-') || 'portal';
  return resolve('.portal', `${name}-${hash}.sqlite`);
}

/** Loads the portal folder (or the sample portal) into its store; returns the folder served. */
export function openPortal(
  data: string | undefined,
  db: string,
  log: (line: string) => void = console.log,
): { store: Store; dir: string } {
  const dir = data === undefined ? ensureSamplePortal(DEFAULT_SAMPLE_DIR, { log }).dir : resolve(data);
  const store = new Store(db);
  try {
    syncPortal(store, dir, { log });
    // Query workers read the store read-only: what search() needs is made here, on the writer.
    ensureVocabTables(
      store.db,
      store.datasets().map((d) => store.layout(d.dataset_id)!),
    );
  } catch (error) {
    store.close();
    throw error;
  }
  return { store, dir };
}

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      db: { type: 'string' },
      dist: { type: 'string' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port ?? env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be a whole number between 0 and 65535, got "${values.port ?? env.PORT}"`);
  }
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 256)) {
    throw new Error(`--workers must be a whole number between 1 and 256, got "${values.workers}"`);
  }
  const data = values.data === undefined ? undefined : resolve(values.data);
  return {
    workers,
    port,
    host: values.host ?? '127.0.0.1',
    data,
    db: values.db === undefined ? defaultDbFor(data) : resolve(values.db),
    dist: resolve(values.dist ?? 'dist'),
  };
}

export async function servePortal(
  options: ServeOptions,
): Promise<{ url: string; close: () => Promise<void> }> {
  const { store } = openPortal(options.data, options.db, options.log);
  const queries = new WorkerPool({ file: options.db, workers: options.workers });
  try {
    await queries.ready();
  } catch (error) {
    await queries.close();
    store.close();
    throw error;
  }
  const app = createApp({ store, queries, staticSite: staticSite(options.dist, store.portalInfo().title) });
  return new Promise((resolveServer, rejectServer) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      const url = `http://${host}:${info.port}`;
      resolveServer({
        url,
        close: () =>
          new Promise((done) => {
            server.close(() => {
              queries.close().finally(() => {
                store.close();
                done();
              });
            });
            // Keep-alive connections would hold close() open; end them.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', (error) => {
      queries.close();
      store.close();
      rejectServer(error);
    });
  });
}
