import { type QueryClient, queryOptions } from '@tanstack/react-query';
import type { Dataset, DatasetField } from '../../../../common/ods-api/types';
import { getGroups, getSample, getTotals } from '../../../api/aggregates';
import type { RequestOptions } from '../../../api/client';
import { type PortalTarget, targetKey } from '../../../api/client';
import type { GroupRow } from '../../../api/model';
import type { ViewFilter } from '../../../api/params';
import { getRecords } from '../../../api/records';
import { amongValues, outsideValues, valueAlias, X } from '../charts/chart-query';
import {
  type ChartScope,
  chartSpanQuery,
  groupsParams,
  needsSpan,
  sampleParams,
  settleSpan,
  toNumber,
  topParams,
  totalsParams,
} from '../charts/chart-request';
import { axisKind, type ChartState, measureLabel } from '../charts/chart-state';
import { withConditions } from '../view-filter';
import { type AxisReading, type ChartData, readGroups, readKpi, readScatter, sortGroups } from './chart-data';

/**
 * The Analyze view's requests. A chart is one query key (the state, the filter, the portal with
 * its API version) whose function asks the portal what it needs, in order: the span of a number
 * field before its bins, the top categories before a breakdown or "Others". Everything is computed
 * by the portal over the whole filtered set; the rows the grid loaded play no part.
 */

export interface ChartInput {
  target: PortalTarget;
  dataset: Dataset;
  filter: ViewFilter;
  state: ChartState;
}

type Scalar = string | number | boolean;
const scalars = (rows: readonly GroupRow[], key: string): Scalar[] =>
  rows.flatMap((row) => {
    const v = row[key];
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? [v] : [];
  });

const isAdditive = (m: { fn: string }) => m.fn === 'count' || m.fn === 'sum';

/** The totals less the groups', measure by measure (rounded: sums of decimals leave float dust). */
function remainder(all: GroupRow, rows: readonly GroupRow[], count: number): GroupRow {
  const rest: GroupRow = {};
  for (let i = 0; i < count; i++) {
    const key = valueAlias(i);
    const total = toNumber(all[key]);
    const shown = rows.reduce((sum, row) => sum + (toNumber(row[key]) ?? 0), 0);
    rest[key] = total === null ? null : Number((total - shown).toPrecision(12));
  }
  return rest;
}

async function grouped(
  { target, dataset, filter, state: asked }: ChartInput,
  x: DatasetField,
  client: QueryClient,
  options: RequestOptions,
): Promise<ChartData> {
  const id = dataset.dataset_id;
  const timezone = dataset.metas.default.timezone || 'UTC';
  const scope: ChartScope = { filter, timezone };
  const names = asked.measures.map((m) => measureLabel(m, dataset.fields));
  const kind = axisKind(x);
  let state = asked;
  let width: number | null = null;
  if (needsSpan(asked, x)) {
    // Through the query cache: the API view lists the request the span settles and asks for the
    // same span, so whichever view comes second reads the other's answer.
    const span = await client.fetchQuery(chartSpanQuery(target, id, x.name, scope));
    ({ state, width } = settleSpan(asked, x, span));
  }
  const axis: AxisReading =
    kind === 'time'
      ? {
          kind: 'time',
          interval: state.interval === 'auto' ? 'month' : state.interval,
          timeZone: x.type === 'date' ? 'UTC' : timezone,
        }
      : kind === 'number'
        ? {
            kind: 'number',
            bins: 'edges' in state.bins ? { edges: state.bins.edges } : { width: width ?? 1 },
          }
        : { kind: 'category' };

  if (state.by) {
    const measure = state.measures[0]!;
    const [topBy, topX] = await Promise.all([
      getGroups(target, id, topParams(state.by, measure, state.top, scope), options),
      kind === 'category'
        ? getGroups(target, id, topParams(x.name, measure, state.top, scope), options)
        : Promise.resolve(null),
    ]);
    const byValues = scalars(topBy, X);
    if (byValues.length === 0) return { kind: 'grouped', buckets: [], series: [] };
    const conditions = [amongValues(state.by, byValues)];
    const xValues = topX ? scalars(topX, X) : null;
    if (xValues?.length) conditions.push(amongValues(x.name, xValues));
    const among = { ...scope, filter: withConditions(filter, conditions) };
    const rows = await getGroups(target, id, groupsParams(state, x, width, among), options);
    const data = readGroups(rows, axis, names, { byValues });
    // The breakdown query's groups come in no order; the x categories keep the top query's.
    const ordered = xValues ? orderLike(data, xValues) : data;
    return sortGroups(ordered, state.sort, kind === 'category');
  }

  const groups = () => getGroups(target, id, groupsParams(state, x, width, scope), options);
  const totals = (where: ViewFilter) =>
    getTotals(target, id, totalsParams(state.measures, { ...scope, filter: where }), options);
  if (kind !== 'category') return sortGroups(readGroups(await groups(), axis, names), state.sort, false);
  let rows: GroupRow[];
  let others: GroupRow | null = null;
  // Counts and sums add up: "Others" is the total less the top groups, asked at the same time; not
  // on a multivalued field, whose record counts once per value.
  if (state.measures.every(isAdditive) && !x.annotations.multivalued) {
    const [top, all] = await Promise.all([groups(), totals(filter)]);
    rows = top;
    if (rows.length >= state.top) others = remainder(all, rows, state.measures.length);
  } else {
    // An average or a median of the rest needs the rest itself: asked once the top is known.
    rows = await groups();
    const shown = scalars(rows, X);
    if (rows.length >= state.top && shown.length)
      others = await totals(withConditions(filter, [outsideValues(x.name, shown)]));
  }
  return sortGroups(readGroups(rows, axis, names, { others }), state.sort, kind === 'category');
}

function orderLike(data: ChartData & { kind: 'grouped' }, values: readonly Scalar[]) {
  const rank = (label: string) => {
    const at = values.findIndex((v) => String(v) === label);
    return at === -1 ? values.length : at;
  };
  const order = data.buckets.map((b, k) => ({ k, r: rank(b.label) })).sort((a, b) => a.r - b.r);
  return {
    ...data,
    buckets: order.map(({ k }) => data.buckets[k]!),
    series: data.series.map((s) => ({ ...s, values: order.map(({ k }) => s.values[k] ?? null) })),
  };
}

export async function fetchChart(
  input: ChartInput,
  client: QueryClient,
  options: RequestOptions = {},
): Promise<ChartData> {
  const { target, dataset, filter, state } = input;
  const id = dataset.dataset_id;
  const scope: ChartScope = { filter, timezone: dataset.metas.default.timezone || 'UTC' };
  const names = state.measures.map((m) => measureLabel(m, dataset.fields));
  if (state.type === 'kpi')
    return readKpi(await getTotals(target, id, totalsParams(state.measures, scope), options), names);
  const x = dataset.fields.find((f) => f.name === state.x);
  if (!x) return { kind: 'grouped', buckets: [], series: [] };
  if (state.type === 'scatter') {
    const y = state.measures[0]?.field;
    if (!y) return { kind: 'scatter', points: [], total: 0 };
    const sample = sampleParams(x.name, y, scope);
    const [rows, page] = await Promise.all([
      getSample(target, id, sample, options),
      // The count of the records the sample is drawn from, under the same filter.
      getRecords(target, id, { filter: sample.filter, limit: 0 }, options),
    ]);
    return readScatter(rows, page.total);
  }
  return grouped(input, x, client, options);
}

export const analyzeQueries = {
  chart: (input: ChartInput) => {
    const { target, dataset } = input;
    const portal = targetKey(target);
    const datasetId = dataset.dataset_id;
    return queryOptions({
      queryKey: ['dataset', 'analyze-chart', portal, datasetId, input.filter, input.state] as const,
      queryFn: ({ signal, client }) => fetchChart(input, client, { signal }),
      // A new chart or filter keeps the previous chart on screen, dimmed, until the new one comes.
      placeholderData: (previous, previousQuery) =>
        previousQuery?.queryKey[2] === portal && previousQuery.queryKey[3] === datasetId
          ? previous
          : undefined,
      staleTime: 60_000,
    });
  },
};
