import { z } from 'zod';
import type { ParamCheck } from '../../lib/ignored-params';
import { filterList, listWithout, toggleExcludeIn, toggleRefineIn } from '../../lib/refine-filters';
import { type ColumnFilter, decodeColumnFilter, encodeColumnFilter } from './column-filters';

/**
 * A dataset page's state, as it lives in the URL, named as the API names it:
 * `q` (full text), `where` (the raw ODSQL of the advanced box), `refine` / `exclude`
 * (`facet:value`, repeatable), `f` (column filters, `field:op:value`, repeatable), `sort`
 * (`population` or `-population`, absent = the grid's default order) and `tab` (absent = the
 * records table). Defaults are never written; anything invalid is dropped rather than failing
 * the page. Every filter or sort change makes a new view; the grid starts again from the top.
 */

export const DATASET_TABS = ['table', 'map', 'information'] as const;
export type DatasetTab = (typeof DATASET_TABS)[number];
export const DEFAULT_TAB: DatasetTab = 'table';

export interface DatasetSearch {
  q?: string;
  where?: string;
  refine?: string[];
  exclude?: string[];
  f?: string[];
  sort?: string;
  tab?: Exclude<DatasetTab, 'table'>;
}

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
});

/**
 * Validates raw search values (strings from the URL, or values from a navigation); a default or a
 * dropped value is undefined. Every key is there, undefined or not: TanStack Router lays a route's
 * validated search over its parent's, and the root's parent is the raw URL, so a key left out
 * would bring the raw value back to the page and on to the API.
 */
export function parseDatasetSearch(raw: Record<string, unknown>): DatasetSearch {
  const { q, where, refine, exclude, f, sort, tab } = datasetSearchSchema.parse(raw);
  return { q, where, refine, exclude, f, sort, tab };
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
    return sort && fields.some((field) => field.name === sort.field) ? null : 'no such field to sort by';
  };
}

export function formatSort(sort: SortSpec | null): string | undefined {
  return sort ? `${sort.descending ? '-' : ''}${sort.field}` : undefined;
}

export function columnFilters(search: DatasetSearch): ColumnFilter[] {
  return (search.f ?? []).map(decodeColumnFilter).filter((f): f is ColumnFilter => f !== null);
}

export function hasFilters(search: DatasetSearch): boolean {
  return Boolean(
    search.q || search.where || search.refine?.length || search.exclude?.length || search.f?.length,
  );
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

/** Clears the search, the facets, the column filters and the advanced clause; keeps sort and tab. */
export function withoutFilters(search: DatasetSearch): DatasetSearch {
  return parseDatasetSearch({ sort: search.sort, tab: search.tab });
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
