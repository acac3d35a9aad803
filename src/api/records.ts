import type {
  AggregatesResponse,
  GroupedRecordsResponse,
  RecordResponse,
  RecordsResponse,
} from '../../common/ods-api/types';
import { datasetPath, getJson, type PortalTarget, type RequestOptions } from './client';
import type { GroupRow, OdsRecord, RecordsPage } from './model';
import {
  type AggregatesParams,
  filteredQuery,
  type GroupedRecordsParams,
  type RecordParams,
  type RecordsParams,
} from './params';
import { aggregationsFromV20, groupRowsFromV20, recordResponseFromV20, recordsPageFromV20 } from './wire-v20';

/** `GET …/records` without group_by: a page of records with `total_count` (ods-api.md §3.4). */
export function getRecords(
  target: PortalTarget,
  datasetId: string,
  params: RecordsParams = {},
  options: RequestOptions = {},
): Promise<RecordsPage> {
  return getJson<RecordsResponse>(
    target,
    datasetPath(datasetId, '/records'),
    filteredQuery(params),
    options,
  ).then(recordsPageFromV20);
}

/** `GET …/records` with group_by: one row per group, no `total_count`, no record ids (§3.4). */
export function getGroupedRecords(
  target: PortalTarget,
  datasetId: string,
  params: GroupedRecordsParams,
  options: RequestOptions = {},
): Promise<GroupRow[]> {
  return getJson<GroupedRecordsResponse>(
    target,
    datasetPath(datasetId, '/records'),
    filteredQuery(params),
    options,
  ).then(groupRowsFromV20);
}

/** `GET …/records/{record_id}` (§3.5). */
export function getRecord(
  target: PortalTarget,
  datasetId: string,
  recordId: string,
  params: RecordParams = {},
  options: RequestOptions = {},
): Promise<OdsRecord> {
  return getJson<RecordResponse>(
    target,
    datasetPath(datasetId, `/records/${encodeURIComponent(recordId)}`),
    { ...params },
    options,
  ).then(recordResponseFromV20);
}

/** `GET …/aggregates` (v2.0 only): `{"aggregations": […]}`, one object per group (§3.6). */
export function getAggregates(
  target: PortalTarget,
  datasetId: string,
  params: AggregatesParams,
  options: RequestOptions = {},
): Promise<GroupRow[]> {
  return getJson<AggregatesResponse>(
    target,
    datasetPath(datasetId, '/aggregates'),
    filteredQuery(params),
    options,
  ).then(aggregationsFromV20);
}
