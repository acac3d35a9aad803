import type Database from 'better-sqlite3';
import type { Expr } from '../../common/odsql/ast';
import { zonedParts } from '../../common/time/zoned-time';
import type { Compiler } from '../odsql/compile';
import { type OutputColumn, unparen } from '../odsql/compiled';
import { type IntervalUnitName, truncateInstant } from '../odsql/sql-functions';
import type { DatasetLayout, FieldLayout } from '../store/layout';
import { quoteIdent } from '../store/sql-ident';

/**
 * The bucket plan for a chart's time axis (ARCHITECTURE.md, "Grouped queries"): `GROUP BY` over a
 * date expression makes SQLite sort every record by its key. When the key is one calendar
 * interval of a date column (`range(d, 1 month)`, `date_format(d, 'yyyy-MM')`, `year(d)`, or
 * date parts that name one together, `year(d), month(d)`), the
 * buckets' bounds are computed here, from the column's min and max with the same truncation the
 * SQL functions use, and each bucket's aggregates read one range of the column's covering index,
 * in the index's (key, rid) order: nothing is sorted but the buckets. Anything else (other keys,
 * measures or filters the index does not hold, joins, subqueries) returns null and keeps GROUP BY.
 */

/** More buckets than a chart draws; past it, the per-bucket lookups would cost more than a sort. */
const MAX_BUCKETS = 5000;

/**
 * Longer than the unit's longest bucket (a DST day is 25 h) and shorter than two of its shortest:
 * truncating `start + step` lands on the next bucket's start, which is then checked.
 */
const STEPS: Partial<Record<IntervalUnitName, number>> = {
  day: 26 * 3_600_000,
  week: 8 * 86_400_000,
  month: 32 * 86_400_000,
  quarter: 93 * 86_400_000,
  year: 367 * 86_400_000,
};

const PATTERN_UNITS: Record<string, IntervalUnitName> = {
  yyyy: 'year',
  'yyyy-MM': 'month',
  'yyyy-MM-dd': 'day',
};

const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;

/** Tests switch the plan off to compare its answers with GROUP BY's; read here only. */
function enabled(): boolean {
  return process.env.ODS_BUCKET_PLAN !== 'off';
}

type Interval = { field: Expr; unit: IntervalUnitName; calendar: boolean };

/** The column and calendar unit of a group_by key the plan handles, or null. */
function intervalKey(expr: Expr): Interval | null {
  const e = unparen(expr);
  if (e.kind !== 'Call' || e.namedArgs.length > 0 || e.distinct) return null;
  const [first, second] = e.args;
  if (!first || unparen(first).kind !== 'Field') return null;
  if (e.name === 'year' && e.args.length === 1) return { field: first, unit: 'year', calendar: true };
  if (e.args.length !== 2) return null;
  if (e.name === 'range' && second?.kind === 'Interval' && second.value === 1 && second.unit in STEPS) {
    return { field: first, unit: second.unit as IntervalUnitName, calendar: false };
  }
  if (e.name === 'date_format' && second?.kind === 'String' && second.value in PATTERN_UNITS) {
    return { field: first, unit: PATTERN_UNITS[second.value]!, calendar: true };
  }
  return null;
}

/** Date parts that, from the year down, name one calendar bucket together. */
const PART_CHAIN: readonly { name: string; unit: IntervalUnitName }[] = [
  { name: 'year', unit: 'year' },
  { name: 'month', unit: 'month' },
  { name: 'day', unit: 'day' },
];

/**
 * The interval of the whole group_by: one key as above, or date parts of one column that name a
 * bucket together (`year(d), month(d)`, with `day(d)` a day), in any order. `month(d)` without
 * `year(d)` gathers every year's January into one group: not a bucket, so it keeps GROUP BY.
 */
function intervalKeys(exprs: readonly Expr[]): Interval | null {
  if (exprs.length === 1) return intervalKey(exprs[0]!);
  let fieldName: string | null = null;
  let field: Expr | null = null;
  const names = new Set<string>();
  for (const expr of exprs) {
    const e = unparen(expr);
    if (e.kind !== 'Call' || e.namedArgs.length > 0 || e.distinct || e.args.length !== 1) return null;
    const arg = unparen(e.args[0]!);
    if (arg.kind !== 'Field' || (fieldName !== null && arg.name !== fieldName)) return null;
    fieldName = arg.name;
    field = e.args[0]!;
    names.add(e.name);
  }
  const chain = PART_CHAIN.slice(0, names.size);
  if (field === null || names.size !== exprs.length || !chain.every((part) => names.has(part.name))) {
    return null;
  }
  return { field, unit: chain[chain.length - 1]!.unit, calendar: true };
}

/** Each bucket's [start, end) over the column's values, or null when one cannot be made exact. */
function bucketBounds(
  db: Database.Database,
  layout: DatasetLayout,
  field: FieldLayout,
  unit: IntervalUnitName,
  calendar: boolean,
  timezone: string,
): (number | string)[][] | null {
  const column = quoteIdent(field.column);
  const [min, max] = db
    .prepare(`SELECT min(${column}), max(${column}) FROM ${quoteIdent(layout.table)}`)
    .raw()
    .get() as [unknown, unknown];
  if (min === null || max === null) return [];
  const isDate = field.field.type === 'date';
  // A date's text sorts as its day only with a four-digit year (min and max would show others).
  if (isDate && !(DATE_TEXT.test(String(min)) && DATE_TEXT.test(String(max)))) return null;
  const toMs = (value: unknown) => (isDate ? Date.parse(`${value}T00:00:00Z`) : Number(value));
  const fromMs = (ms: number) => (isDate ? new Date(ms).toISOString().slice(0, 10) : ms);
  const zone = isDate ? 'UTC' : timezone;
  const last = toMs(max);
  const period = (ms: number) => {
    const p = zonedParts(ms, zone);
    return unit === 'year'
      ? `${p.year}`
      : unit === 'month'
        ? `${p.year}-${p.month}`
        : `${p.year}-${p.month}-${p.day}`;
  };
  const bounds: (number | string)[][] = [];
  let start = truncateInstant(toMs(min), zone, unit, 1);
  while (start <= last) {
    const end = truncateInstant(start + STEPS[unit]!, zone, unit, 1);
    // Every instant in [start, end) must truncate to start: end is the very next bucket.
    if (!(end > start) || truncateInstant(end - 1, zone, unit, 1) !== start) return null;
    // date_format() and year() read the zone's calendar, not ods_trunc: where a zone skips its
    // midnight the two could part, so each bound must also be where the calendar turns.
    if (calendar && !(period(start - 1) !== period(start) && period(start) === period(end - 1))) return null;
    if (bounds.length === MAX_BUCKETS) return null;
    bounds.push([fromMs(start), fromMs(end)]);
    start = end;
  }
  return bounds;
}

/** The columns of the field's covering index (dataset-indexes.ts), or null when it has none. */
function coveringColumns(db: Database.Database, layout: DatasetLayout, field: FieldLayout) {
  const name = `${layout.table}__cx_${field.field.name}`;
  const columns = db.prepare(`SELECT name FROM pragma_index_info(?)`).pluck().all(name) as string[];
  return columns.length > 0 ? { name, columns: new Set(columns) } : null;
}

const AGGREGATE = /^(?:count\(\*\)|(?:sum|avg|min|max)\(t\."[A-Za-z0-9_]+"\))$/;
/** What plan.ts writes after an order_by expression. */
const DIRECTION = /^(?: COLLATE NOCASE)? (?:ASC|DESC)(?: NULLS LAST)?$/;
const COLUMN = /t\.("?)([A-Za-z0-9_]+)\1/g;

export interface BucketQuery {
  readonly compiler: Compiler;
  readonly layout: DatasetLayout;
  readonly db: Database.Database;
  readonly groupKeys: readonly { key: string; item: { text: string; expr: Expr } }[];
  readonly outputs: readonly OutputColumn[];
  readonly conditions: readonly string[];
  /** order_by, compiled: each starts with the SQL of an output. */
  readonly order: readonly string[];
  readonly nullGroups: boolean;
  readonly whereSql: (conditions: readonly string[], rest: readonly string[]) => string;
}

/** The grouped statement (without LIMIT) as bucket lookups, or null to keep GROUP BY. */
export function bucketPlanSql(q: BucketQuery): string | null {
  if (!enabled()) return null;
  const interval = intervalKeys(q.groupKeys.map((g) => g.item.expr));
  if (!interval) return null;
  const fieldExpr = unparen(interval.field);
  if (fieldExpr.kind !== 'Field') return null;
  const field = q.layout.fields.find((f) => f.field.name === fieldExpr.name);
  if (!field || field.valuesTable || !['date', 'datetime'].includes(field.field.type)) return null;
  const index = coveringColumns(q.db, q.layout, field);
  if (!index) return null;

  const normalize = (text: string) => text.replace(/\s+/g, '').toLowerCase();
  const keyNames = q.groupKeys.map((g) => new Set([normalize(g.key), normalize(g.item.text)]));
  // Each group key's output, in group_by's order.
  const keyIndexes: number[] = q.groupKeys.map(() => -1);
  for (const [k, output] of q.outputs.entries()) {
    const sql = output.compiled.sql;
    if (sql.length !== 1) return null;
    if (output.compiled.aggregate) {
      if (!AGGREGATE.test(sql[0]!)) return null;
      continue;
    }
    const g = keyNames.findIndex((names) => names.has(normalize(output.key)));
    if (g < 0) return null;
    keyIndexes[g] = k;
  }
  // Subqueries (full text, multivalued fields) and columns outside the index keep GROUP BY.
  const read = [
    ...q.conditions,
    ...q.outputs.filter((o) => o.compiled.aggregate).map((o) => o.compiled.sql[0]!),
  ];
  if (read.some((sql) => /\bSELECT\b/i.test(sql))) return null;
  for (const sql of read) {
    for (const [, , column] of sql.matchAll(COLUMN)) {
      if (column !== 'rid' && !index.columns.has(column!)) return null;
    }
  }

  const bounds = bucketBounds(
    q.db,
    q.layout,
    field,
    interval.unit,
    interval.calendar,
    q.compiler.options.timezone,
  );
  if (bounds === null) return null;
  // plan.ts adds a key that select leaves out to the outputs, so there always is one.
  if (keyIndexes.some((k) => k < 0)) return null;
  const order: string[] = [];
  for (const item of q.order) {
    const k = q.outputs.findIndex(
      (o) => item.startsWith(o.compiled.sql[0]!) && DIRECTION.test(item.slice(o.compiled.sql[0]!.length)),
    );
    if (k < 0) return null;
    order.push(`${quoteIdent(`o${k}_0`)}${item.slice(q.outputs[k]!.compiled.sql[0]!.length)}`);
  }

  const from = `FROM ${quoteIdent(q.layout.table)} t INDEXED BY ${quoteIdent(index.name)}`;
  const dateColumn = `t.${quoteIdent(field.column)}`;
  const measures = q.outputs.flatMap((o, k) =>
    o.compiled.aggregate ? [{ k, sql: o.compiled.sql[0]! }] : [],
  );
  const keySqls = keyIndexes.map((k) => q.outputs[k]!.compiled.sql[0]!);
  const bucketRows = (range: string, from_: string) => {
    // Every measure in one pass over the bucket's range: a JSON array, which gives back each
    // integer, real (to its last digit) and text as it went in. Its first item, the count, says
    // whether any record passed the filter.
    const where = q.whereSql(
      [range, ...q.conditions],
      measures.map((m) => m.sql),
    );
    const values = `(SELECT json_array(${['count(*)', ...measures.map((m) => m.sql)].join(', ')}) ${from}${where})`;
    // The keys are the same for every record of the bucket: its first record gives them, read
    // once (a key through one of our functions would cost a call per record as a bare column).
    const keyLookups = keySqls.map(
      (sql, g) => `(SELECT ${sql} ${from}${q.whereSql([range], [sql])} LIMIT 1) AS key${g}`,
    );
    const columns = q.outputs
      .map((_, k) => {
        const m = measures.findIndex((measure) => measure.k === k);
        const value = m < 0 ? `key${keyIndexes.indexOf(k)}` : `json_extract(v, '$[${m + 1}]')`;
        return `${value} AS ${quoteIdent(`o${k}_0`)}`;
      })
      .join(', ');
    // OFFSET keeps SQLite from flattening the subquery, which would copy the lookups into every
    // column that reads them (one range scan per measure again).
    return `SELECT ${columns} FROM (SELECT ${[`${values} AS v`, ...keyLookups].join(', ')}${from_} LIMIT -1 OFFSET 0) WHERE json_extract(v, '$[0]') > 0`;
  };
  const buckets = `(SELECT json_extract(value, '$[0]') AS lo, json_extract(value, '$[1]') AS hi FROM json_each(${q.compiler.bind(JSON.stringify(bounds))})) b`;
  const parts = [bucketRows(`${dateColumn} >= b.lo AND ${dateColumn} < b.hi`, ` FROM ${buckets}`)];
  if (q.nullGroups) parts.push(bucketRows(`${dateColumn} IS NULL`, ''));
  const nullsLast = q.nullGroups ? ' NULLS LAST' : '';
  const keyOrder = keyIndexes.map((k) => `${quoteIdent(`o${k}_0`)} ASC${nullsLast}`);
  return `SELECT * FROM (${parts.join(' UNION ALL ')}) ORDER BY ${[...order, ...keyOrder].join(', ')}`;
}
