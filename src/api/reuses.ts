import type { ReuseResponse, ReusesResponse } from '../../common/ods-api/types';
import { datasetPath, getJson, type PortalTarget, type RequestOptions } from './client';
import type { Reuse } from './model';
import type { ReusesParams } from './params';
import { reuseResponseFromV20, reusesFromV20 } from './wire-v20';

/** `GET …/reuses`: showcases built on the dataset (ods-api.md §7; 2019 API only). */
export function getReuses(
  target: PortalTarget,
  datasetId: string,
  params: ReusesParams = {},
  options: RequestOptions = {},
): Promise<Reuse[]> {
  return getJson<ReusesResponse>(target, datasetPath(datasetId, '/reuses'), { ...params }, options).then(
    reusesFromV20,
  );
}

/** `GET …/reuses/{reuse_id}`. */
export function getReuse(
  target: PortalTarget,
  datasetId: string,
  reuseId: string,
  options: RequestOptions = {},
): Promise<Reuse> {
  return getJson<ReuseResponse>(
    target,
    datasetPath(datasetId, `/reuses/${encodeURIComponent(reuseId)}`),
    {},
    options,
  ).then(reuseResponseFromV20);
}
