import { queryOptions } from '@tanstack/react-query';
import { type CatalogSearch, getCatalogDatasets } from '../../api/catalog';
import type { PortalTarget } from '../../api/client';

export const catalogQueries = {
  all: () => ['catalog'] as const,
  datasets: (target: PortalTarget, search: CatalogSearch) =>
    queryOptions({
      queryKey: [...catalogQueries.all(), 'datasets', target.portal, search] as const,
      queryFn: ({ signal }) => getCatalogDatasets(target, search, { signal }),
    }),
};
