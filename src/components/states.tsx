import { Link } from '@tanstack/react-router';
import { AlertTriangle, Loader2, SearchX } from 'lucide-react';
import type { CSSProperties, ReactNode } from 'react';
import { t } from '../i18n/translate';
import { adviseError } from '../lib/error-advice';
import { usePortal } from '../lib/portal-context';
import { Button, buttonClass } from './button';
import styles from './states.module.css';

/** Loading, empty and error states: every panel shows data first, then its error, then pending. */

export function PendingState({ label }: { label: string }) {
  return (
    <div className={`${styles.state} ${styles.pending}`} role="status" aria-live="polite">
      <Loader2 className={styles.spin} aria-hidden size={18} />
      <span>{label}</span>
    </div>
  );
}

export function Skeleton({
  width = '100%',
  height = '0.9rem',
  style,
}: {
  width?: string;
  height?: string;
  style?: CSSProperties;
}) {
  return <span aria-hidden className={styles.skeleton} style={{ width, height, ...style }} />;
}

export function ErrorState({
  title,
  error,
  onRetry,
  children,
}: {
  title: string;
  error: Error;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  return (
    <div className={`${styles.state} ${styles.error}`} role="alert">
      <AlertTriangle aria-hidden size={20} />
      <div>
        <strong>{title}</strong>
        <p>{error.message}</p>
        {children}
        {onRetry && (
          <div className={styles.actions}>
            <Button onClick={onRetry}>{t('common.tryAgain')}</Button>
          </div>
        )}
      </div>
    </div>
  );
}

export interface ApiErrorStateProps {
  error: unknown;
  /** What a 404 means here. */
  notFound?: string;
  onRetry?: () => void;
  /** A tighter box, for side panels. */
  compact?: boolean;
}

/** A failed API call, explained: what happened, what to do, and the buttons that do it. */
export function ApiErrorState({ error, notFound, onRetry, compact = false }: ApiErrorStateProps) {
  const { name, openPicker } = usePortal();
  const advice = adviseError(error, { portalName: name, notFound });
  const small = compact ? 'small' : 'normal';
  return (
    <div className={`${styles.state} ${styles.error} ${compact ? styles.compact : ''}`} role="alert">
      <AlertTriangle aria-hidden size={compact ? 16 : 20} />
      <div>
        <strong>{advice.title}</strong>
        <p>{advice.message}</p>
        {advice.detail && <div className={styles.detail}>{advice.detail}</div>}
        <div className={styles.actions}>
          {advice.actions
            .filter((action) => action !== 'retry' || onRetry)
            .map((action, index) => {
              const look = { size: small, variant: index === 0 ? 'primary' : 'default' } as const;
              switch (action) {
                case 'retry':
                  return (
                    <Button key={action} {...look} onClick={onRetry}>
                      {t('common.tryAgain')}
                    </Button>
                  );
                case 'api-key':
                  return (
                    <Button key={action} {...look} onClick={() => openPicker('api-key')}>
                      {t('common.setApiKey')}
                    </Button>
                  );
                case 'choose-portal':
                  return (
                    <Button key={action} {...look} onClick={() => openPicker('address')}>
                      {t('common.portal.chooseAnother')}
                    </Button>
                  );
                default: // 'catalog'
                  return (
                    <Link key={action} to="/" className={buttonClass(look)}>
                      {t('common.backToCatalog')}
                    </Link>
                  );
              }
            })}
        </div>
      </div>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className={`${styles.state} ${styles.empty}`}>
      <SearchX aria-hidden size={28} />
      <div className={styles.emptyBody}>
        <strong>{title}</strong>
        {children}
      </div>
    </div>
  );
}
