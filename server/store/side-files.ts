import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reuse } from '../../common/ods-api/types';
import { mimetypeOf } from './media';
import { attachmentNames, type DatasetSource, displayPath } from './portal-folder';
import { SourceError } from './source-rows';
import type { Store } from './store';

/**
 * A dataset's files beside its records: the attachments folder and reuses.json, read from the
 * portal folder and written into the store's attachments and reuses tables.
 */

export interface AttachmentFile {
  attachmentId: string;
  title: string;
  mimetype: string;
  path: string;
}

export function attachmentFiles(source: DatasetSource): AttachmentFile[] {
  if (!source.attachmentsDir) return [];
  const dir = source.attachmentsDir;
  return attachmentNames(dir).map((name) => ({
    attachmentId: name.replace(/\./g, '_'),
    title: name,
    mimetype: mimetypeOf(name),
    path: join(dir, name),
  }));
}

export function text(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

export function readReuses(source: DatasetSource): Reuse[] {
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

/** Replaces the dataset's attachments and reuses (inside the caller's transaction). */
export function writeAttachmentsAndReuses(
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
