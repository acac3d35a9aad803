import { readdirSync, readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { CITIES, citiesPortal } from '../testing/cities-portal';
import { WorkerPool } from './worker-pool';

/**
 * The query pool on the sample portal's cities (135,233 records), through the real app: answers
 * agree with the in-process runner, exports stream from their own threads while queries go on, and
 * the time limits stop heavy queries (a smaller limit than the real 10 s, but for one test of the
 * real one) while a cheap query keeps answering.
 */

const LIMIT_MS = 2000;
const EXPORT_LIMIT_MS = 1500;
const V21 = `/api/explore/v2.1/catalog/datasets/${CITIES}`;
const V20 = `/api/v2/catalog/datasets/${CITIES}`;
const CHEAP = `${V21}/records?limit=1&where=population%20%3E%205000000&order_by=population%20desc`;

/** A 450-point ring far from every city (the Pacific): `not disjoint` matches nothing. */
function pacificRing(points = 450): string {
  const ring = Array.from({ length: points + 1 }, (_, k) => {
    const angle = (2 * Math.PI * (k % points)) / points;
    return `${(-130 + 5 * Math.cos(angle)).toFixed(5)} ${(-30 + 5 * Math.sin(angle)).toFixed(5)}`;
  });
  return `POLYGON((${ring.join(', ')}))`;
}

const DISJOINT = `${V21}/records?limit=10&where=${encodeURIComponent(
  `not disjoint(coordinates, geom'${pacificRing()}')`,
)}`;

const WORDS = ['paris', 'londn', 'berlinn', 'madird', 'rome', 'tokio', 'lyonn', 'quebek'];
const LONG_SEARCH = `${V21}/records?limit=10&where=${encodeURIComponent(
  `search(*, "${Array.from({ length: 1150 }, (_, k) => WORDS[k % WORDS.length]).join(' ')}")`,
)}`;

/** Each thread's nice value, the main thread first (Linux's /proc). */
function threadNices(): number[] {
  const dir = `/proc/${process.pid}/task`;
  return readdirSync(dir)
    .sort((a, b) => Number(a) - Number(b))
    .map((tid) => {
      const stat = readFileSync(`${dir}/${tid}/stat`, 'utf8');
      // Fields after the command's closing parenthesis start at the third; nice is the 19th.
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    });
}

let portal: ReturnType<typeof citiesPortal>;
let pool: WorkerPool;
let app: Hono;
let inline: Hono;
const logs: string[] = [];

beforeAll(async () => {
  portal = citiesPortal();
  pool = new WorkerPool({
    file: portal.file,
    workers: 2,
    timeLimitMs: LIMIT_MS,
    log: (line) => logs.push(line),
  });
  await pool.ready();
  app = createApp({ store: portal.store, queries: pool, log: (line) => logs.push(line) });
  inline = createApp({ store: portal.store, log: (line) => logs.push(line) });
}, 300_000);

afterAll(async () => {
  await pool?.close();
  portal?.cleanup();
});

async function timedRequest(target: Hono, path: string) {
  const started = performance.now();
  const response = await target.request(path);
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}

/** Runs `heavy` while asking the cheap query again and again; returns both sides' timings. */
async function beside(path: string) {
  let done = false;
  const heavy = timedRequest(app, path).finally(() => {
    done = true;
  });
  const cheap: { status: number; ms: number }[] = [];
  while (!done) {
    cheap.push(await timedRequest(app, CHEAP));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { heavy: await heavy, cheap };
}

async function firstChunk(response: Response) {
  const reader = response.body!.getReader();
  const first = await reader.read();
  expect(first.done).toBe(false);
  return { reader, first: new TextDecoder().decode(first.value) };
}

async function readRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<number> {
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}

describe('the query pool', () => {
  it('answers every query endpoint as the in-process runner does', async () => {
    const listed = JSON.parse((await timedRequest(inline, `${V20}/records?limit=1`)).body);
    const recordId: string = listed.records[0].record.id;
    const paths = [
      `${V21}/records?limit=5&where=population%20%3E%20100000&order_by=name&offset=20`,
      `${V21}/records?where=search(*,%20%22pariss%22)&limit=3`,
      `${V21}/records?group_by=country_code&select=count(*)%20as%20n&order_by=n%20desc&limit=5`,
      `${V21}/facets?facet=country_code&refine=feature_code:PPLC`,
      `${V20}/aggregates?select=sum(population)&group_by=feature_code`,
      `${V21}/records/${recordId}`,
      `${V21}/records/nope`,
      `${V21}/records?where=population%20%3E`,
      // Names beyond ASCII: an answer crosses from the worker as UTF-8 bytes.
      `${V21}/records?limit=5&select=name&where=${encodeURIComponent('startswith(name, "São")')}&order_by=name`,
    ];
    for (const path of paths) {
      const [viaPool, inProcess] = await Promise.all([timedRequest(app, path), timedRequest(inline, path)]);
      expect({ path, status: viaPool.status, body: viaPool.body }).toEqual({
        path,
        status: inProcess.status,
        body: inProcess.body,
      });
    }
    const accented = JSON.parse((await timedRequest(app, paths.at(-1)!)).body) as {
      results: { name: string }[];
    };
    expect(accented.results.length).toBeGreaterThan(0);
    for (const { name } of accented.results) expect(name.startsWith('São')).toBe(true);
  });

  it('sends each worker a layout once, and the new one when it changes', async () => {
    const layout = portal.store.layout(CITIES)!;
    const url = `http://portal${V21}/records?limit=1&order_by=name`;
    const job = (l: typeof layout) =>
      ({ kind: 'records', base: '/api/explore/v2.1', url, datasetId: CITIES, layout: l }) as const;
    const fieldsOf = async (l: typeof layout) => {
      const body = JSON.parse(Buffer.from(await pool.query(job(l))).toString()) as {
        results: Record<string, unknown>[];
      };
      return Object.keys(body.results[0]!);
    };
    // Enough jobs for both workers to have the layout, then a changed one (a field gone), then back.
    for (let k = 0; k < 4; k++) expect(await fieldsOf(layout)).toContain('population');
    const without = { ...layout, fields: layout.fields.filter((f) => f.field.name !== 'population') };
    for (let k = 0; k < 4; k++) expect(await fieldsOf(without)).not.toContain('population');
    for (let k = 0; k < 4; k++) expect(await fieldsOf(layout)).toContain('population');
  });

  it('posts a quick job behind a running quick one, and settles every job when it stops', async () => {
    const one = new WorkerPool({
      file: portal.file,
      workers: 1,
      timeLimitMs: LIMIT_MS,
      log: (line) => logs.push(line),
    });
    await one.ready();
    const onOne = createApp({ store: portal.store, queries: one, log: (line) => logs.push(line) });
    const expected = await timedRequest(inline, CHEAP);
    // The shape's first answers teach the cost book that it is quick: enough of them that a slow
    // first one (a cold worker) is outweighed (the estimate keeps 0.7 of the last at each answer).
    for (let k = 0; k < 8; k++) await timedRequest(onOne, CHEAP);
    expect(one.queuedBehind).toBe(0);
    const answers = await Promise.all(Array.from({ length: 20 }, () => timedRequest(onOne, CHEAP)));
    for (const { status, body } of answers)
      expect({ status, body }).toEqual({ status: expected.status, body: expected.body });
    expect(one.queuedBehind).toBeGreaterThan(0);
    // Stopping while a job waits behind the running one: every job settles, none is left waiting.
    const job = {
      kind: 'records',
      base: '/api/explore/v2.1',
      url: `http://portal${CHEAP}`,
      datasetId: CITIES,
      layout: portal.store.layout(CITIES)!,
    } as const;
    const before = one.queuedBehind;
    const settling = Promise.allSettled(Array.from({ length: 10 }, () => one.query(job)));
    expect(one.queuedBehind).toBe(before + 1);
    await one.close();
    const settled = await settling;
    expect(settled.filter((s) => s.status === 'rejected').length).toBeGreaterThan(0);
  });

  it('runs a fuzzy search while an export streams, and the export completes', async () => {
    const exported = await app.request(`${V21}/exports/csv?select=name,population`);
    expect(exported.status).toBe(200);
    const { reader, first } = await firstChunk(exported);
    expect(first.startsWith('name;population')).toBe(true);
    const search = await timedRequest(app, `${V21}/records?where=search(name,%20%22marseile%22)&limit=5`);
    expect(search.status).toBe(200);
    expect(JSON.parse(search.body).results.map((r: { name: string }) => r.name)).toContain('Marseille');
    // On Linux the export's thread runs at a lower priority (nice 10) than the rest (0).
    if (process.platform === 'linux') {
      expect(threadNices()).toContain(10);
      expect(threadNices()[0]).toBe(0);
    }
    const rest = await readRest(reader);
    const text = first.length + rest;
    expect(text).toBeGreaterThan(1_000_000);
  }, 120_000);

  it('frees an export thread when its client goes away', async () => {
    for (let k = 0; k < 3; k++) {
      const response = await app.request(`${V21}/exports/json`);
      const { reader } = await firstChunk(response);
      await reader.cancel();
    }
    const small = await timedRequest(app, `${V21}/exports/csv?limit=3&select=name`);
    expect(small.status).toBe(200);
    expect(small.body.trim().split('\n')).toHaveLength(4);
  }, 120_000);

  it('stops a non-matching 450-point `not disjoint` at the limit while a cheap query keeps answering', async () => {
    const { heavy, cheap } = await beside(DISJOINT);
    expect(heavy.status).toBe(400);
    expect(JSON.parse(heavy.body).error_code).toBe('QueryTimeoutError');
    expect(heavy.ms).toBeLessThan(LIMIT_MS + 1500);
    expect(cheap.length).toBeGreaterThan(0);
    for (const answer of cheap) expect(answer.status).toBe(200);
    expect(Math.max(...cheap.map((c) => c.ms))).toBeLessThan(LIMIT_MS);
  }, 60_000);

  it('keeps a quick lane: heavy queries take every worker but one', async () => {
    const heavies = [timedRequest(app, DISJOINT), timedRequest(app, DISJOINT), timedRequest(app, DISJOINT)];
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cheap = await timedRequest(app, CHEAP);
    expect(cheap.status).toBe(200);
    // Three heavy queries of the limit each, one at a time: the cheap one did not wait for them.
    expect(cheap.ms).toBeLessThan(LIMIT_MS);
    for (const heavy of await Promise.all(heavies)) expect(heavy.status).toBe(400);
  }, 60_000);

  it('sends a grouping that has answered quickly to the quick lane, past a running heavy query', async () => {
    const grouped = (country: string) =>
      `${V21}/records?group_by=feature_code&select=count(*)&where=${encodeURIComponent(`country_code = "${country}"`)}`;
    // Learned: a few groupings of one country's cities, each answered in milliseconds.
    for (const country of ['LU', 'MC', 'AD', 'LI'])
      expect((await timedRequest(app, grouped(country))).status).toBe(200);
    const heavy = timedRequest(app, DISJOINT);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const quick = await timedRequest(app, grouped('SM'));
    expect(quick.status).toBe(200);
    // Still in the heavy lane it would wait for the heavy query's whole limit.
    expect(quick.ms).toBeLessThan(LIMIT_MS / 2);
    expect((await heavy).status).toBe(400);
  }, 60_000);

  it('bounds a search() of 1,150 words by count, within the limit, while a cheap query keeps answering', async () => {
    const { heavy, cheap } = await beside(LONG_SEARCH);
    expect([200, 400]).toContain(heavy.status);
    if (heavy.status === 400) expect(JSON.parse(heavy.body).error_code).toBe('QueryTimeoutError');
    expect(heavy.ms).toBeLessThan(LIMIT_MS + 1500);
    for (const answer of cheap) expect(answer.status).toBe(200);
  }, 60_000);
});

describe('with the real 10 s query limit and a short export limit', () => {
  let real: WorkerPool;
  let realApp: Hono;
  const realLogs: string[] = [];
  beforeAll(async () => {
    real = new WorkerPool({
      file: portal.file,
      workers: 1,
      exportTimeLimitMs: EXPORT_LIMIT_MS,
      log: (line) => realLogs.push(line),
    });
    await real.ready();
    realApp = createApp({ store: portal.store, queries: real, log: (line) => realLogs.push(line) });
  }, 300_000);
  afterAll(() => real?.close());

  it('answers QueryTimeoutError within 11 s', async () => {
    const answer = await timedRequest(realApp, DISJOINT);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error_code).toBe('QueryTimeoutError');
    expect(answer.ms).toBeLessThan(11_000);
  }, 120_000);

  it('ends an export that outlives the export limit, and serves the next one', async () => {
    const restarts = real.restarts;
    const response = await realApp.request(`${V21}/exports/geojson`);
    const { reader } = await firstChunk(response);
    // A client that reads nothing more holds the export past its limit.
    await new Promise((resolve) => setTimeout(resolve, EXPORT_LIMIT_MS + 1000));
    await expect(readRest(reader)).rejects.toThrow();
    expect(real.restarts).toBe(restarts + 1);
    expect(realLogs.some((line) => line.includes('[export]') && line.includes('longer than 1.5 s'))).toBe(
      true,
    );
    const next = await timedRequest(realApp, `${V21}/exports/csv?limit=2&select=name`);
    expect(next.status).toBe(200);
  }, 120_000);
});
