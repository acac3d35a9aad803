import { expect, test } from '../helpers/browser-test';
import {
  FIXTURE_PORT,
  FIXTURE_PORTAL_URL,
  isApiPath,
  isUnderApiPath,
  SAMPLE_PORTAL_URL,
} from '../helpers/portals';
import { screen } from '../helpers/screens';

/**
 * Choosing a portal: the explorer served by the sample portal opens the fixture portal (another
 * origin, through CORS, as it would open data.economie.gouv.fr), with an API key, and each failure a
 * portal can answer gets its own message.
 */
test.use({ baseURL: SAMPLE_PORTAL_URL });

test('open another portal by address, with an API key kept in this browser only', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /^Portal: .*Choose another portal$/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Choose a portal' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Portal address').fill('not a portal');
  await dialog.getByRole('button', { name: 'Open portal' }).click();
  await expect(dialog.getByRole('alert')).toContainText('is not a web address');

  await dialog.getByLabel('Portal address').fill(`${FIXTURE_PORTAL_URL}/explore/somewhere?x=1`);
  await dialog.getByLabel('API key (optional)').fill('my-secret-key');
  await screen(page, '10-portal-picker', { fullPage: false });
  const request = page.waitForRequest(
    (r) => r.url().startsWith(FIXTURE_PORTAL_URL) && isApiPath(new URL(r.url()), '/catalog/datasets'),
  );
  await dialog.getByRole('button', { name: 'Open portal' }).click();
  expect((await request).headers().authorization).toBe('Apikey my-secret-key');

  await expect(page).toHaveURL(`${SAMPLE_PORTAL_URL}/?portal=${FIXTURE_PORTAL_URL}`);
  expect(page.url()).not.toContain('secret');
  await expect(page.getByRole('heading', { name: 'European cities' })).toBeVisible();
  await expect(
    page.getByRole('button', { name: `Portal: 127.0.0.1:${FIXTURE_PORT} (with API key)` }),
  ).toBeVisible();

  // The portal travels in every link.
  await page.getByRole('button', { name: /^Culture, Heritage/ }).click();
  await expect(page).toHaveURL(
    `${SAMPLE_PORTAL_URL}/?portal=${FIXTURE_PORTAL_URL}&refine=theme:Culture,+Heritage`,
  );
  await page.getByRole('link', { name: 'Festival events' }).click();
  await expect(page).toHaveURL(`${SAMPLE_PORTAL_URL}/datasets/fixture-events?portal=${FIXTURE_PORTAL_URL}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Festival events');
  await page.getByRole('link', { name: 'Catalog' }).click();
  await expect(page).toHaveURL(`${SAMPLE_PORTAL_URL}/?portal=${FIXTURE_PORTAL_URL}`);

  // The picker remembers the portal and its key; the embedded portal is one click away.
  await page.getByRole('button', { name: /^Portal: / }).click();
  await expect(
    dialog.getByRole('button', { name: new RegExp(`^127\\.0\\.0\\.1:${FIXTURE_PORT}`) }),
  ).toBeVisible();
  await expect(dialog.getByLabel('API key (optional)')).toHaveValue('my-secret-key');
  await screen(page, '11-portal-picker-recent', { fullPage: false });
  await dialog.getByRole('button', { name: /embedded portal/ }).click();
  await expect(page).toHaveURL(`${SAMPLE_PORTAL_URL}/`);
  await expect(page.locator('output')).toHaveText('6 datasets');
});

test('a portal parameter that is not an address says so', async ({ page }) => {
  await page.goto('/?portal=foo');
  await expect(page.getByText('“foo” is not a portal address')).toBeVisible();
  await page.getByRole('link', { name: 'Open the embedded portal' }).click();
  await expect(page).toHaveURL(`${SAMPLE_PORTAL_URL}/`);
  await expect(page.locator('output')).toHaveText('6 datasets');
});

test.describe('failures, each with its own message', () => {
  test.use({ expectedConsoleErrors: [/Failed to load resource/] });

  test('an unreachable portal', async ({ page }) => {
    await page.goto('/?portal=http://127.0.0.1:9');
    const alert = page.getByRole('alert').first();
    await expect(alert).toContainText('Could not reach 127.0.0.1:9', { timeout: 15_000 });
    await expect(alert).toContainText('Check the address');
    await expect(alert.getByRole('button', { name: 'Choose another portal' })).toBeVisible();
    await screen(page, '12-error-unreachable');
  });

  test('a 401, a 404 and a 429', async ({ page }) => {
    const catalogApi = (url: URL) => isUnderApiPath(url, '/catalog/');
    await page.route(catalogApi, (route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error_code: 'UnauthorizedError', message: 'Authentication required' }),
      }),
    );
    await page.goto('/');
    const alert = page.getByRole('alert').first();
    await expect(alert).toContainText('needs an API key');
    await alert.getByRole('button', { name: 'Set an API key' }).click();
    await expect(
      page.getByRole('dialog', { name: 'Choose a portal' }).getByLabel('API key (optional)'),
    ).toBeFocused();
    await screen(page, '13-error-401', { fullPage: false });
    await page.keyboard.press('Escape');
    await page.unroute(catalogApi);

    await page.goto('/datasets/no-such-dataset');
    await expect(page.getByRole('alert')).toContainText(
      'There is no dataset “no-such-dataset” on this portal',
    );
    await expect(page.getByRole('alert').getByRole('link', { name: 'Back to the catalog' })).toBeVisible();
    await screen(page, '14-error-404');

    await page.route(
      (url) => isApiPath(url, '/catalog/datasets'),
      (route) =>
        route.fulfill({
          status: 429,
          contentType: 'application/json',
          headers: {
            'X-RateLimit-Limit': '10000',
            'X-RateLimit-Remaining': '0',
            'X-RateLimit-Reset': '2099-01-01 00:00:00+00:00',
            'Access-Control-Expose-Headers': 'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset',
          },
          body: JSON.stringify({
            errorcode: 10002,
            reset_time: '2099-01-01T00:00:00Z',
            limit_time_unit: 'day',
            call_limit: 10000,
            error: 'Too many requests on the domain. Please contact the domain administrator.',
          }),
        }),
    );
    await page.goto('/');
    const quota = page.getByRole('alert').first();
    await expect(quota).toContainText('request quota is used up');
    await expect(quota).toContainText('It allows 10,000 requests per day');
    await expect(page.getByRole('status').filter({ hasText: 'requests left' })).toContainText(
      '0 requests left',
    );
    await screen(page, '15-error-429');
  });
});
