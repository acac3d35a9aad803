import type { DatasetField } from '../../../../common/ods-api/types';
import { ChipKind, type FilterChip, FilterChips } from '../../../components/filter-chips';
import { RichMessage } from '../../../i18n/rich-message';
import { t } from '../../../i18n/translate';
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
        <RichMessage
          k="dataset.chips.search"
          values={{ kind: <ChipKind>{t('common.chips.searchKind')}</ChipKind>, q: search.q }}
        />
      ),
      removeLabel: t('dataset.chips.removeSearch', { q: search.q }),
      onRemove: onRemoveQuery,
    });
  }
  for (const filter of search.refine ?? []) {
    const label = refineLabel(fields, filter);
    chips.push({
      key: `refine ${filter}`,
      content: label,
      removeLabel: t('dataset.chips.removeFilter', { label }),
      onRemove: () => onRemoveFacet('refine', filter),
    });
  }
  for (const filter of search.exclude ?? []) {
    const label = refineLabel(fields, filter);
    chips.push({
      key: `exclude ${filter}`,
      content: (
        <>
          <ChipKind negative>{t('common.chips.notKind')}</ChipKind> {label}
        </>
      ),
      removeLabel: t('dataset.chips.removeExclusion', { label }),
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
      removeLabel: t('dataset.chips.removeFilter', { label }),
      onRemove: () => onRemoveColumnFilter(encoded),
    });
  }
  if (search.where) {
    chips.push({
      key: 'where',
      content: (
        <>
          <ChipKind>{t('dataset.chips.whereKind')}</ChipKind> <code>{search.where}</code>
        </>
      ),
      removeLabel: t('dataset.chips.removeWhere', { where: search.where }),
      onRemove: onRemoveWhere,
    });
  }
  if (search['geofilter.bbox']) {
    chips.push({
      key: 'geofilter.bbox',
      content: (
        <RichMessage
          k="dataset.chips.mapView"
          values={{ kind: <ChipKind>{t('dataset.chips.mapKind')}</ChipKind> }}
        />
      ),
      removeLabel: t('dataset.chips.removeMapView'),
      onRemove: () => onChange(withMap(search, { 'geofilter.bbox': undefined })),
    });
  }
  const polygon = parseGeoPolygon(search['geofilter.polygon']);
  if (polygon) {
    chips.push({
      key: 'geofilter.polygon',
      content: (
        <RichMessage
          k="dataset.chips.drawnArea"
          values={{ kind: <ChipKind>{t('dataset.chips.mapKind')}</ChipKind>, count: polygon.length }}
        />
      ),
      removeLabel: t('dataset.chips.removeDrawnArea'),
      onRemove: () => onChange(withMap(search, { 'geofilter.polygon': undefined })),
    });
  }
  // The view's filters pile up from several places; one button clears them whatever their number.
  return <FilterChips chips={chips} onClearAll={() => onChange(withoutFilters(search))} clearAllFrom={1} />;
}
