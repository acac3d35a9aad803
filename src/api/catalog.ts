import type { CatalogDatasetsResponse, FacetsResponse } from '../../common/ods-api/types';
import { getJson, type PortalTarget, type RequestOptions } from './client';
import type { CatalogPage, FacetGroup } from './model';
import { type CatalogDatasetsParams, type FacetsParams, filteredQuery } from './params';
import { catalogPageFromV20, facetGroupsFromV20 } from './wire-v20';

/** `GET /catalog/datasets`: search the catalog (ods-api.md §3.1). */
export function getCatalogDatasets(
  target: PortalTarget,
  params: CatalogDatasetsParams = {},
  options: RequestOptions = {},
): Promise<CatalogPage> {
  return getJson<CatalogDatasetsResponse>(target, '/catalog/datasets', filteredQuery(params), options).then(
    catalogPageFromV20,
  );
}

/** `GET /catalog/facets`: facet counts over the catalog, narrowed by the same filters (§3.3). */
export function getCatalogFacets(
  target: PortalTarget,
  params: FacetsParams = {},
  options: RequestOptions = {},
): Promise<FacetGroup[]> {
  return getJson<FacetsResponse>(target, '/catalog/facets', filteredQuery(params), options).then(
    facetGroupsFromV20,
  );
}
