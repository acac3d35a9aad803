import { ChipKind, type FilterChip, FilterChips } from '../../components/filter-chips';
import { t } from '../../i18n/translate';
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
  return parts
    ? t('common.facet.label', {
        facet: facetLabel(parts.facet),
        value: facetValueLabel(parts.facet, parts.value),
      })
    : filter;
}

/** The filters in force, each removable, and one button to clear them all. */
export function ActiveFilters({ search, onRemoveQuery, onRemove, onClearAll }: ActiveFiltersProps) {
  const chips: FilterChip[] = [];
  if (search.q) {
    chips.push({
      key: 'q',
      content: (
        <>
          <ChipKind>{t('common.chips.searchKind')}</ChipKind> {t('common.chips.quoted', { text: search.q })}
        </>
      ),
      removeLabel: t('common.chips.removeSearch', { text: search.q }),
      onRemove: onRemoveQuery,
    });
  }
  for (const filter of search.refine ?? []) {
    chips.push({
      key: `refine ${filter}`,
      content: filterLabel(filter),
      removeLabel: t('common.chips.removeFilter', { filter: filterLabel(filter) }),
      onRemove: () => onRemove('refine', filter),
    });
  }
  for (const filter of search.exclude ?? []) {
    chips.push({
      key: `exclude ${filter}`,
      content: (
        <>
          <ChipKind negative>{t('common.chips.notKind')}</ChipKind> {filterLabel(filter)}
        </>
      ),
      removeLabel: t('common.chips.removeExclusion', { filter: filterLabel(filter) }),
      negative: true,
      onRemove: () => onRemove('exclude', filter),
    });
  }
  return <FilterChips chips={chips} onClearAll={onClearAll} />;
}
