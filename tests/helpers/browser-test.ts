import { test as base, expect } from '@playwright/test';

/**
 * Playwright's `test`, failing any test during which the page logs a console error or throws.
 * Every e2e spec imports `test` and `expect` from here. A spec that provokes failures on purpose
 * (an unreachable portal, a 404) lists the console errors it expects with
 * `test.use({ expectedConsoleErrors: [/…/] })`; the browser logs every failed request.
 */
export const test = base.extend<{ pageProblems: string[]; expectedConsoleErrors: RegExp[] }>({
  expectedConsoleErrors: [[], { option: true }],
  pageProblems: [
    async ({ page, expectedConsoleErrors }, use) => {
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        if (expectedConsoleErrors.some((pattern) => pattern.test(message.text()))) return;
        problems.push(`console.error: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      await use(problems);
      expect(problems, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
