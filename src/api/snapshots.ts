import type { SnapshotsResponse } from '../../common/ods-api/types';
import { apiUrl, datasetPath, getJson, type PortalTarget, type RequestOptions } from './client';

/** `GET …/snapshots`: frozen copies of the dataset (ods-api.md §7; 2019 API only). */
export function getSnapshots(
  target: PortalTarget,
  datasetId: string,
  options: RequestOptions = {},
): Promise<SnapshotsResponse> {
  return getJson(target, datasetPath(datasetId, '/snapshots'), {}, options);
}

/** `GET …/snapshots/{snapshot_id}`: the dataset as it was, in CSV. Download it with `download()`. */
export function snapshotUrl(target: PortalTarget, datasetId: string, snapshotId: string): string {
  return apiUrl(target, datasetPath(datasetId, `/snapshots/${encodeURIComponent(snapshotId)}`));
}
