import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { PortalTarget } from '../../../api/client';
import type { FeedbackSubmission } from '../../../api/feedback';
import { datasetQueries, feedbackMutation } from '../dataset-queries';
import { commentTooLong } from './comment-field';
import { EMPTY_DRAFT, type FeedbackDraft, readDraft, writeDraft } from './feedback-draft';
import { feedbackProblem } from './feedback-problem';

/**
 * Sends one draft: on success the draft is removed; on any failure it stays, and the problem says
 * what to do. A 404/405 marks the portal as one without the endpoint, which hides the buttons.
 */
export function useFeedbackSend(target: PortalTarget, datasetId: string, draftKey: string) {
  const queryClient = useQueryClient();
  const support = datasetQueries.feedbackSupport(target, datasetId);
  const mutation = useMutation({
    ...feedbackMutation(target, datasetId),
    onSuccess: () => writeDraft(draftKey, EMPTY_DRAFT),
    onError: (error) => {
      if (feedbackProblem(error).kind === 'absent') queryClient.setQueryData(support.queryKey, 'absent');
    },
  });
  const problem = mutation.error ? feedbackProblem(mutation.error) : null;
  return {
    send: (submission: FeedbackSubmission) => mutation.mutate(submission),
    sending: mutation.isPending,
    sent: mutation.isSuccess,
    problem,
  };
}

/**
 * Whether the portal takes feedback. `probe` asks the portal (once, then cached for the session);
 * without it, only what is already known is read, so a dataset page sends nothing until a visitor
 * opens a form. 'unknown' shows the forms: a send then says what is wrong.
 */
export function useFeedbackSupport(
  target: PortalTarget,
  datasetId: string,
  probe: boolean,
): 'checking' | 'available' | 'absent' | 'unknown' {
  const query = useQuery({ ...datasetQueries.feedbackSupport(target, datasetId), enabled: probe });
  if (query.data) return query.data;
  return probe && query.isPending ? 'checking' : 'unknown';
}

/** The time, refreshed every second while `active` (a "try again in 12 seconds" countdown). */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/**
 * A feedback form's state, the dataset's and the record's alike: the draft (written to the browser
 * on every change), the send and what went wrong, the portal's support, a countdown while the
 * portal says wait, and the comment's own checks before anything is sent.
 */
export function useFeedbackForm(
  target: PortalTarget,
  datasetId: string,
  draftKey: string,
  noComment: string,
) {
  const [draft, setDraft] = useState<FeedbackDraft>(() => readDraft(draftKey));
  const [localError, setLocalError] = useState<string | null>(null);
  const support = useFeedbackSupport(target, datasetId, true);
  const { send, sending, sent, problem } = useFeedbackSend(target, datasetId, draftKey);
  const now = useNow(problem?.kind === 'rate-limited');
  const comment = useRef<HTMLTextAreaElement>(null);
  const update = (next: FeedbackDraft) => {
    setDraft(next);
    writeDraft(draftKey, next);
  };
  return {
    draft,
    update,
    setComment: (text: string) => {
      update({ ...draft, comment: text });
      if (localError && text.trim()) setLocalError(null);
    },
    /** Sends, unless the comment is missing or too long: then the focus goes to it. */
    submit: (submission: FeedbackSubmission) => {
      if (draft.comment.trim() === '' || commentTooLong(draft.comment)) {
        if (draft.comment.trim() === '') setLocalError(noComment);
        comment.current?.focus();
        return;
      }
      setLocalError(null);
      send(submission);
    },
    commentError:
      localError ??
      (problem?.kind === 'invalid' && problem.at && 'comment' in problem.at ? problem.message : null),
    comment,
    support,
    sending,
    sent,
    problem,
    now,
    waiting: problem?.kind === 'rate-limited' && problem.retryAt !== null && problem.retryAt.getTime() > now,
  };
}
