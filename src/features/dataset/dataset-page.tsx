import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Building2, ChevronRight, Clock, Rows3, Scale } from 'lucide-react';
import { useEffect } from 'react';
import { FeatureIcons } from '../../components/feature-icons';
import { ApiErrorState, Skeleton } from '../../components/states';
import { formatDate, plural } from '../../lib/format';
import { excerpt, htmlToText } from '../../lib/html-text';
import { usePortal } from '../../lib/portal-context';
import styles from './dataset-page.module.css';
import { datasetQueries } from './dataset-queries';

export interface DatasetPageProps {
  datasetId: string;
}

/** A dataset's page. For now its header: what the dataset is, whose, how big and how fresh. */
export function DatasetPage({ datasetId }: DatasetPageProps) {
  const { target, name } = usePortal();
  const query = useQuery(datasetQueries.detail(target, datasetId));
  const dataset = query.data?.dataset;
  const title = dataset?.metas.default.title || datasetId;

  useEffect(() => {
    document.title = `${title} · ${name} · ODS Explorer`;
  }, [title, name]);

  return (
    <article className={styles.page} aria-labelledby="dataset-heading">
      <nav aria-label="Breadcrumb" className={styles.breadcrumb}>
        <Link to="/">Catalog</Link>
        <ChevronRight aria-hidden size={14} />
        <span aria-current="page">{title}</span>
      </nav>
      {dataset ? (
        <header className={styles.header}>
          <div className={styles.titleRow}>
            <h1 id="dataset-heading" className={styles.title}>
              {title}
            </h1>
            <FeatureIcons features={dataset.features} />
          </div>
          <ul className={styles.meta}>
            {dataset.metas.default.publisher && (
              <li>
                <Building2 aria-hidden size={15} />
                <span className="sr-only">Publisher: </span>
                {dataset.metas.default.publisher}
              </li>
            )}
            <li>
              <Rows3 aria-hidden size={15} />
              {dataset.has_records
                ? plural(dataset.metas.default.records_count ?? 0, 'record')
                : 'No records'}
            </li>
            {formatDate(dataset.metas.default.modified) && (
              <li>
                <Clock aria-hidden size={15} />
                Modified {formatDate(dataset.metas.default.modified)}
              </li>
            )}
            {dataset.metas.default.license && (
              <li>
                <Scale aria-hidden size={15} />
                <span className="sr-only">Licence: </span>
                {dataset.metas.default.license_url ? (
                  <a href={dataset.metas.default.license_url} rel="noreferrer noopener" target="_blank">
                    {dataset.metas.default.license}
                  </a>
                ) : (
                  dataset.metas.default.license
                )}
              </li>
            )}
            <li className={styles.id}>
              <span className="sr-only">Identifier: </span>
              {dataset.dataset_id}
            </li>
          </ul>
          {dataset.metas.default.description && (
            <p className={styles.description}>
              {excerpt(htmlToText(dataset.metas.default.description), 600)}
            </p>
          )}
        </header>
      ) : query.error ? (
        <>
          <h1 id="dataset-heading" className={styles.title}>
            {datasetId}
          </h1>
          <ApiErrorState
            error={query.error}
            notFound={`There is no dataset “${datasetId}” on this portal. It may have been renamed, removed, or be private.`}
            onRetry={() => query.refetch()}
          />
        </>
      ) : (
        <header className={styles.header} aria-busy>
          <h1 id="dataset-heading" className="sr-only">
            Loading {datasetId}
          </h1>
          <Skeleton width="50%" height="1.6rem" />
          <Skeleton width="70%" style={{ marginTop: '0.8rem' }} />
          <Skeleton width="90%" style={{ marginTop: '1rem' }} />
        </header>
      )}
    </article>
  );
}
