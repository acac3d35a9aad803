import type { CatalogDatasetsResponse, FacetsResponse } from '../../common/ods-api/types';
import type { CatalogDatasetsResponseV21, FacetsResponseV21 } from '../../common/ods-api/types-v21';
import { byVersion, getJson, type PortalTarget, type RequestOptions } from './client';
import type { CatalogPage, FacetGroup } from './model';
import { type CatalogDatasetsParams, type FacetsParams, filteredQuery } from './params';
import { catalogPageFromV20, facetGroupsFromV20 } from './wire-v20';
import { catalogPageFromV21, facetGroupsFromV21 } from './wire-v21';

/** `GET /catalog/datasets`: search the catalog (ods-api.md §3.1). */
export function getCatalogDatasets(
  target: PortalTarget,
  params: CatalogDatasetsParams = {},
  options: RequestOptions = {},
): Promise<CatalogPage> {
  const query = filteredQuery(params);
  return byVersion(target, {
    '2.0': () =>
      getJson<CatalogDatasetsResponse>(target, '/catalog/datasets', query, options).then(catalogPageFromV20),
    '2.1': () =>
      getJson<CatalogDatasetsResponseV21>(target, '/catalog/datasets', query, options).then(
        catalogPageFromV21,
      ),
  });
}

/** `GET /catalog/facets`: facet counts over the catalog, narrowed by the same filters (§3.3). */
export function getCatalogFacets(
  target: PortalTarget,
  params: FacetsParams = {},
  options: RequestOptions = {},
): Promise<FacetGroup[]> {
  const query = filteredQuery(params);
  return byVersion(target, {
    '2.0': () => getJson<FacetsResponse>(target, '/catalog/facets', query, options).then(facetGroupsFromV20),
    '2.1': () =>
      getJson<FacetsResponseV21>(target, '/catalog/facets', query, options).then(facetGroupsFromV21),
  });
}
