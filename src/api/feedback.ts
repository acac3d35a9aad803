import type { FeedbackBody, FeedbackResponse } from '../../common/ods-api/types';
import { datasetPath, type PortalTarget, type RequestOptions, sendJson } from './client';

/**
 * `PUT …/datasets/{id}/feedback` with `{feedback: {comment, recordid?, newValues?, schema?}}`:
 * a correction proposed to the publisher; 201 `{"status": "ok"}` (ods-api.md §7).
 */
export function putFeedback(
  target: PortalTarget,
  datasetId: string,
  feedback: FeedbackBody,
  options: RequestOptions = {},
): Promise<FeedbackResponse> {
  return sendJson(target, 'PUT', datasetPath(datasetId, '/feedback'), { feedback }, options);
}
