import { Hono } from 'hono';
import { notFound } from '../errors';
import type { ApiVersion } from '../serializers/api-version';
import type { Store } from '../store/store';
import { findDataset } from './dataset-context';
import { contentDisposition, SANDBOX_HEADERS } from './file-headers';

/**
 * `GET …/datasets/{dataset_id}/files/{file_id}`: the binary behind a `file` field value (ods-api.md
 * §7), looked up by id in the store. Files never change under an id (the id is their hash), so
 * they carry an ETag and may be cached for a day; `If-None-Match` gets a 304.
 */

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

export function fileRoutes(store: Store, version: ApiVersion): Hono {
  const app = new Hono({ strict: false });

  app.get('/:dataset_id/files/:file_id', (c) => {
    const { dataset } = findDataset(store, c, version);
    const id = c.req.param('file_id');
    const file = store.file(dataset.dataset_id, id);
    if (!file) throw notFound(`Unknown file: ${id} in dataset ${dataset.dataset_id}`);
    const etag = `"${file.etag}"`;
    const caching = { ETag: etag, 'Cache-Control': 'public, max-age=86400' };
    if (matches(c.req.header('If-None-Match'), etag)) return c.body(null, 304, caching);
    // SQLite blobs come back as ArrayBuffer-backed Buffers; the type only says ArrayBufferLike.
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': file.mimetype,
      'Content-Length': String(file.bytes.length),
      'Content-Disposition': contentDisposition('inline', file.filename),
      ...caching,
      ...SANDBOX_HEADERS,
    });
  });

  return app;
}
