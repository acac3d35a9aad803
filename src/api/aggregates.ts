import type { AggregatesResponse, GroupedRecordsResponse } from '../../common/ods-api/types';
import { datasetPath, getJson, type PortalTarget, type RequestOptions } from './client';
import type { GroupRow } from './model';
import { type FilteredParams, filteredQuery } from './params';
import { aggregationsFromV20, exportRowsFromV20, groupRowsFromV20 } from './wire-v20';

/**
 * Aggregate questions over a view's whole filtered set, for charts and field profiles: the
 * portal computes, the explorer draws. Each function reads its answer through one adapter of
 * wire-v20.ts, so a v2.1 portal needs the same three adapters and nothing else here.
 */

export interface GroupsParams extends FilteredParams {
  select: string;
  group_by: string;
  order_by?: string;
  /** Without it every group comes back (ods-api.md §2.5). */
  limit?: number;
}

export interface TotalsParams extends FilteredParams {
  select: string;
}

export interface SampleParams extends FilteredParams {
  select: string;
  order_by?: string;
  limit: number;
}

/** One row per group: `…/records` with `group_by` (both API versions have it). */
export function getGroups(
  target: PortalTarget,
  datasetId: string,
  params: GroupsParams,
  options: RequestOptions = {},
): Promise<GroupRow[]> {
  return getJson<GroupedRecordsResponse>(
    target,
    datasetPath(datasetId, '/records'),
    filteredQuery(params),
    options,
  ).then(groupRowsFromV20);
}

/** The aggregations over every matching record, as one row: v2.0's `…/aggregates` (§3.6). */
export function getTotals(
  target: PortalTarget,
  datasetId: string,
  params: TotalsParams,
  options: RequestOptions = {},
): Promise<GroupRow> {
  return getJson<AggregatesResponse>(
    target,
    datasetPath(datasetId, '/aggregates'),
    filteredQuery(params),
    options,
  ).then((body) => aggregationsFromV20(body)[0] ?? {});
}

/**
 * Records' values beyond the 100 a records page holds (a scatter's points): the JSON export, which
 * has no 10,000 cap, limited and ordered as asked (`random(seed)` for a sample that repeats).
 */
export function getSample(
  target: PortalTarget,
  datasetId: string,
  params: SampleParams,
  options: RequestOptions = {},
): Promise<GroupRow[]> {
  return getJson<unknown>(
    target,
    datasetPath(datasetId, '/exports/json'),
    filteredQuery(params),
    options,
  ).then(exportRowsFromV20);
}
