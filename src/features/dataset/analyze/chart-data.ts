import type { GroupRow } from '../../../api/model';
import { formatPrecise } from '../../../i18n/format';
import { currentLocale } from '../../../i18n/locale';
import { t } from '../../../i18n/translate';
import type { ChartSort, Interval } from '../charts/chart-params';
import { BY, valueAlias, X } from '../charts/chart-query';
import { timeStart, toNumber } from '../charts/chart-request';
import { nextBucketStart, timeLabel } from './time-buckets';

/**
 * The portal's rows turned into what a chart draws and its table lists: buckets along the x axis
 * (each knowing the values or range it stands for, so a click can filter on it) and one series of
 * numbers per measure, or per breakdown value.
 */

export type Bucket =
  | { kind: 'value'; label: string; value: string | number | boolean | null }
  | { kind: 'range'; label: string; low: number | null; high: number | null }
  | { kind: 'time'; label: string; start: number; end: number }
  | { kind: 'others'; label: string };

export interface Series {
  name: string;
  values: (number | null)[];
  /** A breakdown series' value of the breakdown field (what a click on it filters on). */
  key?: string | number | boolean | null;
}

export interface GroupedData {
  kind: 'grouped';
  buckets: Bucket[];
  series: Series[];
}

export interface ScatterData {
  kind: 'scatter';
  points: [number, number][];
  /** How many records matched: more than the points when the sample is capped. */
  total: number;
}

export interface KpiData {
  kind: 'kpi';
  series: Series[];
}

export type ChartData = GroupedData | ScatterData | KpiData;

function valueBucket(value: unknown): Extract<Bucket, { kind: 'value' }> {
  const kept =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
  return {
    kind: 'value',
    label: kept === null || kept === '' ? t('analyze.chart.empty') : String(kept),
    value: kept,
  };
}

/** The start of a `range()` bucket's label (`"[10, 49]"`, `"[0, 5["`, `"[*, 9]"`); null for `*`. */
export function bucketStart(label: unknown): number | null | undefined {
  if (typeof label === 'number') return label;
  const match = typeof label === 'string' ? /^\[\s*(\*|[-+\d.eE]+)\s*,/.exec(label) : null;
  if (!match) return undefined;
  return match[1] === '*' ? null : toNumber(match[1]);
}

export function rangeLabel(low: number | null, high: number | null): string {
  if (low === null) return `< ${formatPrecise(high!)}`;
  if (high === null) return `≥ ${formatPrecise(low)}`;
  return `${formatPrecise(low)} – ${formatPrecise(high)}`;
}

/** Number bins: equal `width`, or between chosen `edges` (open at both ends). */
export function rangeBucket(key: unknown, bins: { width: number } | { edges: number[] }): Bucket | null {
  const low = bucketStart(key);
  if (low === undefined) return null;
  let high: number | null;
  if ('width' in bins) {
    if (low === null) return null;
    high = Number((low + bins.width).toPrecision(12));
  } else {
    high = low === null ? bins.edges[0]! : (bins.edges.find((edge) => edge > low) ?? null);
  }
  return { kind: 'range', label: rangeLabel(low, high), low, high };
}

export type AxisReading =
  | { kind: 'category' }
  | { kind: 'time'; interval: Interval; timeZone: string }
  | { kind: 'number'; bins: { width: number } | { edges: number[] } };

function bucketOf(key: unknown, axis: AxisReading): Bucket | null {
  if (axis.kind === 'category') return valueBucket(key);
  if (axis.kind === 'number') return rangeBucket(key, axis.bins);
  const start = timeStart(key);
  if (start === null) return null;
  return {
    kind: 'time',
    label: timeLabel(start, axis.interval, axis.timeZone),
    start,
    end: nextBucketStart(start, axis.interval, axis.timeZone),
  };
}

const orderOf = (bucket: Bucket): number =>
  bucket.kind === 'time' ? bucket.start : bucket.kind === 'range' ? (bucket.low ?? -Infinity) : 0;

/**
 * Rows of a grouped query as buckets and series. Without a breakdown each measure is a series
 * (`names` in order); with one, each breakdown value in `byValues` is a series of the first measure.
 * `others`, when given, is the row of the records outside the top categories.
 */
export function readGroups(
  rows: readonly GroupRow[],
  axis: AxisReading,
  names: readonly string[],
  options: { byValues?: readonly unknown[]; others?: GroupRow | null } = {},
): GroupedData {
  const buckets: Bucket[] = [];
  const index = new Map<string, number>();
  const cells = new Map<string, number | null>();
  for (const row of rows) {
    const bucket = bucketOf(row[X], axis);
    if (!bucket) continue;
    const key = JSON.stringify(row[X] ?? null);
    if (!index.has(key)) {
      index.set(key, buckets.length);
      buckets.push(bucket);
    }
    const at = index.get(key)!;
    if (options.byValues) cells.set(`${at}|${JSON.stringify(row[BY] ?? null)}`, toNumber(row[valueAlias(0)]));
    else for (let i = 0; i < names.length; i++) cells.set(`${at}|${i}`, toNumber(row[valueAlias(i)]));
  }
  if (axis.kind !== 'category') {
    const order = buckets
      .map((bucket, k) => ({ bucket, k }))
      .sort((a, b) => orderOf(a.bucket) - orderOf(b.bucket));
    const reordered = order.map(({ k }) => k);
    return finish(
      reordered.map((k) => buckets[k]!),
      reordered,
      cells,
      names,
      options,
    );
  }
  return finish(
    buckets,
    buckets.map((_, k) => k),
    cells,
    names,
    options,
  );
}

function finish(
  buckets: Bucket[],
  order: number[],
  cells: Map<string, number | null>,
  names: readonly string[],
  { byValues, others }: { byValues?: readonly unknown[]; others?: GroupRow | null },
): GroupedData {
  const series: Series[] = byValues
    ? byValues.map((value) => ({
        name: valueBucket(value).label,
        key: valueBucket(value).value,
        values: order.map((k) => cells.get(`${k}|${JSON.stringify(value ?? null)}`) ?? null),
      }))
    : names.map((name, i) => ({ name, values: order.map((k) => cells.get(`${k}|${i}`) ?? null) }));
  if (others && !byValues) {
    const counted = names.map((_, i) => toNumber(others[valueAlias(i)]));
    if (counted.some((v) => v !== null && v !== 0)) {
      buckets.push({ kind: 'others', label: t('analyze.chart.others') });
      for (const [i, s] of series.entries()) s.values.push(counted[i] ?? null);
    }
  }
  return { kind: 'grouped', buckets, series };
}

/** The buckets in the order asked: by label, or by the first series' value; Others stays last. */
export function sortGroups(data: GroupedData, sort: ChartSort, categorical: boolean): GroupedData {
  const rank = data.buckets.map((bucket, k) => ({ bucket, k }));
  const kept = rank.filter(({ bucket }) => bucket.kind !== 'others');
  const tail = rank.filter(({ bucket }) => bucket.kind === 'others');
  const first = data.series[0]?.values ?? [];
  const sign = sort.startsWith('-') ? -1 : 1;
  kept.sort((a, b) => {
    if (sort.endsWith('value')) return sign * ((first[a.k] ?? -Infinity) - (first[b.k] ?? -Infinity));
    if (!categorical) return sign * (orderOf(a.bucket) - orderOf(b.bucket));
    return sign * a.bucket.label.localeCompare(b.bucket.label, currentLocale(), { numeric: true });
  });
  const order = [...kept, ...tail].map(({ k }) => k);
  return {
    kind: 'grouped',
    buckets: order.map((k) => data.buckets[k]!),
    series: data.series.map((s) => ({ ...s, values: order.map((k) => s.values[k] ?? null) })),
  };
}

export function readScatter(rows: readonly GroupRow[], total: number): ScatterData {
  const points: [number, number][] = [];
  for (const row of rows) {
    const x = toNumber(row[X]);
    const y = toNumber(row[valueAlias(0)]);
    if (x !== null && y !== null) points.push([x, y]);
  }
  return { kind: 'scatter', points, total };
}

export function readKpi(row: GroupRow, names: readonly string[]): KpiData {
  return { kind: 'kpi', series: names.map((name, i) => ({ name, values: [toNumber(row[valueAlias(i)])] })) };
}
