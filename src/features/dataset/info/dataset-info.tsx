import { useQuery } from '@tanstack/react-query';
import { ExternalLink, FileArchive } from 'lucide-react';
import type { Dataset, DatasetField, FieldType } from '../../../../common/ods-api/types';
import type { PortalTarget } from '../../../api/client';
import { NotFoundError } from '../../../api/errors';
import { snapshotUrl } from '../../../api/snapshots';
import { DownloadButton } from '../../../components/download-button';
import { ApiErrorState, Skeleton } from '../../../components/states';
import { formatCount, formatDate, formatDateTime } from '../../../i18n/format';
import { type MessageKey, t } from '../../../i18n/translate';
import { datasetQueries } from '../dataset-queries';
import { AttachmentList, FileItem, FileList } from '../file-list';
import styles from './dataset-info.module.css';
import { sanitizeHtml } from './sanitize-html';

export interface DatasetInfoProps {
  target: PortalTarget;
  dataset: Dataset;
}

const TYPE_LABELS = {
  text: 'info.type.text',
  int: 'info.type.int',
  double: 'info.type.double',
  boolean: 'info.type.boolean',
  date: 'info.type.date',
  datetime: 'info.type.datetime',
  geo_point_2d: 'info.type.geo_point_2d',
  geo_shape: 'info.type.geo_shape',
  file: 'info.type.file',
  json_blob: 'info.type.json_blob',
} as const satisfies Record<FieldType, MessageKey>;

/** A field type's name for people; a type this list lacks (a newer portal's) keeps its own name. */
function typeLabel(type: FieldType): string {
  return type in TYPE_LABELS ? t(TYPE_LABELS[type]) : type;
}

/** The Information tab: what the dataset is, its metadata, its schema, and its files and reuses. */
export function DatasetInfo({ target, dataset }: DatasetInfoProps) {
  const metas = dataset.metas.default;
  const description = sanitizeHtml(metas.description);
  return (
    <div className={styles.info}>
      <section className={styles.section} aria-labelledby="info-description">
        <h2 id="info-description" className={styles.heading}>
          {t('info.description.heading')}
        </h2>
        {description ? (
          // Sanitized by DOMPurify (sanitize-html.ts): no scripts, no handlers, safe links.
          // biome-ignore lint/security/noDangerouslySetInnerHtml: see above
          <div className={styles.description} dangerouslySetInnerHTML={{ __html: description }} />
        ) : (
          <p className={styles.muted}>{t('info.description.none')}</p>
        )}
      </section>

      <section className={styles.section} aria-labelledby="info-metadata">
        <h2 id="info-metadata" className={styles.heading}>
          {t('info.metadata.heading')}
        </h2>
        <Metadata dataset={dataset} />
      </section>

      <section className={styles.section} aria-labelledby="info-schema">
        <h2 id="info-schema" className={styles.heading}>
          {t('info.schema.heading')}{' '}
          <span className={styles.count}>{t('info.schema.fields', { count: dataset.fields.length })}</span>
        </h2>
        <Schema fields={dataset.fields} />
      </section>

      <Attachments target={target} datasetId={dataset.dataset_id} />
      <Reuses target={target} datasetId={dataset.dataset_id} />
      <Snapshots target={target} datasetId={dataset.dataset_id} />
    </div>
  );
}

function Metadata({ dataset }: { dataset: Dataset }) {
  const metas = dataset.metas.default;
  const list = (values: string[] | null | undefined) => (values?.length ? values.join(', ') : null);
  const rows: [string, React.ReactNode][] = [];
  if (metas.publisher) rows.push([t('info.metadata.publisher'), metas.publisher]);
  if (metas.license) {
    rows.push([
      t('info.metadata.licence'),
      metas.license_url ? (
        <a key="licence" href={metas.license_url} target="_blank" rel="noopener noreferrer">
          {metas.license} <ExternalLink aria-hidden size={12} />
        </a>
      ) : (
        metas.license
      ),
    ]);
  }
  const modified = formatDate(metas.modified);
  if (modified)
    rows.push([
      t('common.modified'),
      <time key="modified" dateTime={metas.modified ?? undefined}>
        {modified}
      </time>,
    ]);
  rows.push([
    t('info.metadata.records'),
    dataset.has_records ? formatCount(metas.records_count ?? 0) : t('common.noRecords'),
  ]);
  const themes = list(metas.theme);
  if (themes) rows.push([t('info.metadata.themes'), themes]);
  const keywords = list(metas.keyword);
  if (keywords) rows.push([t('info.metadata.keywords'), keywords]);
  if (metas.language) rows.push([t('common.language.label'), metas.language]);
  const territory = list(metas.territory);
  if (territory) rows.push([t('info.metadata.territory'), territory]);
  if (metas.timezone) rows.push([t('info.metadata.timeZone'), metas.timezone]);
  rows.push([t('info.metadata.identifier'), <code key="id">{dataset.dataset_id}</code>]);
  return (
    <dl className={styles.metadata}>
      {rows.map(([term, value]) => (
        <div key={term} className={styles.metaRow}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function annotationText(annotations: DatasetField['annotations']): string[] {
  return Object.entries(annotations).map(([name, args]) =>
    args.length ? `${name} (${args.map((a) => JSON.stringify(a)).join(', ')})` : name,
  );
}

function Schema({ fields }: { fields: readonly DatasetField[] }) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.schema}>
        <thead>
          <tr>
            <th scope="col">{t('info.schema.label')}</th>
            <th scope="col">{t('info.schema.name')}</th>
            <th scope="col">{t('info.schema.type')}</th>
            <th scope="col">{t('info.schema.description')}</th>
            <th scope="col">{t('info.schema.annotations')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field.name}>
              <th scope="row">{field.label || field.name}</th>
              <td>
                <code>{field.name}</code>
              </td>
              <td>{typeLabel(field.type)}</td>
              <td>{field.description || <span className={styles.muted}>—</span>}</td>
              <td>
                <ul className={styles.annotations}>
                  {annotationText(field.annotations).map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A section whose endpoint this portal lacks (404) is left out; other failures show inline. */
function OptionalSection({
  id,
  title,
  loading,
  query,
  empty,
  children,
}: {
  id: string;
  title: string;
  /** The name of its loading placeholder ("Loading attachments"). */
  loading: string;
  query: { error: unknown; isPending: boolean; refetch: () => unknown };
  empty: boolean;
  children: React.ReactNode;
}) {
  if (query.error instanceof NotFoundError) return null;
  return (
    <section className={styles.section} aria-labelledby={id}>
      <h2 id={id} className={styles.heading}>
        {title}
      </h2>
      {query.error ? (
        <ApiErrorState compact error={query.error} onRetry={() => query.refetch()} />
      ) : query.isPending ? (
        <div role="status" aria-label={loading}>
          <Skeleton width="40%" />
          <Skeleton width="55%" style={{ marginTop: '0.5rem' }} />
        </div>
      ) : empty ? (
        <p className={styles.muted}>{t('info.section.none')}</p>
      ) : (
        children
      )}
    </section>
  );
}

function Attachments({ target, datasetId }: { target: PortalTarget; datasetId: string }) {
  const query = useQuery(datasetQueries.attachments(target, datasetId));
  const attachments = query.data ?? [];
  return (
    <OptionalSection
      id="info-attachments"
      title={t('info.attachments.heading')}
      loading={t('info.attachments.loading')}
      query={query}
      empty={attachments.length === 0}
    >
      <AttachmentList target={target} datasetId={datasetId} attachments={attachments} />
    </OptionalSection>
  );
}

function Reuses({ target, datasetId }: { target: PortalTarget; datasetId: string }) {
  const query = useQuery(datasetQueries.reuses(target, datasetId));
  const reuses = query.data ?? [];
  return (
    <OptionalSection
      id="info-reuses"
      title={t('info.reuses.heading')}
      loading={t('info.reuses.loading')}
      query={query}
      empty={reuses.length === 0}
    >
      <ul className={styles.reuses}>
        {reuses.map((reuse) => (
          <li key={reuse.id} className={styles.reuse}>
            {reuse.thumbnail && (
              <img src={reuse.thumbnail} alt="" className={styles.thumbnail} loading="lazy" />
            )}
            <div className={styles.reuseBody}>
              <a href={reuse.url} target="_blank" rel="noopener noreferrer" className={styles.reuseTitle}>
                {reuse.title} <ExternalLink aria-hidden size={12} />
              </a>
              {reuse.description && <p className={styles.reuseText}>{reuse.description}</p>}
              <p className={styles.muted}>
                {[reuse.author && t('info.reuses.by', { author: reuse.author }), formatDate(reuse.createdAt)]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </OptionalSection>
  );
}

function Snapshots({ target, datasetId }: { target: PortalTarget; datasetId: string }) {
  const query = useQuery(datasetQueries.snapshots(target, datasetId));
  const snapshots = query.data ?? [];
  return (
    <OptionalSection
      id="info-snapshots"
      title={t('info.snapshots.heading')}
      loading={t('info.snapshots.loading')}
      query={query}
      empty={snapshots.length === 0}
    >
      <FileList>
        {snapshots.map((snapshot) => {
          const created = new Date(snapshot.createdAt);
          const when = Number.isNaN(created.getTime()) ? snapshot.createdAt : formatDateTime(created);
          return (
            <FileItem
              key={snapshot.id}
              icon={<FileArchive aria-hidden size={15} />}
              name={when}
              detail={snapshot.description}
            >
              <DownloadButton
                target={target}
                url={snapshotUrl(target, datasetId, snapshot.id)}
                name={t('info.snapshots.name', { when })}
                fallbackName={`${datasetId}-${snapshot.id}.csv`}
              />
            </FileItem>
          );
        })}
      </FileList>
    </OptionalSection>
  );
}
