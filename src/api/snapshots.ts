import type { SnapshotsResponse } from '../../common/ods-api/types';
import { apiUrl, datasetPath, getJson, type PortalTarget, type RequestOptions } from './client';
import type { Snapshot } from './model';
import { snapshotsFromV20 } from './wire-v20';

/** `GET …/snapshots`: frozen copies of the dataset (ods-api.md §7; 2019 API only). */
export function getSnapshots(
  target: PortalTarget,
  datasetId: string,
  options: RequestOptions = {},
): Promise<Snapshot[]> {
  return getJson<SnapshotsResponse>(target, datasetPath(datasetId, '/snapshots'), {}, options).then(
    snapshotsFromV20,
  );
}

/** `GET …/snapshots/{snapshot_id}`: the dataset as it was, in CSV. Download it with `download()`. */
export function snapshotUrl(target: PortalTarget, datasetId: string, snapshotId: string): string {
  return apiUrl(target, datasetPath(datasetId, `/snapshots/${encodeURIComponent(snapshotId)}`));
}
