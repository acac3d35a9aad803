import { expectAccessible } from '../helpers/axe';
import { expect, test } from '../helpers/browser-test';
import { isApiPath } from '../helpers/portals';
import { screen } from '../helpers/screens';

/**
 * A new user on the sample portal: opens the explorer, searches, refines by a theme, excludes a
 * keyword, opens a dataset, goes back, and finds the catalog exactly as they left it.
 */
test.use({ baseURL: async ({ samplePortal }, use) => use(samplePortal) });

const CITIES = 'GeoNames: all cities with a population over 1,000';

test('search, refine, exclude, open a dataset, come back to the same catalog', async ({ page }) => {
  await page.goto('/');
  const results = page.getByRole('list', { name: 'Datasets' });
  const search = page.getByRole('searchbox', { name: 'Search datasets' });
  const total = page.locator('output');
  await expect(page.getByRole('heading', { name: 'Datasets', level: 1 })).toBeVisible();
  await expect(total).toHaveText('6 datasets');
  await expect(results.getByRole('article')).toHaveCount(6);
  await expectAccessible(page);
  await screen(page, '01-catalog');

  await search.fill('geonames');
  await expect(page).toHaveURL(/\/\?q=geonames$/);
  await expect(total).toHaveText('2 datasets');
  await expect(results.getByRole('heading', { name: 'US ZIP codes' })).toBeVisible();
  await screen(page, '02-search');

  const themes = page.getByRole('region', { name: 'Theme' });
  await themes.getByRole('button', { name: /^Geography, 2 datasets/ }).click();
  await expect(page).toHaveURL(/\/\?q=geonames&refine=theme:Geography$/);
  await expect(themes.getByRole('button', { name: /^Geography/ })).toHaveAttribute('aria-pressed', 'true');
  const chips = page.getByRole('list', { name: 'Active filters' });
  await expect(chips.getByRole('button', { name: 'Remove the filter Theme: Geography' })).toBeVisible();

  const keywords = page.getByRole('region', { name: 'Keyword' });
  await keywords.getByRole('button', { name: 'Exclude ZIP codes' }).click();
  await expect(page).toHaveURL(/\/\?q=geonames&refine=theme:Geography&exclude=keyword:ZIP\+codes$/);
  await expect(total).toHaveText('1 dataset');
  await expect(chips.getByRole('button', { name: 'Remove the exclusion Keyword: ZIP codes' })).toBeVisible();
  await expect(results.getByRole('heading', { name: CITIES })).toBeVisible();
  await expectAccessible(page);
  await screen(page, '03-refined-and-excluded');
  const catalogUrl = page.url();

  await results.getByRole('link', { name: CITIES }).click();
  await expect(page).toHaveURL(/\/datasets\/geonames-all-cities-with-a-population-1000$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(CITIES);
  await expect(page.getByRole('article')).toContainText('Publisher: GeoNames');
  await expect(page).toHaveTitle(/^GeoNames: all cities with a population over 1,000 · .+ · ODS Explorer$/);
  await screen(page, '04-dataset');

  await page.goBack();
  await expect(page).toHaveURL(catalogUrl);
  await expect(search).toHaveValue('geonames');
  await expect(total).toHaveText('1 dataset');
  await expect(themes.getByRole('button', { name: /^Geography/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(chips.getByRole('button', { name: 'Remove the exclusion Keyword: ZIP codes' })).toBeVisible();
  await screen(page, '05-back');

  // Reloading shows the same page; back and forward walk the deliberate steps.
  await page.reload();
  await expect(search).toHaveValue('geonames');
  await expect(total).toHaveText('1 dataset');
  await page.goBack();
  await expect(page).toHaveURL(/\/\?q=geonames&refine=theme:Geography$/);
  await expect(total).toHaveText('2 datasets');
  await page.goForward();
  await expect(total).toHaveText('1 dataset');

  // Clear all goes back to the whole catalog, in one step.
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(search).toHaveValue('');
  await expect(total).toHaveText('6 datasets');
});

test('sort, year → month, and the keyboard', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Sort by').selectOption({ label: 'Most records' });
  await expect(page).toHaveURL(/\/\?sort=-records_count$/);
  const titles = page.getByRole('list', { name: 'Datasets' }).getByRole('heading', { level: 2 });
  await expect(titles.first()).toHaveText(CITIES);

  const modified = page.getByRole('region', { name: 'Modified' });
  await modified.getByRole('button', { name: /^2024, 1 dataset/ }).click();
  await expect(page).toHaveURL(/refine=modified:2024/);
  await expect(modified.getByRole('button', { name: /^December, 1 dataset/ })).toBeVisible();
  await modified.getByRole('button', { name: /^December/ }).click();
  await expect(page).toHaveURL(/\/\?refine=modified:2024\/12&sort=-records_count$/);
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText('Modified: December 2024');
  await expect(titles).toHaveText([CITIES]);
  await screen(page, '06-sorted-by-month');

  // Everything is reachable from the keyboard: the search box, then a facet value.
  await page.goto('/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  const search = page.getByRole('searchbox', { name: 'Search datasets' });
  await search.focus();
  await page.keyboard.type('weather');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/\?q=weather$/);
  await expect(page.locator('output')).toHaveText('1 dataset');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/?refine=features:geo&sort=title');
  await expect(page.locator('output')).toHaveText('5 datasets');
  await expectAccessible(page);
  await screen(page, '07-dark');
});

test('paging stays within the API’s first 10,000 results; loading and empty states', async ({ page }) => {
  // A catalog of 25,000 datasets: the sample portal's answer with a larger total.
  const offsets: string[] = [];
  // Catalog pages only: the explorer's question of which API version the portal speaks (limit=0) passes.
  const catalogRequests = (url: URL) =>
    isApiPath(url, '/catalog/datasets') && url.searchParams.get('limit') !== '0';
  await page.route(catalogRequests, async (route) => {
    const url = new URL(route.request().url());
    offsets.push(url.searchParams.get('offset') ?? '');
    url.searchParams.set('offset', '0');
    const response = await route.fetch({ url: url.toString() });
    const body = await response.json();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await route.fulfill({ response, json: { ...body, total_count: 25_000 } });
  });
  await page.goto('/');
  await expect(page.getByRole('status', { name: 'Loading datasets' })).toBeVisible();
  await screen(page, '08-loading', { fullPage: false });
  const pages = page.getByRole('navigation', { name: 'Pages' });
  await expect(pages.getByRole('link', { name: 'Page 500' })).toBeVisible();
  await pages.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\/\?page=2$/);
  await expect(pages.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');
  await pages.getByRole('link', { name: 'Page 500' }).click();
  await expect(page).toHaveURL(/\/\?page=500$/);
  await expect(page.getByText('The API pages through the first 10,000 results only')).toBeVisible();
  expect(offsets).toEqual(['0', '20', '9980']);
  await screen(page, '09-last-page');
  await page.unrouteAll({ behavior: 'ignoreErrors' });

  await page.goto('/?q=zzzzqqq');
  await expect(page.getByText('No dataset matches “zzzzqqq”')).toBeVisible();
  await screen(page, '09-empty', { fullPage: false });
  await page.getByRole('button', { name: 'Clear all filters' }).click();
  await expect(page.locator('output')).toHaveText('6 datasets');

  // On a phone the filters fold behind a button.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('region', { name: 'Theme' })).toBeHidden();
  await screen(page, '09-phone', { fullPage: false });
  await page.getByRole('button', { name: 'Filters' }).click();
  await expect(page.getByRole('region', { name: 'Theme' })).toBeVisible();
  await screen(page, '09-phone-filters', { fullPage: false });
});

test('a facet group is one tab stop: arrows move inside it, Enter refines, X excludes', async ({ page }) => {
  await page.goto('/');
  const themes = page.getByRole('region', { name: 'Theme' });
  const geography = themes.getByRole('button', { name: /^Geography, 3 datasets/ });
  const environment = themes.getByRole('button', { name: /^Environment, 2 datasets/ });
  await themes.getByRole('button', { name: 'Theme', exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(geography).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(environment).toBeFocused();
  await page.keyboard.press('End');
  await expect(themes.getByRole('button', { name: /^Weather, 1 dataset/ })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(geography).toBeFocused();

  // Tab leaves the values (and their eye buttons) for the next group.
  await page.keyboard.press('Tab');
  await expect(
    page.getByRole('region', { name: 'Keyword' }).getByRole('button', { name: 'Keyword', exact: true }),
  ).toBeFocused();
  // Coming back lands on the value last focused.
  await page.keyboard.press('Shift+Tab');
  await expect(geography).toBeFocused();

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('x');
  await expect(page).toHaveURL(/\/\?exclude=theme:Environment$/);
  await expect(themes.getByRole('button', { name: 'Environment, excluded' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/$/);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/\?refine=theme:Geography$/);
  await expect(page.locator('output')).toHaveText('3 datasets');

  // A refined year's months follow it: → steps into them, ← back to the year, then closes it.
  await page.goto('/?refine=modified:2024');
  const modified = page.getByRole('region', { name: 'Modified' });
  const year = modified.getByRole('button', { name: /^2024, 1 dataset/ });
  const december = modified.getByRole('button', { name: /^December, 1 dataset/ });
  await year.focus();
  await page.keyboard.press('ArrowRight');
  await expect(december).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(year).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(december).toBeHidden();
  await expect(modified.getByRole('button', { name: 'Show the months of 2024' })).toBeAttached();
  await page.keyboard.press('ArrowRight');
  await expect(december).toBeVisible();
});

test('a feature icon is a link only when it leads to a view', async ({ page }) => {
  await page.goto('/');
  const airports = page.getByRole('article', { name: 'US airports' });
  const features = airports.getByRole('list', { name: 'Features' });
  await expect(features.getByRole('button')).toHaveCount(0);
  await expect(features.getByRole('link')).toHaveCount(1);
  await expect(features.getByText('Analyzable')).toBeAttached();
  await features.getByRole('link', { name: 'Geographic data: open the map' }).click();
  await expect(page).toHaveURL(/\/datasets\/airports\?tab=map$/);
  await expect(page.getByRole('tab', { name: 'Map' })).toHaveAttribute('aria-selected', 'true');
});

test('a link’s invalid page or sort is dropped with a notice, and never sent', async ({ page }) => {
  const apiQueries: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) apiQueries.push(decodeURIComponent(url.search));
  });
  await page.goto('/?q=weather&sort=bogus&page=abc');
  const notice = page.getByRole('status').filter({ hasText: 'Ignored' });
  await expect(notice).toContainText('Ignored sort=bogus: no such field to sort by.');
  await expect(notice).toContainText('Ignored page=abc: not a page number.');
  await expect(page.locator('output')).toHaveText('1 dataset');
  await expect(page).toHaveURL(/\/\?q=weather$/);
  await screen(page, '10-ignored-params', { fullPage: false });
  await notice.getByRole('button', { name: 'Dismiss the notice' }).click();
  await expect(notice).toHaveCount(0);

  // A dataset's sort must name one of its fields; only the page knows them.
  await page.goto('/datasets/earthquakes?sort=-bogus');
  await expect(notice).toHaveText('Ignored sort=-bogus: no such field to sort by.');
  await expect(page.getByRole('grid')).toContainText('ci37868143');
  await page.goto('/datasets/earthquakes?sort=-mag');
  await expect(page.getByRole('columnheader', { name: /^Magnitude Resize/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(notice).toHaveCount(0);
  expect(apiQueries.some((query) => /order_by=mag(\+| )DESC/.test(query))).toBe(true);
  expect(apiQueries.filter((query) => /bogus|abc|NaN/.test(query))).toEqual([]);
});
