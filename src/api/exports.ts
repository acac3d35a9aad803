import type { ExportFormatsResponse } from '../../common/ods-api/types';
import { apiUrl, datasetPath, getJson, type PortalTarget, type RequestOptions, send } from './client';
import { type ExportParams, filteredQuery } from './params';
import { exportFormatsFromV20 } from './wire-v20';

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
  return getJson<ExportFormatsResponse>(target, datasetPath(datasetId, '/exports'), {}, options).then(
    exportFormatsFromV20,
  );
}

/** `GET …/exports/{format}`: a streamed file, with no 10,000 cap. Download it with `download()`. */
export function exportUrl(
  target: PortalTarget,
  datasetId: string,
  format: ExportFormat,
  params: ExportParams = {},
): string {
  return apiUrl(target, datasetPath(datasetId, `/exports/${format}`), filteredQuery(params));
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
