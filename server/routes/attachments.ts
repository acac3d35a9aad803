import { Hono } from 'hono';
import { notFound } from '../errors';
import type { ApiVersion } from '../serializers/api-version';
import type { Store } from '../store/store';
import { findDataset } from './dataset-context';
import { contentDisposition, SANDBOX_HEADERS } from './file-headers';

/**
 * `GET …/datasets/{dataset_id}/attachments` (the list, ods-api.md §7, in the version's envelope) and
 * `…/attachments/{attachment_id}` (the file). Ids are looked up in the store's attachments table,
 * which ingest filled from the dataset's attachments/ folder; no request text reaches the disk.
 */

export function attachmentRoutes(store: Store, version: ApiVersion): Hono {
  const app = new Hono({ strict: false });

  app.get('/:dataset_id/attachments', (c) => {
    const { dataset, url } = findDataset(store, c, version);
    const attachments = store.attachments(dataset.dataset_id);
    return c.json(version.serializer.attachments(url, dataset.dataset_id, attachments));
  });

  app.get('/:dataset_id/attachments/:attachment_id', (c) => {
    const { dataset } = findDataset(store, c, version);
    const id = c.req.param('attachment_id');
    const attachment = store.attachment(dataset.dataset_id, id);
    if (!attachment) throw notFound(`Unknown attachment: ${id} in dataset ${dataset.dataset_id}`);
    // SQLite blobs come back as ArrayBuffer-backed Buffers; the type only says ArrayBufferLike.
    return c.body(attachment.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': attachment.mimetype,
      'Content-Length': String(attachment.bytes.length),
      'Content-Disposition': contentDisposition('attachment', attachment.title),
      ...SANDBOX_HEADERS,
    });
  });

  return app;
}
