import type { ExportFormatsResponse } from '../../common/ods-api/types';
import type { ExportFormatsResponseV21 } from '../../common/ods-api/types-v21';
import {
  apiUrl,
  byVersion,
  datasetPath,
  getJson,
  type PortalTarget,
  type RequestOptions,
  send,
} from './client';
import { type ExportParams, filteredQuery } from './params';
import { exportFormatsFromV20 } from './wire-v20';
import { exportFormatsFromV21 } from './wire-v21';

/**
 * Dataset export formats of the Explore API (ods-api.md §6): v2.0's, with kml and gpx, which v2.1
 * documents. A portal lists its own at `…/exports`; this list stands in where that endpoint is missing.
 */
export const EXPORT_FORMATS = [
  'csv',
  'json',
  'jsonl',
  'geojson',
  'xls',
  'shp',
  'kml',
  'gpx',
  'ov2',
  'ical',
  'jsonld',
  'rdfxml',
  'turtle',
  'n3',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `GET …/exports`: the names of the formats this dataset offers. */
export function getExportFormats(
  target: PortalTarget,
  datasetId: string,
  options: RequestOptions = {},
): Promise<string[]> {
  const path = datasetPath(datasetId, '/exports');
  return byVersion(target, {
    '2.0': () => getJson<ExportFormatsResponse>(target, path, {}, options).then(exportFormatsFromV20),
    '2.1': () => getJson<ExportFormatsResponseV21>(target, path, {}, options).then(exportFormatsFromV21),
  });
}

/** `GET …/exports/{format}`: a streamed file, with no 10,000 cap. Download it with `download()`. */
export function exportUrl(
  target: PortalTarget,
  datasetId: string,
  format: ExportFormat,
  params: ExportParams = {},
): string {
  // v2.1 renamed the spreadsheet export (ods-api.md §6); a caller asks for "the spreadsheet" alike.
  const name = byVersion(target, { '2.0': () => format, '2.1': () => (format === 'xls' ? 'xlsx' : format) });
  return apiUrl(target, datasetPath(datasetId, `/exports/${name}`), filteredQuery(params));
}

/**
 * The size in bytes of an export (a sample of it, with `limit`), counted as it streams and never
 * kept: what the Export view scales up to estimate the whole file.
 */
export async function exportSize(
  target: PortalTarget,
  datasetId: string,
  format: ExportFormat,
  params: ExportParams,
  { signal }: RequestOptions = {},
): Promise<number> {
  const response = await send(target, exportUrl(target, datasetId, format, params), { signal });
  if (!response.body) return (await response.blob()).size;
  const reader = response.body.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}
