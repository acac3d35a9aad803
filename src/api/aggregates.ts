import { datasetPath, getJson, type PortalTarget, type QueryParams, type RequestOptions } from './client';
import type { GroupRow } from './model';
import { type AggregatesParams, type FilteredParams, filteredQuery } from './params';
import { getAggregates } from './records';

/**
 * Aggregate questions over a view's whole filtered set, for charts and field profiles: the
 * portal computes, the explorer draws. Groups and totals are aggregates (records.ts, both API
 * versions); the scatter's sample is the JSON export, which both versions write alike.
 */

export interface GroupsParams extends AggregatesParams {
  group_by: string;
}

export interface SampleParams extends FilteredParams {
  select: string;
  order_by?: string;
  limit: number;
}

/** One row per group; without a limit every group comes back (ods-api.md §2.5). */
export function getGroups(
  target: PortalTarget,
  datasetId: string,
  params: GroupsParams,
  options: RequestOptions = {},
): Promise<GroupRow[]> {
  return getAggregates(target, datasetId, params, options);
}

/** The aggregations over every matching record, as one row. */
export function getTotals(
  target: PortalTarget,
  datasetId: string,
  params: AggregatesParams,
  options: RequestOptions = {},
): Promise<GroupRow> {
  return getAggregates(target, datasetId, params, options).then((rows) => rows[0] ?? {});
}

/**
 * Records' values beyond the 100 a records page holds (a scatter's points): the JSON export, which
 * has no 10,000 cap, limited and ordered as asked (`random(seed)` for a sample that repeats). Its
 * body is a bare array of the records' field objects in both versions.
 */
export function getSample(
  target: PortalTarget,
  datasetId: string,
  params: SampleParams,
  options: RequestOptions = {},
): Promise<GroupRow[]> {
  const { path, query } = sampleRequest(datasetId, params);
  return getJson<unknown>(target, path, query, options).then((body) =>
    Array.isArray(body) ? (body as GroupRow[]) : [],
  );
}

/** The path and query getSample sends, for the API view (request-urls.ts). */
export function sampleRequest(datasetId: string, params: SampleParams): { path: string; query: QueryParams } {
  return { path: datasetPath(datasetId, '/exports/json'), query: filteredQuery(params) };
}
