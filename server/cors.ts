import type { MiddlewareHandler } from 'hono';

/**
 * CORS for the API: any origin may call it, as on ODS portals (the explorer calls whichever portal
 * its user picks), with the headers ODS clients send and the rate-limit headers they read.
 *
 * Not Hono's `cors()`: it writes its headers before the route runs, which makes a response
 * early, and Hono then builds the route's response again to carry them over; with
 * @hono/node-server that turns a string body into a stream read back chunk by chunk. Under
 * bench:load that cost the event loop ~0.1 ms a request. Here the headers go onto the route's
 * own response, after it is made.
 */

const ALLOW_HEADERS = ['Authorization', 'Content-Type', 'ODS-Widgets-Version'];
const ALLOW_METHODS = ['GET', 'HEAD', 'PUT', 'OPTIONS'];
const EXPOSE_HEADERS = [
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Retry-After',
  'Content-Disposition',
];
/** A day: browsers cap it lower (Chromium at two hours) and the answer never changes. */
const MAX_AGE_S = 86_400;

const ON_EVERY_ANSWER: [string, string][] = [
  ['Access-Control-Allow-Origin', '*'],
  ['Access-Control-Expose-Headers', EXPOSE_HEADERS.join(',')],
];

const PREFLIGHT: [string, string][] = [
  ...ON_EVERY_ANSWER,
  ['Access-Control-Allow-Methods', ALLOW_METHODS.join(',')],
  ['Access-Control-Allow-Headers', ALLOW_HEADERS.join(',')],
  ['Access-Control-Max-Age', String(MAX_AGE_S)],
];

export function cors(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return new Response(null, { status: 204, headers: PREFLIGHT });
    await next();
    const headers = c.res.headers;
    for (const [name, value] of ON_EVERY_ANSWER) headers.set(name, value);
  };
}
