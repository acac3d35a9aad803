import { SlidersHorizontal } from 'lucide-react';
import { useState } from 'react';
import type { Dataset } from '../../../common/ods-api/types';
import type { PortalTarget } from '../../api/client';
import { OdsqlError } from '../../api/errors';
import { Button } from '../../components/button';
import { SearchBox } from '../../components/search-box';
import { ApiErrorState, EmptyState, Skeleton } from '../../components/states';
import { formatCount, plural } from '../../lib/format';
import {
  type DatasetSearch,
  hasFilters,
  parseSort,
  toggleExclude,
  toggleRefine,
  withColumnFilter,
  withoutColumnFilter,
  withoutFacetFilter,
  withoutFilters,
  withQuery,
  withSort,
  withWhere,
} from './dataset-search-params';
import { DatasetFilterChips } from './filters/dataset-filter-chips';
import { FacetPanel } from './filters/facet-panel';
import { FilterBuilder } from './filters/filter-builder';
import { WhereBox } from './filters/where-box';
import styles from './records-view.module.css';
import { RecordsGrid } from './table/records-grid';
import type { GridPlanState } from './use-grid-plan';

export interface NavigateOptions {
  /** Typing replaces the history entry; deliberate actions push a new one. */
  replace?: boolean;
}

export interface RecordsViewProps {
  target: PortalTarget;
  dataset: Dataset;
  search: DatasetSearch;
  onSearchChange: (next: DatasetSearch, options?: NavigateOptions) => void;
  grid: GridPlanState;
  selectedRecordId: string | null;
  onOpenRecord: (recordId: string, rank: number) => void;
  /** A rank the grid scrolls into view (the record panel's previous/next). */
  revealRank: number | null;
}

/** The records tab: facets beside, search and filters above, the grid over the whole result. */
export function RecordsView({
  target,
  dataset,
  search,
  onSearchChange,
  grid,
  selectedRecordId,
  onOpenRecord,
  revealRank,
}: RecordsViewProps) {
  const fields = dataset.fields;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const sort = parseSort(search.sort);
  const timeZone = dataset.metas.default.timezone || 'UTC';
  const recordsCount = dataset.metas.default.records_count;
  const whereError = search.where && grid.error instanceof OdsqlError ? grid.error : null;
  const order = grid.order;
  const defaultKey = !sort && order && order.kind !== 'natural' && order.key ? order.key : null;
  const activeFilterCount =
    (search.refine?.length ?? 0) +
    (search.exclude?.length ?? 0) +
    (search.f?.length ?? 0) +
    (search.where ? 1 : 0);

  return (
    <div className={styles.layout}>
      <aside
        className={`${styles.sidebar} ${filtersOpen ? styles.sidebarOpen : ''}`}
        aria-labelledby="facets-heading"
      >
        <h2 id="facets-heading" className={styles.sidebarHeading}>
          Filters
        </h2>
        <FacetPanel
          target={target}
          datasetId={dataset.dataset_id}
          fields={fields}
          search={search}
          onRefine={(facet, value, hierarchical) =>
            onSearchChange(toggleRefine(search, facet, value, { hierarchical }))
          }
          onExclude={(facet, value) => onSearchChange(toggleExclude(search, facet, value))}
        />
      </aside>

      <section className={styles.main} aria-label="Records">
        <div className={styles.toolbar}>
          <SearchBox
            value={search.q ?? ''}
            onCommit={(q) => onSearchChange(withQuery(search, q), { replace: true })}
            label="Search the records"
            placeholder="Search all text fields…"
          />
          <FilterBuilder
            fields={fields}
            onAdd={(filter) => onSearchChange(withColumnFilter(search, filter))}
          />
          <WhereBox
            target={target}
            datasetId={dataset.dataset_id}
            value={search.where ?? ''}
            error={whereError}
            onApply={(where) => onSearchChange(withWhere(search, where))}
          />
          <Button
            className={styles.filtersToggle}
            aria-expanded={filtersOpen}
            onClick={() => setFiltersOpen(!filtersOpen)}
          >
            <SlidersHorizontal aria-hidden size={15} />
            Facets{activeFilterCount > 0 ? ` (${activeFilterCount})` : ''}
          </Button>
        </div>

        <DatasetFilterChips
          fields={fields}
          search={search}
          onRemoveQuery={() => onSearchChange(withQuery(search, ''))}
          onRemoveWhere={() => onSearchChange(withWhere(search, ''))}
          onRemoveFacet={(kind, filter) => onSearchChange(withoutFacetFilter(search, kind, filter))}
          onRemoveColumnFilter={(encoded) => onSearchChange(withoutColumnFilter(search, encoded))}
          onClearAll={() => onSearchChange(withoutFilters(search))}
        />

        {grid.error && !grid.view ? (
          whereError ? (
            <div className={styles.state}>
              <EmptyState title="The ODSQL clause needs a fix">
                <p>The portal did not accept the clause in the ODSQL box; its message is under the box.</p>
              </EmptyState>
            </div>
          ) : (
            <div className={styles.state}>
              <ApiErrorState error={grid.error} onRetry={grid.retry} />
            </div>
          )
        ) : grid.view ? (
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
            onOpenRecord={onOpenRecord}
            revealRank={revealRank}
            status={
              <>
                <output className={styles.count} aria-label="Record count">
                  {grid.total === undefined
                    ? ''
                    : hasFilters(search) && recordsCount !== undefined
                      ? `${formatCount(grid.total)} of ${plural(recordsCount, 'record')}`
                      : plural(grid.total, 'record')}
                </output>
                {defaultKey && (
                  <span className={styles.note}>
                    In order of {fields.find((f) => f.name === defaultKey.field)?.label ?? defaultKey.field},
                    so that every row can be reached
                  </span>
                )}
                {grid.error && !whereError && (
                  <span className={styles.problem} role="alert">
                    These filters could not be applied:{' '}
                    {grid.error instanceof Error ? grid.error.message : ''}{' '}
                    <button type="button" className={styles.linkButton} onClick={grid.retry}>
                      Try again
                    </button>
                  </span>
                )}
              </>
            }
            notice={
              grid.reach && !grid.reach.all ? (
                <p className={styles.notice} role="note">
                  This portal does not sort by record id, so only rows{' '}
                  {grid.reach.ranges
                    .map((r) => `${formatCount(r.start + 1)}–${formatCount(r.start + r.count)}`)
                    .join(' and ')}{' '}
                  of {formatCount(grid.view.plan.total)} can be shown. Narrow the filters, or sort the other
                  way, to reach the others.
                </p>
              ) : null
            }
          />
        ) : (
          <div className={styles.state} role="status" aria-label="Loading the records">
            <Skeleton width="12rem" />
            <Skeleton height="20rem" style={{ marginTop: '0.6rem' }} />
          </div>
        )}
      </section>
    </div>
  );
}
