import { getJson, type PortalTarget } from './client';
import { NotFoundError, OdsApiError, PortalUnreachableError, UnexpectedResponseError } from './errors';
import type { ApiVersion } from './model';

/**
 * Which Explore API a portal speaks. Every ODS/Huwise portal serves v2.1 today, and some older or
 * self-hosted ones only v2.0 (ods-api.md §1), so v2.1 is asked first: the cheapest request both
 * versions document (`catalog/datasets?limit=0`), read for the shape each version writes.
 */

export interface DetectedVersion {
  version: ApiVersion;
  /** False when the portal could not be asked (unreachable): the answer is a guess, not to be kept. */
  certain: boolean;
}

/** The versions in the order they are tried, and what a catalog page of each must hold. */
const PROBES: { version: ApiVersion; listKey: 'results' | 'datasets' }[] = [
  { version: '2.1', listKey: 'results' },
  { version: '2.0', listKey: 'datasets' },
];

/** The portal lacks this version: a 404, or a 2xx that is not that version's JSON (an HTML page). */
function lacksVersion(error: unknown): boolean {
  return error instanceof NotFoundError || error instanceof UnexpectedResponseError;
}

export async function detectApiVersion(
  portal: Pick<PortalTarget, 'portal' | 'apiKey'>,
  { signal }: { signal?: AbortSignal } = {},
): Promise<DetectedVersion> {
  for (const { version, listKey } of PROBES) {
    const target: PortalTarget = { ...portal, apiVersion: version };
    try {
      const body = await getJson<Record<string, unknown>>(
        target,
        '/catalog/datasets',
        { limit: 0 },
        { signal },
      );
      if (Array.isArray(body[listKey])) return { version, certain: true };
    } catch (error) {
      if (signal?.aborted) throw error;
      // Unreachable: asking the next version would fail the same way; the views say what is wrong.
      if (error instanceof PortalUnreachableError) return { version: '2.1', certain: false };
      // Refused (401, 403, 429 …) means the version is there; the views explain the refusal.
      if (error instanceof OdsApiError && !lacksVersion(error)) return { version, certain: true };
    }
  }
  // Neither answered as an Explore API: speak the current one, whose errors the views then show.
  return { version: '2.1', certain: false };
}
