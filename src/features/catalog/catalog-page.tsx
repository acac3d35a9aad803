import { useQuery } from '@tanstack/react-query';
import type { PortalTarget } from '../../api/client';
import { EmptyState, ErrorState, PendingState } from '../../components/states';
import styles from './catalog-page.module.css';
import { catalogQueries } from './catalog-queries';

export function CatalogPage({ target }: { target: PortalTarget }) {
  const query = useQuery(catalogQueries.datasets(target, {}));
  return (
    <section aria-labelledby="catalog-heading">
      <h1 id="catalog-heading" className={styles.heading}>
        Datasets
      </h1>
      {query.data ? (
        query.data.datasets.length === 0 ? (
          <EmptyState>This portal has no datasets.</EmptyState>
        ) : (
          <ul className={styles.list}>
            {query.data.datasets.map(({ dataset }) => (
              <li key={dataset.dataset_id} className={styles.card}>
                <h2>{dataset.metas.default.title}</h2>
                <p className={styles.meta}>
                  {dataset.metas.default.records_count.toLocaleString()} records · {dataset.dataset_id}
                </p>
              </li>
            ))}
          </ul>
        )
      ) : query.error ? (
        <ErrorState
          title="The catalog could not be loaded"
          error={query.error}
          onRetry={() => query.refetch()}
        />
      ) : (
        <PendingState label="Loading the catalog…" />
      )}
    </section>
  );
}
