import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import type { DatasetLayout } from '../server/store/layout';
import { type BrowserExportMeasure, benchBrowserExport, browserExportLines } from './bench-export-browser';
import { machine, memoryOf, startPortal, writeSection } from './bench-lib';
import { buildIfStale } from './build-state';

/**
 * Export throughput and memory on the generated 1,000,000-row dataset (`npm run bench:make-portal`):
 * csv, json, geojson and xlsx downloaded over HTTP from a portal in its own process, whose resident
 * memory is sampled while each export runs, beside a baseline that writes the same CSV straight from
 * better-sqlite3 in this process, in the same run. The CSV export and the baseline must produce the
 * same bytes (their SHA-1 is compared), so the ratio compares equal work. With csv, the same file is
 * also downloaded through the Export view in Chromium, beside curl (bench-export-browser.ts).
 *
 * `npm run bench:portal` calls `benchExports()`; `tsx scripts/bench-exports.ts [formats…]` runs it
 * alone. It replaces its own section of BENCHMARKS.md (between `<!-- exports:start -->` and
 * `<!-- exports:end -->`) when it ran every format.
 */

const DATASET = 'bench-1m';
const PORTAL_DIR = '.portal/bench';
const DB_FILE = '.bench/bench.sqlite';
export const EXPORT_BENCH_FORMATS = ['csv', 'json', 'geojson', 'xlsx'] as const;

interface Measure {
  seconds: number;
  bytes: number;
  rows: number;
  sha1?: string;
}

interface ExportMeasure extends Measure {
  format: string;
  rssBefore: number;
  rssPeak: number;
}

const mb = (bytes: number) => bytes / (1024 * 1024);

/** Downloads one export, counting bytes (and hashing CSV), while sampling the server's memory. */
async function measureExport(url: string, pid: number, format: string): Promise<ExportMeasure> {
  const rssBefore = memoryOf(pid).rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, memoryOf(pid).rss);
  }, 20);
  const hash = format === 'csv' ? createHash('sha1') : null;
  let bytes = 0;
  let lines = 0;
  const started = performance.now();
  try {
    const response = await fetch(`${url}/api/v2/catalog/datasets/${DATASET}/exports/${format}`);
    if (!response.ok) throw new Error(`${format}: ${response.status} ${await response.text()}`);
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (hash) {
        hash.update(value);
        for (let k = 0; k < value.length; k++) if (value[k] === 10) lines++;
      }
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  rssPeak = Math.max(rssPeak, memoryOf(pid).rss);
  return {
    format,
    seconds,
    bytes,
    rows: hash ? lines - 1 : 1_000_000,
    ...(hash ? { sha1: hash.digest('hex') } : {}),
    rssBefore,
    rssPeak,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2024-05-06T07:08:09+00:00` (a fraction only when there are milliseconds), as the API writes UTC. */
function utcDatetime(ms: number): string {
  const d = new Date(ms);
  const fraction = d.getUTCMilliseconds() ? `.${pad(d.getUTCMilliseconds(), 3)}` : '';
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction}+00:00`;
}

function text(value: unknown): string {
  if (value === null) return '';
  let cell = String(value);
  const first = cell.charCodeAt(0);
  // = + - @ \t \r: the same guard as the export (no number here starts as text).
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13)
    cell = `'${cell}`;
  return /[;"\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * The baseline: the dataset's CSV written by hand from a better-sqlite3 iterator into /dev/null, the
 * way a one-off script would, with the same cells and quoting as the export, so the bytes match.
 */
async function baselineCsv(): Promise<Measure> {
  const db = new Database(DB_FILE, { readonly: true });
  const started = performance.now();
  const { layout: layoutText } = db
    .prepare('SELECT layout FROM datasets WHERE dataset_id = ?')
    .get(DATASET) as {
    layout: string;
  };
  const layout = JSON.parse(layoutText) as DatasetLayout;
  const column = (name: string) => `"${layout.fields.find((f) => f.field.name === name)!.column}"`;
  const point = layout.fields.find((f) => f.field.name === 'coordinates')!;
  const sql = `SELECT ${['id', 'name', 'category', 'value', 'amount', 'created', 'flag'].map(column).join(', ')}, "${point.latColumn}", "${point.lonColumn}", ${column('tags')} FROM "${layout.table}" ORDER BY rid`;
  const out = createWriteStream('/dev/null');
  const hash = createHash('sha1');
  let bytes = 0;
  let rows = 0;
  let chunk = 'id;name;category;value;amount;created;flag;coordinates;tags\r\n';
  const flush = async () => {
    const buffer = Buffer.from(chunk, 'utf8');
    chunk = '';
    hash.update(buffer);
    bytes += buffer.length;
    if (!out.write(buffer)) await once(out, 'drain');
  };
  for (const row of db.prepare(sql).raw(true).iterate() as IterableIterator<unknown[]>) {
    const [id, name, category, value, amount, created, flag, lat, lon, tags] = row;
    chunk += `${id};${text(name)};${text(category)};${value ?? ''};${amount ?? ''};${
      created === null ? '' : utcDatetime(created as number)
    };${flag === null ? '' : flag ? 'true' : 'false'};${lat === null ? '' : `${lat}, ${lon}`};${
      tags === null ? '' : text((JSON.parse(tags as string) as string[]).join(','))
    }\r\n`;
    rows++;
    if (chunk.length > 65_536) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { seconds, bytes, rows, sha1: hash.digest('hex') };
}

const rate = (m: Measure) => Math.round(m.rows / m.seconds).toLocaleString('en-US');

export async function benchExports(formats: readonly string[] = EXPORT_BENCH_FORMATS): Promise<string> {
  if (!existsSync(PORTAL_DIR)) {
    throw new Error('The 1,000,000-row dataset is missing: run `npm run bench:make-portal` first.');
  }
  // The browser side downloads through the explorer that the portal serves from dist/.
  if (formats.includes('csv')) buildIfStale();
  const portal = await startPortal(['--data', PORTAL_DIR, '--db', DB_FILE]);
  const rssAtStart = memoryOf(portal.pid).rss;
  const exports: ExportMeasure[] = [];
  const baselines: Measure[] = [];
  const csvRuns: ExportMeasure[] = [];
  let browser: BrowserExportMeasure | null = null;
  try {
    // Warm the page cache once, so neither side pays for the first read of the file.
    await baselineCsv();
    for (const format of formats) {
      if (format === 'csv') {
        // Interleaved, twice each, best of two: both sides see the same machine state.
        for (let k = 0; k < 2; k++) {
          csvRuns.push(await measureExport(portal.url, portal.pid, 'csv'));
          baselines.push(await baselineCsv());
        }
        // Time: the faster run. Memory: from the first, which met a fresh server, to the highest peak.
        const fastest = csvRuns.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
        exports.push({
          ...fastest,
          rssBefore: csvRuns[0]!.rssBefore,
          rssPeak: Math.max(...csvRuns.map((run) => run.rssPeak)),
        });
      } else {
        exports.push(await measureExport(portal.url, portal.pid, format));
      }
      const last = exports.at(-1)!;
      console.log(
        `${format}: ${last.seconds.toFixed(1)} s, ${rate(last)} rows/s, ${mb(last.bytes).toFixed(0)} MB, server RSS +${(last.rssPeak - last.rssBefore).toFixed(0)} MB`,
      );
    }
    if (formats.includes('csv')) {
      browser = await benchBrowserExport(portal.url, DATASET);
      console.log(browserExportLines(browser).join('\n'));
    }
  } finally {
    await portal.stop();
  }

  const lines = [
    '## Exports',
    '',
    `Machine: ${machine()}. The ${DATASET} dataset (1,000,000 rows, 9 fields: int, text ×2, double, int,`,
    'datetime, boolean, geo point, multivalued text) exported over HTTP from a portal in its own process;',
    'the client reads and discards the body. RSS is the server process\u2019s resident memory, sampled every',
    '20 ms during the export; growth is its peak minus its value just before.',
    '',
    '| format | time | rows/s | size | server RSS before | peak | growth |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...exports.map(
      (m) =>
        `| ${m.format} | ${m.seconds.toFixed(1)} s | ${rate(m)} | ${mb(m.bytes).toFixed(0)} MB | ${m.rssBefore.toFixed(0)} MB | ${m.rssPeak.toFixed(0)} MB | +${(m.rssPeak - m.rssBefore).toFixed(0)} MB |`,
    ),
    '',
    `Exports run one after the other in the same server, so a later one may reuse heap an earlier one grew: the server's RSS was ${rssAtStart.toFixed(0)} MB once started and at most ${Math.max(...exports.map((m) => m.rssPeak)).toFixed(0)} MB during all of them.`,
  ];
  if (baselines.length > 0) {
    const baseline = baselines.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
    const csv = exports.find((m) => m.format === 'csv')!;
    const same = csvRuns.every((run) => run.sha1 === baseline.sha1 && run.bytes === baseline.bytes);
    lines.push(
      '',
      `Baseline, same run: the same CSV written straight from a better-sqlite3 iterator to /dev/null in the`,
      `benchmark's process: ${baseline.seconds.toFixed(1)} s, ${rate(baseline)} rows/s, ${mb(baseline.bytes).toFixed(0)} MB.`,
      `CSV export / baseline: **${(csv.seconds / baseline.seconds).toFixed(2)}×** the time (target: at most 2×), best of two interleaved runs each.`,
      same
        ? `Both wrote the same ${baseline.bytes.toLocaleString('en-US')} bytes (SHA-1 ${baseline.sha1!.slice(0, 12)}…, ${baseline.rows.toLocaleString('en-US')} rows).`
        : `**The export and the baseline wrote different bytes** (${csvRuns.map((r) => r.sha1?.slice(0, 12)).join(', ')} vs ${baseline.sha1!.slice(0, 12)}): the ratio compares unequal work.`,
    );
  }
  if (browser) lines.push(...browserExportLines(browser));
  const markdown = lines.join('\n');
  if (formats.length === EXPORT_BENCH_FORMATS.length) writeSection('exports', markdown);
  console.log(markdown);
  return markdown;
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const formats = process.argv.slice(2);
  benchExports(formats.length > 0 ? formats : EXPORT_BENCH_FORMATS).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
