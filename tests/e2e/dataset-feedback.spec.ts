import { execFileSync } from 'node:child_process';
import type { APIRequestContext, Page } from '@playwright/test';
import { expectAccessible } from '../helpers/axe';
import { expect, test } from '../helpers/browser-test';
import { SAMPLE_PORTAL_URL } from '../helpers/portals';
import { screen } from '../helpers/screens';

/**
 * Feedback as a visitor and as the portal's owner, on the sample portal: a correction of an airport
 * sent from the record panel and found with `npm run portal -- feedback airports --json`; a comment
 * on the dataset; then a value the portal refuses (400) and its real rate limit (429), each keeping
 * the draft, which a reload keeps too. The tests run in order: the last one spends the limit.
 */
test.use({ baseURL: SAMPLE_PORTAL_URL });
// The owner's CLI starts a Node process with tsx each time: seconds on a busy machine.
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const CITIES = 'geonames-all-cities-with-a-population-1000';

interface FeedbackEntry {
  datasetId: string;
  recordId: string | null;
  comment: string;
  newValues: Record<string, unknown> | null;
  oldValues: Record<string, unknown> | null;
  schema: Record<string, { type: string; label: string }> | null;
}

/** The owner's view: the CLI, on the database the e2e sample portal runs on (playwright.config.ts). */
function ownerReads(dataset: string): FeedbackEntry[] {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', 'feedback', dataset, '--json', '--db', '.portal/e2e-sample.sqlite'],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as FeedbackEntry[];
}

async function firstRecord(request: APIRequestContext, dataset: string, where: string, orderBy?: string) {
  const params = new URLSearchParams({ where, limit: '1' });
  if (orderBy) params.set('order_by', orderBy);
  const response = await request.get(`/api/v2/catalog/datasets/${dataset}/records?${params}`);
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as {
    records: { record: { id: string; fields: Record<string, unknown> } }[];
  };
  return body.records[0]!.record;
}

const panel = (page: Page) =>
  page.getByRole('complementary').filter({ has: page.getByRole('button', { name: 'Close the record' }) });
const form = (page: Page) => page.getByRole('form', { name: 'Suggest a correction' });
const changes = (page: Page) => page.getByRole('region', { name: /Your changes/ });

test('a correction of an airport, shown as old → new, reaches the owner', async ({ page, request }) => {
  const airport = await firstRecord(request, 'airports', 'iata = "SEA"');
  const oldName = String(airport.fields.name);
  const newName = `${oldName} (Sea-Tac) ${Date.now()}`;
  await page.goto(`/datasets/airports/records/${airport.id}`);
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(oldName);

  await panel(page).getByRole('button', { name: 'Suggest a correction' }).click();
  await expect(form(page).getByRole('heading', { name: 'Suggest a correction' })).toBeFocused();
  await expect(form(page).getByLabel('IATA code')).toHaveValue('SEA');
  await expect(form(page).getByLabel('Name', { exact: true })).toHaveValue(oldName);
  await expect(form(page).getByRole('list', { name: 'Not editable here' })).toContainText('Coordinates');
  await expect(changes(page)).toContainText('No value changed yet');

  await form(page).getByLabel('Name', { exact: true }).fill(newName);
  await expect(changes(page).getByRole('heading')).toHaveText('Your changes (1)');
  // Read as "from … to …": the arrow is hidden from screen readers.
  await expect(changes(page).getByRole('listitem')).toHaveText(`Name: from ${oldName} → to ${newName}`);
  await form(page).getByLabel('Comment').fill('The airport is known as Seattle–Tacoma (Sea-Tac).');
  await expect(form(page).getByText(/^\d+ \/ 10,000 characters$/)).toHaveText('49 / 10,000 characters');
  await expectAccessible(page);
  await screen(page, 'feedback-01-correction-light', { fullPage: false });
  await page.emulateMedia({ colorScheme: 'dark' });
  await screen(page, 'feedback-02-correction-dark', { fullPage: false });
  await page.emulateMedia({ colorScheme: 'light' });

  await form(page).getByRole('button', { name: 'Send correction' }).click();
  await expect(panel(page).getByRole('status').filter({ hasText: 'Sent to the publisher' })).toBeVisible();
  const entry = ownerReads('airports').find((e) => e.newValues?.name === newName);
  expect(entry).toMatchObject({
    datasetId: 'airports',
    recordId: airport.id,
    comment: 'The airport is known as Seattle–Tacoma (Sea-Tac).',
    newValues: { name: newName },
    oldValues: { name: oldName },
    schema: { name: { type: 'text', label: 'Name' } },
  });

  // Sent, so no draft waits: the button is back to its first label.
  await panel(page).getByRole('button', { name: 'Back to the record' }).click();
  await expect(panel(page).getByRole('button', { name: 'Suggest a correction' })).toBeFocused();
});

test('a comment on the dataset, with its live count, survives closing the dialog', async ({ page }) => {
  await page.goto('/datasets/airports');
  const open = page.getByRole('button', { name: 'Send feedback to the publisher' });
  await open.click();
  const dialog = page.getByRole('dialog', { name: 'Send feedback to the publisher' });
  const comment = dialog.getByLabel('Your comment');
  await comment.fill('x'.repeat(10_001));
  await expect(dialog.getByText(/characters/).last()).toHaveText('10,001 / 10,000 characters: 1 too many');
  await expect(comment).toHaveAttribute('aria-invalid', 'true');
  const text = `Please add the airports of Guam. ${Date.now()}`;
  await comment.fill(text);
  await expect(dialog.getByText(`${text.length} / 10,000 characters`)).toBeVisible();
  await screen(page, 'feedback-03-dataset-comment-light', { fullPage: false });

  await dialog.getByRole('button', { name: 'Close (keep the draft)' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Feedback draft' }).click();
  await expect(comment).toHaveValue(text);
  await dialog.getByRole('button', { name: 'Send feedback' }).click();
  await expect(dialog.getByRole('status')).toContainText('Sent.');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screen(page, 'feedback-04-dataset-sent-dark', { fullPage: false });
  await page.emulateMedia({ colorScheme: 'light' });
  expect(ownerReads('airports').find((e) => e.comment === text)).toMatchObject({
    recordId: null,
    newValues: null,
  });
});

test.describe('refusals', () => {
  // One pattern: Playwright would read a two-item array as [value, fixture options].
  test.use({ expectedConsoleErrors: [/status of (400 \(Bad Request\)|429 \(Too Many Requests\))/] });

  test('a refused value and the rate limit keep the draft, and so does a reload', async ({
    page,
    request,
  }) => {
    const paris = await firstRecord(
      request,
      CITIES,
      'name = "Paris" AND country_code = "FR"',
      'population DESC',
    );
    const before = ownerReads(CITIES).length;
    await page.goto(`/datasets/${CITIES}/records/${paris.id}`);
    await panel(page).getByRole('button', { name: 'Suggest a correction' }).click();
    const population = form(page).getByLabel('Population');
    await expect(population).toHaveValue(String(paris.fields.population));
    // Escape goes back to the record, not out of the panel, and gives the focus back to the button.
    await population.press('Escape');
    await expect(panel(page).getByRole('button', { name: 'Suggest a correction' })).toBeFocused();
    await panel(page).getByRole('button', { name: 'Suggest a correction' }).click();
    await population.fill('12.5');
    await form(page).getByLabel('Comment').fill('The 2023 census.');

    // 400: the portal's message, at the field it names, which takes the focus.
    await form(page).getByRole('button', { name: 'Send correction' }).click();
    const refusal = 'Invalid value for feedback.newValues.population: expected an integer, got number 12.5.';
    await expect(form(page).getByRole('alert')).toContainText(refusal);
    await expect(population).toHaveAttribute('aria-invalid', 'true');
    await expect(population).toBeFocused();
    await expect(population).toHaveAccessibleDescription(refusal);
    await screen(page, 'feedback-05-refused-light', { fullPage: false });

    // A reload keeps the draft: the panel offers to resume it, with every input as it was left.
    await page.reload();
    await panel(page).getByRole('button', { name: 'Resume your correction' }).click();
    await expect(population).toHaveValue('12.5');
    await expect(form(page).getByLabel('Comment')).toHaveValue('The 2023 census.');
    await population.fill('2102650');
    await expect(changes(page).getByRole('listitem')).toContainText(
      `from ${paris.fields.population} → to 2102650`,
    );

    // 429: spend this client's real limit (30 a minute) with bodies the portal refuses, so that
    // nothing is stored, then send from the form.
    let status = 0;
    for (let k = 0; k < 40 && status !== 429; k++) {
      const response = await request.put(`/api/v2/catalog/datasets/${CITIES}/feedback`, {
        data: { feedback: {} },
      });
      status = response.status();
    }
    expect(status).toBe(429);
    await form(page).getByRole('button', { name: 'Send correction' }).click();
    const alert = form(page).getByRole('alert');
    await expect(alert).toContainText(/Try again in \d+ seconds \(at /);
    await expect(alert).toContainText('Your draft is kept in this browser.');
    await expect(form(page).getByRole('button', { name: 'Send correction' })).toBeDisabled();
    await page.emulateMedia({ colorScheme: 'dark' });
    await screen(page, 'feedback-06-rate-limited-dark', { fullPage: false });
    await page.emulateMedia({ colorScheme: 'light' });

    await page.reload();
    await panel(page).getByRole('button', { name: 'Resume your correction' }).click();
    await expect(population).toHaveValue('2102650');
    expect(ownerReads(CITIES)).toHaveLength(before);
  });
});
