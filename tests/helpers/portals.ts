/**
 * The portals the e2e tests run against, each served by playwright.config.ts's webServer list.
 * `E2E_PORT` moves both (fixture on it, sample on the next), so two checkouts can run e2e at once.
 */
const base = Number(process.env.E2E_PORT ?? 8181);
export const FIXTURE_PORT = base;
export const SAMPLE_PORT = base + 1;
export const FIXTURE_PORTAL_URL = `http://127.0.0.1:${FIXTURE_PORT}`;
export const SAMPLE_PORTAL_URL = `http://127.0.0.1:${SAMPLE_PORT}`;
