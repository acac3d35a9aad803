/**
 * ODS quota headers (ods-api.md §8): `X-RateLimit-Limit`, `X-RateLimit-Remaining` and
 * `X-RateLimit-Reset`, plus `Retry-After` where a portal sends it. The reset is documented as an
 * epoch, but a 2026 observation shows a date string (`2026-10-01 00:00:00+00:00`); both are read.
 * The latest reading per portal is kept here so the shell can warn before the quota runs out.
 */

export interface RateLimit {
  /** Calls allowed in the current period (a day on ODS), or null when the portal did not say. */
  limit: number | null;
  remaining: number | null;
  resetAt: Date | null;
}

function readInt(value: string | null): number | null {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
}

/**
 * An epoch in seconds (or milliseconds), a small number of seconds from now, or a date string in
 * ISO or `YYYY-MM-DD hh:mm:ss+hh:mm` form. Returns null for anything else.
 */
export function parseResetTime(value: string | null, now = Date.now()): Date | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const number = Number(text);
    // Below a billion it cannot be a recent epoch: read it as seconds to wait, as Retry-After is.
    if (number < 1e9) return new Date(now + number * 1000);
    return new Date(number < 1e12 ? number * 1000 : number);
  }
  const iso = text.replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, '$1T$2').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time);
}

/** `Retry-After`: seconds, or an HTTP date. Returns seconds to wait (never negative), or null. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : Math.max(0, Math.ceil((time - now) / 1000));
}

export function readRateLimit(headers: Headers, now = Date.now()): RateLimit | null {
  const limit = readInt(headers.get('X-RateLimit-Limit'));
  const remaining = readInt(headers.get('X-RateLimit-Remaining'));
  const resetAt = parseResetTime(headers.get('X-RateLimit-Reset'), now);
  if (limit === null && remaining === null && resetAt === null) return null;
  return { limit, remaining, resetAt };
}

const latest = new Map<string, RateLimit>();
const listeners = new Set<() => void>();

/** Records the quota a portal reported with its last answer. `portal` is '' for the embedded one. */
export function recordRateLimit(portal: string, rateLimit: RateLimit): void {
  const previous = latest.get(portal);
  if (
    previous &&
    previous.limit === rateLimit.limit &&
    previous.remaining === rateLimit.remaining &&
    previous.resetAt?.getTime() === rateLimit.resetAt?.getTime()
  ) {
    return;
  }
  latest.set(portal, rateLimit);
  for (const listener of listeners) listener();
}

/** The last quota reading for a portal; the same object until a new reading differs (for useSyncExternalStore). */
export function latestRateLimit(portal: string): RateLimit | null {
  return latest.get(portal) ?? null;
}

export function subscribeRateLimits(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
