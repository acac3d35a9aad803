import { useEffect } from 'react';
import type { Dataset } from '../../../../common/ods-api/types';
import type { PortalTarget } from '../../../api/client';
import { OdsqlError } from '../../../api/errors';
import type { ViewFilter } from '../../../api/params';
import { ApiErrorState, EmptyState, Skeleton } from '../../../components/states';
import { formatCount, formatList } from '../../../i18n/format';
import { t } from '../../../i18n/translate';
import { errorSummary } from '../../../lib/error-advice';
import { type DatasetSearch, parseSort, withSort } from '../dataset-search-params';
import type { GridView } from '../grid-queries';
import type { NavigateOptions, RecordSequence } from '../view-props';
import { RecordsGrid } from './records-grid';
import styles from './table-view.module.css';
import { useGridPlan } from './use-grid-plan';

export interface TableViewProps {
  target: PortalTarget;
  dataset: Dataset;
  search: DatasetSearch;
  filter: ViewFilter;
  onSearchChange: (next: DatasetSearch, options?: NavigateOptions) => void;
  selectedRecordId: string | null;
  onOpenRecord: (recordId: string, sequence: RecordSequence) => void;
  /** A rank the grid scrolls into view (the record panel's previous/next, a permalink). */
  revealRank: number | null;
  /** The grid's view as it changes, for the record panel's previous/next (null while it loads). */
  onGridView: (view: GridView | null) => void;
}

/** The Table view: the grid over every record of the view's filter, in an order that reaches them all. */
export function TableView({
  target,
  dataset,
  search,
  filter,
  onSearchChange,
  selectedRecordId,
  onOpenRecord,
  revealRank,
  onGridView,
}: TableViewProps) {
  const fields = dataset.fields;
  const grid = useGridPlan(target, dataset.dataset_id, fields, filter, search.sort);
  const sort = parseSort(search.sort);
  const timeZone = dataset.metas.default.timezone || 'UTC';
  const whereError = search.where && grid.error instanceof OdsqlError ? grid.error : null;
  const order = grid.order;
  const defaultKey = !sort && order && order.kind !== 'natural' && order.key ? order.key : null;
  const view = grid.stale ? null : grid.view;

  useEffect(() => onGridView(view), [view, onGridView]);
  useEffect(() => () => onGridView(null), [onGridView]);

  if (grid.error && !grid.view) {
    return (
      <div className={styles.state}>
        {whereError ? (
          <EmptyState title={t('table.view.whereTitle')}>
            <p>{t('table.view.whereText')}</p>
          </EmptyState>
        ) : (
          <ApiErrorState error={grid.error} onRetry={grid.retry} />
        )}
      </div>
    );
  }
  if (!grid.view) {
    return (
      <div className={styles.state} role="status" aria-label={t('dataset.views.loadingRecords')}>
        <Skeleton width="12rem" />
        <Skeleton height="20rem" style={{ marginTop: '0.6rem' }} />
      </div>
    );
  }
  return (
    <RecordsGrid
      target={target}
      datasetId={dataset.dataset_id}
      fields={fields}
      filter={grid.view.filter}
      plan={grid.view.plan}
      stale={grid.stale}
      sort={sort}
      defaultKey={defaultKey}
      onSortChange={(next) => onSearchChange(withSort(search, next))}
      timeZone={timeZone}
      selectedRecordId={selectedRecordId}
      onOpenRecord={(id, rank) => onOpenRecord(id, { kind: 'grid', rank })}
      revealRank={revealRank}
      status={
        <>
          {defaultKey && (
            <span className={styles.note}>
              {t('table.view.defaultOrder', {
                field: fields.find((f) => f.name === defaultKey.field)?.label ?? defaultKey.field,
              })}
            </span>
          )}
          {grid.error && !whereError && (
            <span className={styles.problem} role="alert">
              {t('table.view.filterError', {
                message: errorSummary(grid.error),
              })}{' '}
              <button type="button" className={styles.linkButton} onClick={grid.retry}>
                {t('common.tryAgain')}
              </button>
            </span>
          )}
        </>
      }
      notice={
        grid.reach && !grid.reach.all ? (
          <p className={styles.notice} role="note">
            {t('table.view.partial', {
              ranges: formatList(
                grid.reach.ranges.map((r) => `${formatCount(r.start + 1)}–${formatCount(r.start + r.count)}`),
              ),
              total: formatCount(grid.view.plan.total),
            })}
          </p>
        ) : null
      }
    />
  );
}
