import { Download, RotateCcw, X } from 'lucide-react';
import { formatBytes } from '../i18n/format';
import { t } from '../i18n/translate';
import { errorSummary } from '../lib/error-advice';
import { type DownloadRequest, useDownload } from '../lib/use-download';
import { Button } from './button';
import styles from './download-button.module.css';

/** `name` (what is downloaded) also makes the accessible names: "Download <name>". */
export type DownloadButtonProps = DownloadRequest;

/**
 * "Download", then the progress (bytes, and the percentage when the size is known) with Cancel,
 * then, if it failed, the reason and "Try again".
 */
export function DownloadButton(request: DownloadButtonProps) {
  const { name } = request;
  const download = useDownload(request);
  if (download.status === 'downloading') {
    const { progress, percent } = download;
    return (
      <span className={styles.download}>
        <span role="status" aria-label={t('common.downloads.running', { name })}>
          {progress &&
            (progress.total && percent !== null
              ? t('common.downloads.progressPercent', {
                  received: formatBytes(progress.received),
                  total: formatBytes(progress.total),
                  percent,
                })
              : formatBytes(progress.received))}
        </span>
        <Button
          size="small"
          variant="ghost"
          aria-label={t('common.downloads.cancel', { name })}
          onClick={download.cancel}
        >
          <X aria-hidden size={13} />
          {t('common.cancel')}
        </Button>
      </span>
    );
  }
  const failed = download.status === 'failed';
  return (
    <span className={styles.download}>
      {failed && (
        <span className={styles.error} role="alert">
          {t('common.downloads.buttonFailed', { reason: errorSummary(download.error) })}
        </span>
      )}
      <Button
        size="small"
        aria-label={t(failed ? 'common.downloads.retry' : 'common.downloads.start', { name })}
        onClick={download.start}
      >
        {failed ? <RotateCcw aria-hidden size={13} /> : <Download aria-hidden size={13} />}
        {t(failed ? 'common.tryAgain' : 'common.download')}
      </Button>
    </span>
  );
}
