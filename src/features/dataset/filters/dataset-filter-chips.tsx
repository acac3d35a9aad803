import type { DatasetField } from '../../../../common/ods-api/types';
import { ChipKind, type FilterChip, FilterChips } from '../../../components/filter-chips';
import { decodeColumnFilter, describeColumnFilter } from '../column-filters';
import type { DatasetSearch } from '../dataset-search-params';
import { refineLabel } from '../facet-labels';

export interface DatasetFilterChipsProps {
  fields: readonly DatasetField[];
  search: DatasetSearch;
  onRemoveQuery: () => void;
  onRemoveWhere: () => void;
  onRemoveFacet: (kind: 'refine' | 'exclude', filter: string) => void;
  onRemoveColumnFilter: (encoded: string) => void;
  onClearAll: () => void;
}

/** Every filter of the view as a removable chip, and "Clear all". */
export function DatasetFilterChips({
  fields,
  search,
  onRemoveQuery,
  onRemoveWhere,
  onRemoveFacet,
  onRemoveColumnFilter,
  onClearAll,
}: DatasetFilterChipsProps) {
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
    const label = refineLabel(fields, filter);
    chips.push({
      key: `refine ${filter}`,
      content: label,
      removeLabel: `Remove the filter ${label}`,
      onRemove: () => onRemoveFacet('refine', filter),
    });
  }
  for (const filter of search.exclude ?? []) {
    const label = refineLabel(fields, filter);
    chips.push({
      key: `exclude ${filter}`,
      content: (
        <>
          <ChipKind negative>Not</ChipKind> {label}
        </>
      ),
      removeLabel: `Remove the exclusion ${label}`,
      negative: true,
      onRemove: () => onRemoveFacet('exclude', filter),
    });
  }
  for (const encoded of search.f ?? []) {
    const filter = decodeColumnFilter(encoded);
    if (!filter) continue;
    const label = describeColumnFilter(filter, fields);
    chips.push({
      key: `f ${encoded}`,
      content: label,
      removeLabel: `Remove the filter ${label}`,
      onRemove: () => onRemoveColumnFilter(encoded),
    });
  }
  if (search.where) {
    chips.push({
      key: 'where',
      content: (
        <>
          <ChipKind>Where:</ChipKind> <code>{search.where}</code>
        </>
      ),
      removeLabel: `Remove the clause ${search.where}`,
      onRemove: onRemoveWhere,
    });
  }
  // The grid's filters pile up from several places; one button clears them whatever their number.
  return <FilterChips chips={chips} onClearAll={onClearAll} clearAllFrom={1} />;
}
