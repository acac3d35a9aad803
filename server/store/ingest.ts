import type { Dataset, DatasetField, DatasetMetasDefault } from '../../common/ods-api/types';
import { isValidTimezone } from '../../common/time/zoned-time';
import { type CsvRules, STRICT_CSV } from './csv';
import { datasetObject, metasOf } from './dataset-object';
import { buildTables, dropLayoutTables, IngestError, makeLayout } from './dataset-tables';
import type { DatasetLayout } from './layout';
import { type DatasetSource, displayPath, readPortalFolder } from './portal-folder';
import { attachmentFiles, readReuses, writeAttachmentsAndReuses } from './side-files';
import { createSnapshot, DEFAULT_KEEP_SNAPSHOTS, pruneSnapshots, removeSnapshots } from './snapshot';
import { type ContentHashes, contentHashes, statFingerprint } from './source-fingerprint';
import { openDeclaredRows, openInferredRows, SourceError } from './source-rows';
import type { PortalInfo, Store } from './store';
import { isWriteFailure } from './write-failure';

/**
 * Keeping the store in step with a portal folder. Each dataset's sources are fingerprinted: file
 * sizes and mtimes first (cheap), then content hashes when those differ. Only datasets whose sources
 * changed are touched, each in its own transaction that builds new tables beside the old ones, swaps
 * the dataset's row to point at them, then drops the old ones: readers see the old version or the
 * new one, never a mix. A dataset whose new version cannot be read keeps its old one.
 */

/** SQLite's page cache while building tables: negative means KiB (here 64 MiB, which keeps a 1M-row load under 300 MB of RSS). */
const INGEST_CACHE_KIB = -65_536;

/**
 * A large dataset's B-trees (the record id index, the R*Tree) outgrow SQLite's default 2 MB page
 * cache and thrash it; a bigger cache while building saves about a fifth of the time at 1M rows.
 */
function withLargeCache<T>(store: Store, build: () => T): T {
  const cacheSize = store.db.pragma('cache_size', { simple: true }) as number;
  store.db.pragma(`cache_size = ${INGEST_CACHE_KIB}`);
  try {
    return build();
  } finally {
    store.db.pragma(`cache_size = ${cacheSize}`);
  }
}

export interface SyncOptions {
  /** Receives one line per ingested, removed or failed dataset, and a summary. */
  log?: (line: string) => void;
  /** The clock (tests pin it). */
  now?: () => Date;
  /** How CSV files are read: strict with 1 MiB cells unless `--lenient` or `--max-cell` say otherwise. */
  csv?: CsvRules;
  /** Snapshots kept per dataset (`--keep-snapshots`); older ones are dropped at ingest. */
  keepSnapshots?: number;
}

export interface IngestedDataset {
  datasetId: string;
  records: number;
  ms: number;
}

export interface SyncReport {
  /** Datasets whose records were (re)built. */
  ingested: IngestedDataset[];
  /** Datasets whose metadata, attachments or reuses changed, records untouched. */
  updated: string[];
  unchanged: string[];
  removed: string[];
  /** Datasets (or paths, when no id could be read) left as they were because their sources are broken. */
  failed: string[];
}

interface PreviousRow {
  dataset_id: string;
  position: number;
  dataset: string;
  layout: string;
  source_path: string;
  stat_fingerprint: string;
  source_hash: string;
  data_hash: string;
}

function upsertDataset(
  store: Store,
  row: Omit<PreviousRow, 'dataset' | 'layout'> & { dataset: Dataset; layout: DatasetLayout },
): void {
  store.db
    .prepare(
      `INSERT INTO datasets (dataset_id, position, dataset, layout, source_path, stat_fingerprint, source_hash, data_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (dataset_id) DO UPDATE SET position = excluded.position, dataset = excluded.dataset,
         layout = excluded.layout, source_path = excluded.source_path, stat_fingerprint = excluded.stat_fingerprint,
         source_hash = excluded.source_hash, data_hash = excluded.data_hash`,
    )
    .run(
      row.dataset_id,
      row.position,
      JSON.stringify(row.dataset),
      JSON.stringify(row.layout),
      row.source_path,
      row.stat_fingerprint,
      row.source_hash,
      row.data_hash,
    );
}

interface IngestContext {
  store: Store;
  info: PortalInfo;
  now: () => Date;
  csv: CsvRules;
  keepSnapshots: number;
}

/** Rebuilds a dataset's tables from its sources and swaps them in, in one transaction. */
function ingestDataset(
  context: IngestContext,
  source: DatasetSource,
  previous: PreviousRow | undefined,
  position: number,
  fingerprint: string,
  hashes: ContentHashes,
): number {
  const { store, info } = context;
  const metas = metasOf(source, info);
  const timezone = checkedTimezone(source, metas);
  const previousLayout = previous ? (JSON.parse(previous.layout) as DatasetLayout) : null;
  const generation = (previousLayout?.generation ?? 0) + 1;
  const reuses = readReuses(source);
  const attachments = attachmentFiles(source);
  const now = context.now().toISOString();
  return withLargeCache(store, () =>
    store.db.transaction(() => {
      let fields: DatasetField[];
      let rows: ReturnType<typeof openDeclaredRows>;
      if (source.descriptor) {
        fields = source.descriptor.fields;
        rows = openDeclaredRows(source.dataFile, fields, context.csv);
      } else {
        const opened = openInferredRows(source.dataFile, context.csv);
        fields = opened.schema.fields;
        rows = opened.rows;
      }
      const layout = makeLayout(source.datasetId, fields, timezone, generation);
      let count: number;
      try {
        count = buildTables({ db: store.db, layout, rows, filesDir: source.filesDir, timestamp: now });
      } finally {
        rows.close();
      }
      writeAttachmentsAndReuses(store, source.datasetId, attachments, reuses);
      const dataset = datasetObject({
        source,
        info,
        fields,
        recordsCount: count,
        dataProcessed: now,
        metadataProcessed: now,
        attachments,
      });
      upsertDataset(store, {
        dataset_id: source.datasetId,
        position,
        dataset,
        layout,
        source_path: source.path,
        stat_fingerprint: fingerprint,
        source_hash: hashes.source,
        data_hash: hashes.data,
      });
      createSnapshot(
        store.db,
        layout,
        previous ? 'Taken at ingest: the data changed' : 'Taken at ingest: first version of the data',
        now,
      );
      pruneSnapshots(store.db, source.datasetId, context.keepSnapshots);
      if (previousLayout && previousLayout.table !== layout.table) dropLayoutTables(store.db, previousLayout);
      return count;
    })(),
  );
}

/** The dataset's timezone (UTC when unset); an unknown one refuses the dataset. */
function checkedTimezone(source: DatasetSource, metas: Partial<DatasetMetasDefault>): string {
  const timezone = typeof metas.timezone === 'string' && metas.timezone !== '' ? metas.timezone : 'UTC';
  if (!isValidTimezone(timezone)) {
    throw new SourceError(
      `${displayPath(source.descriptorFile ?? source.path)}: unknown timezone "${timezone}"`,
    );
  }
  return timezone;
}

/** Metadata, attachments or reuses changed but the records did not: the tables stay. */
function updateMetadata(
  context: IngestContext,
  source: DatasetSource,
  previous: PreviousRow,
  position: number,
  fingerprint: string,
  hashes: ContentHashes,
): void {
  const { store, info } = context;
  const old = JSON.parse(previous.dataset) as Dataset;
  const layout = JSON.parse(previous.layout) as DatasetLayout;
  const reuses = readReuses(source);
  const attachments = attachmentFiles(source);
  store.db.transaction(() => {
    writeAttachmentsAndReuses(store, source.datasetId, attachments, reuses);
    const dataset = datasetObject({
      source,
      info,
      fields: old.fields,
      recordsCount: old.metas.default.records_count,
      dataProcessed: old.metas.default.data_processed ?? context.now().toISOString(),
      metadataProcessed: context.now().toISOString(),
      attachments,
    });
    upsertDataset(store, {
      dataset_id: source.datasetId,
      position,
      dataset,
      layout,
      source_path: source.path,
      stat_fingerprint: fingerprint,
      source_hash: hashes.source,
      data_hash: hashes.data,
    });
  })();
}

function removeDataset(store: Store, previous: PreviousRow): void {
  const layout = JSON.parse(previous.layout) as DatasetLayout;
  store.db.transaction(() => {
    dropLayoutTables(store.db, layout);
    removeSnapshots(store.db, previous.dataset_id);
    for (const table of ['files', 'attachments', 'reuses', 'datasets']) {
      store.db.prepare(`DELETE FROM ${table} WHERE dataset_id = ?`).run(previous.dataset_id);
    }
  })();
}

function seconds(ms: number): string {
  return ms < 100 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Brings the store in line with the portal folder `dir`: ingests new and changed datasets, updates
 * metadata, removes datasets whose source is gone, and keeps the previous version of any dataset
 * whose new sources cannot be read (one log line says which file, row and field, and why).
 */
export function syncPortal(store: Store, dir: string, options: SyncOptions = {}): SyncReport {
  const log = options.log ?? console.log;
  const now = options.now ?? (() => new Date());
  const started = performance.now();
  const portal = readPortalFolder(dir);
  const report: SyncReport = { ingested: [], updated: [], unchanged: [], removed: [], failed: [] };
  const context: IngestContext = {
    store,
    info: portal.info,
    now,
    csv: options.csv ?? STRICT_CSV,
    keepSnapshots: options.keepSnapshots ?? DEFAULT_KEEP_SNAPSHOTS,
  };

  const current = store.portalInfo();
  if (portal.infoProblem) {
    log(`[ingest] ${portal.infoProblem}; keeping the previous portal title and description`);
    context.info = current;
  } else if (JSON.stringify(current) !== JSON.stringify(portal.info)) {
    store.setPortalInfo(portal.info);
  }

  const previousRows = store.db
    .prepare(
      'SELECT dataset_id, position, dataset, layout, source_path, stat_fingerprint, source_hash, data_hash FROM datasets',
    )
    .all() as PreviousRow[];
  const previousById = new Map(previousRows.map((row) => [row.dataset_id, row]));
  const kept = new Set<string>();
  const order: { datasetId: string; path: string }[] = [];

  const failure = (datasetId: string | null, message: string) => {
    const servedBefore = datasetId !== null && previousById.has(datasetId);
    log(
      `[ingest] ${message}; ${servedBefore ? 'keeping the previous version' : 'not served until it is fixed'}`,
    );
    report.failed.push(datasetId ?? message);
    if (servedBefore) kept.add(datasetId);
  };

  for (const problem of portal.problems) {
    // A descriptor that cannot be read still names its dataset by the folder it was served from.
    const datasetId =
      problem.datasetId ?? previousRows.find((row) => row.source_path === problem.path)?.dataset_id;
    failure(datasetId ?? null, problem.message);
    if (datasetId && previousById.has(datasetId)) order.push({ datasetId, path: problem.path });
  }
  for (const source of portal.datasets) order.push({ datasetId: source.datasetId, path: source.path });
  order.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const positionOf = new Map(order.map((entry, index) => [entry.datasetId, index]));

  for (const source of portal.datasets) {
    const previous = previousById.get(source.datasetId);
    const position = positionOf.get(source.datasetId)!;
    const began = performance.now();
    try {
      const fingerprint = statFingerprint(source, context.info.language);
      if (previous && previous.stat_fingerprint === fingerprint && previous.source_path === source.path) {
        report.unchanged.push(source.datasetId);
        kept.add(source.datasetId);
        continue;
      }
      const hashes = contentHashes(source, context.info.language);
      if (previous && previous.source_hash === hashes.source && previous.source_path === source.path) {
        store.db
          .prepare('UPDATE datasets SET stat_fingerprint = ? WHERE dataset_id = ?')
          .run(fingerprint, source.datasetId);
        report.unchanged.push(source.datasetId);
      } else if (previous && previous.data_hash === hashes.data) {
        updateMetadata(context, source, previous, position, fingerprint, hashes);
        report.updated.push(source.datasetId);
        log(`[ingest] ${source.datasetId}: metadata updated in ${seconds(performance.now() - began)}`);
      } else {
        const records = ingestDataset(context, source, previous, position, fingerprint, hashes);
        const ms = performance.now() - began;
        report.ingested.push({ datasetId: source.datasetId, records, ms });
        log(`[ingest] ${source.datasetId}: ${records.toLocaleString('en-US')} records in ${seconds(ms)}`);
      }
      kept.add(source.datasetId);
    } catch (error) {
      // A full disk is no fault of this dataset's sources: the caller serves the store read-only.
      if (isWriteFailure(error)) throw error;
      if (error instanceof IngestError || error instanceof SourceError) {
        failure(source.datasetId, error.message);
      } else {
        failure(source.datasetId, `${displayPath(source.path)}: ${(error as Error).message}`);
      }
    }
  }

  for (const previous of previousRows) {
    if (kept.has(previous.dataset_id)) continue;
    removeDataset(store, previous);
    report.removed.push(previous.dataset_id);
    log(`[ingest] ${previous.dataset_id}: removed (its source is gone)`);
  }

  store.db.transaction(() => {
    const update = store.db.prepare(
      'UPDATE datasets SET position = ? WHERE dataset_id = ? AND position != ?',
    );
    for (const [datasetId, position] of positionOf) update.run(position, datasetId, position);
  })();
  store.invalidate();
  if (report.ingested.length > 0 || report.removed.length > 0) store.db.pragma('wal_checkpoint(TRUNCATE)');

  const served = store.db.prepare('SELECT count(*) AS n FROM datasets').get() as { n: number };
  log(
    `[ingest] ${served.n} datasets ready (${report.unchanged.length} unchanged) in ${seconds(performance.now() - started)}`,
  );
  return report;
}
