import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from '../helpers/axe';
import { expect, test } from '../helpers/browser-test';

/**
 * The whole journey with the keyboard alone, on the fixture portal: search the catalog, refine,
 * open a dataset, filter, sort, open a record, the map's list of records and the chart's table
 * (the alternatives to the pictures), an export, and feedback to the publisher. Nothing is clicked
 * and nothing is focused by script: every control is reached with Tab (or the arrows inside a
 * group), as someone without a mouse reaches it.
 */

/** Presses Tab until `target` has the focus; fails if it is not reached in `max` presses. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) {
      expect(await focusRing(target), `${target} shows where the focus is`).toBe(true);
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`${target} was not reached with ${max} presses of Tab`);
}

/**
 * Whether the focused element draws a focus indicator: an outline, a box-shadow or a drawn border
 * overlay (::after) of its own; for an input inside a styled box, the box's (`:focus-within`); for
 * a grid that points at its active row (aria-activedescendant), that row's.
 */
function focusRing(target: Locator): Promise<boolean> {
  return target.evaluate((element) => {
    const drawn = (node: Element | null) => {
      if (!node) return false;
      const style = getComputedStyle(node);
      const after = getComputedStyle(node, '::after');
      return (
        (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0) ||
        style.boxShadow !== 'none' ||
        (after.content !== 'none' && after.borderStyle !== 'none' && Number.parseFloat(after.borderWidth) > 0)
      );
    };
    const active = element.getAttribute('aria-activedescendant');
    return (
      drawn(element) ||
      drawn(element.parentElement) ||
      (active !== null && drawn(document.getElementById(active)))
    );
  });
}

const count = (page: Page) => page.getByRole('status', { name: 'Record count' });
const grid = (page: Page) => page.getByRole('grid', { name: 'Records' });
const selectedTab = (page: Page) => page.getByRole('tab', { selected: true });

test('search, refine, open, filter, sort, a record, the map list, the chart table, export, feedback', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();

  // The catalog: search, then refine by a keyword.
  await tabTo(page, page.getByRole('searchbox', { name: 'Search datasets' }));
  await page.keyboard.type('cities');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/\?q=cities$/);
  await tabTo(
    page,
    page.getByRole('region', { name: 'Keyword' }).getByRole('button', { name: /^city, 1 dataset/ }),
  );
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/refine=keyword:city/);
  await tabTo(page, page.getByRole('link', { name: 'European cities' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('European cities');
  await expect(count(page)).toHaveText('20 records');

  // Filter on France, then sort by population, largest first.
  await tabTo(
    page,
    page.getByRole('region', { name: 'Country code' }).getByRole('button', { name: /^FR, 5 records/ }),
  );
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/refine=country_code:FR/);
  await expect(count(page)).toHaveText('5 of 20 records');
  const population = grid(page).getByRole('columnheader', { name: /Population/ });
  await tabTo(page, population.getByRole('button'));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/sort=population(&|$)/);
  await page.keyboard.press('Enter');
  await expect(population).toHaveAttribute('aria-sort', 'descending');

  // The grid is one stop; the arrows move its active row and Enter opens the record.
  await tabTo(page, grid(page));
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/datasets\/fixture-cities\/records\//);
  const panel = page.getByRole('complementary', { name: 'Paris' });
  await expect(panel).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(grid(page)).toBeFocused();

  // The map's alternative: the records in view, as a list. The views are one tab stop; the arrows
  // move between them.
  await tabTo(page, selectedTab(page));
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/tab=map/);
  await tabTo(page, page.getByRole('button', { name: 'List the records in view' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: /Records in view/ })).toContainText('Paris');

  // The chart's alternative: its numbers as a table.
  await tabTo(page, selectedTab(page));
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/tab=analyze/);
  await tabTo(page, page.getByRole('button', { name: 'Show as table' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table', { name: "The chart's numbers" })).toBeVisible();

  // An export of the view.
  await tabTo(page, selectedTab(page));
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/tab=export/);
  await tabTo(page, page.getByRole('button', { name: 'Download CSV' }));
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toBe('fixture-cities_country_code-FR.csv');

  // Feedback to the publisher, typed and sent from the keyboard.
  await tabTo(page, page.getByRole('button', { name: 'Send feedback to the publisher' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Send feedback to the publisher' });
  await tabTo(page, dialog.getByLabel('Your comment'));
  const comment = `Sent without a mouse. ${Date.now()}`;
  await page.keyboard.type(comment);
  await tabTo(page, dialog.getByRole('button', { name: 'Send feedback' }));
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toContainText('Sent.');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
