import type { ApiVersion } from '../api/model';

/**
 * What the portal picker remembers, in this browser only (localStorage): recently used portals,
 * an API key per portal origin, and the Explore API version each portal was found to speak. Keys
 * never go into URLs or query caches. The lists notify subscribers, so React reads them with
 * useSyncExternalStore and other tabs stay in step.
 */

const RECENT_KEY = 'ods-explorer.recent-portals';
const API_KEYS_KEY = 'ods-explorer.api-keys';
const API_VERSIONS_KEY = 'ods-explorer.api-versions';
export const MAX_RECENT_PORTALS = 8;

const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Some privacy modes throw on access; the picker then simply forgets.
    return null;
  }
}

function readRaw(key: string): string | null {
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function writeRaw(key: string, value: string | null): void {
  try {
    if (value === null) storage()?.removeItem(key);
    else storage()?.setItem(key, value);
  } catch {
    // Quota or privacy mode: keep working without persistence.
  }
  for (const listener of listeners) listener();
}

export function subscribePortalStorage(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === RECENT_KEY || event.key === API_KEYS_KEY || event.key === API_VERSIONS_KEY) listener();
  };
  if (typeof window !== 'undefined') window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    if (typeof window !== 'undefined') window.removeEventListener('storage', onStorage);
  };
}

let recentCache: { raw: string | null; list: string[] } = { raw: null, list: [] };

/** Origins of portals used recently, most recent first (the embedded portal is not listed). */
export function recentPortals(): string[] {
  const raw = readRaw(RECENT_KEY);
  if (raw !== recentCache.raw) {
    let list: string[] = [];
    try {
      const parsed: unknown = JSON.parse(raw ?? '[]');
      if (Array.isArray(parsed)) list = parsed.filter((item): item is string => typeof item === 'string');
    } catch {
      list = [];
    }
    recentCache = { raw, list };
  }
  return recentCache.list;
}

export function rememberPortal(origin: string): void {
  if (!origin) return;
  const list = [origin, ...recentPortals().filter((item) => item !== origin)].slice(0, MAX_RECENT_PORTALS);
  writeRaw(RECENT_KEY, JSON.stringify(list));
}

export function forgetPortal(origin: string): void {
  writeRaw(RECENT_KEY, JSON.stringify(recentPortals().filter((item) => item !== origin)));
  saveApiKey(origin, '');
  const versions = apiVersions();
  delete versions[origin];
  writeRaw(API_VERSIONS_KEY, Object.keys(versions).length ? JSON.stringify(versions) : null);
}

function apiKeys(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(readRaw(API_KEYS_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The API key kept for a portal origin ('' when none). */
export function apiKeyFor(origin: string): string {
  const key = apiKeys()[origin];
  return typeof key === 'string' ? key : '';
}

/** Keeps (or, with an empty key, forgets) the API key of a portal origin. */
export function saveApiKey(origin: string, key: string): void {
  const keys = apiKeys();
  const trimmed = key.trim();
  if (trimmed) keys[origin] = trimmed;
  else delete keys[origin];
  writeRaw(API_KEYS_KEY, Object.keys(keys).length ? JSON.stringify(keys) : null);
}

function apiVersions(): Record<string, ApiVersion> {
  try {
    const parsed: unknown = JSON.parse(readRaw(API_VERSIONS_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, ApiVersion>) : {};
  } catch {
    return {};
  }
}

/** The Explore API version a portal origin was found to speak, or null when it was never asked. */
export function rememberedApiVersion(origin: string): ApiVersion | null {
  const version = apiVersions()[origin];
  return version === '2.0' || version === '2.1' ? version : null;
}

export function rememberApiVersion(origin: string, version: ApiVersion): void {
  if (rememberedApiVersion(origin) === version) return;
  writeRaw(API_VERSIONS_KEY, JSON.stringify({ ...apiVersions(), [origin]: version }));
}
