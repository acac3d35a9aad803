import { Gauge } from 'lucide-react';
import { useSyncExternalStore } from 'react';
import { latestRateLimit, subscribeRateLimits } from '../api/rate-limit';
import { formatCount, formatDateTime } from '../i18n/format';
import styles from './app-shell.module.css';

/** Below this share of the quota left, the header warns. */
const WARN_BELOW = 0.1;

/** The portal's request quota, shown in the header only once it runs low (ods-api.md §8). */
export function QuotaBadge({ portal }: { portal: string }) {
  const rateLimit = useSyncExternalStore(subscribeRateLimits, () => latestRateLimit(portal));
  if (!rateLimit || rateLimit.remaining === null || rateLimit.limit === null) return null;
  if (rateLimit.remaining > rateLimit.limit * WARN_BELOW) return null;
  const reset = rateLimit.resetAt ? `; resets ${formatDateTime(rateLimit.resetAt)}` : '';
  return (
    <span
      className={styles.quota}
      role="status"
      title={`Request quota: ${formatCount(rateLimit.limit)}${reset}`}
    >
      <Gauge aria-hidden size={14} />
      {formatCount(rateLimit.remaining)} requests left
    </span>
  );
}
