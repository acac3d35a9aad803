import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  retainSearchParams,
} from '@tanstack/react-router';
import { parseCatalogSearch } from '../features/catalog/catalog-search-params';
import { parseDatasetSearch } from '../features/dataset/dataset-search-params';
import { isLocale, type Locale } from '../i18n/locale';
import { DEFAULT_PORTAL, readPortalParam } from '../lib/portal';
import { parseSearchString, stringifySearchObject } from '../lib/search-codec';
import { AppShell } from './app-shell';
import { NotFoundPage } from './not-found-page';
import { CatalogRoute } from './routes/catalog-route';

/**
 * Code-based routes. Every route's search is validated by its own parse function; the URL is a
 * plain, API-like query string (lib/search-codec). `portal` belongs to the root: it names the portal
 * when it is not the embedded one, and travels in every link unless a navigation sets it ('' is the
 * embedded portal, and is written as no parameter at all).
 */

export interface RootSearch {
  portal?: string;
  /** The explorer's language for this link, over the saved choice (i18n/locale.ts). */
  lang?: Locale;
}

function parseRootSearch(raw: Record<string, unknown>): RootSearch {
  const param = readPortalParam(
    raw.portal,
    typeof window === 'undefined' ? undefined : window.location.origin,
  );
  // A language we do not have is dropped: the saved choice or the browser's then decide.
  const lang = isLocale(raw.lang) ? { lang: raw.lang } : {};
  if (!param.ok) return { portal: param.raw, ...lang };
  // The default portal (embedded, or baked in at build) is written as no parameter at all.
  return param.portal && param.portal !== DEFAULT_PORTAL ? { portal: param.portal, ...lang } : lang;
}

const rootRoute = createRootRoute({
  validateSearch: parseRootSearch,
  // `portal` and `lang` travel in every link; a navigation that sets one (to '' for the embedded
  // portal) wins.
  search: { middlewares: [retainSearchParams(['portal', 'lang'])] },
  component: AppShell,
  notFoundComponent: NotFoundPage,
});

const catalogRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  validateSearch: parseCatalogSearch,
  component: CatalogRoute,
});

// Lazy, so the catalog's first load does not carry the dataset page (its grid, table and
// virtualizer libraries, DOMPurify; later its map and charts).
const datasetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/datasets/$datasetId',
  validateSearch: parseDatasetSearch,
  component: lazyRouteComponent(() => import('./routes/dataset-route'), 'DatasetRoute'),
});

// A record's permalink. The dataset route's page shows it in its side panel, over the grid.
const recordRoute = createRoute({
  getParentRoute: () => datasetRoute,
  path: 'records/$recordId',
});

const routeTree = rootRoute.addChildren([catalogRoute, datasetRoute.addChildren([recordRoute])]);

export const router = createRouter({
  routeTree,
  defaultPreload: 'intent',
  parseSearch: parseSearchString,
  stringifySearch: stringifySearchObject,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
