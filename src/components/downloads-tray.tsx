import { Check, Download, X } from 'lucide-react';
import { formatBytes } from '../i18n/format';
import { t } from '../i18n/translate';
import {
  cancelDownload,
  type DownloadEntry,
  dismissDownload,
  downloadPercent,
  downloadSpeed,
} from '../lib/downloads';
import { errorSummary } from '../lib/error-advice';
import { useDownloads } from '../lib/use-download';
import styles from './downloads-tray.module.css';

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${Math.round(minutes / 60)} h`;
}

/** "12.4 MB of 110 MB · 11 % · 8.2 MB/s · 12 s left", each part only when it is known. */
export function progressText(entry: DownloadEntry): string {
  const percent = downloadPercent(entry);
  const { rate, secondsLeft } = downloadSpeed(entry);
  const parts = [
    entry.total
      ? t('common.downloads.receivedOf', {
          received: formatBytes(entry.received),
          total: formatBytes(entry.total),
        })
      : formatBytes(entry.received),
  ];
  if (percent !== null) parts.push(t('common.downloads.percent', { percent }));
  if (rate !== null) parts.push(t('common.downloads.rate', { rate: formatBytes(rate) }));
  if (secondsLeft !== null) parts.push(t('common.downloads.timeLeft', { time: duration(secondsLeft) }));
  return parts.join(' · ');
}

function EntryRow({ entry }: { entry: DownloadEntry }) {
  const percent = downloadPercent(entry);
  return (
    <li className={styles.entry} aria-label={entry.name}>
      <div className={styles.line}>
        <span className={styles.name}>{entry.name}</span>
        {entry.status === 'running' ? (
          <button
            type="button"
            className={styles.action}
            aria-label={t('common.downloads.cancel', { name: entry.name })}
            onClick={() => cancelDownload(entry.id)}
          >
            {t('common.cancel')}
          </button>
        ) : (
          <button
            type="button"
            className={styles.action}
            aria-label={t('common.downloads.dismiss', { name: entry.name })}
            onClick={() => dismissDownload(entry.id)}
          >
            <X aria-hidden size={14} />
          </button>
        )}
      </div>
      {entry.status === 'running' && (
        <>
          <progress
            className={styles.bar}
            max={100}
            value={percent ?? undefined}
            aria-label={t('common.downloads.progress', { name: entry.name })}
          />
          <span className={styles.detail}>{progressText(entry)}</span>
        </>
      )}
      {entry.status === 'saved' && (
        <span className={styles.detail}>
          <Check aria-hidden size={13} className={styles.saved} />{' '}
          {t('common.downloads.saved', { filename: entry.filename ?? '', size: formatBytes(entry.received) })}
        </span>
      )}
      {entry.status === 'cancelled' && (
        <span className={styles.detail}>{t('common.downloads.cancelled')}</span>
      )}
      {entry.status === 'failed' && (
        <span className={`${styles.detail} ${styles.failed}`}>
          {t('common.downloads.failed', { reason: errorSummary(entry.error) })}
        </span>
      )}
    </li>
  );
}

/**
 * The session's downloads, in a corner of every page: mounted by the app shell, so a download goes
 * on (and can be cancelled) while the user moves between tabs and pages.
 */
export function DownloadsTray() {
  const entries = useDownloads();
  if (entries.length === 0) return null;
  const running = entries.filter((entry) => entry.status === 'running').length;
  return (
    <section className={styles.tray} aria-labelledby="downloads-heading">
      <h2 id="downloads-heading" className={styles.heading}>
        <Download aria-hidden size={15} />
        {running > 0
          ? t('common.downloads.headingRunning', { count: running })
          : t('common.downloads.heading')}
      </h2>
      <ul className={styles.list} aria-live="polite">
        {entries.map((entry) => (
          <EntryRow key={entry.id} entry={entry} />
        ))}
      </ul>
    </section>
  );
}
