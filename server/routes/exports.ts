import type Database from 'better-sqlite3';
import { type Context, Hono } from 'hono';
import type { Dataset, Link } from '../../common/ods-api/types';
import { invalidParameter } from '../errors';
import { exportColumns } from '../exports/columns';
import { readExportParams } from '../exports/export-params';
import { type ExportFormat, exportFormat, exportFormats } from '../exports/formats';
import { type ExportEnd, exportStream, gzipped } from '../exports/stream';
import { link } from '../links';
import { planQuery } from '../query/plan';
import { timed } from '../query/read';
import type { ApiVersion } from '../serializers/api-version';
import type { DatasetLayout } from '../store/layout';
import type { Store } from '../store/store';
import { datasetPath, decodeContext, findDataset, querySpec } from './dataset-context';

/**
 * `GET …/datasets/{dataset_id}/exports` (the formats the dataset offers, as links) and
 * `…/exports/{format}` (ods-api.md §6): the whole query result, streamed, in any format, with no
 * 10,000-record cap. Each export runs the records endpoint's query (planQuery) without its
 * time limit, and reads its rows batch by batch (exports/stream.ts). The catalog's own exports
 * (catalog-exports.ts) go through `sendExport` too.
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
  db: Database.Database;
}

/** The 400 ODS answers for a format name it does not offer. */
export function unknownFormat(name: string, offered: readonly ExportFormat[], of: string): Error {
  return invalidParameter(
    `Invalid value for format: ${JSON.stringify(name)} is not an export format of ${of}; expected one of ${offered.map((f) => f.name).join(', ')}.`,
  );
}

export async function sendExport(
  c: Context,
  source: ExportSource,
  format: ExportFormat,
  version: ApiVersion,
  options: ExportRoutesOptions,
): Promise<Response> {
  const { dataset, layout, db } = source;
  const url = new URL(c.req.url);
  const params = readExportParams(url, version.exportDefaults);
  const plan = planQuery(layout, db, querySpec(params.request, version));
  const skip = plan.grouped ? 0 : 4;
  const context = decodeContext(version, url, dataset.dataset_id, params.request.timezone);
  const columns = exportColumns(plan.outputs, context, skip);
  const sql = plan.rowsSql(params.limit, params.offset);
  const query = { db, sql, params: plan.params };
  const producer = format.prepare({
    dataset,
    query,
    columns,
    idAt: plan.grouped ? null : 1,
    params,
    host: url.hostname,
    count: () => {
      // Grouped rows have no count query: count the page itself (limit and offset included).
      if (!plan.countSql) {
        return timed(() => db.prepare(`SELECT count(*) FROM (${sql})`).pluck().get(plan.params) as number);
      }
      const total = timed(() => db.prepare(plan.countSql!).pluck().get(plan.params) as number);
      const after = Math.max(0, total - params.offset);
      return params.limit < 0 ? after : Math.min(after, params.limit);
    },
  });

  const filename = `${dataset.dataset_id}.${format.extension}${params.compressed ? '.gz' : ''}`;
  const headers = {
    'Content-Type': format.contentType,
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-cache, no-store',
    'X-Content-Type-Options': 'nosniff',
  };
  // A HEAD request never reads the body: start nothing that would wait on it.
  if (c.req.method === 'HEAD') return c.body(null, 200, headers);

  const label = `${dataset.dataset_id}.${format.name}`;
  const { stream, started } = exportStream(producer, {
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

export function exportRoutes(store: Store, version: ApiVersion, options: ExportRoutesOptions = {}): Hono {
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
    return sendExport(c, { dataset, layout, db: store.db }, format, version, options);
  });

  return app;
}
