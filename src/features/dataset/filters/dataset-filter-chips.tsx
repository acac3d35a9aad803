import type { DatasetField } from '../../../../common/ods-api/types';
import { ChipKind, type FilterChip, FilterChips } from '../../../components/filter-chips';
import { decodeColumnFilter, describeColumnFilter } from '../column-filters';
import {
  type DatasetSearch,
  withMap,
  withoutColumnFilter,
  withoutFacetFilter,
  withoutFilters,
  withQuery,
  withWhere,
} from '../dataset-search-params';
import { refineLabel } from '../facet-labels';
import { parseGeoPolygon } from '../geofilter';

export interface DatasetFilterChipsProps {
  fields: readonly DatasetField[];
  search: DatasetSearch;
  /** The search without the removed filter (or without any, for Clear all). */
  onChange: (next: DatasetSearch) => void;
}

/** Every filter of the view as a removable chip, the map's included, and "Clear all". */
export function DatasetFilterChips({ fields, search, onChange }: DatasetFilterChipsProps) {
  const onRemoveQuery = () => onChange(withQuery(search, ''));
  const onRemoveWhere = () => onChange(withWhere(search, ''));
  const onRemoveFacet = (kind: 'refine' | 'exclude', filter: string) =>
    onChange(withoutFacetFilter(search, kind, filter));
  const onRemoveColumnFilter = (encoded: string) => onChange(withoutColumnFilter(search, encoded));
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
  if (search['geofilter.bbox']) {
    chips.push({
      key: 'geofilter.bbox',
      content: (
        <>
          <ChipKind>Map:</ChipKind> the map view
        </>
      ),
      removeLabel: 'Remove the map view filter',
      onRemove: () => onChange(withMap(search, { 'geofilter.bbox': undefined })),
    });
  }
  const polygon = parseGeoPolygon(search['geofilter.polygon']);
  if (polygon) {
    chips.push({
      key: 'geofilter.polygon',
      content: (
        <>
          <ChipKind>Map:</ChipKind> a drawn area ({polygon.length} corners)
        </>
      ),
      removeLabel: 'Remove the drawn area',
      onRemove: () => onChange(withMap(search, { 'geofilter.polygon': undefined })),
    });
  }
  // The view's filters pile up from several places; one button clears them whatever their number.
  return <FilterChips chips={chips} onClearAll={() => onChange(withoutFilters(search))} clearAllFrom={1} />;
}
