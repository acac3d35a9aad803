import { invalidParameter } from '../errors';
import { type RequestParams, readBoolean, readParams } from '../query/params';
import { CSV_DEFAULTS, type CsvOptions } from './csv';

/**
 * The parameters of `GET …/exports/{format}` (ods-api.md §6): the records query (select, where,
 * order_by, refine, exclude, lang, timezone, and group_by as v2.1 allows it), `limit` −1 (all) by
 * default with no cap, `offset`, the CSV options, `use_labels`, `compressed`, `epsg`, and the GPX
 * options. A value ODS would refuse is a 400 that names the parameter.
 */

export interface ExportParams {
  request: RequestParams;
  /** −1: every record. */
  limit: number;
  offset: number;
  csv: CsvOptions;
  useLabels: boolean;
  compressed: boolean;
  gpx: GpxOptions;
}

export interface GpxOptions {
  /** The field whose value names each waypoint or track; null: the first text field. */
  nameField: string | null;
  /** Fields written in the description; null: every other field. */
  descriptionFields: string[] | null;
  /** Fields as <extensions> elements too (v2.1's default); v2.0's default is false. */
  useExtension: boolean;
}

const DELIMITERS: Record<string, string> = { ';': ';', ',': ',', '\t': '\t', '\\t': '\t', '|': '|' };

/** The defaults that differ between versions (ods-api.md §6): v2.0 false, v2.1 true. */
export interface ExportDefaults {
  readonly withBom: boolean;
  readonly useExtension: boolean;
}

export function readExportParams(url: URL, defaults: ExportDefaults): ExportParams {
  const request = readParams(url);
  const q = url.searchParams;
  const limit = request.limit ?? -1;
  if (limit < -1) {
    throw invalidParameter(
      `Invalid value for limit API parameter: ${limit} was found but -1 <= limit is expected (-1 exports every record).`,
    );
  }

  const rawDelimiter = q.get('delimiter');
  let delimiter = CSV_DEFAULTS.delimiter;
  if (rawDelimiter !== null && rawDelimiter !== '') {
    const known = DELIMITERS[rawDelimiter];
    if (!known) {
      throw invalidParameter(
        `Invalid value for delimiter API parameter: ${JSON.stringify(rawDelimiter)} was found but one of ";", ",", "\\t" (tab) or "|" is expected.`,
      );
    }
    delimiter = known;
  }
  const listSeparator = q.get('list_separator') || CSV_DEFAULTS.listSeparator;
  if (listSeparator.length > 16) {
    throw invalidParameter(
      `Invalid value for list_separator API parameter: at most 16 characters are expected, got ${listSeparator.length}.`,
    );
  }
  const epsg = q.get('epsg');
  if (epsg !== null && epsg !== '' && epsg.trim() !== '4326') {
    throw invalidParameter(
      `Invalid value for epsg API parameter: ${JSON.stringify(epsg)} was found, but this portal exports WGS 84 coordinates only (epsg=4326).`,
    );
  }
  const useLabels = readBoolean(url, 'use_labels', false);
  const descriptionList = q.get('description_field_list');
  return {
    request,
    limit,
    offset: request.offset,
    csv: {
      delimiter,
      listSeparator,
      quoteAll: readBoolean(url, 'quote_all', CSV_DEFAULTS.quoteAll),
      withBom: readBoolean(url, 'with_bom', defaults.withBom),
      useLabels,
    },
    useLabels,
    compressed: readBoolean(url, 'compressed', false),
    gpx: {
      nameField: q.get('name_field') || null,
      descriptionFields: descriptionList
        ? descriptionList
            .split(',')
            .map((name) => name.trim())
            .filter(Boolean)
        : null,
      useExtension: readBoolean(url, 'use_extension', defaults.useExtension),
    },
  };
}
