import type { CatalogDatasetsResponse } from '../../common/ods-api/types';
import { apiUrl, getJson, type PortalTarget, type RequestOptions } from './client';

export interface CatalogSearch {
  where?: string;
  limit?: number;
  offset?: number;
}

export function getCatalogDatasets(
  target: PortalTarget,
  search: CatalogSearch,
  options: RequestOptions = {},
): Promise<CatalogDatasetsResponse> {
  return getJson(apiUrl(target, '/catalog/datasets', { ...search }), options);
}
