import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Dataset, DatasetField, DatasetMetasDefault, Reuse } from '../../common/ods-api/types';
import { isValidTimezone } from '../time';
import { buildTables, dropLayoutTables, IngestError, makeLayout } from './dataset-tables';
import { titleFromFileName } from './infer-schema';
import type { DatasetLayout } from './layout';
import { mimetypeOf } from './media';
import {
  attachmentNames,
  type DatasetSource,
  displayPath,
  readPortalFolder,
  sourceFiles,
} from './portal-folder';
import { createSnapshot } from './snapshot';
import { openDeclaredRows, openInferredRows, SourceError } from './source-rows';
import type { PortalInfo, Store } from './store';

/**
 * Keeping the store in step with a portal folder. Each dataset's sources are fingerprinted: file
 * sizes and mtimes first (cheap), then content hashes when those differ. Only datasets whose sources
 * changed are touched, each in its own transaction that builds new tables beside the old ones, swaps
 * the dataset's row to point at them, then drops the old ones: readers see the old version or the
 * new one, never a mix. A dataset whose new version cannot be read keeps its old one.
 */

/** Bumped when ingest stores records differently: every dataset is then rebuilt once. */
export const INGEST_VERSION = 1;

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

/** Sizes and modification times of every source file: equal fingerprints mean nothing to read. */
function statFingerprint(source: DatasetSource, language: string): string {
  const lines = [`ingest ${INGEST_VERSION}`, `id ${source.datasetId}`, `kind ${source.kind}`];
  if (source.kind === 'inferred') lines.push(`language ${language}`);
  for (const file of sourceFiles(source)) {
    const stat = statSync(file.path);
    lines.push(`${relative(source.path, file.path)}\t${stat.size}\t${stat.mtimeMs}`);
  }
  return createHash('sha1').update(lines.join('\n')).digest('hex');
}

const HASH_CHUNK = 1 << 20;

/** Streams a file into a hash: a large data file is never held whole in memory. */
function hashFile(hash: Hash, path: string, buffer: Buffer): void {
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, HASH_CHUNK, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}

interface ContentHashes {
  /** Everything that shapes the records: schema, timezone, data file, file-field binaries. */
  data: string;
  /** All sources: the data hash plus metadata, attachments and reuses. */
  source: string;
}

function contentHashes(source: DatasetSource, language: string): ContentHashes {
  const buffer = Buffer.allocUnsafe(HASH_CHUNK);
  const data = createHash('sha1');
  data.update(`ingest ${INGEST_VERSION}\nid ${source.datasetId}\nkind ${source.kind}\n`);
  if (source.descriptor) {
    data.update(JSON.stringify(source.descriptor.fields));
    data.update(`\ntimezone ${String(source.descriptor.metas.timezone ?? 'UTC')}\n`);
  }
  const all = createHash('sha1');
  all.update(`language ${language}\n`);
  for (const file of sourceFiles(source)) {
    const name = `\n${relative(source.path, file.path)}\n`;
    const target = file.role === 'data' ? data : all;
    target.update(name);
    hashFile(target, file.path, buffer);
  }
  const dataHash = data.digest('hex');
  all.update(`\ndata ${dataHash}`);
  return { data: dataHash, source: all.digest('hex') };
}

/** `da_` and six base-36 characters, stable for a dataset id (ODS uids look like `da_6kvv9v`). */
function datasetUid(datasetId: string): string {
  const n = createHash('sha1').update(datasetId).digest().readUInt32BE(0);
  return `da_${n.toString(36).padStart(6, '0').slice(-6)}`;
}

/** ODS features: what the explorer may offer for the dataset (analyze, geo, timeserie, calendar). */
export function datasetFeatures(fields: readonly DatasetField[]): string[] {
  const features: string[] = [];
  const numericOrDate = fields.some((f) => ['int', 'double', 'date', 'datetime'].includes(f.type));
  const facet = fields.some((f) => f.annotations.facet !== undefined);
  const dated = fields.some((f) => f.type === 'date' || f.type === 'datetime');
  if (numericOrDate || facet) features.push('analyze');
  if (fields.some((f) => f.type === 'geo_point_2d' || f.type === 'geo_shape')) features.push('geo');
  if (dated) features.push('timeserie', 'calendar');
  return features;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

type DeclaredMetas = Partial<DatasetMetasDefault> & { title: string };

function metasOf(source: DatasetSource, info: PortalInfo): DeclaredMetas {
  if (source.descriptor) return source.descriptor.metas;
  return {
    title: titleFromFileName(basename(source.path)),
    description: `<p>Served from <code>${escapeHtml(basename(source.dataFile))}</code>; its fields were inferred from the data.</p>`,
    modified: statSync(source.dataFile).mtime.toISOString(),
    language: info.language,
    timezone: 'UTC',
  };
}

interface AttachmentFile {
  attachmentId: string;
  title: string;
  mimetype: string;
  path: string;
}

function attachmentFiles(source: DatasetSource): AttachmentFile[] {
  if (!source.attachmentsDir) return [];
  const dir = source.attachmentsDir;
  return attachmentNames(dir).map((name) => ({
    attachmentId: name.replace(/\./g, '_'),
    title: name,
    mimetype: mimetypeOf(name),
    path: join(dir, name),
  }));
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function readReuses(source: DatasetSource): Reuse[] {
  if (!source.reusesFile) return [];
  const where = displayPath(source.reusesFile);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(source.reusesFile, 'utf8'));
  } catch (error) {
    throw new SourceError(`${where}: invalid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new SourceError(`${where}: expected an array of reuses`);
  const ids = new Set<string>();
  return parsed.map((raw, index) => {
    const item = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    if (typeof item.title !== 'string' || typeof item.url !== 'string') {
      throw new SourceError(`${where}: reuse ${index + 1} needs a "title" and a "url"`);
    }
    const id =
      typeof item.id === 'string' && item.id !== ''
        ? item.id
        : createHash('sha1').update(`${item.title}\n${item.url}`).digest('hex').slice(0, 12);
    if (ids.has(id)) throw new SourceError(`${where}: reuse id "${id}" appears twice`);
    ids.add(id);
    const user = (item.user && typeof item.user === 'object' ? item.user : {}) as Record<string, unknown>;
    return {
      id,
      title: item.title,
      description: text(item.description, ''),
      url: item.url,
      thumbnail: typeof item.thumbnail === 'string' ? item.thumbnail : null,
      created_at: text(item.created_at, ''),
      user: {
        username: text(user.username, ''),
        first_name: text(user.first_name, ''),
        last_name: text(user.last_name, ''),
      },
    };
  });
}

interface DatasetObjectInput {
  source: DatasetSource;
  info: PortalInfo;
  fields: DatasetField[];
  recordsCount: number;
  dataProcessed: string;
  metadataProcessed: string;
  attachments: AttachmentFile[];
}

function datasetObject(input: DatasetObjectInput): Dataset {
  const { title, ...declared } = metasOf(input.source, input.info);
  const metas: DatasetMetasDefault = {
    title: typeof title === 'string' && title !== '' ? title : input.source.datasetId,
    description: null,
    theme: null,
    keyword: null,
    publisher: null,
    license: null,
    license_url: null,
    modified: null,
    language: input.info.language,
    territory: null,
    timezone: 'UTC',
    ...declared,
    records_count: input.recordsCount,
    data_processed: input.dataProcessed,
    metadata_processed: input.metadataProcessed,
  };
  return {
    dataset_id: input.source.datasetId,
    dataset_uid: datasetUid(input.source.datasetId),
    attachments: input.attachments.map((a) => ({
      id: a.attachmentId,
      mimetype: a.mimetype,
      title: a.title,
      url: `odsfile://${a.title}`,
    })),
    has_records: input.recordsCount > 0,
    data_visible: true,
    fields: input.fields,
    metas: { default: metas },
    features: datasetFeatures(input.fields),
  };
}

/** Replaces the dataset's attachments and reuses (inside the caller's transaction). */
function writeAttachmentsAndReuses(
  store: Store,
  datasetId: string,
  attachments: AttachmentFile[],
  reuses: Reuse[],
): void {
  const db = store.db;
  db.prepare('DELETE FROM attachments WHERE dataset_id = ?').run(datasetId);
  const insertAttachment = db.prepare(
    'INSERT INTO attachments (dataset_id, attachment_id, position, title, mimetype, bytes) VALUES (?, ?, ?, ?, ?, ?)',
  );
  attachments.forEach((a, position) => {
    insertAttachment.run(datasetId, a.attachmentId, position, a.title, a.mimetype, readFileSync(a.path));
  });
  db.prepare('DELETE FROM reuses WHERE dataset_id = ?').run(datasetId);
  const insertReuse = db.prepare(
    'INSERT INTO reuses (dataset_id, reuse_id, position, reuse) VALUES (?, ?, ?, ?)',
  );
  reuses.forEach((reuse, position) => {
    insertReuse.run(datasetId, reuse.id, position, JSON.stringify(reuse));
  });
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
        rows = openDeclaredRows(source.dataFile, fields);
      } else {
        const opened = openInferredRows(source.dataFile);
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
  const context: IngestContext = { store, info: portal.info, now };

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
