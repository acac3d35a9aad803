import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import { ERROR_CODES, type QuotaErrorBody } from '../../common/ods-api/errors';
import { invalidParameter, OdsHttpError } from '../errors';
import { checkNewValues, currentValues } from '../feedback/correction-values';
import { MAX_BODY_BYTES, parseFeedbackBody } from '../feedback/feedback-body';
import { FeedbackStore, feedbackUnavailable } from '../feedback/feedback-store';
import { SlidingWindowLimiter } from '../feedback/rate-limit';
import type { ApiVersion } from '../serializers/api-version';
import type { Store } from '../store/store';
import { findDataset } from './dataset-context';

/**
 * `PUT …/datasets/{dataset_id}/feedback` (ods-api.md §7): a visitor's comment on the dataset or a
 * proposed correction of one record, stored for the publisher (`npm run portal -- feedback`).
 * Answers 201 `{"status": "ok"}`. Each client (by socket address, never by a header it could
 * forge) may send 30 a minute; more get ODS's 429 quota body. Bodies over 64 KiB get a 413. New
 * values must fit their fields' types (correction-values.ts), and the record's values at that
 * moment are kept beside them.
 */

export const FEEDBACK_PER_MINUTE = 30;

export interface FeedbackRoutesOptions {
  limiter?: SlidingWindowLimiter;
}

/** The client's address from the socket; requests without one (tests' app.request) share a key. */
function clientOf(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

async function readBody(c: Context): Promise<string> {
  const tooLarge = () =>
    new OdsHttpError(
      413,
      ERROR_CODES.payloadTooLarge,
      `The feedback body is larger than ${MAX_BODY_BYTES / 1024} KiB (${MAX_BODY_BYTES.toLocaleString('en-US')} bytes).`,
    );
  const declared = Number(c.req.header('Content-Length'));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge();
  const reader = c.req.raw.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function feedbackRoutes(store: Store, version: ApiVersion, options: FeedbackRoutesOptions = {}): Hono {
  const app = new Hono({ strict: false });
  const feedback = FeedbackStore.of(store);
  const limiter = options.limiter ?? new SlidingWindowLimiter(FEEDBACK_PER_MINUTE, 60_000);

  app.put('/:dataset_id/feedback', async (c) => {
    const client = clientOf(c);
    const decision = limiter.take(client ?? 'unknown');
    const resetSeconds = Math.ceil(decision.resetAt / 1000);
    c.header('X-RateLimit-Limit', String(decision.limit));
    c.header('X-RateLimit-Remaining', String(decision.remaining));
    c.header('X-RateLimit-Reset', String(resetSeconds));
    if (!decision.allowed) {
      c.header('Retry-After', String(Math.max(1, Math.ceil((decision.resetAt - Date.now()) / 1000))));
      const body: QuotaErrorBody = {
        errorcode: 10005,
        reset_time: new Date(resetSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        limit_time_unit: 'minute',
        call_limit: decision.limit,
        error: 'Too many feedback submissions from this client. Try again in a minute.',
      };
      return c.json(body, 429);
    }

    const { dataset, layout, url } = findDataset(store, c, version);
    // Started read-only on a full disk (serve.ts): nothing could be kept.
    if (store.readOnly) throw feedbackUnavailable();
    const body = parseFeedbackBody(await readBody(c));
    let oldValues: Record<string, unknown> | null = null;
    if (body.recordId !== null) {
      const current = currentValues(store, layout, url, version, dataset.dataset_id, body.recordId);
      if (!current) {
        throw invalidParameter(
          `Invalid value for feedback.recordid: no record ${JSON.stringify(body.recordId)} in dataset ${dataset.dataset_id}.`,
        );
      }
      // What the visitor saw beside what they propose: the record may change before the owner reads it.
      if (body.newValues !== null) {
        oldValues = Object.fromEntries(
          Object.keys(body.newValues).map((name) => [name, current[name] ?? null]),
        );
      }
    }
    if (body.newValues !== null) checkNewValues(dataset.dataset_id, dataset.fields, body.newValues);
    feedback.add({
      datasetId: dataset.dataset_id,
      comment: body.comment,
      recordId: body.recordId,
      newValues: body.newValues,
      oldValues,
      schema: body.schema,
      userAgent: c.req.header('User-Agent')?.slice(0, 512) ?? null,
      client,
    });
    return c.json({ status: 'ok' }, 201);
  });

  return app;
}
