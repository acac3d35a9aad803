import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import type { DatasetLayout } from '../server/store/layout';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/helpers/chromium';
import { benchAnalyzeQueries } from './bench-analyze-queries';
import { benchDateBuckets } from './bench-date-buckets';
import { fmt, machine, median, startPortal, writeSection } from './bench-lib';
import { buildIfStale } from './build-state';

/**
 * `npm run bench:analyze`: the Analyze view in headless Chromium, from a chart choice (a select in
 * the chart's controls) to the chart drawn (the `analyze:chart-drawn` mark ECharts' `finished`
 * event sets), on the sample portal's cities and on the 1,000,000-row bench dataset. Each run is
 * split with the Resource Timing API into the portal's part (first request sent → last answer
 * received) and the browser's (the rest: the choice to the request, the answer to the drawing).
 * Beside them, the raw group_by SQL of the same charts, run through better-sqlite3 on the same
 * store file, and the grouped query alone over HTTP.
 */

const RUNS = 5;
const VIEWPORT = { width: 1400, height: 900 };
const DRAWN = 'analyze:chart-drawn';

interface Choice {
  name: string;
  /** The chart before the choice (the URL's chart keys). */
  from: string;
  /** The control and the option chosen. */
  control: string;
  option: string;
  /** The same grouped query over HTTP, and as raw SQL on the store. */
  http: string;
  raw: (db: Database.Database, layout: DatasetLayout) => void;
}

interface BenchDataset {
  id: string;
  label: string;
  args: string[];
  choices: Choice[];
}

const column = (layout: DatasetLayout, name: string) => {
  const field = layout.fields.find((f) => f.field.name === name);
  if (!field) throw new Error(`${layout.datasetId} has no field ${name}`);
  return `"${field.column}"`;
};

/** A facet key with sum and count: the top 10, then the Others row the chart adds. */
function facetSum(key: string, number: string): Choice {
  return {
    name: `${key}: count and avg → count and sum(${number})`,
    from: `chart.x=${key}&chart.y=count(*)&chart.y=avg(${number})`,
    control: 'Series 2',
    option: 'sum',
    http: `records?${new URLSearchParams({ select: `count(*) as n, sum(${number}) as s`, group_by: `${key} as x`, order_by: 'n DESC', limit: '10' })}`,
    raw: (db, l) => {
      const k = column(l, key);
      db.prepare(
        `SELECT ${k}, count(*) AS n, sum(${column(l, number)}) FROM "${l.table}" WHERE ${k} IS NOT NULL GROUP BY 1 ORDER BY n DESC LIMIT 10`,
      ).all();
    },
  };
}

/** A datetime by month (from by year): every month's count. */
function monthly(datetime: string): Choice {
  return {
    name: `${datetime}: by year → by month`,
    from: `chart.x=${datetime}&chart.interval=year`,
    control: 'Interval',
    option: 'month',
    http: `records?${new URLSearchParams({ select: 'count(*) as v0', group_by: `range(${datetime}, 1 month) as x` })}`,
    raw: (db, l) => {
      db.prepare(
        `SELECT strftime('%Y-%m', ${column(l, datetime)} / 1000, 'unixepoch') AS m, count(*) FROM "${l.table}" WHERE ${column(l, datetime)} IS NOT NULL GROUP BY 1`,
      ).all();
    },
  };
}

const DATASETS: BenchDataset[] = [
  {
    id: 'geonames-all-cities-with-a-population-1000',
    label: 'cities (135,233)',
    args: ['--db', '.portal/bench-map.sqlite'],
    choices: [facetSum('country_code', 'population')],
  },
  {
    id: 'bench-1m',
    label: 'bench-1m (1,000,000)',
    args: ['--data', '.portal/bench', '--db', '.bench/bench.sqlite'],
    choices: [facetSum('category', 'amount'), monthly('created')],
  },
];

interface Run {
  total: number;
  portal: number;
  browser: number;
}

async function drawnAfter(page: Page, since: number): Promise<number> {
  const handle = await page.waitForFunction(
    ([name, after]) => {
      const marks = performance
        .getEntriesByName(name as string)
        .filter((m) => m.startTime > (after as number));
      return marks.length ? marks[0]!.startTime : null;
    },
    [DRAWN, since] as const,
    { polling: 'raf', timeout: 120_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** Opens the chart before the choice, makes the choice, and times it to the drawing. */
async function timeChoice(browser: Browser, portal: string, dataset: string, choice: Choice): Promise<Run> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(`${portal}/datasets/${dataset}?tab=analyze&${choice.from}`);
  await drawnAfter(page, 0);
  // The page's idle work (the map's code, prefetched on geo datasets) done before the clock starts.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  // The clock starts at the choice itself (the select's change event), not when Playwright is asked.
  await page.evaluate(() => {
    const w = window as unknown as { choiceAt?: number };
    delete w.choiceAt;
    document.addEventListener('change', () => (w.choiceAt = performance.now()), {
      capture: true,
      once: true,
    });
  });
  await page.getByLabel(choice.control, { exact: true }).selectOption(choice.option);
  const started = await page.evaluate(() => (window as unknown as { choiceAt: number }).choiceAt);
  const drawn = await drawnAfter(page, started);
  const requests = await page.evaluate(
    (after) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime > after && /\/(records|aggregates|exports)\b/.test(e.name))
        .map((e) => ({ start: e.startTime, end: (e as PerformanceResourceTiming).responseEnd })),
    started,
  );
  await context.close();
  if (requests.length === 0) throw new Error(`${choice.name}: the choice sent no request`);
  const first = Math.min(...requests.map((r) => r.start));
  const last = Math.max(...requests.map((r) => r.end));
  return { total: drawn - started, portal: last - first, browser: drawn - started - (last - first) };
}

function timeSync(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/**
 * One GET, timed. A raw query of several seconds between two requests can outlast the server's
 * keep-alive, so the reused socket may be closed under the request: that attempt is not counted.
 */
async function timedFetch(url: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const started = performance.now();
    try {
      await (await fetch(url)).arrayBuffer();
      return performance.now() - started;
    } catch (error) {
      if (attempt > 0) throw error;
    }
  }
}

interface Row {
  dataset: string;
  choice: string;
  runs: Run[];
  http: number;
  raw: number;
}

async function benchDataset(browser: Browser, dataset: BenchDataset): Promise<Row[]> {
  // A first start ingests the dataset: the 1,000,000 rows take minutes on a busy machine.
  const portal = await startPortal(dataset.args, 1_800_000);
  const dbFile = dataset.args[dataset.args.indexOf('--db') + 1]!;
  const db = new Database(dbFile, { readonly: true });
  const { layout } = db.prepare('SELECT layout FROM datasets WHERE dataset_id = ?').get(dataset.id) as {
    layout: string;
  };
  const parsed = JSON.parse(layout) as DatasetLayout;
  const rows: Row[] = [];
  try {
    for (const choice of dataset.choices) {
      await timeChoice(browser, portal.url, dataset.id, choice); // warm-up: tables opened, files cached
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await timeChoice(browser, portal.url, dataset.id, choice));
      const url = `${portal.url}/api/v2/catalog/datasets/${dataset.id}/${choice.http}`;
      const http: number[] = [];
      const raw: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        http.push(await timedFetch(url));
        raw.push(timeSync(() => choice.raw(db, parsed)));
      }
      const row = { dataset: dataset.label, choice: choice.name, runs, http: median(http), raw: median(raw) };
      console.log(
        `${row.dataset} · ${row.choice}: drawn ${fmt(median(runs.map((r) => r.total)))} ms (browser ${fmt(median(runs.map((r) => r.browser)))} ms), http ${fmt(row.http)} ms, raw ${fmt(row.raw)} ms`,
      );
      rows.push(row);
    }
  } finally {
    db.close();
    await portal.stop();
  }
  return rows;
}

export async function benchAnalyze(): Promise<void> {
  buildIfStale();
  if (!existsSync('.portal/bench')) {
    console.log('Making the 1,000,000-row benchmark dataset…');
    const made = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/make-bench-portal.ts'], {
      stdio: 'inherit',
    });
    if (made.status !== 0) throw new Error('make-bench-portal failed');
  }
  // The grouped queries alone first (the store's candidates, then the time axis's two plans, each
  // its own section), then the browser.
  await benchAnalyzeQueries();
  await benchDateBuckets();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const rows: Row[] = [];
  try {
    for (const dataset of DATASETS) rows.push(...(await benchDataset(browser, dataset)));
  } finally {
    await browser.close();
  }
  const med = (row: Row, key: keyof Run) => median(row.runs.map((r) => r[key]));
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  const browserWorst = Math.max(...rows.map((row) => med(row, 'browser')));
  const millionWorst = Math.max(
    ...rows.filter((row) => row.dataset.startsWith('bench-1m')).map((row) => row.http),
  );
  const markdown = `
## Analyze

Machine: ${machine()}. Headless Chromium (${chromiumPath()}), viewport ${VIEWPORT.width}×${VIEWPORT.height},
${RUNS} runs after a warm-up, each in a fresh browser context. "Drawn" runs from a chart choice (a select
of the chart's controls) to the \`${DRAWN}\` mark (ECharts' \`finished\` event after the new option);
"portal" is the first request sent to the last answer received (Resource Timing), "browser" the rest.
Beside them: the chart's main grouped query alone over HTTP, and its raw SQL through better-sqlite3 on
the same store file.

| dataset | choice | drawn, median | portal part | browser part | grouped query over HTTP | raw group_by SQL |
|---|---|---:|---:|---:|---:|---:|
${rows
  .map(
    (row) =>
      `| ${row.dataset} | ${row.choice} | ${fmt(med(row, 'total'))} ms | ${fmt(med(row, 'portal'))} ms | ${fmt(med(row, 'browser'))} ms | ${fmt(row.http)} ms | ${fmt(row.raw)} ms |`,
  )
  .join('\n')}

- Targets: the browser adds at most 150 ms to draw: ${verdict(browserWorst <= 150)} (worst median ${fmt(browserWorst)} ms); a grouped query on the 1,000,000 rows within 250 ms median: ${verdict(millionWorst <= 250)} (worst ${fmt(millionWorst)} ms; the store's speed is another task's).
`;
  console.log(markdown);
  writeSection('analyze', markdown);
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  benchAnalyze().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
