import type { FeedbackBody, FeedbackResponse } from '../../common/ods-api/types';
import { datasetPath, type PortalTarget, type RequestOptions, sendJson } from './client';
import { NotFoundError, OdsApiError } from './errors';

/**
 * `PUT …/datasets/{id}/feedback` (ods-api.md §7, from the 2019 API): a comment on a dataset, or a
 * correction of one record, for the publisher to review. The body is `{feedback: {comment,
 * recordid?, newValues?, schema?}}`; the answer 201 `{"status": "ok"}`.
 */

/** What the explorer sends, in the app's names. */
export interface FeedbackSubmission {
  comment: string;
  /** The record corrected; absent for a comment on the whole dataset. */
  recordId?: string | undefined;
  /** Field name → the value proposed (null clears it). */
  newValues?: Record<string, unknown> | undefined;
  /** Field name → what the field is, so the publisher reads the values without the dataset at hand. */
  schema?: Record<string, { type: string; label: string }> | undefined;
}

export interface FeedbackReceipt {
  /** The portal took it ("ok"). */
  accepted: boolean;
}

/** The one place the wire's answer is read. */
export function feedbackReceiptFromWire(body: FeedbackResponse): FeedbackReceipt {
  return { accepted: body.status === 'ok' };
}

function wireBody(submission: FeedbackSubmission): FeedbackBody {
  const body: FeedbackBody = { comment: submission.comment };
  if (submission.recordId !== undefined) body.recordid = submission.recordId;
  if (submission.newValues !== undefined) body.newValues = submission.newValues;
  if (submission.schema !== undefined) body.schema = submission.schema;
  return body;
}

export function sendFeedback(
  target: PortalTarget,
  datasetId: string,
  submission: FeedbackSubmission,
  { signal }: RequestOptions = {},
): Promise<FeedbackReceipt> {
  return sendJson<FeedbackResponse>(
    target,
    'PUT',
    datasetPath(datasetId, '/feedback'),
    { feedback: wireBody(submission) },
    // The feedback limit is the endpoint's own, not the portal's request quota.
    { signal, portalQuota: false },
  ).then(feedbackReceiptFromWire);
}

export type FeedbackSupport = 'available' | 'absent';

/**
 * Whether the portal takes feedback. The Explore API has no way to ask, and v2.1 portals may lack
 * the endpoint, so this sends what any endpoint must refuse before storing: a body without a
 * comment. A 400 (or any other answer) means it is there; 404 or 405 means it is not. Callers ask
 * once per portal, when a visitor first opens a feedback form, not on every dataset page: the
 * refusal costs a unit of the feedback limit and the browser logs every failed request.
 */
export async function probeFeedback(
  target: PortalTarget,
  datasetId: string,
  options: RequestOptions = {},
): Promise<FeedbackSupport> {
  // The embedded portal is the server this explorer ships with, which always has the endpoint.
  if (target.portal === '') return 'available';
  try {
    await sendJson(
      target,
      'PUT',
      datasetPath(datasetId, '/feedback'),
      { feedback: {} },
      {
        ...options,
        portalQuota: false,
      },
    );
    return 'available';
  } catch (error) {
    if (error instanceof NotFoundError || (error instanceof OdsApiError && error.status === 405))
      return 'absent';
    if (error instanceof OdsApiError && error.status === 0) throw error;
    return 'available';
  }
}
