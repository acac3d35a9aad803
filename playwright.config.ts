import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './tests/helpers/chromium';

/** E2E: the real portal server (built explorer + API) in Debian's Chromium, offline. */
const FIXTURE_PORT = 8181;

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
    baseURL: `http://127.0.0.1:${FIXTURE_PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: [
    {
      command: `node node_modules/tsx/dist/cli.mjs server/main.ts --port ${FIXTURE_PORT} --data tests/fixtures/portal --db .portal/e2e-fixture.sqlite`,
      url: `http://127.0.0.1:${FIXTURE_PORT}/api/v2`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
    },
  ],
});
