import { API_BASE, EXPLORE_V21_BASE } from '../../common/ods-api/params';
import { errorFromResponse, PortalUnreachableError, UnexpectedResponseError } from './errors';
import type { ApiVersion } from './model';
import { readRateLimit, recordRateLimit } from './rate-limit';

/**
 * The one place the explorer talks HTTP. Every request goes to a PortalTarget: the embedded portal
 * (`portal` empty, same origin) or another portal's origin, with an optional API key sent as
 * `Authorization: Apikey <key>` (ods-api.md §2.2), never in the URL. Every call takes the query's
 * `signal`, so a superseded request is cancelled.
 */
export interface PortalTarget {
  /** '' for the embedded portal; otherwise an origin such as `https://data.economie.gouv.fr`. */
  portal: string;
  /** Which Explore API the portal speaks; every path and shape follows from it. */
  apiVersion: ApiVersion;
  apiKey?: string;
  /**
   * The reader's language, sent as `lang` with every call: portals translate their metadata and
   * facet labels by it and name months and days in it (`date_format`). ODS defaults to `fr`, so an
   * English reader must say so. Unknown parameters are ignored where a route takes no `lang`.
   */
  lang?: string;
}

const API_BASES: Record<ApiVersion, string> = { '2.0': API_BASE, '2.1': EXPLORE_V21_BASE };

/**
 * The arm of a call written for the target's API version: every fetcher whose request or answer
 * differs between versions passes one function per version (see wire-v21.ts), and the type
 * makes both required.
 */
export function byVersion<T>(target: PortalTarget, arms: Record<ApiVersion, () => T>): T {
  return arms[target.apiVersion]();
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** false: the answer's X-RateLimit-* headers are one endpoint's own limit (feedback), not the quota. */
  portalQuota?: boolean;
}

export type QueryValue = string | number | boolean | readonly string[] | undefined | null;
export type QueryParams = Record<string, QueryValue>;

/** The API's query string: keys sorted so equal queries give equal URLs, repeatable keys repeated. */
export function apiQuery(params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) search.append(key, item);
    else search.append(key, String(value));
  }
  return search.toString();
}

export function apiUrl(target: PortalTarget, path: string, params: QueryParams = {}): string {
  const query = apiQuery(target.lang ? { lang: target.lang, ...params } : params);
  return `${target.portal}${API_BASES[target.apiVersion]}${path}${query ? `?${query}` : ''}`;
}

/** `/catalog/datasets/{id}` with the id escaped, for every dataset-level path. */
export function datasetPath(datasetId: string, rest = ''): string {
  return `/catalog/datasets/${encodeURIComponent(datasetId)}${rest}`;
}

/**
 * A short, stable stand-in for the target in query keys: the origin, the API version (the two
 * versions' answers must never share a cache entry) and a fingerprint of the key when one is set
 * (a different key may see different datasets; the key itself stays out of caches).
 */
export function targetKey(target: PortalTarget): string {
  const base = `${target.portal}@${target.apiVersion}${target.lang ? `/${target.lang}` : ''}`;
  if (!target.apiKey) return base;
  let hash = 0x811c9dc5;
  for (let i = 0; i < target.apiKey.length; i++) {
    hash ^= target.apiKey.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${base}#key-${(hash >>> 0).toString(16)}`;
}

export function authHeaders(target: PortalTarget): Record<string, string> {
  return target.apiKey ? { Authorization: `Apikey ${target.apiKey}` } : {};
}

/**
 * Sends a request and returns the response when it is 2xx; otherwise rejects with the typed
 * OdsApiError. An abort rejects with the AbortError untouched, so TanStack Query can tell it apart.
 */
export async function send(
  target: PortalTarget,
  url: string,
  init: RequestInit & { signal?: AbortSignal | undefined },
  { portalQuota = true }: { portalQuota?: boolean } = {},
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { ...authHeaders(target), ...init.headers } });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new PortalUnreachableError(url, target.portal);
  }
  const rateLimit = readRateLimit(response.headers);
  if (rateLimit && portalQuota) recordRateLimit(target.portal, rateLimit);
  if (!response.ok) throw await errorFromResponse(response, url, { sentApiKey: Boolean(target.apiKey) });
  return response;
}

async function readJson<T>(response: Response, url: string): Promise<T> {
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UnexpectedResponseError(response.status, url, response.headers.get('Content-Type'));
  }
}

/** GET a JSON document from the API. */
export async function getJson<T>(
  target: PortalTarget,
  path: string,
  params: QueryParams = {},
  { signal }: RequestOptions = {},
): Promise<T> {
  const url = apiUrl(target, path, params);
  const response = await send(target, url, { signal, headers: { Accept: 'application/json' } });
  return readJson<T>(response, url);
}

/** PUT (or POST) a JSON body and read the JSON answer. */
export async function sendJson<T>(
  target: PortalTarget,
  method: 'PUT' | 'POST',
  path: string,
  body: unknown,
  { signal, portalQuota }: RequestOptions = {},
): Promise<T> {
  const url = apiUrl(target, path);
  const response = await send(
    target,
    url,
    {
      method,
      signal,
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    },
    { portalQuota },
  );
  return readJson<T>(response, url);
}
