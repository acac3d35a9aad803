import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './tests/helpers/chromium';
import {
  FIXTURE_PORT,
  FIXTURE_PORTAL_URL,
  SAMPLE_PORT,
  SAMPLE_V20_PORT,
  SAMPLE_V20_PORTAL_URL,
  SAMPLE_V21_PORT,
  SAMPLE_V21_PORTAL_URL,
} from './tests/helpers/portals';

/**
 * E2E: the real portal server (built explorer + API) in Debian's Chromium, offline. Two portals:
 * the small fixture portal (the default baseURL) and the sample portal, which a spec selects with
 * its `samplePortal` option (tests/helpers/browser-test.ts). The whole suite runs against portals
 * serving both API versions (the explorer then speaks v2.1); the journeys through every view run
 * again against the sample portal serving only v2.1 and only v2.0 (`--api`), as portals that
 * dropped a version do.
 */
const tsx = 'node node_modules/tsx/dist/cli.mjs';
const JOURNEYS = /(catalog-journey|dataset-journey|dataset-map)\.spec\.ts$/;
/**
 * Journey tests that no API version changes, run once, not per version: keyboard and URL handling,
 * paging arithmetic, and the countries' shapes (the same records requests as the cities' map, only
 * bigger).
 */
const VERSION_FREE =
  /a facet group is one tab stop|a feature icon is a link|invalid page or sort is dropped|paging stays within|the countries draw as polygons/;
/**
 * The portal serving both versions already gets v2.1 in every view (the explorer prefers it), so a
 * portal serving v2.1 alone needs to show only that nothing leans on v2.0: the catalog and the
 * dataset journeys. A v2.0-only portal takes every journey, the map's included.
 */
const V21_JOURNEYS = /(catalog-journey|dataset-journey)\.spec\.ts$/;

/** The sample portal again, on its own port, with one API version (the store is the main one's, already built). */
function singleVersionSample(port: number, api: '2.0' | '2.1') {
  return {
    command: `${tsx} server/main.ts --port ${port} --db .portal/e2e-sample.sqlite --api ${api}`,
    url: `http://127.0.0.1:${port}/api/${api === '2.0' ? 'v2' : 'explore/v2.1'}`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe' as const,
  };
}

export default defineConfig<{ samplePortal: string; expectedConsoleErrors: RegExp[] }>({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  outputDir: 'test-results',
  use: {
    baseURL: FIXTURE_PORTAL_URL,
    browserName: 'chromium',
    // The machine's own locale must not choose the explorer's language: English unless a spec says.
    locale: 'en-US',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'both-versions' },
    {
      name: 'v2.1-only',
      testMatch: V21_JOURNEYS,
      grepInvert: VERSION_FREE,
      use: { samplePortal: SAMPLE_V21_PORTAL_URL },
    },
    {
      name: 'v2.0-only',
      testMatch: JOURNEYS,
      grepInvert: VERSION_FREE,
      use: {
        samplePortal: SAMPLE_V20_PORTAL_URL,
        // The explorer asks for v2.1 first on every page load of the embedded portal; this one says 404.
        expectedConsoleErrors: [/status of 404 .*\/api\/explore\/v2\.1\/catalog\/datasets\?limit=0\)$/],
      },
    },
  ],
  webServer: [
    {
      command: `${tsx} server/main.ts --port ${FIXTURE_PORT} --data tests/fixtures/portal --db .portal/e2e-fixture.sqlite`,
      url: `http://127.0.0.1:${FIXTURE_PORT}/api/v2`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
    },
    {
      // No --data: the sample portal. Its first build reads the data packages (about a minute).
      command: `${tsx} server/main.ts --port ${SAMPLE_PORT} --db .portal/e2e-sample.sqlite`,
      url: `http://127.0.0.1:${SAMPLE_PORT}/api/v2`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'pipe',
    },
    // Started after the one above (Playwright starts them in order), so the store is built once.
    singleVersionSample(SAMPLE_V21_PORT, '2.1'),
    singleVersionSample(SAMPLE_V20_PORT, '2.0'),
  ],
});
