import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ChevronRight } from 'lucide-react';
import { type ReactNode, useEffect } from 'react';
import { isGeoType } from '../../../common/ods-api/field-types';
import type { Dataset } from '../../../common/ods-api/types';
import { IgnoredParamsNotice } from '../../components/ignored-params-notice';
import { ApiErrorState, Skeleton } from '../../components/states';
import { t } from '../../i18n/translate';
import { usePortal } from '../../lib/portal-context';
import { chartParamChecks } from './charts/chart-state';
import { DatasetHeader, DatasetTabs } from './dataset-header';
import styles from './dataset-page.module.css';
import { datasetQueries } from './dataset-queries';
import {
  DATASET_TABS,
  type DatasetSearch,
  type DatasetTab,
  sortFieldCheck,
  withSort,
  withTab,
} from './dataset-search-params';
import { DatasetViews } from './dataset-views';
import { DatasetFeedback } from './feedback/dataset-feedback';
import type { NavigateOptions } from './view-props';

export interface DatasetPageProps {
  datasetId: string;
  search: DatasetSearch;
  /** The record of `/datasets/…/records/<id>`, shown in the side panel. */
  recordId: string | null;
  onSearchChange: (next: DatasetSearch, options?: NavigateOptions) => void;
  onOpenRecord: (recordId: string, options?: NavigateOptions) => void;
  onCloseRecord: () => void;
  /** A link to a record's own URL, keeping the view (the panel's permalink). */
  recordLink: (recordId: string, children: ReactNode, className: string | undefined) => ReactNode;
}

/** The views a dataset offers: the map only when it has a geo field. */
function availableTabs(dataset: Dataset): readonly DatasetTab[] {
  const geo = dataset.fields.some((f) => isGeoType(f.type));
  return DATASET_TABS.filter((tab) => tab !== 'map' || geo);
}

/**
 * A dataset's page: what it is (title, publisher, size, freshness), then its views over one filter
 * (Table, Map) and its Information. A record opens in a side panel over any of them.
 */
export function DatasetPage({
  datasetId,
  search: searchAsGiven,
  recordId,
  onSearchChange,
  onOpenRecord,
  onCloseRecord,
  recordLink,
}: DatasetPageProps) {
  const { target, name } = usePortal();
  const query = useQuery(datasetQueries.detail(target, datasetId));
  const dataset = query.data;
  // A sort on a field the dataset lacks is dropped here (never sent) and named in the notice.
  const sortCheck = dataset ? sortFieldCheck(dataset.fields) : null;
  const search =
    sortCheck && searchAsGiven.sort && sortCheck(searchAsGiven.sort)
      ? withSort(searchAsGiven, null)
      : searchAsGiven;
  const title = dataset?.metas.default.title || datasetId;
  const tabs = dataset ? availableTabs(dataset) : DATASET_TABS;
  // A tab the dataset has no use for (the map of a dataset without geo fields) shows the table.
  const tab: DatasetTab = search.tab && tabs.includes(search.tab) ? search.tab : 'table';

  useEffect(() => {
    document.title = t('dataset.page.title', { title, portal: name });
  }, [title, name]);

  return (
    <article className={styles.page} aria-labelledby="dataset-heading" data-wide>
      <IgnoredParamsNotice
        checks={{
          ...(sortCheck ? { sort: sortCheck } : {}),
          ...(dataset ? chartParamChecks(dataset.fields, search['chart.type']) : {}),
        }}
      />
      <nav aria-label={t('dataset.page.breadcrumb')} className={styles.breadcrumb}>
        <Link to="/">{t('dataset.page.catalog')}</Link>
        <ChevronRight aria-hidden size={14} />
        <span aria-current="page">{title}</span>
      </nav>
      {dataset ? (
        <>
          <DatasetHeader
            dataset={dataset}
            title={title}
            actions={<DatasetFeedback target={target} datasetId={dataset.dataset_id} />}
          />
          <DatasetTabs tab={tab} tabs={tabs} onChange={(next) => onSearchChange(withTab(search, next))} />
          <div
            role="tabpanel"
            id={`dataset-panel-${tab}`}
            aria-labelledby={`dataset-tab-${tab}`}
            className={styles.tabPanel}
          >
            <DatasetViews
              target={target}
              dataset={dataset}
              search={search}
              tab={tab}
              recordId={recordId}
              onSearchChange={onSearchChange}
              onOpenRecord={onOpenRecord}
              onCloseRecord={onCloseRecord}
              recordLink={recordLink}
            />
          </div>
        </>
      ) : query.error ? (
        <>
          <h1 id="dataset-heading" className={styles.title}>
            {datasetId}
          </h1>
          <ApiErrorState
            error={query.error}
            notFound={t('dataset.page.notFound', { id: datasetId })}
            onRetry={() => query.refetch()}
          />
        </>
      ) : (
        <header className={styles.header} aria-busy>
          <h1 id="dataset-heading" className="sr-only">
            {t('dataset.page.loading', { id: datasetId })}
          </h1>
          <Skeleton width="50%" height="1.6rem" />
          <Skeleton width="70%" style={{ marginTop: '0.8rem' }} />
        </header>
      )}
    </article>
  );
}
