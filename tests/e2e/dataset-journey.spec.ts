import type { APIRequestContext, Page } from '@playwright/test';
import { expectAccessible } from '../helpers/axe';
import { expect, test } from '../helpers/browser-test';
import { SAMPLE_PORTAL_URL } from '../helpers/portals';
import { screen } from '../helpers/screens';

/**
 * A new user on the sample portal's 135,233 cities: opens the dataset, refines on France, sorts by
 * population, clears the filters, drags the grid to its very end (far past the API's 10,000-row
 * window), opens the last record and its permalink, and reloads. Every count and row is compared
 * with what the API itself answers.
 */
test.use({ baseURL: async ({ samplePortal }, use) => use(samplePortal) });

const CITIES = 'geonames-all-cities-with-a-population-1000';
const TITLE = 'GeoNames: all cities with a population over 1,000';
// What the test expects is asked of the sample portal serving both versions, in v2.0.
const API = `${SAMPLE_PORTAL_URL}/api/v2/catalog/datasets/${CITIES}/records`;

interface ApiRecord {
  id: string;
  fields: Record<string, unknown>;
}

async function api(request: APIRequestContext, params: Record<string, string | string[]>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, item);
  }
  const response = await request.get(`${API}?${search}`);
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { total_count: number; records: { record: ApiRecord }[] };
  return { total: body.total_count, records: body.records.map((r) => r.record) };
}

const count = (page: Page) => page.getByRole('status', { name: 'Record count' });
const grid = (page: Page) => page.getByRole('grid', { name: 'Records' });
const row = (page: Page, rank: number) => grid(page).locator(`tr[aria-rowindex="${rank + 2}"]`);
/** The record panel: the complementary region with a "Close the record" button (the facets are another). */
const recordPanel = (page: Page) =>
  page.getByRole('complementary').filter({ has: page.getByRole('button', { name: 'Close the record' }) });
const formatted = (n: number) => n.toLocaleString('en-US');

test('open the cities, refine, sort, reach the last of 135,233 rows, open a record, reload', async ({
  page,
  request,
}) => {
  // Many steps over the whole dataset: beyond the default minute when the machine is shared.
  test.setTimeout(120_000);
  const all = await api(request, { limit: '0' });
  expect(all.total).toBeGreaterThan(100_000);

  // Open the dataset from the catalog.
  await page.goto('/');
  await page.getByRole('list', { name: 'Datasets' }).getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(page.getByRole('tab', { name: 'Table' })).toHaveAttribute('aria-selected', 'true');
  await expect(count(page)).toHaveText(`${formatted(all.total)} records`);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(all.total + 1));
  await expect(row(page, 0).getByRole('gridcell').nth(1)).not.toBeEmpty();
  await screen(page, 'dataset-01-opened', { fullPage: false });

  // Refine on France: the count is the API's for refine=country_code:FR.
  const france = await api(request, { limit: '0', refine: 'country_code:FR' });
  await page
    .getByRole('region', { name: 'Country code' })
    .getByRole('button', { name: /^FR, [\d,]+ records$/ })
    .click();
  await expect(page).toHaveURL(/refine=country_code:FR/);
  await expect(count(page)).toHaveText(`${formatted(france.total)} of ${formatted(all.total)} records`);
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText('Country code: FR');
  await screen(page, 'dataset-02-france', { fullPage: false });

  // Sort by population, descending: two clicks on its header (ascending, then descending).
  const populationHeader = grid(page).getByRole('columnheader', { name: /Population/ });
  await populationHeader.getByRole('button').click();
  await expect(page).toHaveURL(/sort=population(&|$)/);
  await populationHeader.getByRole('button').click();
  await expect(page).toHaveURL(/sort=-population/);
  await expect(populationHeader).toHaveAttribute('aria-sort', 'descending');
  const biggest = await api(request, {
    limit: '1',
    refine: 'country_code:FR',
    order_by: 'population DESC',
  });
  const biggestName = String(biggest.records[0]!.fields.name);
  await expect(row(page, 0)).toContainText(biggestName);
  await expect(row(page, 0)).toContainText(formatted(Number(biggest.records[0]!.fields.population)));
  await screen(page, 'dataset-03-sorted', { fullPage: false });

  // Clear the filters (the sort stays): every city again.
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(page).toHaveURL(new RegExp(`/datasets/${CITIES}\\?sort=-population$`));
  await expect(count(page)).toHaveText(`${formatted(all.total)} records`);

  // Drag the scrollbar to the very end. ODS sorts nulls last in both directions and breaks ties by
  // record id, so the last row is the city without a population that has the greatest id.
  const last = (await api(request, { limit: '1', where: 'population IS NULL', order_by: 'recordid DESC' }))
    .records[0]!;
  // Headless Chromium draws no scrollbar to grab, so the drag moves scrollTop the way a thumb
  // dragged down in one go does: through the middle without stopping, to the end.
  const scroller = grid(page).locator('..');
  for (const fraction of [0.2, 0.45, 0.7, 0.9, 1]) {
    await scroller.evaluate((element, f) => {
      element.scrollTop = (element.scrollHeight - element.clientHeight) * f;
    }, fraction);
    await page.waitForTimeout(30);
  }
  const lastRow = row(page, all.total - 1);
  await expect(lastRow).toBeVisible({ timeout: 20_000 });
  await expect(lastRow).toContainText(String(last.fields.name));
  await expect(lastRow).toContainText(String(last.fields.geoname_id));
  await expect(lastRow.getByRole('gridcell').first()).toHaveText(formatted(all.total));
  await screen(page, 'dataset-04-last-row', { fullPage: false });

  // Open the last record: the side panel, every field formatted, its place in the order.
  await lastRow.click();
  await expect(page).toHaveURL(new RegExp(`/datasets/${CITIES}/records/${last.id}\\?sort=-population$`));
  const panel = page.getByRole('complementary', { name: String(last.fields.name) });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(`Record ${formatted(all.total)} of ${formatted(all.total)}`);
  await expect(panel).toContainText(String(last.fields.geoname_id));
  await expect(panel.getByRole('button', { name: 'Next record' })).toBeDisabled();
  await screen(page, 'dataset-05-record', { fullPage: false });

  // Previous walks back through the order (a row loaded from a window before the last one).
  await panel.getByRole('button', { name: 'Previous record' }).click();
  await expect(recordPanel(page)).toContainText(
    `Record ${formatted(all.total - 1)} of ${formatted(all.total)}`,
  );
  await recordPanel(page).getByRole('button', { name: 'Next record' }).click();
  await expect(page).toHaveURL(new RegExp(`/records/${last.id}\\?`));

  // The permalink is this record's own URL; opened directly, it shows the same record.
  const permalink = recordPanel(page).getByRole('link', { name: 'Permalink' });
  await expect(permalink).toHaveAttribute('href', `/datasets/${CITIES}/records/${last.id}?sort=-population`);
  await page.goto(`/datasets/${CITIES}/records/${last.id}`);
  await expect(page.getByRole('complementary', { name: String(last.fields.name) })).toContainText(
    String(last.fields.geoname_id),
  );
  await page.goBack();

  // Reload: the same view.
  await page.reload();
  await expect(page).toHaveURL(new RegExp(`/datasets/${CITIES}/records/${last.id}\\?sort=-population$`));
  await expect(count(page)).toHaveText(`${formatted(all.total)} records`);
  await expect(grid(page).getByRole('columnheader', { name: /Population/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(page.getByRole('complementary', { name: String(last.fields.name) })).toBeVisible();
  await expectAccessible(page);
  await screen(page, 'dataset-06-reloaded', { fullPage: false });

  // Escape closes the panel and goes back to the dataset's URL.
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(new RegExp(`/datasets/${CITIES}\\?sort=-population$`));
  await expect(recordPanel(page)).toHaveCount(0);
});
