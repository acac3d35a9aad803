import { expect, test } from '../helpers/browser-test';

test('the explorer lists the fixture portal datasets', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Fixture portal' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'European cities' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Festival events' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Test regions' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Bike counters' })).toBeVisible();
  await expect(page).toHaveTitle('Fixture portal · ODS Explorer');
  await page.screenshot({ path: 'test-results/screens/catalog-skeleton.png', fullPage: true });
});
