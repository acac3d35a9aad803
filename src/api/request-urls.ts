import { apiUrl, datasetPath, type PortalTarget } from './client';
import { type FacetsParams, filteredQuery, type RecordsParams } from './params';

/**
 * The URLs of the requests the fetchers send (records.ts, dataset.ts), built from the same path and
 * parameters, for the API view to show and open. Exports have theirs in exports.ts (exportUrl).
 */

export function recordsUrl(target: PortalTarget, datasetId: string, params: RecordsParams = {}): string {
  return apiUrl(target, datasetPath(datasetId, '/records'), filteredQuery(params));
}

export function facetsUrl(target: PortalTarget, datasetId: string, params: FacetsParams = {}): string {
  return apiUrl(target, datasetPath(datasetId, '/facets'), filteredQuery(params));
}
