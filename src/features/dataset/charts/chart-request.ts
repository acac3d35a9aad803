import { queryOptions } from '@tanstack/react-query';
import type { DatasetField } from '../../../../common/ods-api/types';
import { type GroupsParams, getTotals, type SampleParams } from '../../../api/aggregates';
import { type PortalTarget, targetKey } from '../../../api/client';
import type { GroupRow } from '../../../api/model';
import type { AggregatesParams, ViewFilter } from '../../../api/params';
import { aggregatesUrl, sampleUrl } from '../../../api/request-urls';
import { withConditions } from '../view-filter';
import type { Measure } from './chart-params';
import {
  autoInterval,
  extentSelect,
  groupsQuery,
  needsExtent,
  niceWidth,
  scatterQuery,
  topValuesQuery,
  totalsSelect,
} from './chart-query';
import { axisKind, type ChartState } from './chart-state';

/**
 * The parameters of a chart's requests, one function per kind of request, so the Analyze view's
 * fetch (analyze-queries.ts) and the API view's listing build them in one place and the URL the
 * API view shows is the one the chart sends.
 */

/** What every request of one chart shares: the view's filter and the dataset's time zone. */
export interface ChartScope {
  filter: ViewFilter;
  timezone: string;
}

/** A number the portal answered (v2.0 may send numbers as text), or null. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** A time bucket's key as milliseconds (a date's `YYYY-MM-DD`, a datetime's ISO text), or null. */
export function timeStart(key: unknown): number | null {
  if (typeof key === 'number') return key;
  if (typeof key !== 'string') return null;
  const ms = Date.parse(key);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * What a span answer (`lo`, `hi`) settles: an automatic time interval, or the width of equal bins
 * over a number. The Analyze view's fetch and the API view's listing both read it here, so the
 * grouped query the API view shows after the span is the one the chart sends.
 */
export function settleSpan(
  state: ChartState,
  x: DatasetField,
  span: GroupRow,
): { state: ChartState; width: number | null } {
  let settled = state;
  if (axisKind(x) === 'time' && state.interval === 'auto') {
    const low = timeStart(span.lo);
    const high = timeStart(span.hi);
    settled = { ...state, interval: low === null || high === null ? 'month' : autoInterval(low, high) };
  }
  let width: number | null = null;
  if (needsExtent(settled, x) && 'count' in settled.bins) {
    const low = toNumber(span.lo);
    const high = toNumber(span.hi);
    width = low === null || high === null ? 1 : niceWidth(low, high, settled.bins.count, x.type === 'int');
  }
  return { state: settled, width };
}

/** The span of a field (`min AS lo, max AS hi`), from which an automatic interval or bin width is chosen. */
export function spanParams(name: string, { filter, timezone }: ChartScope): AggregatesParams {
  return { timezone, filter, select: extentSelect(name) };
}

/** The measures over every matching record: a KPI, or the total that "Others" is the rest of. */
export function totalsParams(
  measures: readonly Measure[],
  { filter, timezone }: ChartScope,
): AggregatesParams {
  return { timezone, filter, select: totalsSelect(measures) };
}

/** The `top` values of a text field by a measure. */
export function topParams(
  name: string,
  measure: Measure,
  top: number,
  { filter, timezone }: ChartScope,
): GroupsParams {
  return { timezone, filter, ...topValuesQuery(name, measure, top) };
}

/** The chart's grouped query: its buckets and their measures. */
export function groupsParams(
  state: ChartState,
  x: DatasetField,
  width: number | null,
  { filter, timezone }: ChartScope,
): GroupsParams {
  return { timezone, filter, ...groupsQuery(state, x, width) };
}

/** A scatter's sample of records with both fields present. */
export function sampleParams(xName: string, yName: string, { filter, timezone }: ChartScope): SampleParams {
  const { where, ...query } = scatterQuery(xName, yName);
  return { timezone, filter: withConditions(filter, [where]), ...query };
}

/**
 * What a chart's first request asks: the grouped buckets, a KPI's totals or a scatter's sample
 * when nothing else is needed; otherwise what the rest waits for, the span of the axis (an
 * automatic interval, equal-width bins) or the top values of the breakdown.
 */
export type ChartStep = 'groups' | 'totals' | 'sample' | 'span' | 'top';

export interface ChartRequest {
  step: ChartStep;
  /** The field the step is about: the axis, or the breakdown for 'top'; null for totals. */
  field: string | null;
  url: string;
}

/**
 * The first request the Analyze view sends for a chart, in the order its fetch sends them: the one
 * that needs no other answer; with the span's answer (`span`), the request that follows it. Null
 * when the chart asks nothing (no axis field, a scatter without a second number), as the Analyze
 * view then draws an empty chart without a request.
 */
export function chartRequest(
  target: PortalTarget,
  datasetId: string,
  fields: readonly DatasetField[],
  asked: ChartState,
  scope: ChartScope,
  span?: GroupRow,
): ChartRequest | null {
  if (asked.type === 'kpi')
    return {
      step: 'totals',
      field: null,
      url: aggregatesUrl(target, datasetId, totalsParams(asked.measures, scope)),
    };
  const x = fields.find((f) => f.name === asked.x);
  if (!x) return null;
  if (asked.type === 'scatter') {
    const y = asked.measures[0]?.field;
    if (!y) return null;
    return {
      step: 'sample',
      field: x.name,
      url: sampleUrl(target, datasetId, sampleParams(x.name, y, scope)),
    };
  }
  let state = asked;
  let width: number | null = null;
  if (needsSpan(asked, x)) {
    if (!span)
      return {
        step: 'span',
        field: x.name,
        url: aggregatesUrl(target, datasetId, spanParams(x.name, scope)),
      };
    ({ state, width } = settleSpan(asked, x, span));
  }
  if (state.by) {
    const params = topParams(state.by, state.measures[0]!, state.top, scope);
    return { step: 'top', field: state.by, url: aggregatesUrl(target, datasetId, params) };
  }
  return {
    step: 'groups',
    field: x.name,
    url: aggregatesUrl(target, datasetId, groupsParams(state, x, width, scope)),
  };
}

/** Whether a chart on `x` asks for the axis' span first (an automatic interval, equal-width bins). */
export function needsSpan(state: ChartState, x: DatasetField): boolean {
  return (axisKind(x) === 'time' && state.interval === 'auto') || needsExtent(state, x);
}

/** The field whose span a chart asks for first, or null when it asks for none. */
export function spanFieldOf(fields: readonly DatasetField[], state: ChartState): string | null {
  if (state.type === 'kpi' || state.type === 'scatter') return null;
  const x = fields.find((f) => f.name === state.x);
  return x && needsSpan(state, x) ? x.name : null;
}

/** The span request as a query: the Analyze fetch and the API view read one answer (the API view lists what it settles). */
export function chartSpanQuery(target: PortalTarget, datasetId: string, field: string, scope: ChartScope) {
  return queryOptions({
    queryKey: ['dataset', 'chart-span', targetKey(target), datasetId, field, scope] as const,
    queryFn: ({ signal }) => getTotals(target, datasetId, spanParams(field, scope), { signal }),
    staleTime: 60_000,
  });
}
