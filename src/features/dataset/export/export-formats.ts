import { isDateType, isGeoType } from '../../../../common/ods-api/field-types';
import type { DatasetField } from '../../../../common/ods-api/types';
import { EXPORT_FORMATS, type ExportFormat } from '../../../api/exports';
import { t } from '../../../i18n/translate';

/**
 * What the Export view says about each format: its name for people, what it suits, what it needs
 * from the dataset, and the options the API gives it (named as the API names them, ods-api.md §6).
 */

export type FormatOption =
  | 'delimiter'
  | 'list_separator'
  | 'quote_all'
  | 'with_bom'
  | 'use_labels'
  | 'gpx_fields';

export interface FormatInfo {
  name: ExportFormat;
  label: string;
  /** What it suits, in a few words ("Excel", "GIS", "calendar"). */
  suits: string;
  needs: 'geo' | 'date' | null;
  options: readonly FormatOption[];
}

/** A shapefile holds at most this many records on ODS and on the embedded portal. */
export const SHP_MAX_RECORDS = 50_000;

/**
 * Each format's name, what it needs and its options. A name is the same in every language, but
 * for the workbook, described in words: its label is read from the catalogue when asked for.
 */
const INFO: Record<ExportFormat, Pick<FormatInfo, 'needs' | 'options'> & { label: string | (() => string) }> =
  {
    csv: {
      label: 'CSV',
      needs: null,
      options: ['delimiter', 'list_separator', 'quote_all', 'with_bom', 'use_labels'],
    },
    xls: { label: () => t('export.format.xls'), needs: null, options: ['use_labels'] },
    json: { label: 'JSON', needs: null, options: [] },
    jsonl: { label: 'JSON Lines', needs: null, options: [] },
    geojson: { label: 'GeoJSON', needs: 'geo', options: [] },
    shp: { label: 'Shapefile', needs: 'geo', options: ['list_separator'] },
    kml: { label: 'KML', needs: 'geo', options: ['list_separator'] },
    gpx: { label: 'GPX', needs: 'geo', options: ['gpx_fields'] },
    ov2: { label: 'OV2', needs: 'geo', options: [] },
    ical: { label: 'iCalendar', needs: 'date', options: [] },
    jsonld: { label: 'JSON-LD', needs: null, options: [] },
    rdfxml: { label: 'RDF/XML', needs: null, options: [] },
    turtle: { label: 'Turtle', needs: null, options: [] },
    n3: { label: 'N3', needs: null, options: [] },
  };

/** A format as the view shows it, in the language in force (read at each render, never kept). */
export function formatInfo(name: ExportFormat): FormatInfo {
  const { label, ...rest } = INFO[name];
  return {
    name,
    label: typeof label === 'function' ? label() : label,
    suits: t(`export.format.${name}.suits`),
    ...rest,
  };
}

/** The formats to show: every known one, in the table's order (common formats first). */
export function shownFormats(): FormatInfo[] {
  return EXPORT_FORMATS.map(formatInfo);
}

/** The portal's name for a format (v2.1 says xlsx where v2.0 says xls): ours, or null if unknown. */
export function knownFormat(name: string): ExportFormat | null {
  const lower = name === 'xlsx' ? 'xls' : name;
  return (EXPORT_FORMATS as readonly string[]).includes(lower) ? (lower as ExportFormat) : null;
}

/**
 * Why a format cannot export this view, or null when it can: what the dataset lacks, the
 * shapefile's cap, or the portal not offering it. `offered` is null while the list is loading.
 */
export function unavailableReason(
  format: FormatInfo,
  fields: readonly DatasetField[],
  offered: ReadonlySet<ExportFormat> | null,
  count: number | undefined,
): string | null {
  if (format.needs === 'geo' && !fields.some((f) => isGeoType(f.type))) return t('export.unavailable.noGeo');
  if (format.needs === 'date' && !fields.some((f) => isDateType(f.type)))
    return t('export.unavailable.noDate');
  if (offered && !offered.has(format.name)) return t('export.unavailable.notOffered');
  if (format.name === 'shp' && count !== undefined && count > SHP_MAX_RECORDS) {
    return t('export.unavailable.shpCap', { max: SHP_MAX_RECORDS, total: count });
  }
  return null;
}

/**
 * The field a format needs added to the selection when the visible columns lack it: a geo format's
 * geometry (the shape first, as the portal draws it) or the calendar's date. Null when none is needed.
 */
export function neededField(format: FormatInfo, fields: readonly DatasetField[], select: readonly string[]) {
  const chosen = new Set(select);
  if (format.needs === 'geo') {
    if (fields.some((f) => chosen.has(f.name) && isGeoType(f.type))) return null;
    return fields.find((f) => f.type === 'geo_shape') ?? fields.find((f) => isGeoType(f.type)) ?? null;
  }
  if (format.needs === 'date') {
    if (fields.some((f) => chosen.has(f.name) && isDateType(f.type))) return null;
    return fields.find((f) => isDateType(f.type)) ?? null;
  }
  return null;
}
