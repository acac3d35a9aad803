import type { AttachmentsResponse } from '../../common/ods-api/types';
import type { AttachmentsResponseV21 } from '../../common/ods-api/types-v21';
import { apiUrl, byVersion, datasetPath, getJson, type PortalTarget, type RequestOptions } from './client';
import type { Attachment } from './model';
import { attachmentsFromV20 } from './wire-v20';
import { attachmentsFromV21 } from './wire-v21';

/** `GET …/attachments`: files the publisher attached to the dataset (ods-api.md §7). */
export function getAttachments(
  target: PortalTarget,
  datasetId: string,
  options: RequestOptions = {},
): Promise<Attachment[]> {
  const path = datasetPath(datasetId, '/attachments');
  return byVersion(target, {
    '2.0': () => getJson<AttachmentsResponse>(target, path, {}, options).then(attachmentsFromV20),
    '2.1': () => getJson<AttachmentsResponseV21>(target, path, {}, options).then(attachmentsFromV21),
  });
}

/** `GET …/attachments/{attachment_id}`: the file itself. The id is the title with `.` as `_`. */
export function attachmentUrl(target: PortalTarget, datasetId: string, attachmentId: string): string {
  return apiUrl(target, datasetPath(datasetId, `/attachments/${encodeURIComponent(attachmentId)}`));
}

/** `GET …/files/{file_id}`: the binary behind a `file` field value, such as an image. */
export function fileUrl(
  target: PortalTarget,
  datasetId: string,
  fileId: string,
  params: { thumbnail_size?: string } = {},
): string {
  return apiUrl(target, datasetPath(datasetId, `/files/${encodeURIComponent(fileId)}`), { ...params });
}
