import type { DatasetField } from '../../../../common/ods-api/types';
import type { ExportParams, ViewFilter } from '../../../api/params';
import type { DatasetSearch } from '../dataset-search-params';
import { type FormatInfo, neededField } from './export-formats';

/**
 * What an export asks the portal: the view (its filter, order and visible columns) or the whole
 * dataset, with the options the user chose, as the API's parameters; and the saved file's name.
 */

export type ExportScope = 'view' | 'dataset';

/** The Export view's choices, each named as the API names it. */
export interface ExportOptions {
  delimiter: ';' | ',' | '\t' | '|';
  list_separator: string;
  quote_all: boolean;
  with_bom: boolean;
  use_labels: boolean;
  compressed: boolean;
  /** Null: every record (the API's -1). */
  limit: number | null;
  /** Null: the dataset's own time zone (the portal's default). */
  timezone: string | null;
  /** gpx: the field naming each waypoint (null: the portal's choice) and those of the description. */
  name_field: string | null;
  description_field_list: string[];
  use_extension: boolean;
}

export const DEFAULT_OPTIONS: ExportOptions = {
  delimiter: ';',
  list_separator: ',',
  quote_all: false,
  with_bom: true,
  use_labels: false,
  compressed: false,
  limit: null,
  timezone: null,
  name_field: null,
  description_field_list: [],
  use_extension: false,
};

/** The view an export follows: the table's filter, its order (order_by) and its visible columns. */
export interface ExportView {
  filter: ViewFilter;
  orderBy: string | undefined;
  /** Visible columns in the table's order; null when the table shows every field in the schema's order. */
  columns: readonly string[] | null;
}

/** The parameters of one export: a format's own options only, so URLs stay as short as ODS's. */
export function exportParams(
  format: FormatInfo,
  fields: readonly DatasetField[],
  view: ExportView,
  scope: ExportScope,
  options: ExportOptions,
): ExportParams {
  const params: ExportParams = {};
  if (scope === 'view') {
    params.filter = view.filter;
    if (view.orderBy) params.order_by = view.orderBy;
    if (view.columns) {
      const extra = neededField(format, fields, view.columns);
      params.select = [...view.columns, ...(extra ? [extra.name] : [])].join(', ');
    }
  }
  if (options.limit !== null) params.limit = options.limit;
  if (options.timezone) params.timezone = options.timezone;
  if (options.compressed) params.compressed = true;
  const has = (option: FormatInfo['options'][number]) => format.options.includes(option);
  if (has('delimiter')) params.delimiter = options.delimiter;
  if (has('list_separator') && options.list_separator !== DEFAULT_OPTIONS.list_separator)
    params.list_separator = options.list_separator;
  if (has('quote_all') && options.quote_all) params.quote_all = true;
  // Sent either way: its default differs between v2.0 (false) and v2.1 (true).
  if (has('with_bom')) params.with_bom = options.with_bom;
  if (has('use_labels') && options.use_labels) params.use_labels = true;
  if (has('gpx_fields')) {
    if (options.name_field) params.name_field = options.name_field;
    if (options.description_field_list.length)
      params.description_field_list = options.description_field_list.join(',');
    params.use_extension = options.use_extension;
  }
  return params;
}

/** Letters, digits, `-` and `_` only: safe in a file name on every system. */
function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const MAX_NAME = 120;

/**
 * The saved file's name before its extension: the dataset, then what filters the view
 * (`geonames-all-cities-with-a-population-1000_country_code-FR_q-paris`), cut at 120 characters.
 * A clause or a drawn area is named by its kind alone; the API view holds the exact request.
 */
export function exportBaseName(datasetId: string, search: DatasetSearch, scope: ExportScope): string {
  if (scope === 'dataset') return slug(datasetId) || 'export';
  const parts: string[] = [];
  for (const refine of search.refine ?? []) parts.push(slug(refine.replace(':', '-')));
  for (const exclude of search.exclude ?? []) parts.push(`not-${slug(exclude.replace(':', '-'))}`);
  if (search.q) parts.push(`q-${slug(search.q)}`);
  for (const filter of search.f ?? []) parts.push(slug(filter.replace(/:/g, '-')));
  if (search.where) parts.push('where');
  if (search['geofilter.bbox'] || search['geofilter.polygon']) parts.push('area');
  const name = [slug(datasetId), ...parts.filter(Boolean)].join('_');
  return name.length > MAX_NAME ? name.slice(0, MAX_NAME).replace(/[-_]+$/, '') : name || 'export';
}
