import { Hono } from 'hono';
import { API_BASE } from '../../common/ods-api/params';
import type { AttachmentsResponse } from '../../common/ods-api/types';
import { notFound } from '../errors';
import { link } from '../links';
import type { Store } from '../store/store';
import { findDataset } from './datasets';
import { contentDisposition, SANDBOX_HEADERS } from './file-headers';

/**
 * `GET …/datasets/{dataset_id}/attachments` (the v2.0 list, ods-api.md §7) and
 * `…/attachments/{attachment_id}` (the file). Ids are looked up in the store's attachments table,
 * which ingest filled from the dataset's attachments/ folder; no request text reaches the disk.
 */

const BASE = `${API_BASE}/catalog/datasets`;

export function attachmentRoutes(store: Store): Hono {
  const app = new Hono({ strict: false });

  app.get('/:dataset_id/attachments', (c) => {
    const { dataset, url } = findDataset(store, c);
    const base = `${BASE}/${encodeURIComponent(dataset.dataset_id)}`;
    const body: AttachmentsResponse = {
      links: [link(url.origin, url.pathname, 'self'), link(url.origin, base, 'dataset')],
      attachments: store.attachments(dataset.dataset_id).map((a) => ({
        href: `${url.origin}${base}/attachments/${encodeURIComponent(a.attachmentId)}`,
        metas: { 'mime-type': a.mimetype, title: a.title, id: a.attachmentId, url: `odsfile://${a.title}` },
      })),
    };
    return c.json(body);
  });

  app.get('/:dataset_id/attachments/:attachment_id', (c) => {
    const { dataset } = findDataset(store, c);
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
