import { CircleAlert, CircleCheck, RotateCw } from 'lucide-react';
import { Button } from '../../../components/button';
import { formatDateTime, formatWait } from '../../../i18n/format';
import { t } from '../../../i18n/translate';
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
  const { message } = problem;
  let text: string;
  let retry = false;
  switch (problem.kind) {
    case 'invalid':
      text = t(problem.at ? 'record.feedback.refusedAt' : 'record.feedback.refused', { message });
      break;
    case 'rate-limited': {
      const { retryAt } = problem;
      const waiting = retryAt !== null && retryAt.getTime() > now;
      text = waiting
        ? t('record.feedback.wait', { wait: formatWait(retryAt, now), time: formatDateTime(retryAt) })
        : t('record.feedback.waitOver');
      retry = !waiting;
      break;
    }
    case 'unreachable':
      text = t('record.feedback.unreachable', { message });
      retry = true;
      break;
    case 'absent':
      text = t('record.feedback.absentAdvice', { message });
      break;
    default:
      text = t('record.feedback.failed', { message });
      retry = true;
  }
  return (
    <div role="alert" className={styles.problem}>
      <CircleAlert aria-hidden size={16} />
      <p>{text.replace(/\s+/g, ' ').trim()}</p>
      {retry && (
        <Button size="small" onClick={onRetry}>
          <RotateCw aria-hidden size={14} />
          {t('common.tryAgain')}
        </Button>
      )}
    </div>
  );
}
