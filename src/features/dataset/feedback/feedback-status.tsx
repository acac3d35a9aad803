import { CircleAlert, CircleCheck, RotateCw } from 'lucide-react';
import { Button } from '../../../components/button';
import { formatDateTime, formatWait } from '../../../i18n/format';
import styles from './feedback.module.css';
import type { FeedbackProblem } from './feedback-problem';

/**
 * The outcome of a send, under the form: what the portal said and what to do next. Errors are an
 * alert (read at once); the draft is always kept, and the message says so.
 */
export function FeedbackStatus({
  problem,
  sent,
  sentMessage,
  now,
  onRetry,
}: {
  problem: FeedbackProblem | null;
  sent: boolean;
  sentMessage: string;
  now: number;
  onRetry: () => void;
}) {
  if (sent) {
    return (
      <div role="status" className={styles.success}>
        <CircleCheck aria-hidden size={16} />
        <p>{sentMessage}</p>
      </div>
    );
  }
  if (!problem) return null;
  const kept = 'Your draft is kept in this browser.';
  let text: string;
  let retry = false;
  switch (problem.kind) {
    case 'invalid':
      text = `The portal refused it: ${problem.message} ${problem.at ? 'The field is marked above.' : ''} ${kept}`;
      break;
    case 'rate-limited': {
      const waiting = problem.retryAt !== null && problem.retryAt.getTime() > now;
      text = waiting
        ? `The portal takes only so much feedback at a time. Try again ${formatWait(problem.retryAt!, now)} (at ${formatDateTime(problem.retryAt!)}). ${kept}`
        : `The portal takes only so much feedback at a time; you can try again now. ${kept}`;
      retry = !waiting;
      break;
    }
    case 'unreachable':
      text = `${problem.message}: nothing was sent. ${kept}`;
      retry = true;
      break;
    case 'absent':
      text = `${problem.message} ${kept} You may copy your text and send it to the publisher another way.`;
      break;
    default:
      text = `Sending failed: ${problem.message}. ${kept}`;
      retry = true;
  }
  return (
    <div role="alert" className={styles.problem}>
      <CircleAlert aria-hidden size={16} />
      <p>{text.replace(/\s+/g, ' ').trim()}</p>
      {retry && (
        <Button size="small" onClick={onRetry}>
          <RotateCw aria-hidden size={14} />
          Try again
        </Button>
      )}
    </div>
  );
}
