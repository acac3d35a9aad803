import type { APIRequestContext, Page } from '@playwright/test';
import { expectAccessible } from '../helpers/axe';
import { expect, test } from '../helpers/browser-test';
import { isApiPath, SAMPLE_PORTAL_URL } from '../helpers/portals';
import { screen } from '../helpers/screens';

/**
 * The dataset page's grid, filters and information tab on the sample portal: the column layout kept
 * across reloads, a column filter, the ODSQL box and its error, facet search, a date facet's years
 * and months, cells of every type, the keyboard, and the information tab with its downloads.
 */
test.use({ baseURL: SAMPLE_PORTAL_URL });

const CITIES = 'geonames-all-cities-with-a-population-1000';

async function apiCount(request: APIRequestContext, dataset: string, params: Record<string, string>) {
  const response = await request.get(
    `/api/v2/catalog/datasets/${dataset}/records?${new URLSearchParams({ ...params, limit: '0' })}`,
  );
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { total_count: number }).total_count;
}

const count = (page: Page) => page.getByRole('status', { name: 'Record count' });
const grid = (page: Page) => page.getByRole('grid', { name: 'Records' });
const headers = (page: Page) => grid(page).getByRole('columnheader');
const recordPanel = (page: Page) =>
  page.getByRole('complementary').filter({ has: page.getByRole('button', { name: 'Close the record' }) });
const formatted = (n: number) => n.toLocaleString('en-US');

test('columns: hide, reorder and resize, kept after a reload', async ({ page }) => {
  await page.goto(`/datasets/${CITIES}`);
  await expect(headers(page).nth(1)).toHaveText('GeoNames id');

  const menu = page.getByRole('region', { name: 'Columns' });
  await page.getByRole('button', { name: 'Columns' }).click();
  await menu.getByRole('checkbox', { name: 'Alternate names' }).uncheck();
  await menu.getByRole('button', { name: 'Move Population left' }).click();
  await menu.getByRole('button', { name: 'Move Population left' }).click();
  await screen(page, 'dataset-10-columns-menu', { fullPage: false });
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(grid(page).getByRole('columnheader', { name: 'Alternate names' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Columns (8/9)' })).toBeVisible();

  // Resize Name by dragging its handle 80 px to the right.
  const name = grid(page).getByRole('columnheader', { name: /^Name/ });
  const before = (await name.boundingBox())!.width;
  const handle = page.getByRole('separator', { name: 'Resize Name' });
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await name.boundingBox())!.width)).toBe(Math.round(before + 80));
  const order = await headers(page).allTextContents();

  await page.reload();
  await expect(headers(page)).toHaveText(order);
  await expect(grid(page).getByRole('columnheader', { name: 'Alternate names' })).toHaveCount(0);
  expect(
    Math.round((await grid(page).getByRole('columnheader', { name: /^Name/ }).boundingBox())!.width),
  ).toBe(Math.round(before + 80));
  await screen(page, 'dataset-11-columns-kept', { fullPage: false });

  // Reset puts everything back.
  await page.getByRole('button', { name: 'Columns (8/9)' }).click();
  await page.getByRole('region', { name: 'Columns' }).getByRole('button', { name: 'Reset columns' }).click();
  await expect(grid(page).getByRole('columnheader', { name: 'Alternate names' })).toHaveCount(1);
});

test.describe('filters', () => {
  // The browser logs the portal's 400 answer to the broken clause as a failed request.
  test.use({ expectedConsoleErrors: [/status of 400 \(Bad Request\)/] });

  test('a column filter, the search box and the ODSQL box follow the API', async ({ page, request }) => {
    await page.goto(`/datasets/${CITIES}`);
    await expect(count(page)).toHaveText(/^[\d,]+ records$/);

    // population > 1,000,000 from the filter builder.
    await page.getByRole('button', { name: 'Add filter' }).click();
    const builder = page.getByRole('form', { name: 'Add a column filter' });
    await builder.getByLabel('Column').selectOption({ label: 'Population' });
    await builder.getByLabel('Operator').selectOption({ label: '>' });
    await builder.getByLabel('Value').fill('1000000');
    await screen(page, 'dataset-12-filter-builder', { fullPage: false });
    await builder.getByRole('button', { name: 'Apply filter' }).click();
    await expect(page).toHaveURL(/\?f=population:gt:1000000$/);
    const big = await apiCount(request, CITIES, { where: 'population > 1000000' });
    const all = await apiCount(request, CITIES, {});
    await expect(count(page)).toHaveText(`${formatted(big)} of ${formatted(all)} records`);
    await expect(page.getByRole('list', { name: 'Active filters' })).toContainText('Population > 1000000');

    // Full-text search narrows it further; typing replaces the history entry.
    await page.getByRole('searchbox', { name: 'Search the records' }).fill('saint');
    await expect(page).toHaveURL(/\?q=saint&f=population:gt:1000000$/);
    const saints = await apiCount(request, CITIES, { where: '"saint" AND population > 1000000' });
    await expect(count(page)).toHaveText(`${formatted(saints)} of ${formatted(all)} records`);
    await page.getByRole('button', { name: 'Remove the search “saint”' }).click();
    await expect(count(page)).toHaveText(`${formatted(big)} of ${formatted(all)} records`);

    // The ODSQL box: the portal's error, the position it names marked, the text kept, the grid as it was.
    await page.getByRole('button', { name: 'ODSQL' }).click();
    const where = page.getByRole('textbox', { name: 'Where (ODSQL)' });
    await where.fill('garbage==');
    await page.getByRole('button', { name: 'Apply' }).click();
    const error = page.getByRole('form', { name: 'Advanced filter' }).getByRole('alert');
    await expect(error).toContainText('unexpected = at position 8 in garbage==');
    await expect(error.locator('mark')).toHaveText('=');
    await expect(error).toContainText('at position 8');
    await expect(where).toHaveValue('garbage==');
    await expect(where).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(/\?f=population:gt:1000000$/);
    await expect(count(page)).toHaveText(`${formatted(big)} of ${formatted(all)} records`);
    await screen(page, 'dataset-13-where-error', { fullPage: false });

    // A valid clause applies, with the other filters.
    await where.fill('country_code = "FR"');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/where=country_code\+%3D\+%22FR%22/);
    const frBig = await apiCount(request, CITIES, { where: 'country_code = "FR" AND population > 1000000' });
    await expect(count(page)).toHaveText(`${formatted(frBig)} of ${formatted(all)} records`);
    await page.reload();
    await expect(where).toHaveValue('country_code = "FR"');
    await expect(count(page)).toHaveText(`${formatted(frBig)} of ${formatted(all)} records`);
    await page.getByRole('button', { name: 'Clear all' }).click();
    await expect(count(page)).toHaveText(`${formatted(all)} records`);
  });
});

test('facet search, a date facet year → month, and the keyboard', async ({ page, request }) => {
  await page.goto(`/datasets/${CITIES}`);
  const countries = page.getByRole('region', { name: 'Country code' });
  await countries.getByRole('searchbox', { name: 'Find a country code' }).fill('f');
  await expect(countries.getByRole('button', { name: /^FR, / })).toBeVisible();
  await expect(countries.getByRole('button', { name: /^US, / })).toHaveCount(0);
  await screen(page, 'dataset-14-facet-search', { fullPage: false });

  await page.goto('/datasets/earthquakes');
  const all = await apiCount(request, 'earthquakes', {});
  await expect(count(page)).toHaveText(`${formatted(all)} records`);
  const time = page.getByRole('region', { name: 'Time' });
  await time.getByRole('button', { name: /^2018, / }).click();
  await expect(page).toHaveURL(/refine=time:2018$/);
  const february = await apiCount(request, 'earthquakes', { refine: 'time:2018/02' });
  await time.getByRole('button', { name: `February, ${formatted(february)} records` }).click();
  await expect(page).toHaveURL(/refine=time:2018\/02$/);
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText('Time: February 2018');
  const day = await apiCount(request, 'earthquakes', { refine: 'time:2018/02/04' });
  await time.getByRole('button', { name: `4, ${formatted(day)} records` }).click();
  await expect(page).toHaveURL(/refine=time:2018\/02\/04$/);
  await expect(count(page)).toHaveText(`${formatted(day)} of ${formatted(all)} records`);
  await screen(page, 'dataset-15-date-facet', { fullPage: false });

  // The keyboard: the grid takes the focus on its first row, arrows move, Enter opens the record.
  await grid(page).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(recordPanel(page)).toContainText(`Record 3 of ${formatted(day)}`);
  await expect(page).toHaveURL(/\/datasets\/earthquakes\/records\/[0-9a-f]+\?refine=time:2018\/02\/04$/);
  await page.keyboard.press('Escape');
  await expect(recordPanel(page)).toHaveCount(0);
});

test('cells of every type, the record panel, copy as JSON, dark theme', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/datasets/world-countries?sort=name');
  const aruba = grid(page).getByRole('row').filter({ hasText: 'Aruba' }).first();
  await aruba.getByRole('img', { name: 'aw.svg' }).scrollIntoViewIfNeeded();
  await expect(aruba.getByRole('img', { name: 'aw.svg' })).toBeVisible();
  await expect(aruba).toContainText('Polygon ·');
  await expect(aruba).toContainText('Dutch');
  await expect(aruba).toContainText('12.5, -69.966667');
  await screen(page, 'dataset-16-types', { fullPage: false });

  await aruba.click();
  const panel = recordPanel(page);
  await expect(panel.getByRole('heading', { name: 'Aruba' })).toBeVisible();
  await expect(panel).toContainText('Record 12 of 250');
  await expect(panel.getByRole('img', { name: 'aw.svg' })).toBeVisible();
  await panel.getByRole('button', { name: 'Copy as JSON' }).click();
  await expect(panel.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as {
    id: string;
    values: { name: string };
  };
  expect(copied.values.name).toBe('Aruba');
  expect(page.url()).toContain(`/records/${copied.id}`);
  await panel.getByRole('button', { name: 'Next record' }).click();
  await expect(panel).toContainText('Record 13 of 250');
  await expect(panel.getByRole('heading', { name: 'Australia' })).toBeVisible();
  await screen(page, 'dataset-17-record-panel', { fullPage: false });

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`/datasets/${CITIES}?refine=country_code:FR&sort=-population`);
  await expect(grid(page).getByRole('row').nth(1)).toContainText('Paris');
  await expectAccessible(page);
  await screen(page, 'dataset-18-dark', { fullPage: false });
});

test('the information tab: sanitized description, metadata, schema, files, reuses, snapshots', async ({
  page,
}) => {
  await page.goto('/datasets/earthquakes');
  await page.getByRole('tab', { name: 'Information' }).click();
  await expect(page).toHaveURL(/\/datasets\/earthquakes\?tab=information$/);
  await expect(page.getByRole('tab', { name: 'Information' })).toHaveAttribute('aria-selected', 'true');

  const description = page.getByRole('region', { name: 'Description' });
  const source = description.getByRole('link', { name: 'USGS Earthquake Feed' });
  await expect(source).toHaveAttribute('target', '_blank');
  await expect(source).toHaveAttribute('rel', 'noopener noreferrer');

  const metadata = page.getByRole('region', { name: 'Metadata' });
  await expect(metadata).toContainText('Publisher');
  await expect(metadata).toContainText('Licence');
  await expect(metadata).toContainText('Records');
  const schema = page.getByRole('region', { name: /^Schema/ });
  await expect(schema.getByRole('row', { name: /Magnitude mag Decimal/ })).toBeVisible();
  await expect(schema.getByRole('row', { name: /Time time Date and time/ })).toContainText('facet');

  const attachments = page.getByRole('region', { name: 'Attachments' });
  const download = page.waitForEvent('download');
  await attachments
    .getByRole('button', { name: /^Download / })
    .first()
    .click();
  expect((await download).suggestedFilename()).toBe('datapackage-entry.json');

  const reuses = page.getByRole('region', { name: 'Reuses' });
  await expect(reuses.getByRole('link').first()).toHaveAttribute('target', '_blank');

  const snapshots = page.getByRole('region', { name: 'Snapshots' });
  const snapshot = page.waitForEvent('download');
  await snapshots
    .getByRole('button', { name: /^Download / })
    .first()
    .click();
  expect((await snapshot).suggestedFilename()).toMatch(/\.csv$/);
  await expectAccessible(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screen(page, 'dataset-19-information');

  // The keyboard moves between the tabs.
  await page.getByRole('tab', { name: 'Information' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'API' })).toBeFocused();
  await expect(page).toHaveURL(/\/datasets\/earthquakes\?tab=api$/);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Export' })).toBeFocused();
  await expect(page).toHaveURL(/\/datasets\/earthquakes\?tab=export$/);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Analyze' })).toBeFocused();
  await expect(page).toHaveURL(/\/datasets\/earthquakes\?tab=analyze$/);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Map' })).toBeFocused();
  // The map may already have fitted the earthquakes and written its place.
  await expect(page).toHaveURL(/\/datasets\/earthquakes\?tab=map(&location=[\d.,-]+)?$/);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Table' })).toBeFocused();
  // The map's place, once it has moved, stays in the URL for the next visit to the Map tab.
  await expect(page).toHaveURL(/\/datasets\/earthquakes(\?location=[\d.,-]+)?$/);
});

test.describe('failures', () => {
  // The browser logs the portal's refusals (404 for the record, 400 for the refused order).
  test.use({ expectedConsoleErrors: [/status of (400|404)/] });

  test('a record that does not exist says so', async ({ page }) => {
    await page.goto(`/datasets/${CITIES}/records/no-such-record`);
    await expect(recordPanel(page).getByRole('alert')).toContainText(
      'There is no record “no-such-record” in this dataset.',
    );
    await expect(count(page)).toHaveText(/^[\d,]+ records$/);
    await screen(page, 'dataset-20-record-404', { fullPage: false });
  });

  test('a portal that refuses recordid: the rows it cannot reach are said so', async ({ page }) => {
    // Play a stock portal that refuses recordid in where and order_by.
    await page.route(
      (url) => url.pathname.endsWith('/records') && /recordid/.test(url.search),
      (route) =>
        route.fulfill({
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify({
            error_code: 'ODSQLError',
            message:
              'ODSQL query is malformed: Unknown field: recordid. Clause(s) containing the error(s): order_by.',
          }),
        }),
    );
    await page.goto(`/datasets/${CITIES}?sort=-population`);
    const note = page.getByRole('note');
    await expect(note).toContainText('This portal does not sort by record id, so only rows 1–10,000');
    await expect(note).toContainText('Narrow the filters, or sort the other way');
    const scroller = grid(page).locator('..');
    await scroller.evaluate((element) => {
      element.scrollTop = (element.scrollHeight - element.clientHeight) / 2;
    });
    await expect(
      grid(page).getByRole('row').filter({ hasText: 'cannot be reached on this portal' }).first(),
    ).toBeVisible();
    await screen(page, 'dataset-21-unreachable', { fullPage: false });
  });
});

test('two million rows: the scroll space is scaled under the browser’s height limit, the end is reached', async ({
  page,
}) => {
  // The cities' count, as a portal with two million of them would answer it.
  await page.route(
    (url) =>
      isApiPath(url, `/catalog/datasets/${CITIES}/records`) &&
      url.searchParams.get('limit') === '0' &&
      !url.searchParams.has('where'),
    async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), total_count: 2_000_000 } });
    },
  );
  await page.goto(`/datasets/${CITIES}`);
  await expect(count(page)).toHaveText('2,000,000 records');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '2000001');
  const scroller = grid(page).locator('..');
  const height = await scroller.evaluate((element) => element.scrollHeight);
  // 2,000,000 rows of 32 px would be 64 million px, past what a browser can lay out.
  expect(height).toBeLessThan(16_000_000);
  await scroller.evaluate((element) => {
    element.scrollTop = element.scrollHeight;
  });
  const last = grid(page).locator('tr[aria-rowindex="2000001"]');
  await expect(last.getByRole('gridcell').first()).toHaveText('2,000,000');
  await expect(last.getByRole('gridcell').nth(2)).not.toBeEmpty();
  // The last row sits at the bottom of the view (its client area: above a sideways scrollbar), under
  // the one before it.
  const box = (await last.boundingBox())!;
  const viewBottom = await scroller.evaluate(
    (element) => element.getBoundingClientRect().top + element.clientTop + element.clientHeight,
  );
  // Never cut by the bottom edge, and no more than a few pixels above it (the scaled space rounds).
  const gap = viewBottom - (box.y + box.height);
  expect(gap).toBeGreaterThanOrEqual(-1);
  expect(gap).toBeLessThan(6);
  const before = (await grid(page).locator('tr[aria-rowindex="2000000"]').boundingBox())!;
  expect(Math.round(box.y - before.y)).toBe(32);
  await screen(page, 'dataset-22-two-million', { fullPage: false });
});

test.describe('a failed download', () => {
  test.use({ expectedConsoleErrors: [/status of 503/] });

  test('says why and tries again', async ({ page }) => {
    let refuse = true;
    const attachment = (url: URL) =>
      /^\/api\/[^?]*\/catalog\/datasets\/earthquakes\/attachments\/[^/]+$/.test(url.pathname);
    await page.route(attachment, async (route) => {
      if (!refuse) return route.fallback();
      await route.fulfill({
        status: 503,
        json: { error_code: 'ServiceUnavailable', message: 'The portal is busy.' },
      });
    });
    await page.goto('/datasets/earthquakes?tab=information');
    const attachments = page.getByRole('region', { name: 'Attachments' });
    await attachments
      .getByRole('button', { name: /^Download / })
      .first()
      .click();
    await expect(attachments.getByRole('alert')).toContainText('Download failed');
    const retry = attachments.getByRole('button', { name: /^Try again to download / }).first();
    await expect(retry).toBeVisible();
    refuse = false;
    const download = page.waitForEvent('download');
    await retry.click();
    expect((await download).suggestedFilename()).toBe('datapackage-entry.json');
    await expect(attachments.getByRole('alert')).toHaveCount(0);
    await expect(attachments.getByRole('button', { name: /^Download / }).first()).toBeVisible();
  });
});
