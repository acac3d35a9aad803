import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { APIRequestContext, Download, Locator, Page } from '@playwright/test';
import Papa from 'papaparse';
import { expectAccessible } from '../helpers/axe';
import { expect, test } from '../helpers/browser-test';
import { SAMPLE_PORTAL_URL } from '../helpers/portals';
import { screen } from '../helpers/screens';

/**
 * A new user exports what they see: the French cities, sorted and with a column hidden, as CSV read
 * back with papaparse (exactly the view's records, order and columns); a large export cancelled
 * midway (no file); the countries' GeoJSON with their outlines; the API view's curl snippet,
 * run in a shell, giving the count the page shows; and its chart request, answering the Analyze
 * view's numbers.
 */
test.use({ baseURL: SAMPLE_PORTAL_URL });

const CITIES = 'geonames-all-cities-with-a-population-1000';
const count = (page: Page) => page.getByRole('status', { name: 'Record count' });
const tray = (page: Page) => page.getByRole('region', { name: /^Downloads/ });
const formatted = (n: number) => n.toLocaleString('en-US');

interface RecordsBody {
  total_count: number;
  records: { record: { id: string; fields: Record<string, unknown> } }[];
}

async function api(request: APIRequestContext, dataset: string, params: Record<string, string>) {
  const response = await request.get(
    `/api/v2/catalog/datasets/${dataset}/records?${new URLSearchParams(params)}`,
  );
  expect(response.ok()).toBe(true);
  return (await response.json()) as RecordsBody;
}

async function downloadedText(download: Download): Promise<string> {
  return readFileSync((await download.path())!, 'utf8');
}

/** The French cities, by population descending, without their alternate names, as a user gets there. */
async function frenchCitiesView(page: Page) {
  await page.goto(`/datasets/${CITIES}`);
  await page
    .getByRole('region', { name: 'Country code' })
    .getByRole('button', { name: /^FR, [\d,]+ records$/ })
    .click();
  await expect(page).toHaveURL(/refine=country_code:FR/);
  const population = page
    .getByRole('grid', { name: 'Records' })
    .getByRole('columnheader', { name: /Population/ });
  await population.getByRole('button').click();
  await population.getByRole('button').click();
  await expect(page).toHaveURL(/sort=-population/);
  await page.getByRole('button', { name: 'Columns' }).click();
  await page
    .getByRole('region', { name: 'Columns' })
    .getByRole('checkbox', { name: 'Alternate names' })
    .uncheck();
  await page.keyboard.press('Escape');
}

test('export the French cities as CSV: the records, order and columns of the view', async ({
  page,
  request,
}) => {
  const france = await api(request, CITIES, { refine: 'country_code:FR', limit: '0' });
  await frenchCitiesView(page);
  const schema = (await (await request.get(`/api/v2/catalog/datasets/${CITIES}`)).json()) as {
    dataset: { fields: { name: string }[] };
  };
  const columns = schema.dataset.fields.map((f) => f.name).filter((name) => name !== 'alternate_names');

  await page.getByRole('tab', { name: 'Export' }).click();
  await expect(page).toHaveURL(/tab=export/);
  await expect(count(page)).toContainText(formatted(france.total_count));
  const summary = page.getByRole('status', { name: 'Export summary' });
  await expect(summary).toContainText(`${formatted(france.total_count)} records`);
  await expect(summary).toContainText(/about [\d.]+ (KB|MB)/);
  await expect(page.getByRole('radio', { name: /^This view/ })).toHaveAccessibleName(
    /sorted by Population, descending · 8 of 9 columns/,
  );
  await expect(page.getByRole('radio', { name: /^Shapefile/ })).toBeEnabled();
  await screen(page, 'export-01-view-light');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${CITIES}_country_code-FR.csv`);
  const text = (await downloadedText(file)).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { delimiter: ';', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [header, ...rows] = parsed.data;
  expect(header).toEqual(columns);
  expect(rows).toHaveLength(france.total_count);
  const at = (name: string) => header!.indexOf(name);
  expect(rows.every((row) => row[at('country_code')] === 'FR')).toBe(true);
  // The view's order: the portal's first page of the same query, then never a bigger city below.
  const first = await api(request, CITIES, {
    refine: 'country_code:FR',
    order_by: 'population DESC',
    limit: '100',
  });
  expect(rows.slice(0, 100).map((row) => row[at('geoname_id')])).toEqual(
    first.records.map((r) => String(r.record.fields.geoname_id)),
  );
  const populations = rows.map((row) => Number(row[at('population')]));
  expect(populations.every((p, i) => i === 0 || p <= populations[i - 1]!)).toBe(true);
  await expect(tray(page)).toContainText(`Saved as ${CITIES}_country_code-FR.csv`);
  await expectAccessible(page);

  // The tray stays while the user moves on to another tab.
  await page.getByRole('tab', { name: 'Table' }).click();
  await expect(tray(page)).toContainText('Saved as');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('tab', { name: 'Export' }).click();
  await expect(summary).toContainText(/about [\d.]+ (KB|MB)/);
  await screen(page, 'export-02-view-dark');
});

test('two large exports at once, cancelled midway, save no file', async ({ page }) => {
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.goto(`/datasets/${CITIES}?tab=export`);
  await page.getByRole('radio', { name: /^The whole dataset/ }).check();
  await expect(page.getByRole('status', { name: 'Export summary' })).toContainText(/about [\d.]+ MB/);
  // A slow line, so that the download is still running when the user cancels it.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: 512 * 1024,
    uploadThroughput: -1,
  });
  await page.getByRole('button', { name: 'Download CSV' }).click();
  // A second one at once: the JSON of the same records.
  await page
    .getByRole('radio', { name: /^JSON\b/ })
    .first()
    .check();
  await page.getByRole('button', { name: 'Download JSON' }).click();
  await expect(tray(page).getByRole('heading')).toHaveText('Downloads (2 running)');
  const entries = tray(page).getByRole('listitem');
  await expect(entries).toHaveCount(2);
  const csv = entries.filter({ hasText: ', CSV' });
  await expect(csv).toContainText(/[\d.]+ (KB|MB)/);
  await expect(csv).toContainText(/\/s/);
  await screen(page, 'export-03-progress', { fullPage: false });
  for (const entry of await entries.all()) {
    await entry.getByRole('button', { name: /^Cancel the download/ }).click();
    await expect(entry).toContainText('Cancelled: nothing was saved.');
  }
  await expect(tray(page).getByRole('heading')).toHaveText('Downloads');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await page.waitForTimeout(1000);
  expect(downloads).toBe(0);
});

test('the countries as GeoJSON: their outlines, not their centres', async ({ page }) => {
  await page.goto('/datasets/world-countries?tab=export');
  await page.getByRole('radio', { name: /^GeoJSON/ }).check();
  await expect(page.getByRole('radio', { name: /^iCalendar/ })).toHaveAccessibleName(/No date field/);
  await expect(page.getByRole('radio', { name: /^iCalendar/ })).toBeDisabled();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download GeoJSON' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('world-countries.geojson');
  const collection = JSON.parse(await downloadedText(file)) as {
    features: { geometry: { type: string } | null }[];
  };
  expect(collection.features).toHaveLength(250);
  const kinds = new Set(collection.features.map((f) => f.geometry?.type ?? 'none'));
  expect([...kinds].sort()).toEqual(['MultiPolygon', 'Polygon', 'none']);
});

test('the API view: the curl snippet, run in a shell, gives the count the page shows', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/datasets/${CITIES}?refine=country_code:FR&sort=-population&tab=api`);
  await expect(count(page)).toHaveText(/^[\d,]+ of [\d,]+ records$/);
  const shown = Number((await count(page).textContent())!.split(' of ')[0]!.replace(/,/g, ''));
  const records = page.getByRole('region', { name: 'Records' });
  await expect(records).toContainText('refine=country_code%3AFR');
  await expect(records.getByRole('link', { name: /Open the JSON/ })).toHaveAttribute('href', /\/records\?/);
  await records.getByRole('button', { name: 'Copy the Records request as curl' }).click();
  await expect(records.getByRole('button', { name: 'Copy the Records request as curl' })).toContainText(
    'Copied',
  );
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  expect(snippet).toMatch(/^curl /);
  // The snippet asks in the API version the explorer speaks to this portal: v2.1's flat results
  // or v2.0's wrapped records.
  const body = JSON.parse(execFileSync('sh', ['-c', snippet], { encoding: 'utf8' })) as {
    total_count: number;
    results?: Record<string, unknown>[];
    records?: RecordsBody['records'];
  };
  expect(body.total_count).toBe(shown);
  expect((body.results?.[0] ?? body.records?.[0]?.record.fields)?.country_code).toBe('FR');

  await page.getByRole('button', { name: 'R (httr2)' }).click();
  await expect(records.locator('pre')).toContainText('library(httr2)');
  await screen(page, 'api-01-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('button', { name: 'Python (requests)' }).click();
  await expect(records.locator('pre')).toContainText('import requests');
  await screen(page, 'api-02-dark');
  await expectAccessible(page);
});

test('the API view: the chart request answers the numbers the Analyze view shows', async ({ page }) => {
  await page.goto(`/datasets/${CITIES}?tab=analyze&chart.x=country_code&chart.top=5`);
  await expect(page.getByRole('main').locator('output[aria-live]')).toContainText(
    '6 groups, the rest as Others',
    { timeout: 30_000 },
  );
  await page.getByRole('button', { name: 'Show as table' }).click();
  const rows = page.getByRole('table', { name: "The chart's numbers" }).getByRole('row');
  await expect(rows).toHaveCount(7);
  const shown = (await rows.allInnerTexts())
    .slice(1, 6)
    .map((text) => text.split('\t').map((cell) => cell.trim()));

  await page.getByRole('tab', { name: 'API' }).click();
  await expect(page).toHaveURL(/tab=api/);
  const chart = page.getByRole('region', { name: 'Chart', exact: true });
  await expect(chart).toContainText('group_by=country_code+AS+x');
  const groups = await groupsAt(page, chart);
  expect(groups.map((row) => [row.x, row.v0.toLocaleString('en')])).toEqual(shown);
});

test('the API view: a chart that asks for its span first lists the buckets that span settles', async ({
  page,
}) => {
  // Seattle's weather: the default chart is the records over time, at an interval chosen from the span.
  await page.goto('/datasets/seattle-weather?tab=api');
  const span = page.getByRole('region', { name: 'Chart: the axis’ span' });
  await expect(span).toContainText('select=min%28date%29');
  const chart = page.getByRole('region', { name: 'Chart', exact: true });
  await expect(chart).toContainText('group_by=range%28date');
  const groups = await groupsAt(page, chart);
  // 2012 to 2015, day by day: 1,461 records in a few dozen buckets.
  expect(groups.length).toBeGreaterThan(3);
  expect(groups.reduce((sum, row) => sum + row.v0, 0)).toBe(1461);
});

interface GroupRow {
  x: string;
  v0: number;
}

/** The grouped rows a request card's JSON link answers: v2.1's records `results`, or v2.0's `aggregations`. */
async function groupsAt(page: Page, card: Locator): Promise<GroupRow[]> {
  const href = await card.getByRole('link', { name: /Open the JSON/ }).getAttribute('href');
  const response = await page.request.get(href!);
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { results?: GroupRow[]; aggregations?: GroupRow[] };
  return body.results ?? body.aggregations ?? [];
}
