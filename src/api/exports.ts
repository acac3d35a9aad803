import type { ExportFormatsResponse } from '../../common/ods-api/types';
import { apiUrl, datasetPath, getJson, type PortalTarget, type RequestOptions } from './client';
import { type ExportParams, filteredQuery } from './params';
import { exportFormatsFromV20 } from './wire-v20';

/** Dataset export formats of the v2.0 API (ods-api.md §6); a portal lists its own at `…/exports`. */
export const EXPORT_FORMATS = [
  'csv',
  'json',
  'jsonl',
  'geojson',
  'xls',
  'shp',
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
