import { useQuery } from '@tanstack/react-query';
import { SlidersHorizontal } from 'lucide-react';
import { useId, useState } from 'react';
import { MAX_WINDOW } from '../../../common/ods-api/params';
import { Button } from '../../components/button';
import { IgnoredParamsNotice } from '../../components/ignored-params-notice';
import { ApiErrorState, EmptyState, Skeleton } from '../../components/states';
import { formatCount, plural } from '../../i18n/format';
import { usePortal } from '../../lib/portal-context';
import { ActiveFilters } from './active-filters';
import { CatalogFacets } from './catalog-facets';
import styles from './catalog-page.module.css';
import { CatalogPager } from './catalog-pager';
import { catalogQueries } from './catalog-queries';
import { CatalogSearchBox } from './catalog-search-box';
import {
  CATALOG_PAGE_SIZE,
  CATALOG_PARAM_CHECKS,
  CATALOG_SORTS,
  type CatalogSearch,
  type CatalogSort,
  catalogDatasetsParams,
  catalogFacetsParams,
  hasFilters,
  MAX_CATALOG_PAGE,
  toggleExclude,
  toggleRefine,
  withoutFilter,
  withoutFilters,
  withPage,
  withQuery,
  withRefine,
  withSort,
} from './catalog-search-params';
import { DatasetCard } from './dataset-card';

export interface NavigateOptions {
  /** Typing replaces the history entry; deliberate actions push a new one. */
  replace?: boolean;
  resetScroll?: boolean;
}

export interface CatalogPageProps {
  search: CatalogSearch;
  onSearchChange: (next: CatalogSearch, options?: NavigateOptions) => void;
}

const SORT_LABELS: Record<CatalogSort, string> = {
  title: 'Title (A–Z)',
  '-title': 'Title (Z–A)',
  '-modified': 'Last modified',
  modified: 'Least recently modified',
  '-records_count': 'Most records',
  records_count: 'Fewest records',
};

/** The catalog browser: search, facets, sort and pages, all read from and written to the URL. */
export function CatalogPage({ search, onSearchChange }: CatalogPageProps) {
  const { target } = usePortal();
  const datasets = useQuery(catalogQueries.datasets(target, catalogDatasetsParams(search)));
  const facets = useQuery(catalogQueries.facets(target, catalogFacetsParams(search)));
  const [filtersOpen, setFiltersOpen] = useState(false);
  const sortId = useId();
  const page = search.page ?? 1;

  const total = datasets.data?.total ?? 0;
  const pageCount = Math.min(Math.ceil(total / CATALOG_PAGE_SIZE), MAX_CATALOG_PAGE);
  const first = (page - 1) * CATALOG_PAGE_SIZE + 1;
  const activeFilterCount = (search.refine?.length ?? 0) + (search.exclude?.length ?? 0);

  return (
    <div className={styles.layout}>
      <aside
        className={`${styles.sidebar} ${filtersOpen ? styles.sidebarOpen : ''}`}
        aria-labelledby="catalog-filters-heading"
      >
        <h2 id="catalog-filters-heading" className={styles.sidebarHeading}>
          Filters
        </h2>
        {facets.data ? (
          <CatalogFacets
            groups={facets.data}
            stale={facets.isPlaceholderData}
            onRefine={(facet, value, hierarchical) =>
              onSearchChange(toggleRefine(search, facet, value, { hierarchical }), { resetScroll: false })
            }
            onExclude={(facet, value) =>
              onSearchChange(toggleExclude(search, facet, value), { resetScroll: false })
            }
          />
        ) : facets.error ? (
          datasets.error ? (
            // The results panel already explains the failure; one explanation is enough.
            <p className={styles.unavailable}>Filters are unavailable.</p>
          ) : (
            <ApiErrorState compact error={facets.error} onRetry={() => facets.refetch()} />
          )
        ) : (
          <FacetsSkeleton />
        )}
      </aside>

      <section className={styles.results} aria-labelledby="catalog-heading">
        <IgnoredParamsNotice checks={CATALOG_PARAM_CHECKS} />
        <div className={styles.titleRow}>
          <h1 id="catalog-heading" className={styles.heading}>
            Datasets
          </h1>
          <output className={styles.total} aria-live="polite">
            {datasets.data ? plural(total, 'dataset') : ''}
          </output>
        </div>

        <div className={styles.toolbar}>
          <CatalogSearchBox
            value={search.q ?? ''}
            onCommit={(q) => onSearchChange(withQuery(search, q), { replace: true })}
          />
          <div className={styles.sort}>
            <label htmlFor={sortId}>Sort by</label>
            <select
              id={sortId}
              value={search.sort ?? ''}
              onChange={(event) =>
                onSearchChange(withSort(search, (event.target.value || undefined) as CatalogSort | undefined))
              }
            >
              <option value="">Relevance</option>
              {CATALOG_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {SORT_LABELS[sort]}
                </option>
              ))}
            </select>
          </div>
          <Button
            className={styles.filtersToggle}
            aria-expanded={filtersOpen}
            onClick={() => setFiltersOpen(!filtersOpen)}
          >
            <SlidersHorizontal aria-hidden size={15} />
            Filters{activeFilterCount > 0 ? ` (${activeFilterCount})` : ''}
          </Button>
        </div>

        <ActiveFilters
          search={search}
          onRemoveQuery={() => onSearchChange(withQuery(search, ''))}
          onRemove={(kind, filter) => onSearchChange(withoutFilter(search, kind, filter))}
          onClearAll={() => onSearchChange(withoutFilters(search))}
        />

        {datasets.data ? (
          datasets.data.datasets.length === 0 ? (
            <div className={styles.panelState}>
              <NoResults
                search={search}
                total={total}
                onClear={() => onSearchChange(withoutFilters(search))}
                onFirstPage={() => onSearchChange(withPage(search, 1))}
              />
            </div>
          ) : (
            <>
              <p className={styles.range}>
                Showing {formatCount(first)}–{formatCount(first + datasets.data.datasets.length - 1)} of{' '}
                {formatCount(total)}
              </p>
              <ol
                className={`${styles.list} ${datasets.isPlaceholderData ? styles.stale : ''}`}
                aria-busy={datasets.isPlaceholderData}
                aria-label="Datasets"
              >
                {datasets.data.datasets.map((dataset) => (
                  <li key={dataset.dataset_id}>
                    <DatasetCard
                      dataset={dataset}
                      refineSearch={(facet, value) => withRefine(search, facet, value)}
                    />
                  </li>
                ))}
              </ol>
              {total > MAX_WINDOW && page >= pageCount && (
                <p className={styles.note}>
                  The API pages through the first {formatCount(MAX_WINDOW)} results only. Refine the search to
                  reach the others.
                </p>
              )}
              <CatalogPager page={page} pageCount={pageCount} pageSearch={(p) => withPage(search, p)} />
            </>
          )
        ) : datasets.error ? (
          <div className={styles.panelState}>
            <ApiErrorState
              error={datasets.error}
              notFound="This address does not answer the Explore API v2.0 catalog. Check that it is an OpenDataSoft (Huwise) portal."
              onRetry={() => datasets.refetch()}
            />
          </div>
        ) : (
          <div className={styles.panelState}>
            <ResultsSkeleton />
          </div>
        )}
      </section>
    </div>
  );
}

function NoResults({
  search,
  total,
  onClear,
  onFirstPage,
}: {
  search: CatalogSearch;
  total: number;
  onClear: () => void;
  onFirstPage: () => void;
}) {
  if (total > 0) {
    return (
      <EmptyState title="This page is past the last result">
        <p>
          There are {plural(total, 'result')}.{' '}
          <Button size="small" onClick={onFirstPage}>
            Go to the first page
          </Button>
        </p>
      </EmptyState>
    );
  }
  if (!hasFilters(search)) {
    return (
      <EmptyState title="This portal has no public datasets">
        <p>If its datasets are private, set an API key in the portal picker.</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title={noMatchTitle(search)}>
      <p>Try other words, or remove a filter.</p>
      <p>
        <Button size="small" onClick={onClear}>
          Clear all filters
        </Button>
      </p>
    </EmptyState>
  );
}

function noMatchTitle(search: CatalogSearch): string {
  const filtered = Boolean(search.refine?.length || search.exclude?.length);
  if (!search.q) return 'No dataset matches these filters';
  return filtered
    ? `No dataset matches “${search.q}” with these filters`
    : `No dataset matches “${search.q}”`;
}

function ResultsSkeleton() {
  return (
    <div role="status" aria-label="Loading datasets" className={styles.list}>
      {[0, 1, 2, 3].map((index) => (
        <div key={index} className={styles.skeletonCard}>
          <Skeleton width="45%" height="1.1rem" />
          <Skeleton width="95%" style={{ marginTop: '0.6rem' }} />
          <Skeleton width="80%" style={{ marginTop: '0.35rem' }} />
          <Skeleton width="60%" height="0.75rem" style={{ marginTop: '0.7rem' }} />
        </div>
      ))}
    </div>
  );
}

function FacetsSkeleton() {
  return (
    <div role="status" aria-label="Loading filters">
      {[0, 1, 2].map((group) => (
        <div key={group} className={styles.skeletonGroup}>
          <Skeleton width="40%" height="0.75rem" />
          {[0, 1, 2, 3].map((row) => (
            <Skeleton key={row} width={`${85 - row * 12}%`} style={{ marginTop: '0.55rem' }} />
          ))}
        </div>
      ))}
    </div>
  );
}
