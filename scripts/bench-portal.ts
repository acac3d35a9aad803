import { existsSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import type { DatasetLayout } from '../server/store/layout';
import { fmt, machine, median, memoryOf, quantile, startPortal, writeSection } from './bench-lib';

/**
 * `npm run bench:portal`: the embedded portal's query latency over HTTP, in Explore v2.0 and v2.1
 * (the same query under each base), beside the same work done with hand-written SQL straight
 * through better-sqlite3 on the same file, in the same run. Queries
 * run on the sample portal's cities (135k rows) and on the generated 1,000,000-row dataset
 * (`npm run bench:make-portal`). Writes its section of BENCHMARKS.md.
 */

interface BenchQuery {
  name: string;
  /** Path and query string under {base}/catalog/datasets/{id}/, the same in both versions. */
  http: string;
  /** The raw baseline: the same answer computed with plain SQL. */
  raw: (db: Database.Database, layout: DatasetLayout) => void;
}

interface BenchDataset {
  id: string;
  args: string[];
  iterations: number;
  /** Field names used by the queries. */
  fields: {
    number: string;
    text: string;
    word: string;
    facets: [string, string, string];
    groupKey: string;
    geo: string;
  };
}

const col = (layout: DatasetLayout, name: string) => {
  const field = layout.fields.find((f) => f.field.name === name);
  if (!field) throw new Error(`${layout.datasetId} has no field ${name}`);
  return field;
};

function queries(d: BenchDataset): BenchQuery[] {
  const f = d.fields;
  const box = { minLat: 43, maxLat: 51, minLon: -5, maxLon: 8 };
  const point = { lat: 48.85, lon: 2.35, km: 50 };
  const sqlDistance = (lat: string, lon: string) =>
    `2 * 6371008.8 * asin(min(1, sqrt(power(sin(radians(${lat} - ${point.lat}) / 2), 2) + cos(radians(${point.lat})) * cos(radians(${lat})) * power(sin(radians(${lon} - ${point.lon}) / 2), 2))))`;
  return [
    {
      name: 'count with where',
      http: `records?limit=0&where=${encodeURIComponent(`${f.number} > 10000`)}`,
      raw: (db, l) => {
        db.prepare(`SELECT count(*) FROM "${l.table}" WHERE "${col(l, f.number).column}" > 10000`).get();
      },
    },
    {
      name: 'full-text search',
      http: `records?limit=10&where=${encodeURIComponent(JSON.stringify(f.word))}`,
      raw: (db, l) => {
        const match = `SELECT rowid FROM "${l.ftsTable}" WHERE "${l.ftsTable}" MATCH ?`;
        db.prepare(`SELECT count(*) FROM (${match})`).get(`"${f.word}"`);
        db.prepare(`SELECT * FROM "${l.table}" WHERE rid IN (${match}) ORDER BY rid LIMIT 10`).all(
          `"${f.word}"`,
        );
      },
    },
    {
      name: 'three facets',
      http: `facets?${f.facets.map((name) => `facet=${name}`).join('&')}`,
      raw: (db, l) => {
        for (const name of f.facets) {
          const field = col(l, name);
          const sql = field.valuesTable
            ? `SELECT value, count(*) FROM "${field.valuesTable}" GROUP BY value`
            : `SELECT "${field.column}", count(*) FROM "${l.table}" WHERE "${field.column}" IS NOT NULL GROUP BY 1`;
          db.prepare(sql).all();
        }
      },
    },
    {
      name: 'group_by + aggregation',
      http: `records?${new URLSearchParams({ select: `${f.groupKey}, sum(${f.number}) as total, count(*) as n`, group_by: f.groupKey })}`,
      raw: (db, l) => {
        const key = col(l, f.groupKey).column;
        db.prepare(
          `SELECT "${key}", sum("${col(l, f.number).column}"), count(*) FROM "${l.table}" WHERE "${key}" IS NOT NULL GROUP BY 1 ORDER BY 1 LIMIT 20000`,
        ).all();
      },
    },
    {
      name: 'order_by, offset 9900',
      http: `records?${new URLSearchParams({ order_by: `${f.number} DESC`, limit: '100', offset: '9900' })}`,
      raw: (db, l) => {
        db.prepare(`SELECT count(*) FROM "${l.table}"`).get();
        db.prepare(
          `SELECT * FROM "${l.table}" ORDER BY "${col(l, f.number).column}" DESC LIMIT 100 OFFSET 9900`,
        ).all();
      },
    },
    {
      name: 'in_bbox',
      http: `records?limit=10&where=${encodeURIComponent(`in_bbox(${f.geo}, ${box.minLat}, ${box.minLon}, ${box.maxLat}, ${box.maxLon})`)}`,
      // A point's box is read from its (lat, lon) index (store format 4: points have no R*Tree).
      raw: (db, l) => {
        const geo = col(l, f.geo);
        const where = `"${geo.latColumn}" BETWEEN ${box.minLat} AND ${box.maxLat} AND "${geo.lonColumn}" BETWEEN ${box.minLon} AND ${box.maxLon}`;
        db.prepare(`SELECT count(*) FROM "${l.table}" WHERE ${where}`).get();
        db.prepare(`SELECT * FROM "${l.table}" WHERE ${where} ORDER BY rid LIMIT 10`).all();
      },
    },
    {
      name: 'within_distance',
      http: `records?limit=10&where=${encodeURIComponent(`within_distance(${f.geo}, geom'POINT(${point.lon} ${point.lat})', ${point.km}km)`)}`,
      raw: (db, l) => {
        const geo = col(l, f.geo);
        const dLat = point.km / 111.2;
        const dLon = dLat / Math.cos((point.lat * Math.PI) / 180);
        const where = `"${geo.latColumn}" BETWEEN ${point.lat - dLat} AND ${point.lat + dLat} AND "${geo.lonColumn}" BETWEEN ${point.lon - dLon} AND ${point.lon + dLon} AND ${sqlDistance(`"${geo.latColumn}"`, `"${geo.lonColumn}"`)} <= ${point.km * 1000}`;
        db.prepare(`SELECT count(*) FROM "${l.table}" WHERE ${where}`).get();
        db.prepare(`SELECT * FROM "${l.table}" WHERE ${where} ORDER BY rid LIMIT 10`).all();
      },
    },
  ];
}

const DATASETS: BenchDataset[] = [
  {
    id: 'geonames-all-cities-with-a-population-1000',
    args: ['--db', '.bench/sample.sqlite'],
    iterations: 60,
    fields: {
      number: 'population',
      text: 'name',
      word: 'saint',
      facets: ['country_code', 'feature_code', 'cou_name_en'],
      groupKey: 'country_code',
      geo: 'coordinates',
    },
  },
  {
    id: 'bench-1m',
    args: ['--data', '.portal/bench', '--db', '.bench/bench.sqlite'],
    iterations: 15,
    fields: {
      number: 'amount',
      text: 'name',
      word: 'river',
      facets: ['category', 'flag', 'tags'],
      groupKey: 'category',
      geo: 'coordinates',
    },
  },
];

function time(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

async function timeAsync(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

interface Row {
  dataset: string;
  query: string;
  httpMedian: number;
  httpP95: number;
  v21Median: number;
  v21P95: number;
  rawMedian: number;
  rawP95: number;
}

async function benchDataset(dataset: BenchDataset): Promise<{
  rows: Row[];
  peakRss: number;
  startup: number;
  floor: number;
  buildPeak: number;
  buildSeconds: number;
}> {
  // A first process loads the portal folder into an empty store; the one measured then starts on the
  // built store, as every start after the first does.
  const dbFile = dataset.args[dataset.args.indexOf('--db') + 1]!;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbFile}${suffix}`, { force: true });
  const buildStarted = performance.now();
  const building = await startPortal(dataset.args);
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  const buildPeak = memoryOf(building.pid).peak;
  await building.stop();
  const started = performance.now();
  const portal = await startPortal(dataset.args);
  const startup = performance.now() - started;
  const db = new Database(dbFile, { readonly: true });
  const layoutRow = db.prepare('SELECT layout FROM datasets WHERE dataset_id = ?').get(dataset.id) as {
    layout: string;
  };
  const layout = JSON.parse(layoutRow.layout) as DatasetLayout;
  let peakRss = memoryOf(portal.pid).rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, memoryOf(portal.pid).rss);
  }, 20);
  const rows: Row[] = [];
  // The cost of any HTTP round trip on this machine: GET /api/v2 touches no data.
  const floorTimes: number[] = [];
  for (let k = 0; k < 100; k++)
    floorTimes.push(await timeAsync(async () => (await fetch(`${portal.url}/api/v2`)).arrayBuffer()));
  const floor = median(floorTimes.slice(20));
  try {
    for (const query of queries(dataset)) {
      const fetchOnce = (base: string) => async () => {
        const url = `${portal.url}${base}/catalog/datasets/${dataset.id}/${query.http}`;
        const response = await fetch(url).catch((error) => {
          // The raw SQL runs on this thread: after a long one, fetch may reuse a kept-alive socket
          // the portal has closed meanwhile (its 5 s idle limit). Such a request never reached
          // the portal; it is sent again on a new socket.
          if ((error as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw error;
          return fetch(url);
        });
        if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
      };
      const v20 = fetchOnce('/api/v2');
      const v21 = fetchOnce('/api/explore/v2.1');
      for (let k = 0; k < 3; k++) {
        await v20();
        await v21();
        query.raw(db, layout);
      }
      const http: number[] = [];
      const http21: number[] = [];
      const raw: number[] = [];
      // Interleaved, so every side sees the same machine state.
      for (let k = 0; k < dataset.iterations; k++) {
        http.push(await timeAsync(v20));
        http21.push(await timeAsync(v21));
        raw.push(time(() => query.raw(db, layout)));
      }
      rows.push({
        dataset: dataset.id,
        query: query.name,
        httpMedian: median(http),
        httpP95: quantile(http, 0.95),
        v21Median: median(http21),
        v21P95: quantile(http21, 0.95),
        rawMedian: median(raw),
        rawP95: quantile(raw, 0.95),
      });
      console.log(
        `${dataset.id} · ${query.name}: v2.0 ${fmt(median(http))} ms, v2.1 ${fmt(median(http21))} ms, raw ${fmt(median(raw))} ms`,
      );
    }
  } finally {
    clearInterval(sampler);
    db.close();
    peakRss = Math.max(peakRss, memoryOf(portal.pid).rss);
    await portal.stop();
  }
  return { rows, peakRss, startup, floor, buildPeak, buildSeconds };
}

/** `only` limits the run to datasets whose id contains it (a quick look; BENCHMARKS.md is not written). */
export async function benchPortal(only?: string): Promise<void> {
  const datasets = DATASETS.filter((d) => !only || d.id.includes(only));
  if (datasets.some((d) => d.id === 'bench-1m') && !existsSync('.portal/bench')) {
    throw new Error('The 1,000,000-row dataset is missing: run `npm run bench:make-portal` first.');
  }
  const results = [];
  for (const dataset of datasets) results.push(await benchDataset(dataset));
  const lines = [
    '## Portal queries',
    '',
    `Machine: ${machine()}. Each query ${datasets.map((d) => `${d.iterations}×`).join(' / ')} over HTTP in v2.0 and in v2.1 (a fresh`,
    'portal process, records with total_count, the same query string under each base) beside hand-written',
    'SQL for the same answer run straight through better-sqlite3 on the same file, interleaved in the same',
    'run. Times in ms.',
    '',
    'The last column takes away the HTTP floor (a round trip to `GET /api/v2`, which reads no data), so it',
    'shows what the portal adds to the SQL: parsing, compiling, decoding and JSON.',
    '',
    '| dataset | query | v2.0 median | v2.0 p95 | v2.1 median | v2.1 p95 | v2.1 / v2.0 | raw SQL median | raw p95 | v2.0 / raw | ratio above the floor |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.flatMap((r) =>
      r.rows.map(
        (row) =>
          `| ${row.dataset === 'bench-1m' ? 'bench-1m (1,000,000)' : 'cities (135k)'} | ${row.query} | ${fmt(row.httpMedian)} | ${fmt(row.httpP95)} | ${fmt(row.v21Median)} | ${fmt(row.v21P95)} | ${(row.v21Median / row.httpMedian).toFixed(2)}× | ${fmt(row.rawMedian)} | ${fmt(row.rawP95)} | ${(row.httpMedian / row.rawMedian).toFixed(2)}× | ${(Math.max(row.rawMedian, row.httpMedian - r.floor) / row.rawMedian).toFixed(2)}× |`,
      ),
    ),
    '',
    ...results.map(
      (r, k) =>
        `- ${datasets[k]!.id}: a first start on an empty store is ready in ${r.buildSeconds.toFixed(1)} s (its peak RSS ${r.buildPeak.toFixed(0)} MB); a later start in ${(r.startup / 1000).toFixed(1)} s; HTTP floor ${fmt(r.floor)} ms; server RSS at most ${r.peakRss.toFixed(0)} MB while querying.`,
    ),
  ];
  const all = results.flatMap((r) => r.rows);
  const cities = all.filter((row) => row.dataset !== 'bench-1m');
  const worstCityP95 = Math.max(...cities.map((row) => row.httpP95));
  const overRatio = all.filter((row) => row.httpMedian / row.rawMedian > 1.5);
  // Both versions run the same engine; only the envelope differs. A tenth covers this run's noise.
  const v21Slower = all.filter((row) => row.v21Median > row.httpMedian * 1.1);
  const servingRss = Math.max(...results.map((r) => r.peakRss));
  const buildRss = Math.max(...results.map((r) => r.buildPeak));
  lines.push(
    '',
    `Targets: p95 at most 100 ms for every cities query: ${worstCityP95 <= 100 ? 'met' : 'missed'} (worst ${fmt(worstCityP95)} ms).`,
    `Median at most 1.5× the raw SQL: ${overRatio.length === 0 ? 'met' : `met for ${all.length - overRatio.length} of ${all.length} queries; missed by ${overRatio.map((row) => `${row.query} on ${row.dataset === 'bench-1m' ? 'bench-1m' : 'cities'}`).join('; ')}: their raw SQL takes under a few milliseconds, so that the HTTP round trip alone (the floor) and the JSON of each record weigh more than the query`}.`,
    `v2.1 no slower than v2.0 (median within 10 %): ${v21Slower.length === 0 ? 'met' : `missed by ${v21Slower.map((row) => `${row.query} on ${row.dataset === 'bench-1m' ? 'bench-1m' : 'cities'} (${(row.v21Median / row.httpMedian).toFixed(2)}×)`).join('; ')}`}.`,
    `Server RSS under 300 MB: ${servingRss < 300 ? 'met while serving' : 'missed while serving'} (at most ${servingRss.toFixed(0)} MB); ${buildRss < 300 ? 'met' : 'missed'} by the first start that loads the folder into an empty store (${buildRss.toFixed(0)} MB: SQLite's 64 MiB build cache and the tables it builds).`,
  );
  if (!only) writeSection('portal', lines.join('\n'));
  console.log(lines.join('\n'));
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  benchPortal(process.argv[2]).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
