import type { Page } from '@playwright/test';

/** Saves a screenshot of a key screen, to be looked at (test-results/screens/<name>.png). */
export async function screen(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: options.fullPage ?? true });
}
