import { useQuery } from '@tanstack/react-query';
import { SlidersHorizontal } from 'lucide-react';
import { useId, useState } from 'react';
import { MAX_WINDOW } from '../../../common/ods-api/params';
import { Button } from '../../components/button';
import { IgnoredParamsNotice } from '../../components/ignored-params-notice';
import { ApiErrorState, EmptyState, Skeleton } from '../../components/states';
import { RichMessage } from '../../i18n/rich-message';
import { t } from '../../i18n/translate';
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

const SORT_LABELS = {
  title: 'catalog.sort.title',
  '-title': 'catalog.sort.titleDesc',
  '-modified': 'catalog.sort.modifiedDesc',
  modified: 'catalog.sort.modified',
  '-records_count': 'catalog.sort.recordsDesc',
  records_count: 'catalog.sort.records',
} as const satisfies Record<CatalogSort, string>;

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
          {t('common.filters')}
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
            <p className={styles.unavailable}>{t('catalog.filtersUnavailable')}</p>
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
            {t('catalog.heading')}
          </h1>
          <output className={styles.total} aria-live="polite">
            {datasets.data ? t('common.datasets', { count: total }) : ''}
          </output>
        </div>

        <div className={styles.toolbar}>
          <CatalogSearchBox
            value={search.q ?? ''}
            onCommit={(q) => onSearchChange(withQuery(search, q), { replace: true })}
          />
          <div className={styles.sort}>
            <label htmlFor={sortId}>{t('catalog.sort.label')}</label>
            <select
              id={sortId}
              value={search.sort ?? ''}
              onChange={(event) =>
                onSearchChange(withSort(search, (event.target.value || undefined) as CatalogSort | undefined))
              }
            >
              <option value="">{t('catalog.sort.relevance')}</option>
              {CATALOG_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {t(SORT_LABELS[sort])}
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
            {activeFilterCount > 0
              ? t('common.filtersCount', { count: activeFilterCount })
              : t('common.filters')}
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
                {t('catalog.range', { first, last: first + datasets.data.datasets.length - 1, total })}
              </p>
              <ol
                className={`${styles.list} ${datasets.isPlaceholderData ? styles.stale : ''}`}
                aria-busy={datasets.isPlaceholderData}
                aria-label={t('catalog.heading')}
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
                <p className={styles.note}>{t('catalog.windowNote', { window: MAX_WINDOW })}</p>
              )}
              <CatalogPager page={page} pageCount={pageCount} pageSearch={(p) => withPage(search, p)} />
            </>
          )
        ) : datasets.error ? (
          <div className={styles.panelState}>
            <ApiErrorState
              error={datasets.error}
              notFound={t('catalog.notFound')}
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
      <EmptyState title={t('catalog.pastEnd.title')}>
        <p>
          <RichMessage
            k="catalog.pastEnd.body"
            values={{
              count: total,
              action: (
                <Button size="small" onClick={onFirstPage}>
                  {t('catalog.pastEnd.firstPage')}
                </Button>
              ),
            }}
          />
        </p>
      </EmptyState>
    );
  }
  if (!hasFilters(search)) {
    return (
      <EmptyState title={t('catalog.empty.title')}>
        <p>{t('catalog.empty.body')}</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title={noMatchTitle(search)}>
      <p>{t('catalog.noMatch.body')}</p>
      <p>
        <Button size="small" onClick={onClear}>
          {t('catalog.noMatch.clear')}
        </Button>
      </p>
    </EmptyState>
  );
}

function noMatchTitle(search: CatalogSearch): string {
  const filtered = Boolean(search.refine?.length || search.exclude?.length);
  if (!search.q) return t('catalog.noMatch.filters');
  return filtered
    ? t('catalog.noMatch.queryAndFilters', { q: search.q })
    : t('catalog.noMatch.query', { q: search.q });
}

function ResultsSkeleton() {
  return (
    <div role="status" aria-label={t('catalog.loading')} className={styles.list}>
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
    <div role="status" aria-label={t('common.facet.loading')}>
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
