import type { CatalogDatasetsResponse, FacetsResponse } from '../../common/ods-api/types';
import { getJson, type PortalTarget, type RequestOptions } from './client';
import type { CatalogDatasetsParams, FacetsParams } from './params';

/** `GET /catalog/datasets`: search the catalog (ods-api.md §3.1). */
export function getCatalogDatasets(
  target: PortalTarget,
  params: CatalogDatasetsParams = {},
  options: RequestOptions = {},
): Promise<CatalogDatasetsResponse> {
  return getJson(target, '/catalog/datasets', { ...params }, options);
}

/** `GET /catalog/facets`: facet counts over the catalog, narrowed by the same filters (§3.3). */
export function getCatalogFacets(
  target: PortalTarget,
  params: FacetsParams = {},
  options: RequestOptions = {},
): Promise<FacetsResponse> {
  return getJson(target, '/catalog/facets', { ...params }, options);
}
