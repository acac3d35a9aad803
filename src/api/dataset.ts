import type { Dataset, DatasetResponse, FacetGroup, FacetsResponse } from '../../common/ods-api/types';
import type { CatalogItemV21, FacetsResponseV21 } from '../../common/ods-api/types-v21';
import { byVersion, datasetPath, getJson, type PortalTarget, type RequestOptions } from './client';
import { type DatasetParams, type FacetsParams, filteredQuery } from './params';
import { datasetFromV20, facetGroupsFromV20 } from './wire-v20';
import { datasetFromV21, facetGroupsFromV21 } from './wire-v21';

/** `GET /catalog/datasets/{id}`: metas, fields, features (ods-api.md §3.2). */
export function getDataset(
  target: PortalTarget,
  datasetId: string,
  params: DatasetParams = {},
  options: RequestOptions = {},
): Promise<Dataset> {
  const path = datasetPath(datasetId);
  return byVersion(target, {
    '2.0': () => getJson<DatasetResponse>(target, path, { ...params }, options).then(datasetFromV20),
    '2.1': () => getJson<CatalogItemV21>(target, path, { ...params }, options).then(datasetFromV21),
  });
}

/** `GET /catalog/datasets/{id}/facets`: facet counts over the dataset's records (§3.3). */
export function getDatasetFacets(
  target: PortalTarget,
  datasetId: string,
  params: FacetsParams = {},
  options: RequestOptions = {},
): Promise<FacetGroup[]> {
  const path = datasetPath(datasetId, '/facets');
  const query = filteredQuery(params);
  return byVersion(target, {
    '2.0': () => getJson<FacetsResponse>(target, path, query, options).then(facetGroupsFromV20),
    '2.1': () => getJson<FacetsResponseV21>(target, path, query, options).then(facetGroupsFromV21),
  });
}
