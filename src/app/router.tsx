import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { CatalogPage } from '../features/catalog/catalog-page';
import { AppShell } from './app-shell';

const rootRoute = createRootRoute({ component: AppShell });

const catalogRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: () => <CatalogPage target={{ portal: '' }} />,
});

const routeTree = rootRoute.addChildren([catalogRoute]);

export const router = createRouter({ routeTree, defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
