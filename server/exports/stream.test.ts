import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { InlineRunner } from '../pool/query-runner';
import { exportRoutes } from '../routes/exports';
import { V20 } from '../serializers/api-version';
import { exportTestPortal, MANY_ROWS } from '../testing/export-test-portal';
import type { ExportEnd } from './stream';

/**
 * Streaming behaviour: a client that goes away stops the query (and frees the connection for
 * writes, which SQLite refuses while a statement is open), a failure part-way through breaks the
 * response instead of ending it cleanly, and the server answers other requests meanwhile.
 */

const portal = exportTestPortal();
const ends: { label: string; end: ExportEnd }[] = [];
const waiters: (() => void)[] = [];
// The app under test, with a hook that sees every export end.
const app = createApp({ store: portal.store, log: (line) => portal.logs.push(line) });
const hooked = exportRoutes(portal.store, V20, new InlineRunner(portal.store.db), {
  log: (line) => portal.logs.push(line),
  onExportEnd: (label, end) => {
    ends.push({ label, end });
    for (const wake of waiters.splice(0)) wake();
  },
});
app.route('/hooked', hooked);
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  portal.cleanup();
});

function nextEnd(): Promise<{ label: string; end: ExportEnd }> {
  const seen = ends.length;
  return new Promise((resolve) => {
    const check = () => (ends.length > seen ? resolve(ends[seen]!) : waiters.push(check));
    check();
  });
}

/** SQLite refuses a write on a connection whose statements are still being iterated. */
function connectionIsFree(): boolean {
  try {
    portal.store.db.exec('CREATE TABLE IF NOT EXISTS probe (x); DROP TABLE probe;');
    return true;
  } catch {
    return false;
  }
}

describe('exports: streaming', () => {
  it('stops reading rows when the client cancels the body', async () => {
    const ended = nextEnd();
    const response = await app.request('http://portal.test/hooked/many/exports/csv');
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(connectionIsFree()).toBe(false);
    await reader.cancel();
    // The statement is released at once, not when the producer next wakes up.
    expect(connectionIsFree()).toBe(true);
    const { end } = await ended;
    expect(end.outcome).toBe('cancelled');
    expect(end.rows).toBeLessThan(MANY_ROWS);
  });

  it('stops reading rows when the HTTP client disconnects mid-stream', async () => {
    const ended = nextEnd();
    await new Promise<void>((resolve, reject) => {
      const request = httpRequest(`${origin}/hooked/many/exports/json`, (response) => {
        expect(response.statusCode).toBe(200);
        response.once('data', () => {
          // Gone after the first bytes: the socket closes under the server.
          request.destroy();
          resolve();
        });
      });
      request.on('error', (error) => {
        if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
      });
      request.end();
    });
    const { end } = await ended;
    expect(end.outcome).toBe('cancelled');
    expect(end.rows).toBeLessThan(MANY_ROWS);
    expect(connectionIsFree()).toBe(true);
  });

  it('stops the query behind a gzipped export too', async () => {
    const ended = nextEnd();
    const response = await app.request('http://portal.test/hooked/many/exports/geojson?compressed=true');
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    const { end } = await ended;
    expect(end.outcome).toBe('cancelled');
    expect(end.rows).toBeLessThan(MANY_ROWS);
    expect(connectionIsFree()).toBe(true);
  });

  it('holds at a few batches while a slow client reads nothing, and serves other requests meanwhile', async () => {
    const ended = nextEnd();
    const response = await app.request('http://portal.test/hooked/many/exports/jsonl');
    const reader = response.body!.getReader();
    await reader.read();
    const started = performance.now();
    const other = await fetch(`${origin}/api/v2/catalog/datasets/fixture-cities/records?limit=1`);
    expect(other.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(2000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await reader.cancel();
    const { end } = await ended;
    // Backpressure: with nobody reading, the producer stopped after a few batches of 1,000 rows.
    expect(end.rows).toBeLessThanOrEqual(10_000);
  });

  it('breaks the response, and logs one line, when a record fails part-way through', async () => {
    const layout = portal.store.layout('many')!;
    const payload = layout.fields.find((f) => f.field.name === 'payload')!;
    portal.store.db
      .prepare(`UPDATE "${layout.table}" SET "${payload.column}" = '{not json' WHERE rid = 30000`)
      .run();
    try {
      const ended = nextEnd();
      const logged = portal.logs.length;
      let received = 0;
      const outcome = await new Promise<string>((resolve) => {
        const request = httpRequest(`${origin}/hooked/many/exports/json`, (response) => {
          expect(response.statusCode).toBe(200);
          response.on('data', (chunk: Buffer) => {
            received += chunk.length;
          });
          response.on('end', () => resolve('complete'));
          response.on('aborted', () => resolve('aborted'));
          response.on('error', () => resolve('error'));
        });
        request.on('error', () => resolve('error'));
        request.end();
      });
      expect(outcome).not.toBe('complete');
      expect(received).toBeGreaterThan(0);
      const { end } = await ended;
      expect(end.outcome).toBe('failed');
      const lines = portal.logs.slice(logged).filter((line) => line.startsWith('[export]'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^\[export\] many\.json: failed after \d+ records, response aborted: /);
      expect(connectionIsFree()).toBe(true);

      // The same failure through the fetch API: reading the body rejects.
      const response = await app.request('http://portal.test/api/v2/catalog/datasets/many/exports/json');
      await expect(response.text()).rejects.toThrow();
    } finally {
      portal.store.db
        .prepare(`UPDATE "${layout.table}" SET "${payload.column}" = '{"n":30000}' WHERE rid = 30000`)
        .run();
    }
  });

  it('answers a JSON error, not a broken file, when the first records fail', async () => {
    const layout = portal.store.layout('many')!;
    const payload = layout.fields.find((f) => f.field.name === 'payload')!;
    portal.store.db
      .prepare(`UPDATE "${layout.table}" SET "${payload.column}" = '{not json' WHERE rid = 2`)
      .run();
    try {
      const response = await app.request('http://portal.test/api/v2/catalog/datasets/many/exports/json');
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error_code: 'ServerError', message: 'Internal server error' });
    } finally {
      portal.store.db
        .prepare(`UPDATE "${layout.table}" SET "${payload.column}" = '{"n":2}' WHERE rid = 2`)
        .run();
    }
    expect(connectionIsFree()).toBe(true);
  });

  it('streams a large xlsx with bounded buffering and stops it on disconnect', async () => {
    const ended = nextEnd();
    const response = await app.request('http://portal.test/hooked/many/exports/xlsx');
    const reader = response.body!.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await reader.cancel();
    const { end } = await ended;
    expect(end.outcome).toBe('cancelled');
    expect(end.rows).toBeLessThan(MANY_ROWS);
    expect(connectionIsFree()).toBe(true);
  });
});
