import { pipeline, Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

/**
 * Compresses the portal's text responses (the API's JSON, text exports, the explorer's HTML) with
 * brotli or gzip, as the client's Accept-Encoding allows. Streamed bodies stay streamed: the
 * compressor is a stream between the producer and the socket. Already-compressed formats (zip,
 * xlsx, images) and responses that carry an encoding (the precompressed built assets) pass as
 * they are.
 */

/** Below this, compression saves less than the header costs. */
const MIN_BYTES = 1024;

const COMPRESSIBLE =
  /^(?:text\/|application\/(?:json|geo\+json|x-ndjson|xml|javascript|vnd\.google-earth\.kml\+xml|gpx\+xml)|image\/svg\+xml)/i;

/** The best encoding the client accepts (a q of 0 refuses one), brotli first. */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name!.trim(), q ? Number(q.slice(2)) : 1);
  }
  const weight = (name: string) => accepted.get(name) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return null;
}

export function compression(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (c.req.method === 'HEAD' || !res.body || res.status === 204 || res.status === 206) return;
    if (res.headers.has('Content-Encoding') || !COMPRESSIBLE.test(res.headers.get('Content-Type') ?? ''))
      return;
    const length = res.headers.get('Content-Length');
    if (length !== null && Number(length) < MIN_BYTES) return;
    // Whatever is chosen, a cache must keep one copy per encoding.
    res.headers.append('Vary', 'Accept-Encoding');
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    if (!encoding) return;
    // Fast levels: these bodies are made per request, up to exports of many megabytes. On the
    // countries' 9 MB GeoJSON, brotli 2 gives 3.1 MB in a third of brotli 4's time, gzip 3 3.3 MB
    // in under half of gzip 6's; the compression runs on libuv's threads, not the event loop.
    // Each chunk the producer writes (an export writes a batch of rows) is flushed to the client as
    // it comes, so that a streamed body arrives as it is made, not when zlib's buffer fills.
    const compressor =
      encoding === 'br'
        ? createBrotliCompress({
            flush: constants.BROTLI_OPERATION_FLUSH,
            params: { [constants.BROTLI_PARAM_QUALITY]: 2 },
          })
        : createGzip({ level: 3, flush: constants.Z_SYNC_FLUSH });
    // pipeline, not pipe: a client that goes away destroys the compressor, and pipeline then
    // cancels the producer's stream, so that an export stops reading instead of stalling.
    const source = Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>);
    pipeline(source, compressor, () => {});
    const body = Readable.toWeb(compressor) as ReadableStream<Uint8Array>;
    const headers = new Headers(res.headers);
    headers.delete('Content-Length');
    headers.set('Content-Encoding', encoding);
    c.res = new Response(body, { status: res.status, statusText: res.statusText, headers });
    // Hono's c.res setter copies the previous response's headers onto the new one, Content-Length
    // included: drop it again, or the client waits for bytes the compressed body never has.
    c.res.headers.delete('Content-Length');
  };
}
