import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize, sep } from 'node:path';
import type Database from 'better-sqlite3';
import { imageSize, mimetypeOf } from './media';
import { ValueError } from './values';

/** A file-field value as stored in its column (the url is added when the API serializes it). */
export interface FileValue {
  id: string;
  filename: string;
  mimetype: string;
  width?: number;
  height?: number;
}

/** Reads and stores the binaries that file fields name, once each. */
export class FileResolver {
  private readonly resolved = new Map<string, FileValue>();
  private readonly insert: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly datasetId: string,
    private readonly filesDir: string | null,
  ) {
    db.prepare('DELETE FROM files WHERE dataset_id = ?').run(datasetId);
    this.insert = db.prepare(
      `INSERT INTO files (dataset_id, file_id, filename, mimetype, width, height, etag, bytes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
  }

  resolve(raw: unknown): FileValue {
    const name =
      typeof raw === 'string'
        ? raw.trim()
        : raw && typeof raw === 'object' && typeof (raw as { filename?: unknown }).filename === 'string'
          ? (raw as { filename: string }).filename
          : null;
    if (name === null) throw new ValueError(`expects file, got ${JSON.stringify(raw)}`);
    const cached = this.resolved.get(name);
    if (cached) return cached;
    const path = this.pathOf(name);
    const bytes = readFileSync(path);
    const sha1 = createHash('sha1').update(bytes).digest('hex');
    const mimetype = mimetypeOf(name);
    const size = imageSize(bytes, mimetype);
    const value: FileValue = { id: sha1.slice(0, 32), filename: name.split('/').pop()!, mimetype };
    if (size) {
      value.width = size.width;
      value.height = size.height;
    }
    this.insert.run(
      this.datasetId,
      value.id,
      value.filename,
      mimetype,
      size?.width ?? null,
      size?.height ?? null,
      sha1,
      bytes,
    );
    this.resolved.set(name, value);
    return value;
  }

  private pathOf(name: string): string {
    if (!this.filesDir) throw new ValueError(`names file "${name}", but the dataset has no files/ folder`);
    const clean = normalize(name);
    if (name === '' || isAbsolute(name) || clean.startsWith('..') || clean.split(sep).includes('..')) {
      throw new ValueError(`names file "${name}", which is outside files/`);
    }
    const path = join(this.filesDir, clean);
    let isFile = false;
    try {
      isFile = statSync(path).isFile();
    } catch {}
    if (!isFile) throw new ValueError(`names file "${name}", which is not in files/`);
    // A symbolic link may point anywhere on the machine: only what really lies inside files/ is served.
    const root = realpathSync(this.filesDir);
    if (!realpathSync(path).startsWith(`${root}${sep}`)) {
      throw new ValueError(`names file "${name}", a link that leads outside files/`);
    }
    return path;
  }
}
