import { useQuery } from '@tanstack/react-query';
import { SlidersHorizontal } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import type { Dataset } from '../../../common/ods-api/types';
import type { PortalTarget } from '../../api/client';
import { OdsqlError } from '../../api/errors';
import type { ViewFilter } from '../../api/params';
import { Button } from '../../components/button';
import { SearchBox } from '../../components/search-box';
import { t } from '../../i18n/translate';
import { datasetQueries } from './dataset-queries';
import {
  type DatasetSearch,
  hasFilters,
  toggleExclude,
  toggleRefine,
  withColumnFilter,
  withQuery,
  withWhere,
} from './dataset-search-params';
import { DatasetFilterChips } from './filters/dataset-filter-chips';
import { FacetPanel } from './filters/facet-panel';
import { FilterBuilder } from './filters/filter-builder';
import { WhereBox } from './filters/where-box';
import styles from './view-layout.module.css';
import type { NavigateOptions } from './view-props';

export interface ViewLayoutProps {
  target: PortalTarget;
  dataset: Dataset;
  search: DatasetSearch;
  filter: ViewFilter;
  onSearchChange: (next: DatasetSearch, options?: NavigateOptions) => void;
  /** The region's name ("Records", "Map"). */
  label: string;
  children: ReactNode;
}

/**
 * What every data view shares: the facets beside, the search, the column filters, the ODSQL box
 * and the chips of every filter above, and the count of the view's records. The view below (the
 * table, the map) draws the same filter its own way.
 */
export function ViewLayout({
  target,
  dataset,
  search,
  filter,
  onSearchChange,
  label,
  children,
}: ViewLayoutProps) {
  const fields = dataset.fields;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const count = useQuery(datasetQueries.recordsCount(target, dataset.dataset_id, filter));
  const whereError = search.where && count.error instanceof OdsqlError ? count.error : null;
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
          {t('common.filters')}
        </h2>
        <FacetPanel
          target={target}
          datasetId={dataset.dataset_id}
          fields={fields}
          filter={filter}
          hasWhere={Boolean(search.where)}
          onRefine={(facet, value, hierarchical) =>
            onSearchChange(toggleRefine(search, facet, value, { hierarchical }))
          }
          onExclude={(facet, value) => onSearchChange(toggleExclude(search, facet, value))}
        />
      </aside>

      <section className={styles.main} aria-label={label}>
        <div className={styles.toolbar}>
          <SearchBox
            value={search.q ?? ''}
            onCommit={(q) => onSearchChange(withQuery(search, q), { replace: true })}
            label={t('dataset.layout.searchLabel')}
            placeholder={t('dataset.layout.searchPlaceholder')}
          />
          <FilterBuilder fields={fields} onAdd={(f) => onSearchChange(withColumnFilter(search, f))} />
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
            {activeFilterCount > 0
              ? t('dataset.layout.facetsActive', { count: activeFilterCount })
              : t('dataset.layout.facets')}
          </Button>
        </div>
        <DatasetFilterChips fields={fields} search={search} onChange={onSearchChange} />
        <RecordCount
          count={count.isPlaceholderData ? undefined : count.data}
          of={hasFilters(search) ? dataset.metas.default.records_count : undefined}
        />
        {children}
      </section>
    </div>
  );
}

/**
 * "1,234 of 135,233 records". While a new filter's count loads, the number is not shown at all:
 * the previous one (often the unfiltered total) would read as this filter's.
 */
function RecordCount({ count, of }: { count: number | undefined; of: number | undefined }) {
  const text =
    count === undefined
      ? of === undefined
        ? t('common.counting')
        : t('dataset.count.countingOf', { count: of })
      : of === undefined
        ? t('common.records', { count })
        : t('dataset.count.shownOf', { shown: count, count: of });
  return (
    <output className={styles.count} aria-label={t('dataset.count.label')} aria-busy={count === undefined}>
      {text}
    </output>
  );
}
