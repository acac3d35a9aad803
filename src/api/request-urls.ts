import { type SampleParams, sampleRequest } from './aggregates';
import { apiUrl, datasetPath, type PortalTarget } from './client';
import { type AggregatesParams, type FacetsParams, filteredQuery, type RecordsParams } from './params';
import { aggregatesRequest } from './records';

/**
 * The URLs of the requests the fetchers send (records.ts, dataset.ts), built from the same path and
 * parameters, for the API view to show and open (aggregates and samples through the very path and
 * query their fetchers send). Exports have theirs in exports.ts (exportUrl).
 */

export function recordsUrl(target: PortalTarget, datasetId: string, params: RecordsParams = {}): string {
  return apiUrl(target, datasetPath(datasetId, '/records'), filteredQuery(params));
}

export function facetsUrl(target: PortalTarget, datasetId: string, params: FacetsParams = {}): string {
  return apiUrl(target, datasetPath(datasetId, '/facets'), filteredQuery(params));
}

/** getAggregates' request: `…/aggregates` in v2.0, `…/records` in v2.1. */
export function aggregatesUrl(target: PortalTarget, datasetId: string, params: AggregatesParams): string {
  const { path, query } = aggregatesRequest(target, datasetId, params);
  return apiUrl(target, path, query);
}

/** getSample's request (the JSON export). */
export function sampleUrl(target: PortalTarget, datasetId: string, params: SampleParams): string {
  const { path, query } = sampleRequest(datasetId, params);
  return apiUrl(target, path, query);
}
