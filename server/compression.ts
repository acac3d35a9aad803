import { pipeline, Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';

/**
 * Compresses the portal's text responses (the API's JSON, text exports, the explorer's HTML) with
 * brotli or gzip, as the client's Accept-Encoding allows. Streamed bodies stay streamed: the
 * compressor is a stream between the producer and the socket. Already-compressed formats (zip,
 * xlsx, images) and responses that carry an encoding (the precompressed built assets) pass as
 * they are. A client on this machine talking to the portal directly gets the bytes uncompressed
 * (localClient).
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

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Whether a socket's remote address is this machine's loopback, in IPv4, IPv6 or IPv4-mapped form. */
export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK.has(address);
}

/**
 * Whether the client is on this machine with nothing in between. Over loopback compression saves
 * no time and costs CPU on both ends: a 1M-row CSV through the Export view took longer
 * than curl's uncompressed download only because of brotli. A reverse proxy in front also connects
 * from loopback, but for clients elsewhere, and says so with X-Forwarded-For or Forwarded: then the
 * body is compressed as usual. Without a socket (app.request in tests) nothing is known: compress.
 */
function localClient(c: Context): boolean {
  if (c.req.header('X-Forwarded-For') !== undefined || c.req.header('Forwarded') !== undefined) return false;
  try {
    return isLoopback(getConnInfo(c).remote.address);
  } catch {
    // No Node socket behind this request (c.env has no `incoming`).
    return false;
  }
}

export function compression(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    // `res.body` is read last, once the answer is to be compressed: with @hono/node-server, reading
    // it turns a string body into a stream (the fast path writes the string to the socket as it is).
    if (c.req.method === 'HEAD' || res.status === 204 || res.status === 206) return;
    if (res.headers.has('Content-Encoding') || !COMPRESSIBLE.test(res.headers.get('Content-Type') ?? ''))
      return;
    const length = res.headers.get('Content-Length');
    if (length !== null && Number(length) < MIN_BYTES) return;
    // Whatever is chosen, a cache must keep one copy per encoding.
    res.headers.append('Vary', 'Accept-Encoding');
    if (localClient(c)) return;
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
    if (!encoding || !res.body) return;
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
