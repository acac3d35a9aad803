import type { DatasetField } from '../../../common/ods-api/types';
import type { Expr } from '../../../common/odsql/ast';
import { and, fullText, paren } from '../../../common/odsql/build';
import { parseWhere } from '../../../common/odsql/parser';
import type { ViewFilter } from '../../api/params';
import { compileColumnFilter } from './column-filters';
import { columnFilters, type DatasetSearch } from './dataset-search-params';
import { chosenGeoField, geoFilterConditions, parseGeoBox, parseGeoPolygon } from './geofilter';

/**
 * What a dataset view asks the API: the filter every request of the view shares (records, counts,
 * facets). Kept apart from the URL module so the router (in the first page's bundle) does not carry
 * the ODSQL parser.
 */

/**
 * The advanced clause as a tree, parenthesized to join others; a clause common/odsql cannot parse
 * is kept as text and sent as is, so the portal itself says what is wrong.
 */
function advancedClause(text: string): { tree: Expr } | { unparsed: string } {
  try {
    return { tree: paren(parseWhere(text).condition) };
  } catch {
    return { unparsed: text };
  }
}

/**
 * The filter of a view: the full-text search, the column filters and the advanced clause ANDed into
 * one tree (ODS v2.0 documents one `where`; v2.1 ANDs repeated ones), with the facet refinements.
 */
export function viewFilter(search: DatasetSearch, fields: readonly DatasetField[]): ViewFilter {
  const parts: Expr[] = [];
  if (search.q) parts.push(fullText(search.q));
  for (const filter of columnFilters(search)) {
    const condition = compileColumnFilter(filter, fields);
    if (condition) parts.push(condition);
  }
  const advanced = search.where ? advancedClause(search.where) : null;
  if (advanced && 'tree' in advanced) parts.push(advanced.tree);
  // The map's filters apply to the geo field the map draws, in every view.
  const bbox = parseGeoBox(search['geofilter.bbox']);
  const polygon = parseGeoPolygon(search['geofilter.polygon']);
  parts.push(
    ...geoFilterConditions(
      { ...(bbox ? { bbox } : {}), ...(polygon ? { polygon } : {}) },
      chosenGeoField(fields, search['map.field']),
    ),
  );
  const filter: ViewFilter = { where: parts.length ? and(...parts) : null };
  if (advanced && 'unparsed' in advanced) filter.unparsedWhere = advanced.unparsed;
  if (search.refine?.length) filter.refine = search.refine;
  if (search.exclude?.length) filter.exclude = search.exclude;
  return filter;
}

/** The view's filter with more conditions ANDed in (a keyset segment, a null split): trees joined, nothing parsed. */
export function withConditions(filter: ViewFilter, conditions: readonly Expr[]): ViewFilter {
  if (conditions.length === 0) return filter;
  const parts = filter.where ? [filter.where, ...conditions] : [...conditions];
  return { ...filter, where: and(...parts) };
}
