import type { Page } from '@playwright/test';
import { expectAccessible, expectAccessibleColours } from '../helpers/axe';
import { expect, test } from '../helpers/browser-test';
import { screen } from '../helpers/screens';

/**
 * The explorer in French and in English, on the sample portal. A French browser gets French
 * labels, French numbers and dates, `<html lang="fr">` and `lang=fr` on every API call, in every
 * view; `?lang=en` overrides the browser, and the header's switcher is saved. Each French view is
 * checked by axe in both themes and for text that its box cuts (French runs about 20 % longer),
 * and screenshotted to be looked at.
 */
test.use({ baseURL: async ({ samplePortal }, use) => use(samplePortal) });
test.describe.configure({ timeout: 180_000 });

const CITIES = 'geonames-all-cities-with-a-population-1000';
/** French groups thousands with a narrow no-break space. */
const fr = (n: number) => n.toLocaleString('fr-FR');

/** The API calls the page makes, to check the language they ask for. */
function apiCalls(page: Page): URL[] {
  const calls: URL[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    // Not the probe that asks which API version the portal speaks (`datasets?limit=0`, sent before
    // anything is shown): it reads no text.
    const probe = /\/catalog\/datasets$/.test(url.pathname) && url.search === '?limit=0';
    if (url.pathname.startsWith('/api/') && !probe) calls.push(url);
  });
  return calls;
}

/**
 * Labels whose box cuts their text (a scroll width beyond the box, with the overflow hidden) and a
 * page wider than the window: what a longer language breaks first. Cells of the grid and other
 * boxes that end with an ellipsis on purpose (`text-overflow: ellipsis`) are the user's data and
 * are left out.
 */
async function cutTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) cut.push('the page scrolls sideways');
    for (const element of document.querySelectorAll<HTMLElement>(
      'button, [role="tab"], label, legend, h1, h2, h3, th, summary, a',
    )) {
      // Hidden on purpose: not laid out, inside the grid, or visually hidden for screen readers
      // (`sr-only`, a skip link until it has the focus: a 1-pixel box).
      if (!element.offsetParent || element.closest('[role="grid"]') || element.clientWidth <= 1) continue;
      const style = getComputedStyle(element);
      if (style.textOverflow === 'ellipsis') continue;
      const hidden = style.overflowX === 'hidden' || style.overflowX === 'clip';
      if (hidden && element.scrollWidth > element.clientWidth + 1)
        cut.push(element.textContent?.trim() ?? '');
    }
    return cut;
  });
}

/**
 * Axe in both themes (every WCAG 2.1 AA rule in light, the contrast rules in dark), no text cut,
 * and a screenshot of each theme (named by the page's language).
 */
async function checkView(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await (scheme === 'light' ? expectAccessible(page) : expectAccessibleColours(page));
    const lang = await page.locator('html').getAttribute('lang');
    expect(await cutTexts(page), `${name}: text cut (${lang}, ${scheme})`).toEqual([]);
    await screen(page, `${lang}-${name}-${scheme}`, { fullPage: false });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test.describe('a French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('the catalog and every view of a dataset, in French', async ({ page, request }) => {
    const calls = apiCalls(page);
    const total = (
      (await (await request.get(`/api/v2/catalog/datasets/${CITIES}/records?limit=0`)).json()) as {
        total_count: number;
      }
    ).total_count;

    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('searchbox', { name: 'Rechercher des jeux de données' })).toBeVisible();
    await expect(page.getByLabel('Trier par')).toBeVisible();
    await expect(page.getByLabel('Langue')).toHaveValue('fr');
    await expect(page.locator('output')).toHaveText('6 jeux de données');
    await checkView(page, 'catalog');

    await page.goto(`/datasets/${CITIES}`);
    await expect(page.getByRole('tab', { name: 'Tableau' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('status', { name: 'Nombre d’enregistrements' })).toHaveText(
      `${fr(total)} enregistrements`,
    );
    await expect(page).toHaveTitle(/ · ODS Explorer$/);
    await checkView(page, 'table');

    for (const [tab, name] of [
      ['Carte', 'map'],
      ['Analyse', 'analyze'],
      ['Export', 'export'],
      ['API', 'api'],
      ['Informations', 'information'],
    ] as const) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`tab=${name}`));
      await expect(page.getByRole('tab', { name: tab, exact: true })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      await page.waitForLoadState('networkidle');
      await checkView(page, name);
    }

    // Every call asked for French: the portal's metadata, facet labels and date names follow it.
    expect(calls.length).toBeGreaterThan(5);
    expect(calls.filter((url) => url.searchParams.get('lang') !== 'fr').map(String)).toEqual([]);
  });

  test('a record and the correction form, in French', async ({ page, request }) => {
    const body = (await (
      await request.get(
        `/api/v2/catalog/datasets/${CITIES}/records?where=name="Paris" AND country_code="FR"&order_by=population DESC&limit=1`,
      )
    ).json()) as { records: { record: { id: string; fields: { population: number } } }[] };
    const paris = body.records[0]!.record;
    await page.goto(`/datasets/${CITIES}/records/${paris.id}`);
    const panel = page.getByRole('complementary', { name: 'Paris' });
    await expect(panel).toContainText(fr(paris.fields.population));
    await checkView(page, 'record');

    await panel.getByRole('button', { name: 'Proposer une correction' }).click();
    const form = page.getByRole('form', { name: 'Proposer une correction' });
    await expect(form.getByLabel('Population')).toHaveValue(String(paris.fields.population));
    await checkView(page, 'correction');

    // The dataset's own feedback dialog, from the page without the panel over it.
    await page.goto(`/datasets/${CITIES}`);
    await page.getByRole('button', { name: 'Envoyer un retour au producteur' }).click();
    const dialog = page.getByRole('dialog', { name: 'Envoyer un retour au producteur' });
    await dialog.getByLabel('Votre commentaire').fill('x'.repeat(10_001));
    await expect(dialog.getByText(/caractère/).last()).toContainText('1 caractère de trop');
    await checkView(page, 'feedback');
  });

  test('?lang=en speaks English over the browser, in every link', async ({ page }) => {
    const calls = apiCalls(page);
    await page.goto('/?lang=en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('output')).toHaveText('6 datasets');
    await page.getByRole('list', { name: 'Datasets' }).getByRole('link', { name: 'US airports' }).click();
    await expect(page).toHaveURL(/\/datasets\/airports\?lang=en$/);
    await expect(page.getByRole('tab', { name: 'Table' })).toBeVisible();
    expect(calls.filter((url) => url.searchParams.get('lang') !== 'en').map(String)).toEqual([]);
  });
});

/**
 * The English views' axe passes that the other specs do not make already (they check the catalog
 * in both themes, the table in dark, the map, analyze, export, information and a record in light,
 * and the API view in dark): here the rest, and a record in dark, so every view is checked in both
 * themes in English too.
 */
test('every view in English, in the theme the other specs leave out', async ({ page, request }) => {
  for (const [tab, label, scheme] of [
    ['map', 'Map', 'dark'],
    ['analyze', 'Analyze', 'dark'],
    ['export', 'Export', 'dark'],
    ['information', 'Information', 'dark'],
    ['api', 'API', 'light'],
  ] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`/datasets/${CITIES}?tab=${tab}`);
    await expect(page.getByRole('tab', { name: label, exact: true })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await page.waitForLoadState('networkidle');
    await (scheme === 'light' ? expectAccessible(page) : expectAccessibleColours(page));
  }
  const airport = (
    (await (await request.get('/api/v2/catalog/datasets/airports/records?limit=1')).json()) as {
      records: { record: { id: string } }[];
    }
  ).records[0]!.record;
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`/datasets/airports/records/${airport.id}`);
  await expect(page.getByRole('button', { name: 'Close the record' })).toBeVisible();
  await expectAccessibleColours(page);
});

test('the header’s switcher changes the language at once and is kept', async ({ page }) => {
  await page.goto('/datasets/airports');
  await expect(page.getByRole('tab', { name: 'Table' })).toBeVisible();
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('tab', { name: 'Tableau' })).toBeVisible();
  // The link named no language and still does not: the choice is the reader's, saved.
  await expect(page).toHaveURL(/\/datasets\/airports$/);
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Tableau' })).toBeVisible();
  await page.getByLabel('Langue').selectOption('en');
  await expect(page.getByRole('tab', { name: 'Table' })).toBeVisible();
});
