import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { PortalTarget } from '../../../api/client';
import type { FeedbackSubmission } from '../../../api/feedback';
import { datasetQueries, feedbackMutation } from '../dataset-queries';
import { EMPTY_DRAFT, writeDraft } from './feedback-draft';
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
