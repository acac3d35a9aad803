import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expectAccessible } from '../helpers/axe';
import { expect, test } from '../helpers/browser-test';
import { SAMPLE_PORTAL_URL } from '../helpers/portals';
import { screen } from '../helpers/screens';

/**
 * A new user analyzes the sample portal: Seattle's weather over time (the first chart, then the
 * precipitation), the weather types as a pie, the cities' top ten countries (whose table equals
 * the portal's facet counts), a click on a bar that filters the table, and a reload that draws the
 * same chart. Drawing is proven by the ECharts canvas's pixels, in both themes.
 */
test.use({ baseURL: SAMPLE_PORTAL_URL });

const WEATHER = '/datasets/seattle-weather';
const CITIES = '/datasets/geonames-all-cities-with-a-population-1000';

const chart = (page: Page) => page.getByRole('img', { name: /^Chart:/ });
const chartCanvas = (page: Page) => chart(page).locator('canvas').first();
const status = (page: Page) => page.getByRole('main').locator('output[aria-live]');
const count = (page: Page) => page.getByRole('status', { name: 'Record count' });

/** Pixels of the chart's canvas close to a colour (the palette's series colours). */
async function pixelsNear(page: Page, rgb: [number, number, number], tolerance = 30): Promise<number> {
  return chartCanvas(page).evaluate(
    (canvas: HTMLCanvasElement, [r, g, b, tol]) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (
          data[i + 3]! > 200 &&
          Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) <= tol!
        )
          n++;
      }
      return n;
    },
    [...rgb, tolerance] as number[],
  );
}

/** The page point of the leftmost column of a colour: a little below its top. */
async function firstColumnPoint(page: Page, rgb: [number, number, number]) {
  await chartCanvas(page).scrollIntoViewIfNeeded();
  const box = (await chartCanvas(page).boundingBox())!;
  const at = await chartCanvas(page).evaluate((canvas: HTMLCanvasElement, [r, g, b]) => {
    const { data, width, height } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    for (let x = 0; x < width; x++) {
      let count = 0;
      for (let y = 0; y < height; y++) {
        const i = (y * width + x) * 4;
        if (Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) <= 20)
          count++;
      }
      // A column, not a legend swatch: many pixels tall.
      if (count > 40) {
        for (let y = 0; y < height; y++) {
          const i = (y * width + x) * 4;
          if (Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) <= 20)
            return [(x + 4) / (width / canvas.clientWidth), (y + 10) / (height / canvas.clientHeight)];
        }
      }
    }
    return null;
  }, rgb);
  expect(at, 'a column is drawn').not.toBeNull();
  return { x: box.x + at![0]!, y: box.y + at![1]! };
}

const ACCENT_LIGHT: [number, number, number] = [0x0b, 0x5f, 0xcc];
const ACCENT_DARK: [number, number, number] = [0x6e, 0xa8, 0xff];
const ORANGE_LIGHT: [number, number, number] = [0xd9, 0x48, 0x0f];

test('seattle weather: records over time, then precipitation, then the weather as a pie', async ({
  page,
}) => {
  await page.goto(WEATHER);
  await page.getByRole('tab', { name: 'Analyze' }).click();
  await expect(page).toHaveURL(/tab=analyze/);
  // The first chart without a choice: the records per month of the date field.
  await expect(page.getByRole('heading', { name: 'Count of records by Date' })).toBeVisible();
  await expect(status(page)).toContainText('48 groups', { timeout: 30_000 });
  await expect.poll(() => pixelsNear(page, ACCENT_LIGHT)).toBeGreaterThan(2_000);

  // Precipitation over time.
  await page.getByLabel('Series 1', { exact: true }).selectOption('sum');
  await page.getByLabel('Series 1 field').selectOption('precipitation');
  await expect(page).toHaveURL(/chart\.y=sum\(precipitation\)/);
  await expect(page.getByRole('heading', { name: 'Sum of Precipitation (mm) by Date' })).toBeVisible();
  await page.getByLabel('Chart type').selectOption('line');
  await expect(status(page)).toContainText('48 groups');
  await page.getByRole('button', { name: 'Show as table' }).click();
  const table = page.getByRole('table', { name: "The chart's numbers" });
  // January 2012's rain, summed by the portal over every day of the month.
  await expect(table.getByRole('row', { name: /^2012-01 173\.3$/ })).toBeVisible();
  await expect.poll(() => pixelsNear(page, ACCENT_LIGHT)).toBeGreaterThan(300);
  await screen(page, 'analyze-01-precipitation', { fullPage: false });

  // The weather types, counted, as a pie.
  await page.getByLabel('Chart type').selectOption('pie');
  await page.getByLabel('Slices').selectOption('weather');
  await page.getByLabel('Series 1', { exact: true }).selectOption('count');
  await page.getByLabel('Series 1 field').selectOption('*');
  await expect(page).toHaveURL(/chart\.type=pie/);
  await expect(page).toHaveURL(/chart\.x=weather/);
  await expect(status(page)).toContainText('5 groups');
  await expect(table.getByRole('row')).toHaveCount(6);
  await expect.poll(() => pixelsNear(page, ACCENT_LIGHT)).toBeGreaterThan(2_000);
  await expect.poll(() => pixelsNear(page, ORANGE_LIGHT)).toBeGreaterThan(2_000);
  await screen(page, 'analyze-02-weather-pie', { fullPage: false });

  // The numbers as CSV, the picture as PNG and SVG.
  const saved = async (name: string) => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name }).click();
    const file = await download;
    const path = await file.path();
    return { name: file.suggestedFilename(), bytes: readFileSync(path) };
  };
  const csv = await saved('Download CSV');
  expect(csv.name).toBe('seattle-weather-chart.csv');
  const lines = csv.bytes.toString('utf8').trim().split('\r\n');
  expect(lines[0]).toBe('Weather,Count of records');
  expect(lines).toContain('rain,641');
  const png = await saved('Save image (PNG)');
  expect(png.name).toBe('seattle-weather-chart.png');
  expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  const svg = await saved('Save image (SVG)');
  expect(svg.name).toBe('seattle-weather-chart.svg');
  expect(svg.bytes.toString('utf8')).toMatch(/^<svg[\s\S]*<path[\s\S]*<\/svg>$/);

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => pixelsNear(page, ACCENT_DARK)).toBeGreaterThan(2_000);
  await screen(page, 'analyze-03-weather-pie-dark', { fullPage: false });
});

test('the cities: top 10 countries equal the facet counts, a click filters the table, a reload keeps the chart', async ({
  page,
  request,
}) => {
  await page.goto(`${CITIES}?tab=analyze`);
  await page.getByLabel('X axis').selectOption('country_code');
  await expect(page).toHaveURL(/chart\.x=country_code/);
  await expect(status(page)).toContainText('11 groups, the rest as Others', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Show as table' }).click();
  const rows = page.getByRole('table', { name: "The chart's numbers" }).getByRole('row');
  await expect(rows).toHaveCount(12);

  // The same numbers as the portal's facet counts, and Others the rest of the 135,233 cities.
  const facets = (await (
    await request.get(
      `/api/v2/catalog/datasets/geonames-all-cities-with-a-population-1000/facets?facet=country_code`,
    )
  ).json()) as { facets: { name: string; facets: { name: string; count: number }[] }[] };
  const top = facets.facets.find((f) => f.name === 'country_code')!.facets.slice(0, 10);
  const shown = (await rows.allInnerTexts())
    .slice(1)
    .map((text) => text.split('\t').map((cell) => cell.trim()));
  expect(shown.slice(0, 10)).toEqual(top.map((f) => [f.name, f.count.toLocaleString('en')]));
  const rest = 135_233 - top.reduce((sum, f) => sum + f.count, 0);
  expect(shown[10]).toEqual(['Others', rest.toLocaleString('en')]);
  await expect.poll(() => pixelsNear(page, ACCENT_LIGHT)).toBeGreaterThan(2_000);
  await expectAccessible(page);
  await screen(page, 'analyze-04-cities-top10', { fullPage: false });

  // A reload draws the same chart.
  const url = page.url();
  await page.reload();
  await expect(status(page)).toContainText('11 groups, the rest as Others', { timeout: 30_000 });
  expect(page.url()).toBe(url);

  // A click on the tallest column (the United States) refines the view on it; the table follows.
  const point = await firstColumnPoint(page, ACCENT_LIGHT);
  await page.mouse.click(point.x, point.y);
  await expect(page).toHaveURL(new RegExp(`refine=country_code:${top[0]!.name}`));
  await expect(count(page)).toHaveText(`${top[0]!.count.toLocaleString('en')} of 135,233 records`);
  await page.getByRole('tab', { name: 'Table' }).click();
  await expect(count(page)).toHaveText(`${top[0]!.count.toLocaleString('en')} of 135,233 records`);
  await expect(page.getByRole('grid').getByRole('row').nth(1)).toContainText(top[0]!.name);

  // Back on the chart, in the dark theme.
  await page.getByRole('tab', { name: 'Analyze' }).click();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(status(page)).toContainText('1 group');
  await expect.poll(() => pixelsNear(page, ACCENT_DARK)).toBeGreaterThan(1_000);
  await screen(page, 'analyze-05-cities-dark', { fullPage: false });
});

test('a link with a value the chart cannot use says so, and draws the rest', async ({ page }) => {
  await page.goto(
    `${CITIES}?tab=analyze&chart.type=column&chart.x=no_such_field&chart.y=avg(population)&chart.top=500`,
  );
  await expect(page.getByText('Ignored chart.x=no_such_field: no such field.')).toBeVisible();
  await expect(page.getByText(/Ignored chart\.top=500: not a whole number from 1 to 50\./)).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Average of Population by / })).toBeVisible();
  await expect(status(page)).toContainText('groups', { timeout: 30_000 });
});

test('the Table view profiles a field from its column menu', async ({ page }) => {
  await page.goto(`${CITIES}?refine=country_code:FR`);
  await page.getByRole('button', { name: /^Columns/ }).click();
  await page.getByRole('button', { name: 'Profile Population' }).click();
  const profile = page.getByRole('region', { name: 'Profile of Population' });
  await expect(profile.getByRole('definition').first()).toHaveText('8,836');
  await expect(profile).toContainText('Distribution');
  await expect(profile.getByRole('listitem')).not.toHaveCount(0);
  await screen(page, 'analyze-06-profile', { fullPage: false });
  await profile.getByRole('button', { name: 'Back to the columns' }).click();
  await page.getByRole('button', { name: 'Profile Country code' }).click();
  const country = page.getByRole('region', { name: 'Profile of Country code' });
  await expect(country).toContainText('Top values');
  await expect(country.getByRole('listitem')).toHaveCount(1);
  await expect(country.getByRole('listitem')).toContainText('FR');
});
