import type { DatasetField } from '../../../../common/ods-api/types';
import { type Expr, type IntervalUnit, NO_LOC, type SelectItem } from '../../../../common/odsql/ast';
import { and, call, field, inList, isNull, not, or, star } from '../../../../common/odsql/build';
import { printGroupBy, printOrderBy, printSelect } from '../../../../common/odsql/printer';
import type { Interval, Measure } from './chart-params';
import { axisKind, type ChartState } from './chart-state';

/**
 * A chart's ODSQL: the chart state becomes `select`, `group_by` and `order_by` trees printed by
 * common/odsql, never strings glued by hand. Columns carry short aliases (`x`, `b`, `v0`…), so the
 * answer is read by name whatever the portal calls an unaliased expression.
 */

export const X = 'x';
export const BY = 'b';
export const valueAlias = (index: number) => `v${index}`;

/** A scatter draws at most this many records, chosen by a seeded random order so a reload repeats it. */
export const SCATTER_SAMPLE = 2000;

function item(expr: Expr, alias: string): SelectItem {
  return { kind: 'SelectItem', expr, alias, text: '', loc: NO_LOC };
}

export function measureExpr(measure: Measure): Expr {
  if (measure.fn === 'value') return field(measure.field!);
  if (measure.field === null) return call('count', star());
  if (measure.fn === 'percentile') return call('percentile', field(measure.field), measure.p ?? 50);
  return call(measure.fn, field(measure.field));
}

/** `count(*) AS v0, avg(population) AS v1`. */
export function measuresSelect(measures: readonly Measure[]): string {
  return printSelect({
    kind: 'Select',
    items: measures.map((m, i) => item(measureExpr(m), valueAlias(i))),
    loc: NO_LOC,
  });
}

const INTERVAL_UNITS: Record<Interval, IntervalUnit> = {
  year: 'year',
  month: 'month',
  day: 'day',
  hour: 'hour',
};

function interval(unit: Interval): Expr {
  return { kind: 'Interval', value: 1, unit: INTERVAL_UNITS[unit], rawUnit: unit, loc: NO_LOC };
}

/** The x axis' group key: the field itself, a time bucket, or number bins of `width` or at `edges`. */
export function xKey(state: ChartState, x: DatasetField, width: number | null): Expr {
  const kind = axisKind(x);
  // 'auto' is resolved before the query (analyze-queries.ts); month stands in if it was not.
  if (kind === 'time')
    return call('range', field(x.name), interval(state.interval === 'auto' ? 'month' : state.interval));
  if (kind === 'number') {
    if ('edges' in state.bins) return call('range', field(x.name), star(), ...state.bins.edges, star());
    return call('range', field(x.name), width ?? 1);
  }
  return field(x.name);
}

/**
 * A bin width that reads well (1, 2 or 5 times a power of ten) giving about `count` bins over
 * [low, high]; integer fields never get a fractional width.
 */
export function niceWidth(low: number, high: number, count: number, integer: boolean): number {
  const span = high - low;
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((w) => w >= raw) ?? 10 * power;
  return integer ? Math.max(1, Math.round(step)) : Number(step.toPrecision(12));
}

export interface GroupsQuery {
  select: string;
  group_by: string;
  order_by?: string;
  limit?: number;
}

/**
 * The grouped query of a column, bar, line, area or pie: one row per x value (and per breakdown
 * value), its measures as v0…. Categories come biggest first by the first measure, `top` of them;
 * time buckets and bins come all, in order.
 */
export function groupsQuery(state: ChartState, x: DatasetField, width: number | null): GroupsQuery {
  const keys = [item(xKey(state, x, width), X)];
  if (state.by) keys.push(item(field(state.by), BY));
  const measures = state.by ? state.measures.slice(0, 1) : state.measures;
  const query: GroupsQuery = {
    select: measuresSelect(measures),
    group_by: printGroupBy({ kind: 'GroupBy', items: keys, loc: NO_LOC }),
  };
  if (axisKind(x) === 'category' && !state.by) {
    query.order_by = byFirstMeasure();
    query.limit = state.top;
  }
  return query;
}

function byFirstMeasure(): string {
  return printOrderBy({
    kind: 'OrderBy',
    items: [{ kind: 'OrderItem', expr: field(valueAlias(0)), direction: 'DESC', loc: NO_LOC }],
    loc: NO_LOC,
  });
}

/** The `top` values of a text field by a measure: the categories a breakdown or a chart keeps. */
export function topValuesQuery(name: string, measure: Measure, top: number): GroupsQuery {
  return {
    select: measuresSelect([measure]),
    group_by: printGroupBy({ kind: 'GroupBy', items: [item(field(name), X)], loc: NO_LOC }),
    order_by: byFirstMeasure(),
    limit: top,
  };
}

/** Keeps the records whose field takes one of the values (the top categories). */
export function amongValues(name: string, values: readonly (string | number | boolean)[]): Expr {
  return inList(field(name), values);
}

/** The records outside the top categories, empty values included: what "Others" adds up. */
export function outsideValues(name: string, values: readonly (string | number | boolean)[]): Expr {
  return or(not(inList(field(name), values)), isNull(field(name)));
}

/** `min(f) AS lo, max(f) AS hi`: the span equal-width bins divide. */
export function extentSelect(name: string): string {
  return printSelect({
    kind: 'Select',
    items: [item(call('min', field(name)), 'lo'), item(call('max', field(name)), 'hi')],
    loc: NO_LOC,
  });
}

export interface SampleQuery {
  select: string;
  where: Expr;
  order_by: string;
  limit: number;
}

/** A scatter's records: both fields present, in a seeded random order, at most SCATTER_SAMPLE. */
export function scatterQuery(xName: string, yName: string): SampleQuery {
  return {
    select: printSelect({
      kind: 'Select',
      items: [item(field(xName), X), item(field(yName), valueAlias(0))],
      loc: NO_LOC,
    }),
    where: and(isNull(field(xName), true), isNull(field(yName), true)),
    order_by: printOrderBy({
      kind: 'OrderBy',
      items: [{ kind: 'OrderItem', expr: call('random', 1), direction: null, loc: NO_LOC }],
      loc: NO_LOC,
    }),
    limit: SCATTER_SAMPLE,
  };
}

/** A KPI's select: the measures over every matching record. */
export function totalsSelect(measures: readonly Measure[]): string {
  return measuresSelect(measures);
}

/** Equal-width bins need the field's span first (an extent query); chosen bounds do not. */
export function needsExtent(state: ChartState, x: DatasetField): boolean {
  return axisKind(x) === 'number' && 'count' in state.bins;
}

/** The records counted in equal-width bins of a number field (a field profile's histogram). */
export function binsQuery(name: string, width: number): GroupsQuery {
  return {
    select: measuresSelect([{ fn: 'count', field: null }]),
    group_by: printGroupBy({
      kind: 'GroupBy',
      items: [item(call('range', field(name), width), X)],
      loc: NO_LOC,
    }),
  };
}

const DAY = 86_400_000;

/** The step that gives a readable number of time buckets over a span: about 4 to 150 of them. */
export function autoInterval(low: number, high: number): Interval {
  const span = high - low;
  if (span > 6 * 365 * DAY) return 'year';
  if (span > 120 * DAY) return 'month';
  if (span > 4 * DAY) return 'day';
  return 'hour';
}
