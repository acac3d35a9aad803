import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { staticSite } from './static-site';
import { ingestPortal } from './store/ingest';
import { readPortalFolder } from './store/portal-folder';
import { Store } from './store/store';

/**
 * Starting the embedded portal: options from the command line and the environment, the store
 * loaded from the portal folder, then the API and the built explorer served on one port.
 */

export const USAGE = `Usage: portal [--port N] [--host H] [--data DIR] [--db FILE] [--dist DIR]
  --port   port to listen on (default: $PORT or 8080)
  --host   address to bind (default: 127.0.0.1)
  --data   portal folder to serve (default: the sample portal)
  --db     SQLite file of the portal (default: .portal/portal.sqlite)
  --dist   built explorer to serve (default: dist)`;

export interface ServeOptions {
  port: number;
  host: string;
  data: string;
  db: string;
  dist: string;
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
  return {
    port,
    host: values.host ?? '127.0.0.1',
    data: resolve(values.data ?? 'tests/fixtures/portal'),
    db: resolve(values.db ?? '.portal/portal.sqlite'),
    dist: resolve(values.dist ?? 'dist'),
  };
}

export function servePortal(options: ServeOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const store = new Store(options.db);
  ingestPortal(store, readPortalFolder(options.data));
  const app = createApp({ store, staticSite: staticSite(options.dist, store.portalInfo().title) });
  return new Promise((resolveServer, rejectServer) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      const url = `http://${host}:${info.port}`;
      resolveServer({
        url,
        close: () =>
          new Promise((done) => {
            server.close(() => {
              store.close();
              done();
            });
            // Keep-alive connections would hold close() open; end them.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', rejectServer);
  });
}
