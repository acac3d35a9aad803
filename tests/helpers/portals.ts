/**
 * The portals the e2e tests run against, each served by playwright.config.ts's webServer list.
 * `E2E_PORT` moves them all (fixture on it, sample on the next, then the sample portal serving
 * only v2.1 and only v2.0), so two checkouts can run e2e at once.
 */
const base = Number(process.env.E2E_PORT ?? 8181);
export const FIXTURE_PORT = base;
export const SAMPLE_PORT = base + 1;
export const SAMPLE_V21_PORT = base + 2;
export const SAMPLE_V20_PORT = base + 3;
export const FIXTURE_PORTAL_URL = `http://127.0.0.1:${FIXTURE_PORT}`;
export const SAMPLE_PORTAL_URL = `http://127.0.0.1:${SAMPLE_PORT}`;
export const SAMPLE_V21_PORTAL_URL = `http://127.0.0.1:${SAMPLE_V21_PORT}`;
export const SAMPLE_V20_PORTAL_URL = `http://127.0.0.1:${SAMPLE_V20_PORT}`;

/** `/api/v2`, `/api/explore/v2.0` or `/api/explore/v2.1`: the explorer speaks whichever the portal serves. */
const API_BASE = String.raw`/api/(?:v2|explore/v2\.[01])`;

/** Whether a request URL is this API path (`/catalog/datasets`) under any version's base. */
export function isApiPath(url: URL, path: string): boolean {
  return new RegExp(`^${API_BASE}${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`).test(url.pathname);
}

/** Whether a request URL is under this API path prefix (`/catalog/`) in any version. */
export function isUnderApiPath(url: URL, prefix: string): boolean {
  return new RegExp(`^${API_BASE}${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(url.pathname);
}
