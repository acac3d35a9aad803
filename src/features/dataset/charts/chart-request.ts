import type { DatasetField } from '../../../../common/ods-api/types';
import type { GroupsParams, SampleParams } from '../../../api/aggregates';
import type { PortalTarget } from '../../../api/client';
import type { AggregatesParams, ViewFilter } from '../../../api/params';
import { aggregatesUrl, sampleUrl } from '../../../api/request-urls';
import { withConditions } from '../view-filter';
import type { Measure } from './chart-params';
import {
  extentSelect,
  groupsQuery,
  needsExtent,
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
 * that needs no other answer. Null when the chart asks nothing (no axis field, a scatter without
 * a second number), as the Analyze view then draws an empty chart without a request.
 */
export function chartRequest(
  target: PortalTarget,
  datasetId: string,
  fields: readonly DatasetField[],
  state: ChartState,
  scope: ChartScope,
): ChartRequest | null {
  if (state.type === 'kpi')
    return {
      step: 'totals',
      field: null,
      url: aggregatesUrl(target, datasetId, totalsParams(state.measures, scope)),
    };
  const x = fields.find((f) => f.name === state.x);
  if (!x) return null;
  if (state.type === 'scatter') {
    const y = state.measures[0]?.field;
    if (!y) return null;
    return {
      step: 'sample',
      field: x.name,
      url: sampleUrl(target, datasetId, sampleParams(x.name, y, scope)),
    };
  }
  if ((axisKind(x) === 'time' && state.interval === 'auto') || needsExtent(state, x))
    return { step: 'span', field: x.name, url: aggregatesUrl(target, datasetId, spanParams(x.name, scope)) };
  if (state.by) {
    const params = topParams(state.by, state.measures[0]!, state.top, scope);
    return { step: 'top', field: state.by, url: aggregatesUrl(target, datasetId, params) };
  }
  return {
    step: 'groups',
    field: x.name,
    url: aggregatesUrl(target, datasetId, groupsParams(state, x, null, scope)),
  };
}
