import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createApp } from '../app';
import { planQuery, type QuerySpec } from '../query/plan';
import { seededRandom } from '../testing/seeded-random';
import { tempPortal } from '../testing/temp-portal';
import { syncPortal } from './ingest';

/**
 * The grouping indexes (dataset-indexes.ts) and the SQLite date SQL (odsql/native-dates.ts) make a
 * chart's grouped queries read one index and call no JavaScript per row. The answers must not
 * change: each query is asked with the indexes and after dropping them, and in `UTC` (SQLite's
 * date functions) and in `GMT`, the same clock that takes the JavaScript path.
 */

let portal: ReturnType<typeof tempPortal>;
let app: ReturnType<typeof createApp>;

const CATEGORIES = ['Energy', 'Health', 'Housing', 'Mobility', 'Water'];

function rows(): string {
  const random = seededRandom(7);
  const lines = ['id;category;value;amount;created;flag'];
  for (let id = 1; id <= 3000; id++) {
    const category = id % 97 === 0 ? '' : CATEGORIES[Math.floor(random() * CATEGORIES.length)];
    const value = (random() * 1000 - 200).toFixed(3);
    const amount = Math.floor(random() * 100_000);
    const created =
      id % 89 === 0
        ? ''
        : new Date(Date.UTC(2019, 0, 1) + Math.floor(random() * 6 * 365 * 86_400_000)).toISOString();
    lines.push(`${id};${category};${value};${amount};${created};${random() < 0.3}`);
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(() => {
  portal = tempPortal();
  portal.write('sales/dataset.json', {
    dataset_id: 'sales',
    metas: { default: { title: 'Sales', timezone: 'UTC' } },
    fields: [
      { name: 'id', label: 'Id', type: 'int', annotations: {} },
      { name: 'category', label: 'Category', type: 'text', annotations: { facet: [] } },
      { name: 'value', label: 'Value', type: 'double', annotations: {} },
      { name: 'amount', label: 'Amount', type: 'int', annotations: {} },
      { name: 'created', label: 'Created', type: 'datetime', annotations: {} },
      { name: 'flag', label: 'Flag', type: 'boolean', annotations: { facet: [] } },
    ],
  });
  portal.write('sales/data.csv', rows());
  const report = syncPortal(portal.store, portal.dir, { log: () => {} });
  expect(report.failed).toEqual([]);
  app = createApp({ store: portal.store, log: () => {} });
});
afterAll(() => portal.cleanup());

const QUERIES: Record<string, string>[] = [
  { select: 'category, sum(amount) as s, count(*) as n', group_by: 'category' },
  { select: 'category, sum(value) as s, avg(value) as a, count(*) as n', group_by: 'category' },
  { select: 'category, sum(amount) as s, count(*) as n', group_by: 'category', where: 'amount > 50000' },
  { select: 'flag, max(value) as m, count(*) as n', group_by: 'flag', where: "category = 'Health'" },
  {
    select: "date_format(created, 'yyyy-MM'), count(*) as n",
    group_by: "date_format(created, 'yyyy-MM')",
  },
  {
    select: "date_format(created, 'yyyy-MM'), sum(amount) as s",
    group_by: "date_format(created, 'yyyy-MM')",
    where: "category = 'Health'",
  },
  { select: 'count(*) as n', group_by: 'range(created, 1 month)' },
  {
    select: 'count(*) as n',
    group_by: 'range(created, 6 hours)',
    limit: '200',
  },
  {
    select: 'year(created), month(created), count(*) as n',
    group_by: 'year(created), month(created)',
  },
  { select: 'count(*) as n', where: 'quarter(created) = 2 and dayofweek(created) = 7' },
];

async function answers(timezone: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const version of ['/api/explore/v2.1', '/api/explore/v2.0']) {
    for (const query of QUERIES) {
      const params = new URLSearchParams({ limit: '100', ...query, timezone });
      const response = await app.request(`${version}/catalog/datasets/sales/records?${params}`);
      if (response.status !== 200) throw new Error(`${params}: ${await response.text()}`);
      // v2.0's links repeat the request, time zone included: only the data is compared.
      out.push(JSON.parse(await response.text(), (key, value) => (key === 'links' ? undefined : value)));
    }
  }
  return out;
}

const layout = () => portal.store.layout('sales')!;
const plan = (spec: Omit<QuerySpec, 'timezone' | 'lang'>) => {
  const planned = planQuery(layout(), portal.store.db, {
    timezone: 'UTC',
    lang: 'en',
    nullGroups: true,
    ...spec,
  });
  const sql = planned.rowsSql(100, 0);
  const steps = portal.store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(planned.params) as {
    detail: string;
  }[];
  return { sql, plan: steps.map((s) => s.detail).join(' | ') };
};

describe('grouped queries', () => {
  it('have a covering index per facet and date field, holding the record order and the measures', () => {
    const indexes = portal.store.db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE ? ORDER BY name`)
      .all(`${layout().table}__cx_%`) as { name: string; sql: string }[];
    expect(indexes.map((i) => i.name.split('__cx_')[1])).toEqual(['category', 'created', 'flag']);
    expect(indexes[0]!.sql).toMatch(
      /\("c_category", rid, "c_id", "c_value", "c_amount", "c_created", "c_flag"\)$/,
    );
  });

  it('read the covering index for a facet key with sum and count, with or without a where', () => {
    const table = layout().table;
    for (const where of [[], ['amount > 50000']]) {
      const q = plan({ select: 'category, sum(amount) as s, count(*) as n', groupBy: 'category', where });
      expect(q.plan).toContain(`COVERING INDEX ${table}__cx_category`);
      // Only the few groups are sorted (nulls last), never the records.
      expect(q.plan).not.toContain('TEMP B-TREE FOR GROUP BY');
    }
  });

  it('group a month of a datetime in SQLite alone, over the covering index', () => {
    // GROUP BY's SQL; query/date-buckets.test.ts checks the bucket plan that otherwise takes these.
    process.env.ODS_BUCKET_PLAN = 'off';
    onTestFinished(() => {
      delete process.env.ODS_BUCKET_PLAN;
    });
    const table = layout().table;
    for (const groupBy of [
      "date_format(created, 'yyyy-MM')",
      'range(created, 1 month)',
      'year(created), month(created)',
    ]) {
      const q = plan({ select: 'count(*) as n, sum(amount) as s', groupBy });
      // JavaScript stays only for instants beyond year 9999 and in the deadline check.
      const rest = q.sql.replace(/ ELSE ods_[a-z_]+\([^()]*\) END/g, '').replace('OR ods_deadline()', '');
      expect(rest).not.toContain('ods_');
      expect(q.plan).toMatch(new RegExp(`^SCAN t USING COVERING INDEX ${table}__cx_`));
    }
    const q = plan({
      select: 'count(*) as n',
      groupBy: "date_format(created, 'yyyy-MM')",
      where: ["category = 'Health'"],
    });
    expect(q.plan).toContain(`COVERING INDEX ${table}__cx_category (c_category=?)`);
  });

  it('answer as the JavaScript date functions and the table scan do', async () => {
    const native = await answers('UTC');
    expect(await answers('GMT')).toEqual(native);
    const first = native[0] as { results: { category: string | null; n: number }[] };
    expect(first.results.map((r) => r.category)).toEqual([...CATEGORIES, null]);
    expect(first.results.reduce((sum, r) => sum + r.n, 0)).toBe(3000);
    for (const { name } of portal.store.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE ?`)
      .all(`${layout().table}__cx_%`) as { name: string }[]) {
      portal.store.db.exec(`DROP INDEX "${name}"`);
    }
    expect(plan({ select: 'category, sum(amount) as s', groupBy: 'category' }).plan).not.toContain('__cx_');
    expect(await answers('UTC')).toEqual(native);
  });
});
