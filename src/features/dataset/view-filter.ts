import type { DatasetField } from '../../../common/ods-api/types';
import type { Expr } from '../../../common/odsql/ast';
import { and, fullText, paren } from '../../../common/odsql/build';
import { parseWhere } from '../../../common/odsql/parser';
import { printExpr } from '../../../common/odsql/printer';
import type { FacetsParams } from '../../api/params';
import { compileColumnFilter } from './column-filters';
import type { RecordsFilter } from './dataset-queries';
import { columnFilters, type DatasetSearch } from './dataset-search-params';

/**
 * What a dataset view asks the API: the filter every request of the view shares (records, counts,
 * facets). Kept apart from the URL module so the router (in the first page's bundle) does not carry
 * the ODSQL parser.
 */

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
