import type {
  AggregatesResponse,
  GroupedRecordsResponse,
  RecordResponse,
  RecordsResponse,
} from '../../common/ods-api/types';
import type {
  GroupedRecordsResponseV21,
  RecordsResponseV21,
  RecordV21,
} from '../../common/ods-api/types-v21';
import {
  byVersion,
  datasetPath,
  getJson,
  type PortalTarget,
  type QueryParams,
  type RequestOptions,
} from './client';
import type { GroupRow, OdsRecord, RecordsPage } from './model';
import {
  type AggregatesParams,
  filteredQuery,
  type GroupedRecordsParams,
  type RecordParams,
  type RecordsParams,
} from './params';
import { aggregationsFromV20, groupRowsFromV20, recordResponseFromV20, recordsPageFromV20 } from './wire-v20';
import { groupRowsFromV21, recordResponseFromV21, recordsPageFromV21 } from './wire-v21';

/**
 * `GET …/records` without group_by: a page of records with `total_count` (ods-api.md §3.4). v2.1
 * writes record ids only in links, so it is asked for them.
 */
export function getRecords(
  target: PortalTarget,
  datasetId: string,
  params: RecordsParams = {},
  options: RequestOptions = {},
): Promise<RecordsPage> {
  const path = datasetPath(datasetId, '/records');
  const query = filteredQuery(params);
  return byVersion(target, {
    '2.0': () => getJson<RecordsResponse>(target, path, query, options).then(recordsPageFromV20),
    '2.1': () =>
      getJson<RecordsResponseV21>(target, path, { ...query, include_links: true }, options).then(
        recordsPageFromV21,
      ),
  });
}

/** `GET …/records` with group_by: one row per group, no `total_count`, no record ids (§3.4). */
export function getGroupedRecords(
  target: PortalTarget,
  datasetId: string,
  params: GroupedRecordsParams,
  options: RequestOptions = {},
): Promise<GroupRow[]> {
  const path = datasetPath(datasetId, '/records');
  const query = filteredQuery(params);
  return byVersion(target, {
    '2.0': () => getJson<GroupedRecordsResponse>(target, path, query, options).then(groupRowsFromV20),
    '2.1': () => getJson<GroupedRecordsResponseV21>(target, path, query, options).then(groupRowsFromV21),
  });
}

/** `GET …/records/{record_id}` (§3.5). */
export function getRecord(
  target: PortalTarget,
  datasetId: string,
  recordId: string,
  params: RecordParams = {},
  options: RequestOptions = {},
): Promise<OdsRecord> {
  const path = datasetPath(datasetId, `/records/${encodeURIComponent(recordId)}`);
  return byVersion(target, {
    '2.0': () => getJson<RecordResponse>(target, path, { ...params }, options).then(recordResponseFromV20),
    '2.1': () =>
      getJson<RecordV21>(target, path, { ...params }, options).then(recordResponseFromV21(recordId)),
  });
}

/**
 * Aggregates: one object per group, or exactly one without group_by (§3.6). v2.0 has the
 * `…/aggregates` endpoint; v2.1 dropped it, and records with an aggregate select and the same
 * group_by answer the same rows (without group_by, all records form the one group).
 */
export function getAggregates(
  target: PortalTarget,
  datasetId: string,
  params: AggregatesParams,
  options: RequestOptions = {},
): Promise<GroupRow[]> {
  const { path, query } = aggregatesRequest(target, datasetId, params);
  return byVersion(target, {
    '2.0': () => getJson<AggregatesResponse>(target, path, query, options).then(aggregationsFromV20),
    '2.1': () => getJson<GroupedRecordsResponseV21>(target, path, query, options).then(groupRowsFromV21),
  });
}

/** The path and query getAggregates sends, so the API view shows that very request (request-urls.ts). */
export function aggregatesRequest(
  target: PortalTarget,
  datasetId: string,
  params: AggregatesParams,
): { path: string; query: QueryParams } {
  const rest = byVersion(target, { '2.0': () => '/aggregates', '2.1': () => '/records' });
  return { path: datasetPath(datasetId, rest), query: filteredQuery(params) };
}
