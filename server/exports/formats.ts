import { isDateType, isGeoType } from '../../common/ods-api/field-types';
import type { Dataset, DatasetField } from '../../common/ods-api/types';
import { invalidParameter } from '../errors';
import { type ExportColumn, isDateKind } from './columns';
import { csvFormat } from './csv';
import type { ExportParams } from './export-params';
import { geojsonFormat } from './geojson';
import { geoColumn } from './geometry';
import { gpxProducer } from './gpx';
import { icalFormat } from './ical';
import { jsonFormat, jsonlFormat } from './json';
import { kmlFormat } from './kml';
import { ov2Producer } from './ov2';
import { SHP_MAX_RECORDS, shpProducer } from './shp';
import type { ExportSink, RowQuery } from './stream';
import { writeText } from './text-export';
import { xlsxProducer } from './xlsx';

/**
 * The export formats of a dataset (ods-api.md §6): name, file extension, media type, whether a
 * dataset offers it, and how a request becomes a producer. `prepare` runs before the response
 * starts, so a format that cannot hold the request (no geo field, no date, too many records for a
 * shapefile) answers a 400 that says why.
 */

export interface ExportRequest {
  dataset: Dataset;
  query: RowQuery;
  columns: ExportColumn[];
  /** Where a raw row holds its record id; null for grouped rows. */
  idAt: number | null;
  params: ExportParams;
  /** The host the request named: iCalendar UIDs are `<record id>@<host>`. */
  host: string;
  /** How many records the export will hold. */
  count: () => number;
}

export type Producer = (sink: ExportSink) => Promise<void>;

export interface ExportFormat {
  name: string;
  extension: string;
  contentType: string;
  offeredFor(fields: readonly DatasetField[]): boolean;
  prepare(request: ExportRequest): Producer;
}

const hasGeo = (fields: readonly DatasetField[]) => fields.some((f) => isGeoType(f.type));
const hasDate = (fields: readonly DatasetField[]) => fields.some((f) => isDateType(f.type));
const always = () => true;

function titleOf(dataset: Dataset): string {
  return dataset.metas.default.title || dataset.dataset_id;
}

function requireGeo(request: ExportRequest, format: string): ExportColumn {
  const geo = geoColumn(request.columns);
  if (geo) return geo;
  throw invalidParameter(
    hasGeo(request.dataset.fields)
      ? `The ${format} export needs a geo field (geo_point_2d or geo_shape) in select.`
      : `Dataset ${request.dataset.dataset_id} has no geo field (geo_point_2d or geo_shape): it cannot be exported as ${format}.`,
  );
}

function text(make: (request: ExportRequest) => Parameters<typeof writeText>[2]): ExportFormat['prepare'] {
  return (request) => {
    const format = make(request);
    return (sink) => writeText(sink, request.query, format);
  };
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function xlsx(name: string): ExportFormat {
  return {
    name,
    extension: 'xlsx',
    contentType: XLSX_TYPE,
    offeredFor: always,
    prepare: (request) =>
      xlsxProducer(request.query, request.columns, {
        sheetName: request.dataset.dataset_id,
        useLabels: request.params.useLabels,
        listSeparator: request.params.csv.listSeparator,
      }),
  };
}

function formatList(spreadsheet: 'xls' | 'xlsx'): ExportFormat[] {
  return [
    {
      name: 'csv',
      extension: 'csv',
      contentType: 'text/csv; charset=utf-8',
      offeredFor: always,
      prepare: text((r) => csvFormat(r.columns, r.params.csv)),
    },
    {
      name: 'json',
      extension: 'json',
      contentType: 'application/json; charset=utf-8',
      offeredFor: always,
      prepare: text((r) => jsonFormat(r.columns)),
    },
    {
      name: 'jsonl',
      extension: 'jsonl',
      contentType: 'application/x-ndjson; charset=utf-8',
      offeredFor: always,
      prepare: text((r) => jsonlFormat(r.columns)),
    },
    {
      name: 'geojson',
      extension: 'geojson',
      contentType: 'application/geo+json; charset=utf-8',
      offeredFor: hasGeo,
      prepare: text((r) => geojsonFormat(r.columns, requireGeo(r, 'geojson'))),
    },
    xlsx(spreadsheet),
    {
      name: 'shp',
      extension: 'zip',
      contentType: 'application/zip',
      offeredFor: hasGeo,
      prepare(request) {
        const geo = requireGeo(request, 'shp');
        const tooMany = () =>
          invalidParameter(
            `The shp export holds at most ${SHP_MAX_RECORDS.toLocaleString('en-US')} records; this query has more. Narrow it with where, refine or limit, or export as geojson, which has no cap.`,
          );
        if (request.count() > SHP_MAX_RECORDS) throw tooMany();
        return shpProducer(
          request.query,
          request.columns,
          geo,
          { baseName: request.dataset.dataset_id, listSeparator: request.params.csv.listSeparator },
          tooMany,
        );
      },
    },
    {
      name: 'kml',
      extension: 'kml',
      contentType: 'application/vnd.google-earth.kml+xml; charset=utf-8',
      offeredFor: hasGeo,
      prepare: text((r) =>
        kmlFormat(r.columns, requireGeo(r, 'kml'), {
          title: titleOf(r.dataset),
          listSeparator: r.params.csv.listSeparator,
        }),
      ),
    },
    {
      name: 'gpx',
      extension: 'gpx',
      contentType: 'application/gpx+xml; charset=utf-8',
      offeredFor: hasGeo,
      prepare: (r) =>
        gpxProducer(r.query, r.columns, requireGeo(r, 'gpx'), { ...r.params.gpx, title: titleOf(r.dataset) }),
    },
    {
      name: 'ov2',
      extension: 'ov2',
      contentType: 'application/octet-stream',
      offeredFor: hasGeo,
      prepare: (r) => ov2Producer(r.query, r.columns, requireGeo(r, 'ov2')),
    },
    {
      name: 'ical',
      extension: 'ics',
      contentType: 'text/calendar; charset=utf-8',
      offeredFor: hasDate,
      prepare: text((r) => {
        if (!r.columns.some((column) => isDateKind(column.kind))) {
          throw invalidParameter(
            hasDate(r.dataset.fields)
              ? 'The ical export needs a date or datetime field in select: it gives each event its start.'
              : `Dataset ${r.dataset.dataset_id} has no date or datetime field: it cannot be exported as ical.`,
          );
        }
        return icalFormat(r.columns, { title: titleOf(r.dataset), host: r.host, idAt: r.idAt });
      }),
    },
  ];
}

/**
 * The formats a version offers, in its names: v2.1 calls the workbook `xlsx` where v2.0 says
 * `xls` (ods-api.md §6). The workbook is Office Open XML under both names.
 */
export function exportFormats(spreadsheet: 'xls' | 'xlsx'): readonly ExportFormat[] {
  return spreadsheet === 'xls' ? V20_FORMATS : V21_FORMATS;
}

const V20_FORMATS = formatList('xls');
const V21_FORMATS = formatList('xlsx');

/** A format by name; v2.0 also takes v2.1's `xlsx`, as clients written for either send it. */
export function exportFormat(name: string, spreadsheet: 'xls' | 'xlsx'): ExportFormat | undefined {
  const lower = name.toLowerCase();
  const known = exportFormats(spreadsheet).find((format) => format.name === lower);
  if (known || spreadsheet !== 'xls' || lower !== 'xlsx') return known;
  return V21_FORMATS.find((format) => format.name === 'xlsx');
}
