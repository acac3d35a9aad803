import type { DatasetResponse, FacetsResponse } from '../../common/ods-api/types';
import { datasetPath, getJson, type PortalTarget, type RequestOptions } from './client';
import type { DatasetParams, FacetsParams } from './params';

/** `GET /catalog/datasets/{id}`: metas, fields, features (ods-api.md §3.2). */
export function getDataset(
  target: PortalTarget,
  datasetId: string,
  params: DatasetParams = {},
  options: RequestOptions = {},
): Promise<DatasetResponse> {
  return getJson(target, datasetPath(datasetId), { ...params }, options);
}

/** `GET /catalog/datasets/{id}/facets`: facet counts over the dataset's records (§3.3). */
export function getDatasetFacets(
  target: PortalTarget,
  datasetId: string,
  params: FacetsParams = {},
  options: RequestOptions = {},
): Promise<FacetsResponse> {
  return getJson(target, datasetPath(datasetId, '/facets'), { ...params }, options);
}
