import { API_BASE } from '../../common/ods-api/params';
import { errorFromResponse, OdsApiError } from './errors';

/** Where the API lives: the embedded portal (same origin, `portal` empty) or another portal's origin. */
export interface PortalTarget {
  portal: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export type QueryValue = string | number | boolean | readonly string[] | undefined | null;

export function apiUrl(target: PortalTarget, path: string, params: Record<string, QueryValue> = {}): string {
  const search = new URLSearchParams();
  // Sorted, so equal queries produce equal URLs (and cache entries).
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) search.append(key, item);
    else search.append(key, String(value));
  }
  const query = search.toString();
  return `${target.portal}${API_BASE}${path}${query ? `?${query}` : ''}`;
}

/** GET a JSON document from the API; any failure rejects with an OdsApiError. */
export async function getJson<T>(url: string, { signal }: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (error) {
    if (signal?.aborted) throw error;
    const where = /^https?:/.test(url) ? new URL(url).origin : 'the embedded portal';
    throw new OdsApiError(0, 'NetworkError', `Could not reach ${where}`, url);
  }
  if (!response.ok) throw await errorFromResponse(response);
  return (await response.json()) as T;
}
