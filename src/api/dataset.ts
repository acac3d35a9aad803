import type { Dataset, DatasetResponse, FacetGroup, FacetsResponse } from '../../common/ods-api/types';
import { datasetPath, getJson, type PortalTarget, type RequestOptions } from './client';
import { type DatasetParams, type FacetsParams, filteredQuery } from './params';
import { datasetFromV20, facetGroupsFromV20 } from './wire-v20';

/** `GET /catalog/datasets/{id}`: metas, fields, features (ods-api.md §3.2). */
export function getDataset(
  target: PortalTarget,
  datasetId: string,
  params: DatasetParams = {},
  options: RequestOptions = {},
): Promise<Dataset> {
  return getJson<DatasetResponse>(target, datasetPath(datasetId), { ...params }, options).then(
    datasetFromV20,
  );
}

/** `GET /catalog/datasets/{id}/facets`: facet counts over the dataset's records (§3.3). */
export function getDatasetFacets(
  target: PortalTarget,
  datasetId: string,
  params: FacetsParams = {},
  options: RequestOptions = {},
): Promise<FacetGroup[]> {
  return getJson<FacetsResponse>(
    target,
    datasetPath(datasetId, '/facets'),
    filteredQuery(params),
    options,
  ).then(facetGroupsFromV20);
}
