import { Hono } from 'hono';
import { API_BASE } from '../../common/ods-api/params';
import type { Link } from '../../common/ods-api/types';
import { invalidParameter } from '../errors';
import { exportColumns } from '../exports/columns';
import { readExportParams } from '../exports/export-params';
import { EXPORT_FORMATS, exportFormat } from '../exports/formats';
import { type ExportEnd, exportStream, gzipped } from '../exports/stream';
import { link } from '../links';
import { planQuery } from '../query/plan';
import { timed } from '../query/read';
import type { Store } from '../store/store';
import { decodeContext, findDataset, querySpec } from './datasets';

/**
 * `GET …/datasets/{dataset_id}/exports` (the formats the dataset offers, as links) and
 * `…/exports/{format}` (ods-api.md §6): the whole query result, streamed, in any format, with no
 * 10,000-record cap. Each export runs the records endpoint's query (planQuery) without its
 * time limit, and reads its rows batch by batch (exports/stream.ts).
 */

export interface ExportRoutesOptions {
  log?: (line: string) => void;
  /** Called when an export ends: complete, cancelled by the client, or failed. */
  onExportEnd?: (label: string, end: ExportEnd) => void;
}

const BASE = `${API_BASE}/catalog/datasets`;

export function exportRoutes(store: Store, options: ExportRoutesOptions = {}): Hono {
  const log = options.log ?? console.error;
  const app = new Hono({ strict: false });

  app.get('/:dataset_id/exports', (c) => {
    const { dataset, url } = findDataset(store, c);
    const base = `${BASE}/${encodeURIComponent(dataset.dataset_id)}/exports`;
    const links: Link[] = EXPORT_FORMATS.filter((format) => format.offeredFor(dataset.fields)).map((format) =>
      link(url.origin, `${base}/${format.name}`, format.name),
    );
    return c.json({ links });
  });

  app.get('/:dataset_id/exports/:format', async (c) => {
    const { dataset, layout, url } = findDataset(store, c);
    const name = c.req.param('format');
    const format = exportFormat(name);
    if (!format) {
      const offered = EXPORT_FORMATS.filter((f) => f.offeredFor(dataset.fields)).map((f) => f.name);
      throw invalidParameter(
        `Invalid value for format: ${JSON.stringify(name)} is not an export format of dataset ${dataset.dataset_id}; expected one of ${offered.join(', ')}.`,
      );
    }
    const params = readExportParams(url);
    const plan = planQuery(layout, store.db, querySpec(params.request));
    const skip = plan.grouped ? 0 : 4;
    const columns = exportColumns(
      plan.outputs,
      decodeContext(url, dataset.dataset_id, params.request.timezone),
      skip,
    );
    const sql = plan.rowsSql(params.limit, params.offset);
    const query = { db: store.db, sql, params: plan.params };
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
          return timed(
            () => store.db.prepare(`SELECT count(*) FROM (${sql})`).pluck().get(plan.params) as number,
          );
        }
        const total = timed(() => store.db.prepare(plan.countSql!).pluck().get(plan.params) as number);
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
      log,
      signal: c.req.raw.signal,
      onEnd: options.onExportEnd ? (end) => options.onExportEnd!(label, end) : undefined,
    });
    // A query that fails before its first chunk still gets ODS's JSON error, with its status.
    await started;
    // compressed=true is a .gz file to download, not a transfer encoding: no Content-Encoding.
    const body = params.compressed ? gzipped(stream) : stream;
    return c.body(body, 200, headers);
  });

  return app;
}
