import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { getAttachments } from '../../api/attachments';
import { type PortalTarget, targetKey } from '../../api/client';
import { getDataset, getDatasetFacets } from '../../api/dataset';
import { getExportFormats } from '../../api/exports';
import { type FeedbackSubmission, probeFeedback, sendFeedback } from '../../api/feedback';
import type {
  AggregatesParams,
  FacetsParams,
  GroupedRecordsParams,
  RecordParams,
  RecordsParams,
  ReusesParams,
  ViewFilter,
} from '../../api/params';
import { getAggregates, getGroupedRecords, getRecord, getRecords } from '../../api/records';
import { getReuse, getReuses } from '../../api/reuses';
import { getSnapshots } from '../../api/snapshots';

/**
 * The dataset vertical's queries, one factory per endpoint: the dataset itself and everything
 * under it (the grid's window engine, built on `…/records`, is `gridQueries` in grid-queries.ts).
 * Keys run `['dataset', <what>, <portal>, datasetId, …inputs]`, so `['dataset']` invalidates the
 * lot and every input is in the key.
 */
export const datasetQueries = {
  all: () => ['dataset'] as const,
  detail: (target: PortalTarget, datasetId: string) =>
    queryOptions({
      queryKey: [...datasetQueries.all(), 'detail', targetKey(target), datasetId] as const,
      queryFn: ({ signal }) => getDataset(target, datasetId, {}, { signal }),
    }),
  records: (target: PortalTarget, datasetId: string, params: RecordsParams) =>
    queryOptions({
      queryKey: [...datasetQueries.all(), 'records', targetKey(target), datasetId, params] as const,
      queryFn: ({ signal }) => getRecords(target, datasetId, params, { signal }),
    }),
  /** How many records match a view (limit=0: the count alone). */
  recordsCount: (target: PortalTarget, datasetId: string, filter: ViewFilter) =>
    queryOptions({
      queryKey: [...datasetQueries.all(), 'records-count', targetKey(target), datasetId, filter] as const,
      queryFn: ({ signal }) =>
        getRecords(target, datasetId, { filter, limit: 0 }, { signal }).then((page) => page.total),
      // A new filter keeps the old count on screen (dimmed) until the new one comes.
      placeholderData: (previous, previousQuery) =>
        previousQuery?.queryKey[2] === targetKey(target) && previousQuery.queryKey[3] === datasetId
          ? previous
          : undefined,
    }),
  groupedRecords: (target: PortalTarget, datasetId: string, params: GroupedRecordsParams) =>
    queryOptions({
      queryKey: [...datasetQueries.all(), 'grouped-records', targetKey(target), datasetId, params] as const,
      queryFn: ({ signal }) => getGroupedRecords(target, datasetId, params, { signal }),
    }),
  record: (target: PortalTarget, datasetId: string, recordId: string, params: RecordParams = {}) =>
    queryOptions({
      queryKey: [...datasetQueries.all(), 'record', targetKey(target), datasetId, recordId, params] as const,
      queryFn: ({ signal }) => getRecord(target, datasetId, recordId, params, { signal }),
    }),
  aggregates: (target: PortalTarget, datasetId: string, params: AggregatesParams) =>
    queryOptions({
      queryKey: [...datasetQueries.all(), 'aggregates', targetKey(target), datasetId, params] as const,
      queryFn: ({ signal }) => getAggregates(target, datasetId, params, { signal }),
    }),
  facets: (target: PortalTarget, datasetId: string, params: FacetsParams) =>
    queryOptions({
      queryKey: [...datasetQueries.all(), 'facets', targetKey(target), datasetId, params] as const,
      queryFn: ({ signal }) => getDatasetFacets(target, datasetId, params, { signal }),
    }),
  attachments: (target: PortalTarget, datasetId: string) =>
    queryOptions({
      queryKey: [...datasetQueries.all(), 'attachments', targetKey(target), datasetId] as const,
      queryFn: ({ signal }) => getAttachments(target, datasetId, { signal }),
    }),
  exportFormats: (target: PortalTarget, datasetId: string) =>
    queryOptions({
      queryKey: [...datasetQueries.all(), 'export-formats', targetKey(target), datasetId] as const,
      queryFn: ({ signal }) => getExportFormats(target, datasetId, { signal }),
    }),
  reuses: (target: PortalTarget, datasetId: string, params: ReusesParams = {}) =>
    queryOptions({
      queryKey: [...datasetQueries.all(), 'reuses', targetKey(target), datasetId, params] as const,
      queryFn: ({ signal }) => getReuses(target, datasetId, params, { signal }),
    }),
  reuse: (target: PortalTarget, datasetId: string, reuseId: string) =>
    queryOptions({
      queryKey: [...datasetQueries.all(), 'reuse', targetKey(target), datasetId, reuseId] as const,
      queryFn: ({ signal }) => getReuse(target, datasetId, reuseId, { signal }),
    }),
  /**
   * Whether the portal takes feedback: asked once per portal (any of its datasets will do) and
   * kept for the session, since a portal does not gain or lose the endpoint while it is browsed.
   */
  feedbackSupport: (target: PortalTarget, datasetId: string) =>
    queryOptions({
      queryKey: [...datasetQueries.all(), 'feedback-support', targetKey(target)] as const,
      queryFn: ({ signal }) => probeFeedback(target, datasetId, { signal }),
      staleTime: Number.POSITIVE_INFINITY,
      gcTime: Number.POSITIVE_INFINITY,
      retry: false,
    }),
  snapshots: (target: PortalTarget, datasetId: string) =>
    queryOptions({
      queryKey: [...datasetQueries.all(), 'snapshots', targetKey(target), datasetId] as const,
      queryFn: ({ signal }) => getSnapshots(target, datasetId, { signal }),
    }),
};

/** Sending a comment or a correction to the publisher (`PUT …/feedback`). */
export function feedbackMutation(target: PortalTarget, datasetId: string) {
  return mutationOptions({
    mutationKey: [...datasetQueries.all(), 'feedback', targetKey(target), datasetId] as const,
    mutationFn: (submission: FeedbackSubmission) => sendFeedback(target, datasetId, submission),
  });
}
