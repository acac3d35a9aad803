import { existsSync, rmSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type Database from 'better-sqlite3';
import { createApp } from '../server/app';
import { syncPortal } from '../server/store/ingest';
import type { DatasetLayout } from '../server/store/layout';
import { Store } from '../server/store/store';
import { fmt, machine, median, quantile, writeSection } from './bench-lib';

/**
 * `tsx scripts/bench-analyze-queries.ts [--quick] [--db FILE]`: the server side of the Analyze view's budget
 * (issue 10): a chart's grouped queries on the 1,000,000-row dataset (`npm run bench:make-portal`),
 * through the portal's API in process (app.request: routing, ODSQL, SQLite, JSON) beside
 * hand-written SQL for the same answer on the same store, interleaved. Then the candidates the
 * choice was made against (ARCHITECTURE.md, "Grouped queries"), fewer times as they are slow.
 * Writes its section of BENCHMARKS.md, unless --quick (fewer runs, printed only). `--db` queries a
 * store already holding bench-1m instead of building a fresh one (ingest is then not timed).
 */

const PORTAL_DIR = '.portal/bench';
const DB_FILE = '.bench/analyze.sqlite';
const TARGET_MS = 250;

interface Query {
  name: string;
  /** Query string of GET /api/explore/v2.1/catalog/datasets/bench-1m/records, or null for SQL alone. */
  http: Record<string, string> | null;
  /** SQL for the same answer; null when the row measures the API alone. */
  sql: ((layout: DatasetLayout) => string) | null;
  candidate?: boolean;
}

const column = (layout: DatasetLayout, name: string) => {
  const field = layout.fields.find((f) => f.field.name === name);
  if (!field) throw new Error(`bench-1m has no field ${name}`);
  return `"${field.column}"`;
};
const month = (l: DatasetLayout) => `strftime('%Y-%m', ${column(l, 'created')} / 1000.0, 'unixepoch')`;
const facetSql = (l: DatasetLayout, from: string, where = '') =>
  `SELECT ${column(l, 'category')}, sum(${column(l, 'amount')}), count(*) FROM ${from}${where} GROUP BY 1 ORDER BY 1`;
const monthSql = (l: DatasetLayout, from: string, where = '') =>
  `SELECT ${month(l)}, count(*) FROM ${from} WHERE ${column(l, 'created')} IS NOT NULL${where} GROUP BY 1 ORDER BY 1`;
const byMonth = "date_format(created, 'yyyy-MM')";

const QUERIES: Query[] = [
  {
    name: 'facet key, sum and count',
    http: { select: 'category, sum(amount) as s, count(*) as n', group_by: 'category', limit: '100' },
    sql: (l) => facetSql(l, `"${l.table}"`),
  },
  {
    name: 'facet key, sum and count, where amount > 500000',
    http: {
      select: 'category, sum(amount) as s, count(*) as n',
      group_by: 'category',
      where: 'amount > 500000',
      limit: '100',
    },
    sql: (l) => facetSql(l, `"${l.table}"`, ` WHERE ${column(l, 'amount')} > 500000`),
  },
  {
    name: "month: date_format(created, 'yyyy-MM'), count",
    http: { select: `${byMonth}, count(*) as n`, group_by: byMonth, limit: '100' },
    sql: (l) => monthSql(l, `"${l.table}"`),
  },
  {
    name: "month, where category = 'Health'",
    http: {
      select: `${byMonth}, count(*) as n`,
      group_by: byMonth,
      where: "category = 'Health'",
      limit: '100',
    },
    sql: (l) => monthSql(l, `"${l.table}"`, ` AND ${column(l, 'category')} = 'Health'`),
  },
  {
    name: 'month: range(created, 1 month), sum and count',
    http: { select: 'sum(amount) as s, count(*) as n', group_by: 'range(created, 1 month)', limit: '100' },
    sql: null,
  },
  {
    name: 'month: year(created), month(created), count',
    http: { select: 'count(*) as n', group_by: 'year(created), month(created)', limit: '100' },
    sql: null,
  },
  // The candidates: how these queries ran before, and the other plans measured.
  {
    name: 'facet: through the one-column index (the plan before)',
    http: null,
    sql: (l) => facetSql(l, `"${l.table}" INDEXED BY "${l.table}__ix_category"`),
    candidate: true,
  },
  {
    name: 'facet: table scan and a sort',
    http: null,
    sql: (l) => facetSql(l, `"${l.table}" NOT INDEXED`),
    candidate: true,
  },
  {
    // In SQL, as the API's 10 s limit can stop it on a busy machine.
    name: 'month: JavaScript ods_date_format() per row (the path before)',
    http: null,
    sql: (l) =>
      `SELECT ods_date_format(${column(l, 'created')}, 'UTC', 'yyyy-MM', 'en'), count(*) FROM "${l.table}" WHERE ${column(l, 'created')} IS NOT NULL GROUP BY 1 ORDER BY 1`,
    candidate: true,
  },
  {
    name: 'month: strftime over the table, no covering index',
    http: null,
    sql: (l) => monthSql(l, `"${l.table}" NOT INDEXED`),
    candidate: true,
  },
];

interface Row {
  name: string;
  candidate: boolean;
  http: number[];
  raw: number[];
}

function indexStats(db: Database.Database, table: string): { count: number; bytes: number; buildMs: number } {
  const names = (
    db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE ?`)
      .all(`${table}__cx_%`) as {
      name: string;
    }[]
  ).map((r) => r.name);
  let bytes = 0;
  for (const name of names) {
    bytes += db.prepare('SELECT sum(pgsize) FROM dbstat WHERE name = ?').pluck().get(name) as number;
  }
  // REINDEX rebuilds each from the table: what building them costs ingest.
  const started = performance.now();
  for (const name of names) db.exec(`REINDEX "${name}"`);
  return { count: names.length, bytes, buildMs: performance.now() - started };
}

export async function benchAnalyzeQueries(quick = false, existing?: string): Promise<void> {
  if (!existsSync(PORTAL_DIR)) {
    throw new Error('The 1,000,000-row dataset is missing: run `npm run bench:make-portal` first.');
  }
  const file = existing ?? DB_FILE;
  if (!existing) for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const store = new Store(file);
  const ingestStarted = performance.now();
  const report = syncPortal(store, PORTAL_DIR, { log: () => {} });
  if (report.failed.length > 0 || !store.layout('bench-1m')) throw new Error('bench-1m did not load');
  const ingest = existing
    ? 'the store was reused (--db), so ingest was not timed'
    : `${((performance.now() - ingestStarted) / 1000).toFixed(1)} s`;
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const fileBytes = statSync(file).size;
  const layout = store.layout('bench-1m')!;
  const indexes = indexStats(store.db, layout.table);
  const app = createApp({ store, log: () => {} });

  const rows: Row[] = [];
  for (const query of QUERIES) {
    const runs = quick ? 3 : query.candidate ? 5 : 21;
    const url = query.http
      ? `/api/explore/v2.1/catalog/datasets/bench-1m/records?${new URLSearchParams(query.http)}`
      : null;
    const statement = query.sql ? store.db.prepare(query.sql(layout)) : null;
    const fetchOnce = async () => {
      const response = await app.request(url!);
      if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    };
    // One warm-up of each, then interleaved so both sides see the same machine.
    if (url) await fetchOnce();
    statement?.all();
    const row: Row = { name: query.name, candidate: query.candidate === true, http: [], raw: [] };
    for (let k = 0; k < runs; k++) {
      if (url) {
        const started = performance.now();
        await fetchOnce();
        row.http.push(performance.now() - started);
      }
      if (statement) {
        const started = performance.now();
        statement.all();
        row.raw.push(performance.now() - started);
      }
    }
    rows.push(row);
    console.log(
      `${query.name}: api ${row.http.length ? fmt(median(row.http)) : '–'} ms, sql ${row.raw.length ? fmt(median(row.raw)) : '–'} ms`,
    );
  }
  store.close();

  const cell = (values: number[], q: number | null) =>
    values.length === 0 ? '–' : fmt(q === null ? median(values) : quantile(values, q));
  const table = (candidates: boolean) =>
    rows
      .filter((r) => r.candidate === candidates)
      .map(
        (r) =>
          `| ${r.name} | ${cell(r.http, null)} | ${cell(r.http, 0.95)} | ${cell(r.raw, null)} | ${cell(r.raw, 0.95)} |`,
      );
  const chart = rows.filter((r) => !r.candidate && r.http.length > 0);
  const missed = chart.filter((r) => median(r.http) > TARGET_MS);
  const lines = [
    '## Analyze: grouped queries',
    '',
    `Machine: ${machine()}. The bench-1m dataset (1,000,000 rows), each query ${quick ? 3 : 21}× (candidates ${quick ? 3 : 5}×)`,
    'through the v2.1 records API in process (`app.request`: routing, ODSQL, SQLite, JSON) beside hand-written SQL',
    'for the same answer on the same store, interleaved, after one warm-up. Times in ms.',
    '',
    '| query | API median | API p95 | raw SQL median | raw p95 |',
    '|---|---:|---:|---:|---:|',
    ...table(false),
    '',
    'Candidates (ARCHITECTURE.md, "Grouped queries"):',
    '',
    '| candidate | API median | API p95 | raw SQL median | raw p95 |',
    '|---|---:|---:|---:|---:|',
    ...table(true),
    '',
    `- Ingest of bench-1m: ${ingest}; store file ${(fileBytes / 1e6).toFixed(0)} MB, of which the ${indexes.count} grouping indexes take ${(indexes.bytes / 1e6).toFixed(0)} MB; building them costs ${(indexes.buildMs / 1000).toFixed(1)} s of the ingest.`,
    `- Target: a chart's grouped query answers within ${TARGET_MS} ms median: ${missed.length === 0 ? 'met' : `missed by ${missed.map((r) => r.name).join('; ')}`} (worst ${fmt(Math.max(...chart.map((r) => median(r.http))))} ms).`,
  ];
  if (!quick) writeSection('analyze-queries', lines.join('\n'));
  console.log(lines.join('\n'));
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const at = process.argv.indexOf('--db');
  benchAnalyzeQueries(process.argv.includes('--quick'), at === -1 ? undefined : process.argv[at + 1]).catch(
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
