import { type Context, Hono } from 'hono';
import type { Dataset, Link } from '../../common/ods-api/types';
import { invalidParameter } from '../errors';
import { readExportParams } from '../exports/export-params';
import { type ExportFormat, exportFormat, exportFormats } from '../exports/formats';
import { type ExportEnd, exportStream, gzipped } from '../exports/stream';
import { link } from '../links';
import type { ExportJob } from '../pool/jobs';
import type { QueryRunner } from '../pool/query-runner';
import type { ApiVersion } from '../serializers/api-version';
import type { DatasetLayout } from '../store/layout';
import type { Store } from '../store/store';
import { datasetPath, findDataset } from './dataset-context';

/**
 * `GET …/datasets/{dataset_id}/exports` (the formats the dataset offers, as links) and
 * `…/exports/{format}` (ods-api.md §6): the whole query result, streamed, in any format, with no
 * 10,000-record cap. Each export runs the records endpoint's query (planQuery) as a job on the
 * query runner (server/pool), under the exports' own, longer time limit, and streams its rows batch
 * by batch (exports/stream.ts). The catalog's own exports (catalog-exports.ts) go through
 * `sendExport` too.
 */

export interface ExportRoutesOptions {
  log?: (line: string) => void;
  /** Called when an export ends: complete, cancelled by the client, or failed. */
  onExportEnd?: (label: string, end: ExportEnd) => void;
}

/** What an export reads: a dataset's records, or the catalog as a dataset of datasets. */
export interface ExportSource {
  dataset: Dataset;
  layout: DatasetLayout;
}

/** The 400 ODS answers for a format name it does not offer. */
export function unknownFormat(name: string, offered: readonly ExportFormat[], of: string): Error {
  return invalidParameter(
    `Invalid value for format: ${JSON.stringify(name)} is not an export format of ${of}; expected one of ${offered.map((f) => f.name).join(', ')}.`,
  );
}

export async function sendExport(
  c: Context,
  queries: QueryRunner,
  source: ExportSource,
  format: ExportFormat,
  version: ApiVersion,
  options: ExportRoutesOptions,
): Promise<Response> {
  const { dataset, layout } = source;
  const url = new URL(c.req.url);
  const params = readExportParams(url, version.exportDefaults);
  const job: ExportJob = {
    kind: 'export',
    base: version.base,
    url: url.href,
    dataset,
    layout,
    format: format.name,
  };
  const filename = `${dataset.dataset_id}.${format.extension}${params.compressed ? '.gz' : ''}`;
  const headers = {
    'Content-Type': format.contentType,
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-cache, no-store',
    'X-Content-Type-Options': 'nosniff',
  };
  // A HEAD request never reads the body: the export is only checked, so it answers what GET would.
  if (c.req.method === 'HEAD') {
    await queries.export(job);
    return c.body(null, 200, headers);
  }

  const label = `${dataset.dataset_id}.${format.name}`;
  const { stream, started } = exportStream((sink) => queries.export(job, sink), {
    label,
    log: options.log ?? console.error,
    signal: c.req.raw.signal,
    onEnd: options.onExportEnd ? (end) => options.onExportEnd!(label, end) : undefined,
  });
  // A query that fails before its first chunk still gets ODS's JSON error, with its status.
  await started;
  // compressed=true is a .gz file to download, not a transfer encoding: no Content-Encoding.
  const body = params.compressed ? gzipped(stream) : stream;
  return c.body(body, 200, headers);
}

export function exportRoutes(
  store: Store,
  version: ApiVersion,
  queries: QueryRunner,
  options: ExportRoutesOptions = {},
): Hono {
  const app = new Hono({ strict: false });
  const offeredFor = (dataset: Dataset) =>
    exportFormats(version.spreadsheet).filter((format) => format.offeredFor(dataset.fields));

  app.get('/:dataset_id/exports', (c) => {
    const { dataset, url } = findDataset(store, c, version);
    const base = `${datasetPath(version, dataset.dataset_id)}/exports`;
    const links: Link[] = offeredFor(dataset).map((format) =>
      link(url.origin, `${base}/${format.name}`, format.name),
    );
    return c.json(version.serializer.exportFormats(url, links));
  });

  app.get('/:dataset_id/exports/:format', (c) => {
    const { dataset, layout } = findDataset(store, c, version);
    const name = c.req.param('format');
    // A known format the dataset cannot hold (geojson without a geo field) gets its own 400, from prepare.
    const format = exportFormat(name, version.spreadsheet);
    if (!format) throw unknownFormat(name, offeredFor(dataset), `dataset ${dataset.dataset_id}`);
    return sendExport(c, queries, { dataset, layout }, format, version, options);
  });

  return app;
}
