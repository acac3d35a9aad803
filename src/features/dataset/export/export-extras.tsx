import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import type { Dataset } from '../../../../common/ods-api/types';
import type { PortalTarget } from '../../../api/client';
import { NotFoundError } from '../../../api/errors';
import { CopyButton } from '../../../components/copy-button';
import { ApiErrorState, Skeleton } from '../../../components/states';
import { t } from '../../../i18n/translate';
import { usePortal } from '../../../lib/portal-context';
import { datasetQueries } from '../dataset-queries';
import { AttachmentList } from '../file-list';
import { citationParts, citationText } from './citation';
import styles from './export-view.module.css';

/** The address of the view being exported: this page's, showing the table rather than this tab. */
function viewUrl(): string {
  const url = new URL(window.location.href);
  url.searchParams.delete('tab');
  return url.toString();
}

/** How to cite what is exported, with today's date, ready to copy. */
export function CitationBlock({ dataset }: { dataset: Dataset }) {
  const id = useId();
  const { name } = usePortal();
  // Read at every render: a filter changed on this tab changes the address.
  const parts = citationParts(dataset, name, viewUrl(), new Date());
  const text = citationText(parts);
  return (
    <section className={`${styles.panel} ${styles.wide}`} aria-labelledby={`${id}-cite`}>
      <h2 id={`${id}-cite`} className={styles.heading}>
        {t('export.cite.heading')}
      </h2>
      <dl className={styles.citation}>
        <dt>{t('export.cite.title')}</dt>
        <dd>{parts.title}</dd>
        <dt>{t('export.cite.publisher')}</dt>
        <dd>{parts.publisher ?? '—'}</dd>
        <dt>{t('export.cite.licence')}</dt>
        <dd>{parts.licence ?? '—'}</dd>
        <dt>{t('common.modified')}</dt>
        <dd>{parts.modified ?? '—'}</dd>
        <dt>{t('export.cite.view')}</dt>
        <dd className={styles.url}>{parts.url}</dd>
        <dt>{t('export.cite.accessed')}</dt>
        <dd>{parts.accessed}</dd>
      </dl>
      <div className={styles.citeRow}>
        <p className={styles.citeText}>{text}</p>
        <CopyButton text={text} label={t('export.cite.copy')} />
      </div>
    </section>
  );
}

/** The publisher's attached files, as Information lists them; left out where the portal has no such endpoint. */
export function ExportAttachments({ target, datasetId }: { target: PortalTarget; datasetId: string }) {
  const id = useId();
  const query = useQuery(datasetQueries.attachments(target, datasetId));
  if (query.error instanceof NotFoundError || query.data?.length === 0) return null;
  return (
    <section className={`${styles.panel} ${styles.wide}`} aria-labelledby={`${id}-files`}>
      <h2 id={`${id}-files`} className={styles.heading}>
        {t('export.attachments.heading')}
      </h2>
      {query.error ? (
        <ApiErrorState compact error={query.error} onRetry={() => query.refetch()} />
      ) : query.data ? (
        <AttachmentList target={target} datasetId={datasetId} attachments={query.data} />
      ) : (
        <Skeleton width="40%" />
      )}
    </section>
  );
}
