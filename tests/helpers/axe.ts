import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The rules of WCAG 2.1 levels A and AA, which RGAA 4 (French public sites) maps onto. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** One line per violation: its rule, impact, help and the elements at fault. */
function describe(violation: Violation): string {
  const nodes = violation.nodes.map((node) => node.target.join(' ')).join(', ');
  return `${violation.id} (${violation.impact}): ${violation.help} (${nodes})`;
}

/** Fails on any WCAG 2.1 AA violation axe finds in the page as it is now, whatever its impact. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  expect(results.violations.map(describe), 'WCAG 2.1 AA violations').toEqual([]);
}

/**
 * The rules a colour theme can break (text and link contrast), for a page whose other theme has
 * passed `expectAccessible`: a theme changes colours only, so the structural rules need not run twice.
 */
export async function expectAccessibleColours(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withRules(['color-contrast', 'link-in-text-block'])
    .analyze();
  expect(results.violations.map(describe), 'WCAG 2.1 AA contrast violations').toEqual([]);
}
