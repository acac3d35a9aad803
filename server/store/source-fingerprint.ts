import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { type DatasetSource, sourceFiles } from './portal-folder';

/**
 * Fingerprints of a dataset's sources, which decide what a sync reads again: sizes and modification
 * times first (cheap), then content hashes, the data's apart from the metadata's, so a change of
 * metadata alone updates the dataset without reloading its records.
 */

/** Bumped when ingest stores records differently: every dataset is then rebuilt once. */
const INGEST_VERSION = 1;

/** Sizes and modification times of every source file: equal fingerprints mean nothing to read. */
export function statFingerprint(source: DatasetSource, language: string): string {
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

export interface ContentHashes {
  /** Everything that shapes the records: schema, timezone, data file, file-field binaries. */
  data: string;
  /** All sources: the data hash plus metadata, attachments and reuses. */
  source: string;
}

export function contentHashes(source: DatasetSource, language: string): ContentHashes {
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
