import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './tests/helpers/chromium';
import { FIXTURE_PORT, FIXTURE_PORTAL_URL, SAMPLE_PORT } from './tests/helpers/portals';

/**
 * E2E: the real portal server (built explorer + API) in Debian's Chromium, offline. Two portals:
 * the small fixture portal (the default baseURL) and the sample portal, which a spec selects with
 * `test.use({ baseURL: SAMPLE_PORTAL_URL })`.
 */
const tsx = 'node node_modules/tsx/dist/cli.mjs';

export default defineConfig({
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
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
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
  ],
});
