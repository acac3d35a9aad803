import { Gauge } from 'lucide-react';
import { useSyncExternalStore } from 'react';
import { latestRateLimit, subscribeRateLimits } from '../api/rate-limit';
import { formatDateTime } from '../i18n/format';
import { t } from '../i18n/translate';
import styles from './app-shell.module.css';

/** Below this share of the quota left, the header warns. */
const WARN_BELOW = 0.1;

/** The portal's request quota, shown in the header only once it runs low (ods-api.md §8). */
export function QuotaBadge({ portal }: { portal: string }) {
  const rateLimit = useSyncExternalStore(subscribeRateLimits, () => latestRateLimit(portal));
  if (!rateLimit || rateLimit.remaining === null || rateLimit.limit === null) return null;
  if (rateLimit.remaining > rateLimit.limit * WARN_BELOW) return null;
  const { limit, resetAt } = rateLimit;
  return (
    <span
      className={styles.quota}
      role="status"
      title={
        resetAt
          ? t('common.quota.titleReset', { limit, date: formatDateTime(resetAt) })
          : t('common.quota.title', { limit })
      }
    >
      <Gauge aria-hidden size={14} />
      {t('common.quota.left', { count: rateLimit.remaining })}
    </span>
  );
}
