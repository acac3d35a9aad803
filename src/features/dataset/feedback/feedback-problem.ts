import {
  InvalidParameterError,
  OdsApiError,
  PortalUnreachableError,
  RateLimitError,
} from '../../../api/errors';
import { t } from '../../../i18n/translate';
import { errorSummary } from '../../../lib/error-advice';

/**
 * What went wrong with a send, in the terms the form acts on: a refusal names the input at fault
 * (the portal's message says `feedback.comment` or `feedback.newValues.<field>`), a quota says when
 * to try again, an unreachable portal offers a retry. The draft is kept in every case.
 */
export type FeedbackProblem =
  | { kind: 'invalid'; message: string; at: { comment: true } | { field: string } | null }
  | { kind: 'rate-limited'; message: string; retryAt: Date | null }
  | { kind: 'unreachable'; message: string }
  | { kind: 'absent'; message: string }
  | { kind: 'failed'; message: string };

function whereInvalid(message: string): { comment: true } | { field: string } | null {
  if (/\bfeedback\.comment\b/.test(message)) return { comment: true };
  const field =
    /\bfeedback\.newValues\.([A-Za-z0-9_]+)/.exec(message)?.[1] ??
    /\bfeedback\.newValues: "([A-Za-z0-9_]+)"/.exec(message)?.[1];
  return field ? { field } : null;
}

export function feedbackProblem(error: unknown, now = Date.now()): FeedbackProblem {
  if (error instanceof RateLimitError) {
    const retryAt =
      error.retryAfterSeconds !== null ? new Date(now + error.retryAfterSeconds * 1000) : error.resetAt;
    return { kind: 'rate-limited', message: error.message, retryAt };
  }
  if (error instanceof PortalUnreachableError) return { kind: 'unreachable', message: errorSummary(error) };
  if (error instanceof OdsApiError && (error.status === 404 || error.status === 405)) {
    return { kind: 'absent', message: t('record.feedback.absent') };
  }
  if (error instanceof InvalidParameterError || (error instanceof OdsApiError && error.status === 400)) {
    return { kind: 'invalid', message: error.message, at: whereInvalid(error.message) };
  }
  if (error instanceof OdsApiError && error.status === 413) {
    return { kind: 'invalid', message: error.message, at: null };
  }
  return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
}
