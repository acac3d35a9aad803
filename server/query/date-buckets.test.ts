import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { syncPortal } from '../store/ingest';
import { seededRandom } from '../testing/seeded-random';
import { tempPortal } from '../testing/temp-portal';
import { planQuery, type QuerySpec } from './plan';

/**
 * The bucket plan (date-buckets.ts) must answer exactly as GROUP BY does: every query below is
 * asked through the app with the plan on and off (ODS_BUCKET_PLAN), in both API versions and in
 * zones with and without DST, over sparse instants from 1931 to 2031, nulls, and instants next to
 * midnights and DST changes in Paris.
 */

let portal: ReturnType<typeof tempPortal>;
let app: ReturnType<typeof createApp>;

function rows(): string {
  const random = seededRandom(11);
  const edges = [
    Date.UTC(2021, 0, 31, 23, 30), // 1 February 00:30 in Paris
    Date.UTC(2021, 2, 28, 0, 59, 59, 999), // just before Paris springs forward
    Date.UTC(2021, 2, 28, 1, 0),
    Date.UTC(2021, 9, 31, 0, 59, 59, 999), // just before Paris falls back
    Date.UTC(2021, 9, 31, 1, 0),
    Date.UTC(2021, 11, 31, 23, 0), // 2022 in Paris, 2021 in UTC
    // Santiago skips its midnight of 5 September 2021 and has two of 4 April 2021.
    Date.UTC(2021, 8, 5, 3, 30),
    Date.UTC(2021, 8, 5, 4, 30),
    Date.UTC(2021, 3, 4, 2, 30),
    Date.UTC(2021, 3, 4, 3, 30),
  ];
  const lines = ['id;category;value;amount;at;opened;stamp'];
  for (let id = 1; id <= 3000; id++) {
    const category = ['Energy', 'Health', 'Water'][id % 3];
    const value = (random() * 1000 - 300).toFixed(4);
    const amount = Math.floor(random() * 100_000);
    // Sparse: a few clusters a century apart, with whole empty years and months between them.
    const cluster = [Date.UTC(1931, 4, 1), Date.UTC(1969, 5, 1), Date.UTC(2020, 0, 1), Date.UTC(2031, 6, 1)][
      id % 4
    ]!;
    const ms = cluster + Math.floor(random() * 400 * 86_400_000);
    const at = id % 53 === 0 ? '' : new Date(ms).toISOString();
    const day = id % 41 === 0 ? '' : new Date(ms - 9 * 3_600_000).toISOString().slice(0, 10);
    // Two years only, so that day buckets stay below the plan's limit.
    const near =
      id <= edges.length ? edges[id - 1]! : Date.UTC(2020, 5, 1) + Math.floor(random() * 700 * 86_400_000);
    const stamp = id % 37 === 0 ? '' : new Date(near).toISOString();
    lines.push(`${id};${category};${value};${amount};${at};${day};${stamp}`);
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(() => {
  portal = tempPortal();
  portal.write('events/dataset.json', {
    dataset_id: 'events',
    metas: { default: { title: 'Events', timezone: 'UTC' } },
    fields: [
      { name: 'id', label: 'Id', type: 'int', annotations: {} },
      { name: 'category', label: 'Category', type: 'text', annotations: { facet: [] } },
      { name: 'value', label: 'Value', type: 'double', annotations: {} },
      { name: 'amount', label: 'Amount', type: 'int', annotations: {} },
      { name: 'at', label: 'At', type: 'datetime', annotations: {} },
      { name: 'opened', label: 'Opened', type: 'date', annotations: {} },
      { name: 'stamp', label: 'Stamp', type: 'datetime', annotations: {} },
    ],
  });
  portal.write('events/data.csv', rows());
  const report = syncPortal(portal.store, portal.dir, { log: () => {} });
  expect(report.failed).toEqual([]);
  app = createApp({ store: portal.store, log: () => {} });
});
afterAll(() => portal.cleanup());
afterEach(() => {
  delete process.env.ODS_BUCKET_PLAN;
});

/** Queries the plan takes (true) and ones it leaves to GROUP BY (false), answered alike. */
const QUERIES: [Record<string, string>, boolean][] = [
  [{ select: "date_format(at, 'yyyy-MM'), count(*) as n", group_by: "date_format(at, 'yyyy-MM')" }, true],
  [{ select: 'count(*) as n, sum(value) as s, avg(value) as a', group_by: 'range(at, 1 month)' }, true],
  [{ select: 'min(value), max(amount), sum(amount)', group_by: 'range(stamp, 1 day)', limit: '80' }, true],
  [{ select: 'count(*)', group_by: 'range(stamp, 1 week)' }, true],
  [{ select: 'count(*) as n, sum(value)', group_by: 'range(stamp, 1 month)', where: 'amount < 30000' }, true],
  [{ select: 'count(*) as n, sum(value) as s', group_by: 'range(at, 1 quarter)' }, true],
  [{ select: 'year(at), sum(value) as s', group_by: 'year(at)' }, true],
  [{ select: 'count(*) as n', group_by: "date_format(at, 'yyyy')", where: 'amount > 40000' }, true],
  [
    {
      select: 'sum(value) as s, count(*) as n',
      group_by: 'range(at, 1 year) as y',
      order_by: 'n DESC, s ASC',
      limit: '5',
      offset: '1',
    },
    true,
  ],
  [
    {
      select: "date_format(stamp, 'yyyy-MM-dd') as d, count(*) as n",
      group_by: "date_format(stamp, 'yyyy-MM-dd') as d",
      order_by: 'count(*) DESC',
      limit: '7',
    },
    true,
  ],
  [
    {
      select: "date_format(stamp, 'yyyy-MM-dd'), count(*) as n",
      group_by: "date_format(stamp, 'yyyy-MM-dd')",
      where: "stamp >= date'2021-08-25' and stamp < date'2021-09-15'",
    },
    true,
  ],
  [{ select: 'count(*) as n, avg(amount) as a', group_by: 'range(opened, 1 month)' }, true],
  [
    {
      select: "date_format(opened, 'yyyy-MM'), sum(value)",
      group_by: "date_format(opened, 'yyyy-MM')",
      where: 'value < 0',
    },
    true,
  ],
  [
    { select: 'year(opened), count(*) as n', group_by: 'year(opened)', where: "at >= date'2020-03-01'" },
    true,
  ],
  // Date parts that name a bucket together, in either order.
  [{ select: 'count(*) as n, sum(value) as s', group_by: 'year(at), month(at)' }, true],
  [
    { select: 'month(at) as m, year(at) as y, count(*) as n', group_by: 'month(at) as m, year(at) as y' },
    true,
  ],
  [
    {
      select: 'year(stamp), month(stamp), day(stamp), count(*) as n',
      group_by: 'year(stamp), month(stamp), day(stamp)',
      order_by: 'n DESC',
      limit: '20',
    },
    true,
  ],
  // Left to GROUP BY: a filter off the index, a non-calendar width, parts of two columns, a month
  // without year (every year's January together), a day without its month, and 37,000 days (past
  // MAX_BUCKETS).
  [{ select: 'count(*) as n', group_by: 'range(at, 1 day)' }, false],
  [{ select: 'count(*) as n', group_by: 'range(at, 1 month)', where: "category = 'Health'" }, false],
  [{ select: 'count(*) as n', group_by: 'range(at, 3 days)' }, false],
  [{ select: 'count(*) as n', group_by: 'year(at), month(stamp)' }, false],
  [{ select: 'count(*) as n', group_by: 'year(at), day(at)' }, false],
  [{ select: 'month(at), count(*) as n', group_by: 'month(at)' }, false],
];

async function answers(): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const timezone of ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'America/Santiago']) {
    for (const version of ['/api/explore/v2.1', '/api/explore/v2.0']) {
      for (const [query] of QUERIES) {
        const params = new URLSearchParams({ limit: '100', ...query, timezone });
        const response = await app.request(`${version}/catalog/datasets/events/records?${params}`);
        const text = await response.text();
        if (response.status !== 200) throw new Error(`${params}: ${text}`);
        out.push(text);
      }
    }
  }
  return out;
}

function planned(query: Record<string, string>, timezone: string, nullGroups: boolean) {
  const spec: QuerySpec = {
    select: query.select,
    groupBy: query.group_by,
    orderBy: query.order_by,
    where: query.where ? [query.where] : [],
    timezone,
    lang: 'en',
    nullGroups,
  };
  const plan = planQuery(portal.store.layout('events')!, portal.store.db, spec);
  const sql = plan.rowsSql(100, 0);
  const steps = portal.store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(plan.params) as { detail: string }[];
  return { sql, explain: steps.map((s) => s.detail).join(' | ') };
}

describe('the bucket plan of a date interval', () => {
  it('is taken exactly for one calendar interval of a covered date column', () => {
    for (const [query, taken] of QUERIES) {
      for (const nullGroups of [true, false]) {
        const { sql, explain } = planned(query, 'Europe/Paris', nullGroups);
        expect(sql.includes('json_each'), JSON.stringify(query)).toBe(taken);
        if (!taken) continue;
        // Ranges of the date's covering index; only the buckets are sorted, never the records.
        expect(explain).not.toContain('TEMP B-TREE FOR GROUP BY');
        expect(explain).toMatch(
          /SEARCH t USING COVERING INDEX \w+__cx_(at|opened|stamp) \(c_(at|opened|stamp)>\? AND c_\2<\?\)/,
        );
        expect(explain).not.toMatch(/SCAN t\b/);
      }
    }
  });

  it('leaves days to GROUP BY where the calendar and ods_trunc part, as where midnight is skipped', () => {
    const days = QUERIES.find(([query]) => query.group_by?.includes("'yyyy-MM-dd'"))![0];
    expect(planned(days, 'Europe/Paris', true).sql).toContain('json_each');
    expect(planned(days, 'America/Santiago', true).sql).not.toContain('json_each');
    const range = { select: 'count(*) as n', group_by: 'range(stamp, 1 day)' };
    expect(planned(range, 'America/Santiago', true).sql).toContain('json_each');
  });

  it('answers byte for byte as GROUP BY, in both versions and every zone', async () => {
    const withBuckets = await answers();
    process.env.ODS_BUCKET_PLAN = 'off';
    expect(planned(QUERIES[0]![0], 'UTC', true).sql).not.toContain('json_each');
    const withGroupBy = await answers();
    expect(withBuckets).toEqual(withGroupBy);
    // The data is what the test means it to be: nulls, years before 1970, and every row counted.
    const months = JSON.parse(withBuckets[0] as string) as { results: Record<string, unknown>[] };
    const keys = months.results.map((r) => r["date_format(at, 'yyyy-MM')"]);
    expect(keys).toContain(null);
    expect(keys).toContain('1931-05');
    expect(months.results.reduce((sum, r) => sum + (r.n as number), 0)).toBe(3000);
    // Some 400 requests, the GROUP BY ones in four zones calling JavaScript per row.
  }, 180_000);
});
