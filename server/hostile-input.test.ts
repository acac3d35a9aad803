import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePortal } from './serve';
import { FIXTURE_PORTAL_DIR, fixtureApp } from './testing/fixture-portal';

/**
 * Hostile input answers 4xx with ODS's error body, never a 500: constant group and sort keys, and
 * request heads too long for the HTTP server, over a real socket.
 */

describe('constant keys', () => {
  const { app, cleanup } = fixtureApp();
  afterAll(cleanup);
  const records = async (params: Record<string, string>) => {
    const response = await app.request(
      `http://portal.test/api/v2/catalog/datasets/fixture-cities/records?${new URLSearchParams(params)}`,
    );
    return {
      status: response.status,
      body: (await response.json()) as { records: { record: { fields: Record<string, unknown> } }[] },
    };
  };

  it('group_by on a condition that is always true makes one group of every record', async () => {
    const { status, body } = await records({ select: 'count(*) as n', group_by: 'name like "%"' });
    expect(status).toBe(200);
    expect(body.records.map((r) => r.record.fields)).toEqual([{ n: 20, 'name like "%"': true }]);
  });

  it('order_by on a constant keeps the record order instead of naming a column position', async () => {
    const plain = await records({ limit: '5' });
    const constant = await records({ limit: '5', order_by: 'name like "%"' });
    expect(constant.status).toBe(200);
    expect(constant.body.records).toEqual(plain.body.records);
  });
});

describe('request heads over a real socket', () => {
  const temp = mkdtempSync(join(tmpdir(), 'ods-heads-'));
  let url = '';
  let close = async () => {};
  beforeAll(async () => {
    const running = await servePortal({
      port: 0,
      host: '127.0.0.1',
      data: FIXTURE_PORTAL_DIR,
      db: join(temp, 'portal.sqlite'),
      dist: join(temp, 'no-dist'),
      log: () => {},
      // One query worker is enough for request heads; each thread takes about a second to start.
      workers: 1,
    });
    url = running.url;
    close = running.close;
  });
  afterAll(async () => {
    await close();
    rmSync(temp, { recursive: true, force: true });
  });

  /**
   * `name in ("n00000", "n00001", …) or …`: real ODSQL whose URL-encoded form (what travels in the
   * request line) is about `bytes` long.
   */
  const longWhere = (bytes: number) => {
    const item = (k: number) => `"n${String(k).padStart(5, '0')}"`;
    const count = Math.ceil(bytes / new URLSearchParams({ w: `${item(0)}, ` }).toString().slice(2).length);
    const names = Array.from({ length: count }, (_, k) => item(k));
    return `name in (${names.join(', ')}) or name = "Paris"`;
  };

  it('takes a 40 KiB request: a where that long reaches the ODSQL parser, 40 KiB of excludes answer 200', async () => {
    const where = longWhere(40 * 1024);
    expect(new URLSearchParams({ where }).toString().length).toBeGreaterThan(40 * 1024);
    const tooLong = await fetch(
      `${url}/api/v2/catalog/datasets/fixture-cities/records?${new URLSearchParams({ where })}`,
    );
    // ODS limits a clause to 10,000 characters (common/odsql/errors.ts); its answer, not Node's.
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { message: string }).message).toContain('clause too long');

    const excludes = new URLSearchParams({ select: 'name', where: 'name = "Paris" or name = "Lyon"' });
    for (let k = 0; excludes.toString().length < 40 * 1024; k++) excludes.append('exclude', `name:n${k}`);
    excludes.append('exclude', 'name:Lyon');
    const response = await fetch(`${url}/api/v2/catalog/datasets/fixture-cities/records?${excludes}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { records: { record: { fields: { name: string } } }[] };
    expect(body.records.map((r) => r.record.fields.name)).toEqual(['Paris']);
  });

  it('answers a 100 KiB where with a JSON 431 that a page on another origin can read', async () => {
    const response = await fetch(
      `${url}/api/v2/catalog/datasets/fixture-cities/records?${new URLSearchParams({ where: longWhere(100 * 1024) })}`,
      { headers: { Origin: 'https://explorer.example' } },
    );
    expect(response.status).toBe(431);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({
      error_code: 'InvalidRESTParameterError',
      message: 'The request URL and headers are larger than 64 KiB; send fewer or shorter parameters.',
    });
  });

  it('answers 100 KiB of headers with a JSON 431', async () => {
    const response = await fetch(`${url}/api/v2/catalog/datasets`, {
      headers: { 'X-Padding': 'x'.repeat(100 * 1024) },
    });
    expect(response.status).toBe(431);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(((await response.json()) as { error_code: string }).error_code).toBe('InvalidRESTParameterError');
  });
});
