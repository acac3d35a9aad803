import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from '../server/app';
import { syncPortal } from '../server/store/ingest';
import { Store } from '../server/store/store';
import { fmt, machine, median, writeSection } from './bench-lib';

/**
 * A chart's time-axis queries through the API in process, with the bucket plan
 * (server/query/date-buckets.ts) and with GROUP BY (`ODS_BUCKET_PLAN=off`), interleaved in the
 * same run, medians; each pair of answers must be the same text. Part of `npm run bench:analyze`
 * (its own section of BENCHMARKS.md); alone: `tsx scripts/bench-date-buckets.ts [--portal DIR]
 * [--db FILE] [--runs N]` on any portal from `npm run bench:make-portal` (any `--rows`), printed only.
 */

const byMonth = "date_format(created, 'yyyy-MM')";
interface Query {
  select: string;
  group_by: string;
  where?: string;
  timezone?: string;
}

const QUERIES: Query[] = [
  { select: `${byMonth}, count(*) as n`, group_by: byMonth },
  { select: 'sum(amount) as s, count(*) as n', group_by: 'range(created, 1 month)' },
  {
    select: 'sum(amount) as s, count(*) as n',
    group_by: 'range(created, 1 month)',
    timezone: 'Europe/Paris',
  },
  { select: `${byMonth}, count(*) as n`, group_by: byMonth, where: 'amount > 500000' },
  { select: 'year(created), avg(value) as a', group_by: 'year(created)' },
];

/** Runs the queries on `portalDir`'s bench-1m; `write`: into BENCHMARKS.md, else printed only. */
export async function benchDateBuckets(
  portalDir = '.portal/bench',
  file = '.bench/date-buckets.sqlite',
  runs = 5,
  write = true,
): Promise<void> {
  if (!existsSync(portalDir))
    throw new Error(`${portalDir} is missing: run \`npm run bench:make-portal\` first.`);
  // A store already built from the same portal is kept: syncPortal loads only changed sources.
  mkdirSync(dirname(file), { recursive: true });
  const store = new Store(file);
  const report = syncPortal(store, portalDir, { log: () => {} });
  if (report.failed.length > 0 || !store.layout('bench-1m')) throw new Error('bench-1m did not load');
  const rows = store.db
    .prepare(`SELECT count(*) FROM "${store.layout('bench-1m')!.table}"`)
    .pluck()
    .get() as number;
  const app = createApp({ store, log: () => {} });

  const ask = async (query: Query, buckets: boolean) => {
    if (buckets) delete process.env.ODS_BUCKET_PLAN;
    else process.env.ODS_BUCKET_PLAN = 'off';
    const params = new URLSearchParams({ limit: '100', timezone: 'UTC', ...query });
    const started = performance.now();
    const response = await app.request(`/api/explore/v2.1/catalog/datasets/bench-1m/records?${params}`);
    const text = await response.text();
    const ms = performance.now() - started;
    // The API's 10 s limit can stop GROUP BY on a loaded machine: counted as the limit.
    if (response.status === 400 && text.includes('QueryTimeoutError')) return { ms, text: 'timeout' };
    if (response.status !== 200) throw new Error(`${params}: ${text}`);
    return { ms, text };
  };

  const lines = [
    `### Time-axis charts: the bucket plan beside GROUP BY`,
    '',
    `${machine()}. ${rows.toLocaleString('en-US')} rows; the grouped query through the API in process, ${runs} runs each, the two plans interleaved; medians. Same answers, byte for byte, every run.`,
    '',
    '| query | GROUP BY | bucket plan |',
    '|---|---:|---:|',
  ];
  try {
    for (const query of QUERIES) {
      const times = { groupBy: [] as number[], buckets: [] as number[] };
      for (let run = 0; run < runs; run++) {
        const old = await ask(query, false);
        const next = await ask(query, true);
        if (old.text !== 'timeout' && old.text !== next.text)
          throw new Error(`answers differ for ${JSON.stringify(query)}`);
        times.groupBy.push(old.ms);
        times.buckets.push(next.ms);
      }
      const name = `\`${query.group_by}\`${query.where ? ` where ${query.where}` : ''}${query.timezone ? ` (${query.timezone})` : ''}, ${query.select.includes('sum') ? 'sum and count' : query.select.includes('avg') ? 'avg' : 'count'}`;
      const stopped = times.groupBy.filter((ms) => ms >= 10_000).length;
      const note = stopped > 0 ? ` (${stopped} of ${runs} stopped at 10 s)` : '';
      lines.push(`| ${name} | ${fmt(median(times.groupBy))} ms${note} | ${fmt(median(times.buckets))} ms |`);
    }
  } finally {
    delete process.env.ODS_BUCKET_PLAN;
    store.close();
  }
  if (write) writeSection('analyze-buckets', lines.join('\n'));
  console.log(lines.join('\n'));
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { portal: { type: 'string' }, db: { type: 'string' }, runs: { type: 'string' } },
    strict: true,
  });
  benchDateBuckets(values.portal, values.db, values.runs ? Number(values.runs) : undefined, false).catch(
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
