import { z } from 'zod';
import type { DatasetField } from '../../../common/ods-api/types';
import type { Expr } from '../../../common/odsql/ast';
import { and, fullText, paren } from '../../../common/odsql/build';
import { parseWhere } from '../../../common/odsql/parser';
import { printExpr } from '../../../common/odsql/printer';
import type { FacetsParams } from '../../api/params';
import { filterList, listWithout, toggleExcludeIn, toggleRefineIn } from '../../lib/refine-filters';
import {
  type ColumnFilter,
  compileColumnFilter,
  decodeColumnFilter,
  encodeColumnFilter,
} from './column-filters';
import type { RecordsFilter } from './dataset-queries';

/**
 * A dataset page's state, as it lives in the URL, named as the API names it:
 * `q` (full text), `where` (the raw ODSQL of the advanced box), `refine` / `exclude`
 * (`facet:value`, repeatable), `f` (column filters, `field:op:value`, repeatable), `sort`
 * (`population` or `-population`, absent = the grid's default order) and `tab` (absent = the
 * records table). Defaults are never written; anything invalid is dropped rather than failing
 * the page. Every filter or sort change makes a new view; the grid starts again from the top.
 */

export const DATASET_TABS = ['table', 'information'] as const;
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

/** Validates raw search values (strings from the URL, or values from a navigation); omits defaults. */
export function parseDatasetSearch(raw: Record<string, unknown>): DatasetSearch {
  const parsed = datasetSearchSchema.parse(raw);
  const search: DatasetSearch = {};
  if (parsed.q !== undefined) search.q = parsed.q;
  if (parsed.where !== undefined) search.where = parsed.where;
  if (parsed.refine !== undefined) search.refine = parsed.refine;
  if (parsed.exclude !== undefined) search.exclude = parsed.exclude;
  if (parsed.f !== undefined) search.f = parsed.f;
  if (parsed.sort !== undefined) search.sort = parsed.sort;
  if (parsed.tab !== undefined) search.tab = parsed.tab;
  return search;
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

/**
 * The `where` of every request for this view: the full-text search, the column filters and the
 * advanced clause, ANDed into one tree and printed (ODS v2.0 documents one `where`; v2.1 ANDs
 * repeated ones). The advanced clause is parsed with common/odsql to join the tree; if it does
 * not parse here, it is sent as a second `where` so the portal itself says what is wrong.
 */
export function datasetWhere(
  search: DatasetSearch,
  fields: readonly DatasetField[],
  extra: Expr[] = [],
): string[] {
  const parts: Expr[] = [];
  if (search.q) parts.push(fullText(search.q));
  for (const filter of columnFilters(search)) {
    const condition = compileColumnFilter(filter, fields);
    if (condition) parts.push(condition);
  }
  let unparsed: string | null = null;
  if (search.where) {
    try {
      parts.push(paren(parseWhere(search.where).condition));
    } catch {
      unparsed = search.where;
    }
  }
  parts.push(...extra);
  const where = parts.length ? [printExpr(and(...parts))] : [];
  return unparsed === null ? where : [unparsed, ...where];
}

/** The records filter of a view (without order or paging): what the grid, the count and the facets share. */
export function recordsFilter(search: DatasetSearch, fields: readonly DatasetField[]): RecordsFilter {
  const filter: RecordsFilter = {};
  const where = datasetWhere(search, fields);
  if (where.length === 1) filter.where = where[0]!;
  else if (where.length > 1) filter.where = where;
  if (search.refine?.length) filter.refine = search.refine;
  if (search.exclude?.length) filter.exclude = search.exclude;
  return filter;
}

/** The `…/facets` request of a view: every configured facet, counted under the same filters. */
export function facetsParams(search: DatasetSearch, fields: readonly DatasetField[]): FacetsParams {
  const { where, refine, exclude } = recordsFilter(search, fields);
  const params: FacetsParams = {};
  if (where !== undefined) params.where = where;
  if (refine) params.refine = refine;
  if (exclude) params.exclude = exclude;
  return params;
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
