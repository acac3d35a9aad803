import { MAX_LIMIT, MAX_WINDOW } from '../../../../common/ods-api/params';
import type { DatasetField } from '../../../../common/ods-api/types';
import type { PortalTarget } from '../../../api/client';
import { exportUrl } from '../../../api/exports';
import type { GroupRow } from '../../../api/model';
import type { ViewFilter } from '../../../api/params';
import { facetsUrl, recordsUrl } from '../../../api/request-urls';
import { type MessageKey, t } from '../../../i18n/translate';
import { SCATTER_SAMPLE } from '../charts/chart-query';
import { type ChartRequest, type ChartStep, chartRequest } from '../charts/chart-request';
import { readChart } from '../charts/chart-state';
import type { DatasetSearch } from '../dataset-search-params';

/**
 * The requests behind a dataset's view, as the API view lists them. Each entry is one builder, so
 * a view with a request of its own adds a builder to VIEW_REQUESTS (as the Analyze view's chart
 * does: its request from the chart.* parameters of `search` and the view's filter) and the API
 * view shows it with its snippets; nothing else changes.
 */

export interface ViewContext {
  target: PortalTarget;
  datasetId: string;
  fields: readonly DatasetField[];
  /** The dataset's time zone, in which the portal buckets dates (metas.default.timezone). */
  timezone: string;
  search: DatasetSearch;
  filter: ViewFilter;
  /** The table's order as order_by (view-order.ts); undefined: the portal's own. */
  orderBy: string | undefined;
  /** The table's visible columns, in its order; null: all. */
  columns: readonly string[] | null;
  /** The answer to the chart's span request, once known (the chart's next request depends on it). */
  chartSpan?: GroupRow;
}

export interface ViewRequest {
  id: string;
  title: string;
  /** What the explorer uses it for. */
  purpose: string;
  url: string;
  /** JSON to read in the browser (opens as a link), or a file to save (`saveAs` in the snippets). */
  saveAs?: string;
}

/** A view's request, or its requests in the order they are sent, or none. */
export type ViewRequestBuilder = (context: ViewContext) => ViewRequest | readonly ViewRequest[] | null;

const records: ViewRequestBuilder = ({ target, datasetId, filter, orderBy }) => ({
  id: 'records',
  title: t('export.api.records.title'),
  purpose: t('export.api.records.purpose', { limit: MAX_LIMIT }),
  url: recordsUrl(target, datasetId, { filter, ...(orderBy ? { order_by: orderBy } : {}), limit: MAX_LIMIT }),
});

const facets: ViewRequestBuilder = ({ target, datasetId, filter }) => ({
  id: 'facets',
  title: t('export.api.facets.title'),
  purpose: t('export.api.facets.purpose'),
  url: facetsUrl(target, datasetId, { filter }),
});

const csvExport: ViewRequestBuilder = ({ target, datasetId, filter, orderBy, columns }) => ({
  id: 'export',
  title: t('export.api.export.title'),
  purpose: t('export.api.export.purpose', { cap: MAX_WINDOW }),
  url: exportUrl(target, datasetId, 'csv', {
    filter,
    ...(orderBy ? { order_by: orderBy } : {}),
    ...(columns ? { select: columns.join(', ') } : {}),
  }),
  saveAs: `${datasetId}.csv`,
});

const CHART_PURPOSES = {
  groups: 'export.api.chart.groups',
  totals: 'export.api.chart.totals',
  sample: 'export.api.chart.sample',
  span: 'export.api.chart.span',
  top: 'export.api.chart.top',
} as const satisfies Record<ChartStep, MessageKey>;

/**
 * The Analyze view's chart as the URL asks for it (the default chart without chart.* keys): the
 * very URLs the Analyze view's fetch sends (charts/chart-request.ts). A chart that asks for its
 * axis' span first lists that request, then, once the span is known (`chartSpan`), the one it
 * settles.
 */
const chart: ViewRequestBuilder = ({ target, datasetId, fields, timezone, search, filter, chartSpan }) => {
  const state = readChart(search, fields);
  const scope = { filter, timezone };
  const first = chartRequest(target, datasetId, fields, state, scope);
  if (!first) return null;
  const entry = (request: ChartRequest, id: string, title: string): ViewRequest => {
    const field = fields.find((f) => f.name === request.field);
    return {
      id,
      title,
      purpose: t(CHART_PURPOSES[request.step], {
        field: field ? field.label || field.name : '',
        count: SCATTER_SAMPLE,
      }),
      url: request.url,
    };
  };
  if (first.step !== 'span') return entry(first, 'chart', t('export.api.chart.title'));
  const next = chartSpan ? chartRequest(target, datasetId, fields, state, scope, chartSpan) : null;
  return [
    entry(first, 'chart-span', t('export.api.chart.spanTitle')),
    ...(next ? [entry(next, 'chart', t('export.api.chart.title'))] : []),
  ];
};

/** The builders, in the order the API view lists their requests. */
export const VIEW_REQUESTS: readonly ViewRequestBuilder[] = [records, facets, chart, csvExport];

export function viewRequests(context: ViewContext): ViewRequest[] {
  return VIEW_REQUESTS.flatMap((build) => build(context) ?? []);
}

/** An address to paste anywhere: the embedded portal's requests are relative to this page's origin. */
export function absoluteUrl(url: string, origin: string): string {
  return new URL(url, origin).toString();
}
