import { test as base, expect } from '@playwright/test';
import { SAMPLE_PORTAL_URL } from './portals';

/**
 * Playwright's `test`, failing any test during which the page logs a console error or throws.
 * Every e2e spec imports `test` and `expect` from here. A spec that provokes failures on purpose
 * (an unreachable portal, a 404) lists the console errors it expects with
 * `test.use({ expectedConsoleErrors: [/…/] })`; the browser logs every failed request, and the
 * patterns see the message followed by the URL it came from, in parentheses.
 *
 * `samplePortal` is the sample portal a spec runs against (`test.use({ baseURL: async
 * ({ samplePortal }, use) => use(samplePortal) })`): the one serving both API versions, unless a
 * project of playwright.config.ts names one serving a single version.
 */
export const test = base.extend<{
  pageProblems: string[];
  expectedConsoleErrors: RegExp[];
  samplePortal: string;
}>({
  expectedConsoleErrors: [[], { option: true }],
  samplePortal: [SAMPLE_PORTAL_URL, { option: true }],
  pageProblems: [
    async ({ page, expectedConsoleErrors }, use) => {
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const from = message.location().url;
        const text = from ? `${message.text()} (${from})` : message.text();
        if (expectedConsoleErrors.some((pattern) => pattern.test(text))) return;
        problems.push(`console.error: ${text}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      await use(problems);
      expect(problems, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
