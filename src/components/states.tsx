import { AlertTriangle, Loader2 } from 'lucide-react';
import type { ReactNode } from 'react';
import styles from './states.module.css';

export function PendingState({ label }: { label: string }) {
  return (
    <div className={styles.state} role="status" aria-live="polite">
      <Loader2 className={styles.spin} aria-hidden size={20} />
      <span>{label}</span>
    </div>
  );
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
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className={styles.state}>{children}</div>;
}
