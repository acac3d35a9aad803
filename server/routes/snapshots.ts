import { Hono } from 'hono';
import type { SnapshotsResponse } from '../../common/ods-api/types';
import { notFound } from '../errors';
import { exportColumns } from '../exports/columns';
import { csvFormat } from '../exports/csv';
import { readExportParams } from '../exports/export-params';
import { type ExportEnd, exportStream, gzipped } from '../exports/stream';
import { writeText } from '../exports/text-export';
import { link } from '../links';
import type { OutputColumn } from '../odsql/compiled';
import type { ApiVersion } from '../serializers/api-version';
import { isMultivalued } from '../store/layout';
import { quoteIdent } from '../store/sql-ident';
import type { SnapshotInfo, Store } from '../store/store';
import { datasetPath, decodeContext, findDataset } from './dataset-context';

/**
 * `GET …/datasets/{dataset_id}/snapshots` (the list) and `…/snapshots/{snapshot_id}` (ods-api.md §7):
 * each snapshot is a frozen copy of the records table, downloaded whole as CSV with the same writer
 * as the exports (and the same CSV parameters), however the dataset changed since.
 */

/** Every field of the snapshot, read straight from its table (snapshots have no side tables). */
function snapshotOutputs(snapshot: SnapshotInfo): OutputColumn[] {
  return snapshot.layout.fields.map((f) => ({
    key: f.field.name,
    compiled: {
      sql:
        f.latColumn && f.lonColumn
          ? [`t.${quoteIdent(f.latColumn)}`, `t.${quoteIdent(f.lonColumn)}`]
          : [`t.${quoteIdent(f.column)}`],
      kind: f.field.type,
      aggregate: false,
      field: f,
      // The column of a multivalued field holds its values as a JSON array.
      list: f.field.type === 'text' && isMultivalued(f.field),
    },
  }));
}

export interface SnapshotRoutesOptions {
  log?: (line: string) => void;
  onExportEnd?: (label: string, end: ExportEnd) => void;
}

export function snapshotRoutes(store: Store, version: ApiVersion, options: SnapshotRoutesOptions = {}): Hono {
  const log = options.log ?? console.error;
  const app = new Hono({ strict: false });

  app.get('/:dataset_id/snapshots', (c) => {
    const { dataset, url } = findDataset(store, c, version);
    const base = datasetPath(version, dataset.dataset_id);
    const body: SnapshotsResponse = {
      links: [link(url.origin, url.pathname, 'self'), link(url.origin, base, 'dataset')],
      snapshots: store.snapshots(dataset.dataset_id).map((s) => ({
        snapshot_id: s.snapshotId,
        created_at: s.createdAt,
        description: s.description,
        href: `${url.origin}${base}/snapshots/${encodeURIComponent(s.snapshotId)}`,
      })),
    };
    return c.json(body);
  });

  app.get('/:dataset_id/snapshots/:snapshot_id', async (c) => {
    const { dataset, url } = findDataset(store, c, version);
    const id = c.req.param('snapshot_id');
    const snapshot = store.snapshot(dataset.dataset_id, id);
    if (!snapshot) throw notFound(`Unknown snapshot: ${id} of dataset ${dataset.dataset_id}`);
    const params = readExportParams(url, version.exportDefaults);
    const outputs = snapshotOutputs(snapshot);
    const columns = exportColumns(
      outputs,
      decodeContext(version, url, dataset.dataset_id, params.request.timezone),
      4,
    );
    // The table name comes from the store (ingest generated it), never from the request.
    const sql = `SELECT t.rid, t.record_id, t.record_timestamp, t.record_size, ${outputs
      .flatMap((o) => o.compiled.sql)
      .join(', ')} FROM ${quoteIdent(snapshot.layout.table)} t ORDER BY t.rid`;
    const filename = `${dataset.dataset_id}-${snapshot.snapshotId}.csv${params.compressed ? '.gz' : ''}`;
    const headers = {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-cache, no-store',
      'X-Content-Type-Options': 'nosniff',
    };
    if (c.req.method === 'HEAD') return c.body(null, 200, headers);
    const label = `${dataset.dataset_id}.snapshot-${snapshot.snapshotId}`;
    const format = csvFormat(columns, params.csv);
    const { stream, started } = exportStream(
      (sink) => writeText(sink, { db: store.db, sql, params: {} }, format),
      {
        label,
        log,
        signal: c.req.raw.signal,
        onEnd: options.onExportEnd ? (end) => options.onExportEnd!(label, end) : undefined,
      },
    );
    await started;
    return c.body(params.compressed ? gzipped(stream) : stream, 200, headers);
  });

  return app;
}
