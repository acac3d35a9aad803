import type { ReuseResponse, ReusesResponse } from '../../common/ods-api/types';
import { datasetPath, getJson, type PortalTarget, type RequestOptions } from './client';
import type { ReusesParams } from './params';

/** `GET …/reuses`: showcases built on the dataset (ods-api.md §7; 2019 API only). */
export function getReuses(
  target: PortalTarget,
  datasetId: string,
  params: ReusesParams = {},
  options: RequestOptions = {},
): Promise<ReusesResponse> {
  return getJson(target, datasetPath(datasetId, '/reuses'), { ...params }, options);
}

/** `GET …/reuses/{reuse_id}`. */
export function getReuse(
  target: PortalTarget,
  datasetId: string,
  reuseId: string,
  options: RequestOptions = {},
): Promise<ReuseResponse> {
  return getJson(target, datasetPath(datasetId, `/reuses/${encodeURIComponent(reuseId)}`), {}, options);
}
