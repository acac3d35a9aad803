import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createApp } from '../server/app';
import { syncPortal } from '../server/store/ingest';
import { Store } from '../server/store/store';
import { fmt, median } from './bench-lib';

/**
 * `tsx scripts/bench-date-buckets.ts [--portal DIR] [--db FILE] [--runs N]`: a chart's time-axis
 * queries through the API in process, with the bucket plan (server/query/date-buckets.ts) and with
 * GROUP BY (`ODS_BUCKET_PLAN=off`), interleaved in the same run, medians printed. The portal is one
 * from `npm run bench:make-portal` (any `--rows`); each pair of answers must be the same text.
 */

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { portal: { type: 'string' }, db: { type: 'string' }, runs: { type: 'string' } },
  strict: true,
});
const portalDir = values.portal ?? '.portal/bench';
const file = values.db ?? '.bench/date-buckets.sqlite';
const runs = Number(values.runs ?? 5);
if (!existsSync(portalDir))
  throw new Error(`${portalDir} is missing: run \`npm run bench:make-portal\` first.`);

const byMonth = "date_format(created, 'yyyy-MM')";
const QUERIES: Record<string, string>[] = [
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

// A store already built from the same portal is kept: syncPortal loads only changed sources.
const store = new Store(file);
const report = syncPortal(store, portalDir, { log: () => {} });
if (report.failed.length > 0 || !store.layout('bench-1m')) throw new Error('bench-1m did not load');
const rows = store.db
  .prepare(`SELECT count(*) FROM "${store.layout('bench-1m')!.table}"`)
  .pluck()
  .get();
const app = createApp({ store, log: () => {} });

async function ask(query: Record<string, string>, buckets: boolean): Promise<{ ms: number; text: string }> {
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
}

console.log(`${rows} rows; ${runs} runs each, interleaved; medians`);
console.log('| query | GROUP BY | buckets |\n|---|---:|---:|');
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
  const name = `${query.group_by}${query.where ? ` where ${query.where}` : ''}${query.timezone ? ` (${query.timezone})` : ''}`;
  const stopped = times.groupBy.filter((ms) => ms >= 10_000).length;
  const note = stopped > 0 ? ` (${stopped} of ${runs} stopped at 10 s)` : '';
  console.log(`| ${name} | ${fmt(median(times.groupBy))} ms${note} | ${fmt(median(times.buckets))} ms |`);
}
store.close();
