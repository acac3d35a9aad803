import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { answerClientErrors, MAX_HEADER_BYTES } from './client-errors';
import { WorkerPool } from './pool/worker-pool';
import { DEFAULT_SAMPLE_DIR, ensureSamplePortal } from './seed/sample-portal';
import type { ApiVersion } from './serializers/api-version';
import { staticSite } from './static-site';
import { type CsvRules, DEFAULT_MAX_CELL_BYTES } from './store/csv';
import { ensureVocabTables } from './store/dataset-tables';
import { type SyncOptions, syncPortal } from './store/ingest';
import { DEFAULT_KEEP_SNAPSHOTS } from './store/snapshot';
import { Store } from './store/store';
import { isWriteFailure } from './store/write-failure';

/**
 * Starting the embedded portal: options from the command line and the environment, the store
 * loaded from the portal folder, then the API and the built explorer served on one port.
 */

export const USAGE = `Usage: portal [--port N] [--host H] [--data DIR] [--db FILE] [--dist DIR] [--api 2.0|2.1] [--workers N]
  --port   port to listen on (default: $PORT or 8080)
  --host   address to bind (default: 127.0.0.1)
  --data   portal folder to serve (default: the sample portal, built into .portal/sample)
  --db     SQLite file of the portal (default: .portal/portal.sqlite for the sample portal,
           .portal/<folder name>-<hash of its path>.sqlite for --data)
  --dist   built explorer to serve (default: dist)
  --lenient   load CSV files with ragged rows, an open quote, NULs or invalid UTF-8 as well as
              possible (by default such a file fails its dataset's load, naming file and row)
  --max-cell  the largest CSV cell, in bytes, or with K or M (default: 1M); larger fails the load
  --keep-snapshots N  snapshots kept per dataset at ingest, the newest (default: 10)
  --api    serve only this Explore API version, as portals that dropped the other do (the other's
           paths answer 404); repeat it to name both (default: both)
  --workers  query worker threads, each with a read-only connection (default: one per core);
             heavy queries (group_by, geometry, search()) take all but one at most. Queries stop
             after 10 s, exports after 10 minutes

       portal snapshot <dataset_id> [--data DIR] [--db FILE] [--description TEXT]
  takes a snapshot of a dataset (ingesting the folder first when it changed) and prints its id`;

type ApiVersionName = ApiVersion['name'];

export interface ServeOptions {
  port: number;
  host: string;
  /** The portal folder; undefined serves the sample portal (written to .portal/sample when needed). */
  data?: string | undefined;
  db: string;
  dist: string;
  /** The Explore API versions served; both when absent. */
  api?: readonly ApiVersionName[] | undefined;
  /** Query worker threads (server/pool); one per core when undefined. */
  workers?: number | undefined;
  /** Startup lines (ingest timings, problems); console.log by default. */
  log?: (line: string) => void;
  /** How CSV files are read (`--lenient`, `--max-cell`); strict with 1 MiB cells by default. */
  csv?: CsvRules;
  /** Snapshots kept per dataset at ingest (`--keep-snapshots`, default 10). */
  keepSnapshots?: number;
  /**
   * Opens the store. Tests pass one whose writes fail as on a full disk (SQLite's `max_page_count`
   * set to the file's size makes every write that needs a page answer SQLITE_FULL): a test cannot
   * fill a real disk.
   */
  openStore?: (file: string) => Store;
}

/** The store of a portal folder: one SQLite file per folder, so switching folders rebuilds nothing. */
export function defaultDbFor(data: string | undefined): string {
  if (data === undefined) return resolve('.portal/portal.sqlite');
  const absolute = resolve(data);
  const hash = createHash('sha1').update(absolute).digest('hex').slice(0, 8);
  const name = basename(absolute).replace(/[^A-Za-z0-9_.-]+/g, '-') || 'portal';
  return resolve('.portal', `${name}-${hash}.sqlite`);
}

/**
 * Loads the portal folder (or the sample portal) into its store; returns the folder served. When
 * the store cannot be written (a full disk), the portal still serves the datasets the store holds,
 * read-only, and says so in one line.
 */
export function openPortal(
  data: string | undefined,
  db: string,
  log: (line: string) => void = console.log,
  sync: Pick<SyncOptions, 'csv' | 'keepSnapshots'> = {},
  openStore: (file: string) => Store = (file) => new Store(file),
): { store: Store; dir: string } {
  const dir = data === undefined ? ensureSamplePortal(DEFAULT_SAMPLE_DIR, { log }).dir : resolve(data);
  let store: Store | undefined;
  try {
    store = openStore(db);
    syncPortal(store, dir, { ...sync, log });
    // Query workers read the store read-only: what search() needs is made here, on the writer.
    const opened = store;
    ensureVocabTables(
      opened.db,
      opened.datasets().map((d) => opened.layout(d.dataset_id)!),
    );
    return { store, dir };
  } catch (error) {
    store?.close();
    if (!isWriteFailure(error) || !existsSync(db)) throw error;
    const readOnly = new Store(db, true);
    log(
      `[portal] cannot write ${db} (${(error as Error).message}): serving the ${readOnly.datasets().length} datasets it holds, read-only; changes to the folder and feedback wait until the disk has room`,
    );
    return { store: readOnly, dir };
  }
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
      lenient: { type: 'boolean' },
      'max-cell': { type: 'string' },
      'keep-snapshots': { type: 'string' },
      api: { type: 'string', multiple: true },
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
  const api = values.api?.map((name) => {
    if (name !== '2.0' && name !== '2.1') throw new Error(`--api takes 2.0 or 2.1, got "${name}"`);
    return name;
  });
  return {
    workers,
    port,
    host: values.host ?? '127.0.0.1',
    data,
    db: values.db === undefined ? defaultDbFor(data) : resolve(values.db),
    dist: resolve(values.dist ?? 'dist'),
    csv: { strict: !values.lenient, maxCellBytes: parseSize(values['max-cell']) },
    keepSnapshots: parseKeep(values['keep-snapshots'], '--keep-snapshots'),
    api: api && [...new Set(api)],
  };
}

/** `--keep-snapshots` and `snapshots prune --keep`: a whole number, 0 or more. */
export function parseKeep(text: string | undefined, flag: string): number {
  if (text === undefined) return DEFAULT_KEEP_SNAPSHOTS;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new Error(`${flag} must be a whole number, 0 or more, got "${text}"`);
  }
  return Number(text);
}

/** `--max-cell`: bytes, or a number of KiB or MiB (`512K`, `4M`). */
export function parseSize(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_CELL_BYTES;
  const match = /^(\d+)\s*(k|kib|m|mib)?$/i.exec(text.trim());
  const unit = match?.[2]?.[0]?.toLowerCase();
  const bytes = match ? Number(match[1]) * (unit === 'm' ? 1 << 20 : unit === 'k' ? 1024 : 1) : Number.NaN;
  if (!(bytes > 0)) throw new Error(`--max-cell must be a size such as 1048576, 512K or 4M, got "${text}"`);
  return bytes;
}

export async function servePortal(
  options: ServeOptions,
): Promise<{ url: string; close: () => Promise<void> }> {
  const { store } = openPortal(
    options.data,
    options.db,
    options.log,
    { csv: options.csv, keepSnapshots: options.keepSnapshots },
    options.openStore,
  );
  const queries = new WorkerPool({ file: options.db, workers: options.workers });
  try {
    await queries.ready();
  } catch (error) {
    await queries.close();
    store.close();
    throw error;
  }
  const app = createApp({
    store,
    queries,
    staticSite: staticSite(options.dist, store.portalInfo().title),
    ...(options.api ? { api: options.api } : {}),
  });
  return new Promise((resolveServer, rejectServer) => {
    const server = serve(
      {
        fetch: app.fetch,
        port: options.port,
        hostname: options.host,
        serverOptions: { maxHeaderSize: MAX_HEADER_BYTES },
      },
      (info) => {
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
      },
    );
    answerClientErrors(server as Server);
    server.once('error', (error) => {
      queries.close();
      store.close();
      rejectServer(error);
    });
  });
}
