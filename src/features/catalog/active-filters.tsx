import { X } from 'lucide-react';
import { facetLabel, facetValueLabel } from './catalog-facet-labels';
import styles from './catalog-page.module.css';
import { type CatalogSearch, splitFilter } from './catalog-search-params';

export interface ActiveFiltersProps {
  search: CatalogSearch;
  onRemoveQuery: () => void;
  onRemove: (kind: 'refine' | 'exclude', filter: string) => void;
  onClearAll: () => void;
}

function filterLabel(filter: string): string {
  const parts = splitFilter(filter);
  return parts ? `${facetLabel(parts.facet)}: ${facetValueLabel(parts.facet, parts.value)}` : filter;
}

/** The filters in force, each removable, and one button to clear them all. */
export function ActiveFilters({ search, onRemoveQuery, onRemove, onClearAll }: ActiveFiltersProps) {
  const refine = search.refine ?? [];
  const exclude = search.exclude ?? [];
  const count = (search.q ? 1 : 0) + refine.length + exclude.length;
  if (count === 0) return null;
  return (
    <div className={styles.activeFilters}>
      <ul className={styles.chips} aria-label="Active filters">
        {search.q && (
          <li>
            <button
              type="button"
              className={styles.chip}
              aria-label={`Remove the search “${search.q}”`}
              onClick={onRemoveQuery}
            >
              <span className={styles.chipKind}>Search:</span> “{search.q}”
              <X aria-hidden size={13} />
            </button>
          </li>
        )}
        {refine.map((filter) => (
          <li key={`refine ${filter}`}>
            <button
              type="button"
              className={styles.chip}
              aria-label={`Remove the filter ${filterLabel(filter)}`}
              onClick={() => onRemove('refine', filter)}
            >
              {filterLabel(filter)}
              <X aria-hidden size={13} />
            </button>
          </li>
        ))}
        {exclude.map((filter) => (
          <li key={`exclude ${filter}`}>
            <button
              type="button"
              className={`${styles.chip} ${styles.chipExcluded}`}
              aria-label={`Remove the exclusion ${filterLabel(filter)}`}
              onClick={() => onRemove('exclude', filter)}
            >
              <span className={styles.chipKind}>Not</span> {filterLabel(filter)}
              <X aria-hidden size={13} />
            </button>
          </li>
        ))}
      </ul>
      {count > 1 && (
        <button type="button" className={styles.clearAll} onClick={onClearAll}>
          Clear all
        </button>
      )}
    </div>
  );
}
