import { z } from 'zod';
import { t } from '../../i18n/translate';
import type { ParamCheck } from '../../lib/ignored-params';
import { filterList, listWithout, toggleExcludeIn, toggleRefineIn } from '../../lib/refine-filters';
import { CHART_KEYS, type ChartSearch, chartSearchShape, pickChartSearch } from './charts/chart-params';
import { type ColumnFilter, decodeColumnFilter, encodeColumnFilter } from './column-filters';
import {
  formatGeoBox,
  formatGeoPolygon,
  formatLocation,
  parseGeoBox,
  parseGeoPolygon,
  parseLocation,
} from './geofilter';

/**
 * A dataset page's state, as it lives in the URL, named as the API names it:
 * `q` (full text), `where` (the raw ODSQL of the advanced box), `refine` / `exclude`
 * (`facet:value`, repeatable), `f` (column filters, `field:op:value`, repeatable), `sort`
 * (`population` or `-population`, absent = the grid's default order) and `tab` (absent = the
 * records table). The map's, under ODS portals' names: `location=<zoom>,<lat>,<lon>`,
 * `geofilter.bbox=<s>,<w>,<n>,<e>` (Limit to the map view) and `geofilter.polygon=(<lat>,<lon>),…`
 * (a drawn area), both part of every view's filter; and ours, `map.field` (the geo field drawn)
 * and `map.color` (the facet colouring it); and the Analyze view's `chart.*` keys (analyze/chart-params.ts).
 * Defaults are never written; anything invalid is dropped
 * rather than failing the page. Every filter or sort change makes a new view; the grid starts again
 * from the top.
 */

export const DATASET_TABS = ['table', 'map', 'analyze', 'export', 'api', 'information'] as const;
export type DatasetTab = (typeof DATASET_TABS)[number];
export const DEFAULT_TAB: DatasetTab = 'table';

export interface DatasetSearch extends ChartSearch {
  q?: string;
  where?: string;
  refine?: string[];
  exclude?: string[];
  f?: string[];
  sort?: string;
  tab?: Exclude<DatasetTab, 'table'>;
  location?: string;
  'geofilter.bbox'?: string;
  'geofilter.polygon'?: string;
  'map.field'?: string;
  'map.color'?: string;
}

/** The map's keys, which `withMap` changes together (a pan moves the location and the box at once). */
export type MapSearch = Pick<
  DatasetSearch,
  'location' | 'geofilter.bbox' | 'geofilter.polygon' | 'map.field' | 'map.color'
>;

export interface SortSpec {
  field: string;
  descending: boolean;
}

const SORT = /^-?[A-Za-z0-9_]+$/;

function columnFilterList(value: unknown): string[] | undefined {
  const items = (Array.isArray(value) ? value : [value]).filter(
    (item): item is string => typeof item === 'string',
  );
  const decoded = items.map(decodeColumnFilter).filter((f): f is ColumnFilter => f !== null);
  const encoded = [...new Set(decoded.map(encodeColumnFilter))];
  return encoded.length ? encoded : undefined;
}

const text = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim() || undefined)
  .optional()
  .catch(undefined);

/** A value re-written in its canonical form by its codec, or dropped when the codec refuses it. */
function canonical<T>(parse: (text: unknown) => T | null, format: (value: T) => string) {
  return z
    .unknown()
    .transform((raw) => {
      const value = parse(typeof raw === 'number' ? String(raw) : raw);
      return value === null ? undefined : format(value);
    })
    .optional();
}

const NAME = /^[A-Za-z0-9_]+$/;
const name = z.string().regex(NAME).optional().catch(undefined);

const datasetSearchSchema = z.object({
  q: text,
  where: text,
  refine: z.unknown().transform(filterList).optional(),
  exclude: z.unknown().transform(filterList).optional(),
  f: z.unknown().transform(columnFilterList).optional(),
  sort: z.string().regex(SORT).optional().catch(undefined),
  tab: z
    .enum(DATASET_TABS)
    .transform((tab) => (tab === DEFAULT_TAB ? undefined : tab))
    .optional()
    .catch(undefined),
  location: canonical(parseLocation, formatLocation),
  'geofilter.bbox': canonical(parseGeoBox, formatGeoBox),
  'geofilter.polygon': canonical(parseGeoPolygon, formatGeoPolygon),
  'map.field': name,
  'map.color': name,
  ...chartSearchShape,
});

/**
 * Validates raw search values (strings from the URL, or values from a navigation); a default or a
 * dropped value is undefined. Every key is there, undefined or not: TanStack Router lays a route's
 * validated search over its parent's, and the root's parent is the raw URL, so a key left out
 * would bring the raw value back to the page and on to the API.
 */
export function parseDatasetSearch(raw: Record<string, unknown>): DatasetSearch {
  const parsed = datasetSearchSchema.parse(raw);
  const { q, where, refine, exclude, f, sort, tab, location } = parsed;
  return {
    q,
    where,
    refine,
    exclude,
    f,
    sort,
    tab,
    location,
    'geofilter.bbox': parsed['geofilter.bbox'],
    'geofilter.polygon': parsed['geofilter.polygon'],
    'map.field': parsed['map.field'],
    'map.color': parsed['map.color'],
    ...pickChartSearch(parsed),
  };
}

/** The query string of a dataset state, in the URL's order, defaults omitted. */
export function serializeDatasetSearch(search: DatasetSearch): URLSearchParams {
  const params = new URLSearchParams();
  const clean = parseDatasetSearch({ ...search });
  if (clean.q) params.append('q', clean.q);
  if (clean.where) params.append('where', clean.where);
  for (const filter of clean.refine ?? []) params.append('refine', filter);
  for (const filter of clean.exclude ?? []) params.append('exclude', filter);
  for (const filter of clean.f ?? []) params.append('f', filter);
  if (clean.sort) params.append('sort', clean.sort);
  if (clean.tab) params.append('tab', clean.tab);
  for (const key of MAP_KEYS) {
    const value = clean[key];
    if (value) params.append(key, value);
  }
  for (const key of CHART_KEYS) {
    const value = clean[key];
    for (const item of Array.isArray(value) ? value : value ? [value] : []) params.append(key, item);
  }
  return params;
}

export function parseSort(sort: string | undefined): SortSpec | null {
  if (!sort || !SORT.test(sort)) return null;
  return sort.startsWith('-')
    ? { field: sort.slice(1), descending: true }
    : { field: sort, descending: false };
}

/**
 * `sort` names a field of the dataset. The route cannot know the fields, so the page checks this
 * once they are known, drops a sort it refuses and says so (lib/ignored-params).
 */
export function sortFieldCheck(fields: readonly { name: string }[]): ParamCheck {
  return (value) => {
    const sort = parseSort(value);
    return sort && fields.some((field) => field.name === sort.field) ? null : t('dataset.sort.noSuchField');
  };
}

export function formatSort(sort: SortSpec | null): string | undefined {
  return sort ? `${sort.descending ? '-' : ''}${sort.field}` : undefined;
}

export function columnFilters(search: DatasetSearch): ColumnFilter[] {
  return (search.f ?? []).map(decodeColumnFilter).filter((f): f is ColumnFilter => f !== null);
}

const MAP_KEYS = ['location', 'geofilter.bbox', 'geofilter.polygon', 'map.field', 'map.color'] as const;

export function hasFilters(search: DatasetSearch): boolean {
  return Boolean(
    search.q ||
      search.where ||
      search.refine?.length ||
      search.exclude?.length ||
      search.f?.length ||
      search['geofilter.bbox'] ||
      search['geofilter.polygon'],
  );
}

/** Changes the map's keys (a key set to undefined is removed). */
export function withMap(search: DatasetSearch, patch: MapSearch): DatasetSearch {
  return parseDatasetSearch({ ...search, ...patch });
}

// Changes. Each returns a whole new state, validated.

export function withQuery(search: DatasetSearch, q: string): DatasetSearch {
  return parseDatasetSearch({ ...search, q });
}

export function withWhere(search: DatasetSearch, where: string): DatasetSearch {
  return parseDatasetSearch({ ...search, where });
}

export function toggleRefine(
  search: DatasetSearch,
  facet: string,
  value: string,
  options: { hierarchical?: boolean } = {},
): DatasetSearch {
  return parseDatasetSearch({ ...search, ...toggleRefineIn(search, facet, value, options) });
}

export function toggleExclude(search: DatasetSearch, facet: string, value: string): DatasetSearch {
  return parseDatasetSearch({ ...search, ...toggleExcludeIn(search, facet, value) });
}

export function withoutFacetFilter(
  search: DatasetSearch,
  kind: 'refine' | 'exclude',
  filter: string,
): DatasetSearch {
  return parseDatasetSearch({ ...search, [kind]: listWithout(search[kind], filter) });
}

/** Adds a column filter, or replaces the one at `index`. */
export function withColumnFilter(search: DatasetSearch, filter: ColumnFilter, index?: number): DatasetSearch {
  const list = [...(search.f ?? [])];
  const encoded = encodeColumnFilter(filter);
  if (index !== undefined && index >= 0 && index < list.length) list[index] = encoded;
  else list.push(encoded);
  return parseDatasetSearch({ ...search, f: list });
}

export function withoutColumnFilter(search: DatasetSearch, encoded: string): DatasetSearch {
  return parseDatasetSearch({ ...search, f: listWithout(search.f, encoded) });
}

/** Clears the search, the facets, the column filters, the advanced clause and the map's filters; keeps the sort, the tab, the map's place and choices and the chart. */
export function withoutFilters(search: DatasetSearch): DatasetSearch {
  return parseDatasetSearch({
    ...pickChartSearch(search as Record<string, unknown>),
    sort: search.sort,
    tab: search.tab,
    location: search.location,
    'map.field': search['map.field'],
    'map.color': search['map.color'],
  });
}

export function withSort(search: DatasetSearch, sort: SortSpec | null): DatasetSearch {
  return parseDatasetSearch({ ...search, sort: formatSort(sort) });
}

/** The sort a header click leads to: ascending, then descending, then none. */
export function nextSort(current: SortSpec | null, field: string): SortSpec | null {
  if (!current || current.field !== field) return { field, descending: false };
  return current.descending ? null : { field, descending: true };
}

export function withTab(search: DatasetSearch, tab: DatasetTab): DatasetSearch {
  return parseDatasetSearch({ ...search, tab });
}
