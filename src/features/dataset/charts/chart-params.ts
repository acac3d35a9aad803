import { z } from 'zod';
import type { ParamCheck } from '../../../lib/ignored-params';

/**
 * The Analyze view's URL parameters, read like the API: `chart.type=column&chart.x=country_code&
 * chart.y=count(*)&chart.y=avg(population)&chart.by=feature_code&chart.top=10`. This module checks
 * only their syntax, so the router (in the first page's bundle) validates them without the chart's
 * code; whether a value fits the dataset's fields is chart-state.ts's business, once they are known.
 * A value that fails is dropped, like every other parameter of the dataset page.
 */

export const CHART_TYPES = ['column', 'bar', 'line', 'area', 'pie', 'donut', 'scatter', 'kpi'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export const INTERVALS = ['year', 'month', 'day', 'hour'] as const;
export type Interval = (typeof INTERVALS)[number];

export const CHART_SORTS = ['label', '-label', 'value', '-value'] as const;
export type ChartSort = (typeof CHART_SORTS)[number];

export const AGGREGATIONS = ['count', 'sum', 'avg', 'min', 'max', 'median', 'percentile'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** One series: an aggregation over a field (`count(*)` over the records), or a raw field (scatter). */
export interface Measure {
  fn: Aggregation | 'value';
  /** null only for `count(*)`. */
  field: string | null;
  /** percentile's percentage, 0–100. */
  p?: number;
}

export const MAX_TOP = 50;
export const MAX_BINS = 100;
/** Chosen bounds: at most this many edges. */
export const MAX_EDGES = 30;

const NAME = '[A-Za-z0-9_]+';
const AGGREGATE = new RegExp(`^(count|sum|avg|min|max|median)\\((\\*|${NAME})\\)$`);
const PERCENTILE = new RegExp(`^percentile\\((${NAME}),(\\d{1,3}(?:\\.\\d+)?)\\)$`);
const FIELD = new RegExp(`^${NAME}$`);

export function parseMeasure(text: string): Measure | null {
  const compact = text.replace(/\s+/g, '');
  const aggregate = AGGREGATE.exec(compact);
  if (aggregate) {
    const [, fn, arg] = aggregate;
    if (arg === '*' && fn !== 'count') return null;
    return { fn: fn as Aggregation, field: arg === '*' ? null : arg! };
  }
  const percentile = PERCENTILE.exec(compact);
  if (percentile) {
    const p = Number(percentile[2]);
    return p >= 0 && p <= 100 ? { fn: 'percentile', field: percentile[1]!, p } : null;
  }
  return FIELD.test(compact) ? { fn: 'value', field: compact } : null;
}

export function formatMeasure(measure: Measure): string {
  if (measure.fn === 'value') return measure.field ?? '';
  if (measure.fn === 'percentile') return `percentile(${measure.field},${measure.p ?? 50})`;
  return `${measure.fn}(${measure.field ?? '*'})`;
}

/**
 * `chart.bins`: a count of equal-width bins (`20`), or the bounds themselves, ascending
 * (`0,1000,10000,100000`): ODSQL's `range(f, *, 0, 1000, …, *)`, so values outside fall in the
 * open first and last bins.
 */
export type Bins = { count: number } | { edges: number[] };

export function parseBins(text: string): Bins | null {
  if (/^\d+$/.test(text)) {
    const count = Number(text);
    return count >= 1 && count <= MAX_BINS ? { count } : null;
  }
  const parts = text.split(',');
  if (parts.length < 2 || parts.length > MAX_EDGES) return null;
  const edges = parts.map((part) => (/^-?\d+(\.\d+)?$/.test(part.trim()) ? Number(part) : Number.NaN));
  if (edges.some((edge, k) => Number.isNaN(edge) || (k > 0 && edge <= edges[k - 1]!))) return null;
  return { edges };
}

export function formatBins(bins: Bins): string {
  return 'count' in bins ? String(bins.count) : bins.edges.join(',');
}

/** The chart's keys as the dataset page's search holds them: canonical strings, or absent. */
export interface ChartSearch {
  'chart.type'?: ChartType;
  'chart.x'?: string;
  'chart.y'?: string[];
  'chart.by'?: string;
  'chart.top'?: string;
  'chart.interval'?: Interval;
  'chart.bins'?: string;
  'chart.sort'?: ChartSort;
  'chart.scale'?: 'log';
  'chart.labels'?: 'on';
  'chart.legend'?: 'off';
  'chart.stack'?: 'off';
}

export const CHART_KEYS = [
  'chart.type',
  'chart.x',
  'chart.y',
  'chart.by',
  'chart.top',
  'chart.interval',
  'chart.bins',
  'chart.sort',
  'chart.scale',
  'chart.labels',
  'chart.legend',
  'chart.stack',
] as const satisfies readonly (keyof ChartSearch)[];

const name = z.string().regex(FIELD).optional().catch(undefined);
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).optional().catch(undefined);
const flag = <T extends string>(on: T) => z.literal(on).optional().catch(undefined);

function measureList(value: unknown): string[] | undefined {
  const items = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  const measures = items.map(parseMeasure).filter((m): m is Measure => m !== null);
  const canonical = [...new Set(measures.map(formatMeasure))];
  return canonical.length ? canonical : undefined;
}

function topText(value: unknown): string | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= MAX_TOP ? String(n) : undefined;
}

function binsText(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const bins = parseBins(String(value));
  return bins ? formatBins(bins) : undefined;
}

/** The zod shape of the chart's keys, spread into the dataset page's search schema. */
export const chartSearchShape = {
  'chart.type': oneOf(CHART_TYPES),
  'chart.x': name,
  'chart.y': z.unknown().transform(measureList).optional(),
  'chart.by': name,
  'chart.top': z.unknown().transform(topText).optional(),
  'chart.interval': oneOf(INTERVALS),
  'chart.bins': z.unknown().transform(binsText).optional(),
  'chart.sort': oneOf(CHART_SORTS),
  'chart.scale': flag('log'),
  'chart.labels': flag('on'),
  'chart.legend': flag('off'),
  'chart.stack': flag('off'),
};

/** The chart's keys of a parsed search, each present (undefined when absent), as the router needs. */
export function pickChartSearch(parsed: Record<string, unknown>): ChartSearch {
  const picked: Record<string, unknown> = {};
  for (const key of CHART_KEYS) picked[key] = parsed[key];
  return picked as ChartSearch;
}

const oneOfCheck =
  (values: readonly string[], what: string): ParamCheck =>
  (value) =>
    values.includes(value) ? null : `not ${what} (${values.join(', ')})`;

/** Why the router drops a chart value, for the ignored-params notice (the same rules as the schema). */
export const CHART_SYNTAX_CHECKS: Record<string, ParamCheck> = {
  'chart.type': oneOfCheck(CHART_TYPES, 'a chart type'),
  'chart.x': (value) => (FIELD.test(value) ? null : 'not a field name'),
  'chart.by': (value) => (FIELD.test(value) ? null : 'not a field name'),
  'chart.top': (value) => (topText(value) ? null : `not a whole number from 1 to ${MAX_TOP}`),
  'chart.interval': oneOfCheck(INTERVALS, 'an interval'),
  'chart.bins': (value) =>
    binsText(value) ? null : `neither a bin count (1 to ${MAX_BINS}) nor ascending bounds such as 0,10,100`,
  'chart.sort': oneOfCheck(CHART_SORTS, 'a sort'),
  'chart.scale': oneOfCheck(['log'], 'a scale'),
  'chart.labels': oneOfCheck(['on'], 'a labels setting'),
  'chart.legend': oneOfCheck(['off'], 'a legend setting'),
  'chart.stack': oneOfCheck(['off'], 'a stack setting'),
};
