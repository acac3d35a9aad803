import type { Expr } from '../../common/odsql/ast';
import { printExpr } from '../../common/odsql/printer';
import type { QueryParams } from './client';

/**
 * The query parameters each endpoint takes, named as the API names them (ods-api.md §3), so a
 * params object reads like the query string it becomes. Repeatable parameters are arrays.
 */

/**
 * The filter of a view: one value that records, counts, facets, aggregates and exports share, kept
 * as an ODSQL tree until filterQuery prints it for the request (design.md §5), so conditions join
 * it as trees and nothing parses printed text back.
 */
export interface ViewFilter {
  where: Expr | null;
  /**
   * A clause sent as the user wrote it, beside `where`: an advanced clause common/odsql could not
   * parse (the portal then says what is wrong), or one being checked before it is applied (so the
   * portal's error positions point into the user's text). The portal ANDs several `where`.
   */
  unparsedWhere?: string;
  /** `facet:value`, e.g. `theme:Environment` or `modified:2020/11`. */
  refine?: readonly string[];
  exclude?: readonly string[];
}

/** Parameters every filtered endpoint takes. */
export interface FilteredParams {
  filter?: ViewFilter;
  timezone?: string;
}

/** The query parameters a filter becomes; several `where` are ANDed by the portal. */
export interface FilterQuery {
  where?: string[];
  refine?: readonly string[] | undefined;
  exclude?: readonly string[] | undefined;
}

/** A filter's query parameters: the only place a view's where is printed. */
export function filterQuery(filter: ViewFilter | undefined): FilterQuery {
  if (!filter) return {};
  const where: string[] = [];
  if (filter.unparsedWhere) where.push(filter.unparsedWhere);
  if (filter.where) where.push(printExpr(filter.where));
  return { where, refine: filter.refine, exclude: filter.exclude };
}

/** An endpoint's params as its query string's parameters, the filter printed. */
export function filteredQuery({ filter, ...rest }: FilteredParams): QueryParams {
  return { ...rest, ...filterQuery(filter) };
}

export interface CatalogDatasetsParams extends FilteredParams {
  select?: string;
  order_by?: string;
  /** At most 100 (MAX_LIMIT); offset + limit at most 10,000 (MAX_WINDOW). */
  limit?: number;
  offset?: number;
  include_app_metas?: boolean;
}

export interface FacetsParams extends FilteredParams {
  /** The facets to compute; without it, every facet the publisher configured. */
  facet?: readonly string[];
}

export interface DatasetParams {
  select?: string;
  timezone?: string;
  include_app_metas?: boolean;
}

export interface RecordsParams extends FilteredParams {
  select?: string;
  order_by?: string;
  limit?: number;
  offset?: number;
}

export interface GroupedRecordsParams extends RecordsParams {
  group_by: string;
}

export interface RecordParams {
  select?: string;
  timezone?: string;
}

export interface AggregatesParams extends FilteredParams {
  select: string;
  group_by?: string;
  order_by?: string;
  limit?: number;
}

export interface ExportParams extends FilteredParams {
  select?: string;
  order_by?: string;
  /** -1 (the default) exports every record; exports have no 10,000 cap. */
  limit?: number;
  offset?: number;
  use_labels?: boolean;
  compressed?: boolean;
  epsg?: number;
  /** csv only */
  delimiter?: ';' | ',' | '\t' | '|';
  list_separator?: string;
  quote_all?: boolean;
  with_bom?: boolean;
  /** gpx only: the field naming each waypoint, the fields of its description, fields as extensions. */
  name_field?: string;
  description_field_list?: string;
  use_extension?: boolean;
}

/** Reuses use the 2019 API's paging names (ods-api.md §7). */
export interface ReusesParams {
  start?: number;
  rows?: number;
  timezone?: string;
}
