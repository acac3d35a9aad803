import { z } from 'zod';
import { MAX_WINDOW } from '../../../common/ods-api/params';
import { fullText } from '../../../common/odsql/build';
import type { CatalogDatasetsParams, FacetsParams, ViewFilter } from '../../api/params';
import { t } from '../../i18n/translate';
import type { ParamCheck } from '../../lib/ignored-params';
import {
  filterList,
  joinFilter,
  listWithout,
  toggleExcludeIn,
  toggleRefineIn,
} from '../../lib/refine-filters';

export { type Filter, joinFilter, splitFilter } from '../../lib/refine-filters';

/**
 * The catalog's state, as it lives in the URL. The names read like the API's:
 * `?q=…` (full-text search), `refine=facet:value` and `exclude=facet:value` (repeatable),
 * `sort=-modified` (absent = relevance), `page=3` (absent = 1). Defaults are never written, every
 * value is validated here, and anything invalid is dropped rather than failing the page (the page
 * says which, from CATALOG_PARAM_CHECKS).
 */

export const CATALOG_SORTS = [
  'title',
  '-title',
  'modified',
  '-modified',
  'records_count',
  '-records_count',
] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

/** The facets the catalog shows, in order. `modified` is a date facet: year → month. */
export const CATALOG_FACETS = ['theme', 'keyword', 'publisher', 'features', 'modified'] as const;
export type CatalogFacetName = (typeof CATALOG_FACETS)[number];

export const CATALOG_PAGE_SIZE = 20;
/** The API pages through the first 10,000 results only (offset + limit ≤ 10,000, ods-api.md §2.5). */
export const MAX_CATALOG_PAGE = Math.floor(MAX_WINDOW / CATALOG_PAGE_SIZE);

export interface CatalogSearch {
  q?: string;
  refine?: string[];
  exclude?: string[];
  sort?: CatalogSort;
  page?: number;
}

export const DEFAULT_CATALOG_SEARCH: CatalogSearch = {};

const sortOption = z.enum(CATALOG_SORTS);
const pageNumber = z.coerce.number().int().min(1);

/** The values the schema below drops, and why: the page tells the user (lib/ignored-params). */
export const CATALOG_PARAM_CHECKS: Record<string, ParamCheck> = {
  sort: (value) => (sortOption.safeParse(value).success ? null : t('catalog.params.sort')),
  page: (value) => (pageNumber.safeParse(value).success ? null : t('catalog.params.page')),
};

const catalogSearchSchema = z.object({
  q: z
    .union([z.string(), z.number()])
    .transform((value) => String(value).trim() || undefined)
    .optional()
    .catch(undefined),
  refine: z.unknown().transform(filterList).optional(),
  exclude: z.unknown().transform(filterList).optional(),
  sort: sortOption.optional().catch(undefined),
  page: pageNumber
    .transform((page) => (page === 1 ? undefined : Math.min(page, MAX_CATALOG_PAGE)))
    .optional()
    .catch(undefined),
});

/**
 * Validates raw search values (strings from the URL, or values from a navigation); a default or a
 * dropped value is undefined. Every key is there, undefined or not: TanStack Router lays a route's
 * validated search over its parent's, and the root's parent is the raw URL, so a key left out
 * would bring the raw value (`page=abc`) back to the page and on to the API.
 */
export function parseCatalogSearch(raw: Record<string, unknown>): CatalogSearch {
  const { q, refine, exclude, sort, page } = catalogSearchSchema.parse(raw);
  return { q, refine, exclude, sort, page };
}

/** The query string of a catalog state, in the URL's order, defaults omitted. */
export function serializeCatalogSearch(search: CatalogSearch): URLSearchParams {
  const params = new URLSearchParams();
  const clean = parseCatalogSearch({ ...search });
  if (clean.q) params.append('q', clean.q);
  for (const filter of clean.refine ?? []) params.append('refine', filter);
  for (const filter of clean.exclude ?? []) params.append('exclude', filter);
  if (clean.sort) params.append('sort', clean.sort);
  if (clean.page) params.append('page', String(clean.page));
  return params;
}

export function hasFilters(search: CatalogSearch): boolean {
  return Boolean(search.q || search.refine?.length || search.exclude?.length);
}

/** `-modified` → `modified DESC`. */
export function sortToOrderBy(sort: CatalogSort): string {
  return sort.startsWith('-') ? `${sort.slice(1)} DESC` : `${sort} ASC`;
}

/**
 * The catalog's filter: the user's text as a full-text condition (a tree, printed by the fetcher as
 * one escaped string literal, so no input can change the query's structure) and the facet filters.
 */
function filterParams(search: CatalogSearch): Pick<CatalogDatasetsParams, 'filter'> {
  if (!hasFilters(search)) return {};
  const filter: ViewFilter = { where: search.q ? fullText(search.q) : null };
  if (search.refine?.length) filter.refine = search.refine;
  if (search.exclude?.length) filter.exclude = search.exclude;
  return { filter };
}

/** The `/catalog/datasets` request for a catalog state. */
export function catalogDatasetsParams(search: CatalogSearch): CatalogDatasetsParams {
  const page = search.page ?? 1;
  const params: CatalogDatasetsParams = {
    ...filterParams(search),
    limit: CATALOG_PAGE_SIZE,
    offset: (page - 1) * CATALOG_PAGE_SIZE,
  };
  if (search.sort) params.order_by = sortToOrderBy(search.sort);
  return params;
}

/** The `/catalog/facets` request: the same filters, so counts follow them. */
export function catalogFacetsParams(search: CatalogSearch): FacetsParams {
  return { facet: CATALOG_FACETS, ...filterParams(search) };
}

// Changes. Every change to the filters or the sort goes back to page 1.

function withoutPage({ page: _page, ...rest }: CatalogSearch): CatalogSearch {
  return rest;
}

export function withQuery(search: CatalogSearch, q: string): CatalogSearch {
  return parseCatalogSearch({ ...withoutPage(search), q });
}

/**
 * Refines on a value, or lifts the refinement when it is already there; lifts an exclusion of it.
 * On a path facet (`modified`: year/month), refining a month replaces its year, and the reverse.
 */
export function toggleRefine(
  search: CatalogSearch,
  facet: string,
  value: string,
  options: { hierarchical?: boolean } = {},
): CatalogSearch {
  return parseCatalogSearch({ ...withoutPage(search), ...toggleRefineIn(search, facet, value, options) });
}

/** Excludes a value, or lifts the exclusion when it is already there. Lifts a refinement on it. */
export function toggleExclude(search: CatalogSearch, facet: string, value: string): CatalogSearch {
  return parseCatalogSearch({ ...withoutPage(search), ...toggleExcludeIn(search, facet, value) });
}

/** Refines on a value (a no-op on the filters when it is already refined). */
export function withRefine(search: CatalogSearch, facet: string, value: string): CatalogSearch {
  const filter = joinFilter(facet, value);
  return search.refine?.includes(filter) ? withoutPage(search) : toggleRefine(search, facet, value);
}

export function withoutFilter(
  search: CatalogSearch,
  kind: 'refine' | 'exclude',
  filter: string,
): CatalogSearch {
  return parseCatalogSearch({ ...withoutPage(search), [kind]: listWithout(search[kind], filter) });
}

/** Clears the search text and every facet filter; keeps the sort. */
export function withoutFilters(search: CatalogSearch): CatalogSearch {
  return search.sort ? { sort: search.sort } : {};
}

export function withSort(search: CatalogSearch, sort: CatalogSort | undefined): CatalogSearch {
  return parseCatalogSearch({ ...withoutPage(search), sort });
}

export function withPage(search: CatalogSearch, page: number): CatalogSearch {
  return parseCatalogSearch({ ...search, page });
}
