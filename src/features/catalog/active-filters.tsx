import { ChipKind, type FilterChip, FilterChips } from '../../components/filter-chips';
import { facetLabel, facetValueLabel } from './catalog-facet-labels';
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
  const chips: FilterChip[] = [];
  if (search.q) {
    chips.push({
      key: 'q',
      content: (
        <>
          <ChipKind>Search:</ChipKind> “{search.q}”
        </>
      ),
      removeLabel: `Remove the search “${search.q}”`,
      onRemove: onRemoveQuery,
    });
  }
  for (const filter of search.refine ?? []) {
    chips.push({
      key: `refine ${filter}`,
      content: filterLabel(filter),
      removeLabel: `Remove the filter ${filterLabel(filter)}`,
      onRemove: () => onRemove('refine', filter),
    });
  }
  for (const filter of search.exclude ?? []) {
    chips.push({
      key: `exclude ${filter}`,
      content: (
        <>
          <ChipKind negative>Not</ChipKind> {filterLabel(filter)}
        </>
      ),
      removeLabel: `Remove the exclusion ${filterLabel(filter)}`,
      negative: true,
      onRemove: () => onRemove('exclude', filter),
    });
  }
  return <FilterChips chips={chips} onClearAll={onClearAll} />;
}
