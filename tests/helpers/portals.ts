/** The portals the e2e tests run against, each served by playwright.config.ts's webServer list. */
export const FIXTURE_PORT = 8181;
export const SAMPLE_PORT = 8182;
export const FIXTURE_PORTAL_URL = `http://127.0.0.1:${FIXTURE_PORT}`;
export const SAMPLE_PORTAL_URL = `http://127.0.0.1:${SAMPLE_PORT}`;
