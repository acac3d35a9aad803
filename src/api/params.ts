/**
 * The query parameters each endpoint takes, named as the API names them (ods-api.md §3), so a
 * params object reads like the query string it becomes. Repeatable parameters are arrays.
 */

/** Filters shared by records, facets, aggregates and exports. */
export interface FilterParams {
  /** ODSQL; several `where` are ANDed by the portal. */
  where?: string | readonly string[];
  /** `facet:value`, e.g. `theme:Environment` or `modified:2020/11`. */
  refine?: readonly string[];
  exclude?: readonly string[];
  lang?: string;
  timezone?: string;
}

export interface CatalogDatasetsParams extends FilterParams {
  select?: string;
  order_by?: string;
  /** At most 100 (MAX_LIMIT); offset + limit at most 10,000 (MAX_WINDOW). */
  limit?: number;
  offset?: number;
  include_app_metas?: boolean;
}

export interface FacetsParams extends FilterParams {
  /** The facets to compute; without it, every facet the publisher configured. */
  facet?: readonly string[];
}

export interface DatasetParams {
  select?: string;
  lang?: string;
  timezone?: string;
  include_app_metas?: boolean;
}

export interface RecordsParams extends FilterParams {
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
  lang?: string;
  timezone?: string;
}

export interface AggregatesParams extends FilterParams {
  select: string;
  group_by?: string;
  order_by?: string;
  limit?: number;
}

export interface ExportParams extends FilterParams {
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
}

/** Reuses use the 2019 API's paging names (ods-api.md §7). */
export interface ReusesParams {
  start?: number;
  rows?: number;
  timezone?: string;
}
