import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../scripts/precompress';
import { createApp } from './app';
import { chooseEncoding, compression, isLoopback } from './compression';
import { EXPLORER_CSP, staticSite } from './static-site';
import { exportTestPortal } from './testing/export-test-portal';
import { openFixtureStore } from './testing/fixture-portal';

/** Compression, the explorer's security headers, and what error log lines leave out. */

const portal = exportTestPortal();
const dist = mkdtempSync(join(tmpdir(), 'ods-dist-'));
afterAll(() => {
  portal.cleanup();
  rmSync(dist, { recursive: true, force: true });
});

const BASE = 'http://portal.test/api/v2/catalog/datasets';
const get = (app: Hono, url: string, encoding?: string) =>
  app.request(url, { headers: encoding ? { 'Accept-Encoding': encoding } : {} });

describe('compression', () => {
  it('negotiates brotli, then gzip, honouring q=0', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding(undefined)).toBeNull();
  });

  it('drops the Content-Length of a body it compresses (a client would wait for the missing bytes)', async () => {
    const app = new Hono();
    app.use(compression());
    const svg = `<svg>${'<g/>'.repeat(2000)}</svg>`;
    app.get('/flag.svg', (c) =>
      c.body(svg, 200, { 'Content-Type': 'image/svg+xml', 'Content-Length': String(svg.length) }),
    );
    const plain = await get(app, 'http://portal.test/flag.svg');
    expect(plain.headers.get('Content-Length')).toBe(String(svg.length));
    const br = await get(app, 'http://portal.test/flag.svg', 'br');
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect(br.headers.get('Content-Length')).toBeNull();
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(svg);
  });

  it('compresses the API’s JSON to what the client accepts, the same JSON inside', async () => {
    const url = `${BASE}/fixture-cities/records?limit=20`;
    const plain = await get(portal.app, url);
    const text = await plain.text();
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(plain.headers.get('Vary')).toContain('Accept-Encoding');
    const br = await get(portal.app, url, 'gzip, br');
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect(br.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brotliDecompressSync(brBytes).toString()).toBe(text);
    expect(brBytes.length).toBeLessThan(text.length / 2);
    const gzip = await get(portal.app, url, 'gzip');
    expect(gzip.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(text);
  });

  it('compresses a streamed CSV export, and leaves zip and xlsx exports alone', async () => {
    const csv = await get(portal.app, `${BASE}/fixture-cities/exports/csv`, 'br');
    expect(csv.headers.get('Content-Encoding')).toBe('br');
    const plainCsv = await (await get(portal.app, `${BASE}/fixture-cities/exports/csv`)).text();
    expect(brotliDecompressSync(Buffer.from(await csv.arrayBuffer())).toString()).toBe(plainCsv);
    for (const format of ['xlsx', 'shp']) {
      const response = await get(portal.app, `${BASE}/fixture-cities/exports/${format}`, 'br, gzip');
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Encoding'), format).toBeNull();
      expect(
        Buffer.from(await response.arrayBuffer())
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');
    }
  });

  it('keeps a stream a stream: each chunk reaches the client as it is made, and a client that leaves cancels it', async () => {
    let cancelled = false;
    const rows = `${'{"row":1}\n'.repeat(10)}`;
    const app = new Hono();
    app.use('*', compression());
    app.get('/stream', (c) => {
      let sent = false;
      const stream = new ReadableStream<Uint8Array>({
        // One chunk, then a producer that is still working (an export between two batches).
        pull(controller) {
          if (!sent) controller.enqueue(new TextEncoder().encode(rows));
          sent = true;
          return new Promise(() => {});
        },
        cancel() {
          cancelled = true;
        },
      });
      return c.body(stream, 200, { 'Content-Type': 'application/x-ndjson' });
    });
    for (const encoding of ['gzip', 'br']) {
      cancelled = false;
      const response = await get(app, 'http://portal.test/stream', encoding);
      expect(response.headers.get('Content-Encoding')).toBe(encoding);
      const reader = response.body!.getReader();
      const first = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('no bytes until the end')), 2000),
        ),
      ]);
      const bytes = Buffer.from(first.value!);
      const text =
        encoding === 'gzip'
          ? gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }).toString()
          : brotliDecompressSync(bytes, { finishFlush: constants.BROTLI_OPERATION_FLUSH }).toString();
      expect(text).toBe(rows);
      await reader.cancel();
      await new Promise((done) => setTimeout(done, 50));
      expect(cancelled, encoding).toBe(true);
    }
  });
});

describe('compression for a client on this machine', () => {
  it('knows loopback in its three spellings, and nothing else', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(isLoopback(address)).toBe(true);
    for (const address of ['203.0.113.9', '::ffff:203.0.113.9', '10.0.0.1', undefined])
      expect(isLoopback(address)).toBe(false);
  });

  it('answers a loopback client uncompressed, and compresses what a reverse proxy forwards', async () => {
    const server = serve({ fetch: portal.app.fetch, port: 0, hostname: '127.0.0.1' });
    try {
      await new Promise<void>((resolve) => server.once('listening', () => resolve()));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/catalog/datasets/fixture-cities/exports/csv`;
      const direct = await fetch(url, { headers: { 'Accept-Encoding': 'br, gzip' } });
      expect(direct.headers.get('Content-Encoding')).toBeNull();
      // One copy per encoding still: the same URL is compressed for a client elsewhere.
      expect(direct.headers.get('Vary')).toContain('Accept-Encoding');
      const text = await direct.text();
      expect(text.split('\n').length).toBeGreaterThan(20);
      for (const forwarded of [
        ['X-Forwarded-For', '203.0.113.9'],
        ['Forwarded', 'for=203.0.113.9'],
      ] as const) {
        const proxied = await fetch(url, {
          headers: { 'Accept-Encoding': 'br', [forwarded[0]]: forwarded[1] },
        });
        expect(proxied.headers.get('Content-Encoding')).toBe('br');
        // fetch decodes the body it was sent: the same CSV.
        expect(await proxied.text()).toBe(text);
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('the built explorer', () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><html><head><title>x</title></head><body></body></html>',
  );
  const script = `console.log(${JSON.stringify('explorer '.repeat(500))});\n`;
  writeFileSync(join(dist, 'assets/index-abc123.js'), script);
  const app = createApp({
    store: portal.store,
    staticSite: staticSite(dist, 'Fixture portal'),
    log: () => {},
  });

  it('sends a Content-Security-Policy with frame-ancestors on its HTML, which lets it call any portal', async () => {
    const response = await get(app, 'http://portal.test/catalog');
    expect(response.status).toBe(200);
    const csp = response.headers.get('Content-Security-Policy')!;
    expect(csp).toBe(EXPLORER_CSP);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("connect-src 'self' https: http:");
    expect(csp).toContain("frame-ancestors 'self'");
  });

  it('serves the .br and .gz written at build, with the right headers', async () => {
    expect(precompressDir(dist).files).toBe(1);
    const br = await get(app, 'http://portal.test/assets/index-abc123.js', 'gzip, deflate, br');
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect(br.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(br.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('Vary')).toContain('Accept-Encoding');
    const bytes = Buffer.from(await br.arrayBuffer());
    expect(bytes.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(bytes).toString()).toBe(script);
    const gzip = await get(app, 'http://portal.test/assets/index-abc123.js', 'gzip');
    expect(gzip.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(script);
    const plain = await get(app, 'http://portal.test/assets/index-abc123.js');
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });
});

describe('log lines', () => {
  it('redact keys sent in the query string', async () => {
    const lines: string[] = [];
    const { store, cleanup } = openFixtureStore();
    const app = createApp({ store, log: (line) => lines.push(line) });
    // A store closed under the app makes a real 500, which is logged with the request's URL.
    cleanup();
    const response = await get(app, `${BASE}/fixture-cities/records?apikey=s3cr3t-key&where=x&token=abc`);
    expect(response.status).toBe(500);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`GET ${BASE}/fixture-cities/records?apikey=REDACTED&where=x&token=REDACTED: `);
    expect(lines[0]).not.toContain('s3cr3t');
  });
});
