import { type QueryKey, queryOptions } from '@tanstack/react-query';
import { getCatalogDatasets, getCatalogFacets } from '../../api/catalog';
import { type PortalTarget, targetKey } from '../../api/client';
import type { CatalogDatasetsParams, FacetsParams } from '../../api/params';

/**
 * The catalog vertical's queries. Keys run from generic to specific and hold every input:
 * `['catalog', 'datasets', <portal>, params]`, so any change of portal, key or parameter is a new
 * query, and `['catalog']` invalidates the lot.
 */
export const catalogQueries = {
  all: () => ['catalog'] as const,
  datasets: (target: PortalTarget, params: CatalogDatasetsParams) =>
    queryOptions({
      queryKey: [...catalogQueries.all(), 'datasets', targetKey(target), params] as const,
      queryFn: ({ signal }) => getCatalogDatasets(target, params, { signal }),
      // Paging keeps the previous page on screen (dimmed); a new filter never shows stale results.
      placeholderData: (previous, previousQuery) =>
        previousQuery && sameExceptOffset(previousQuery.queryKey, targetKey(target), params)
          ? previous
          : undefined,
    }),
  facets: (target: PortalTarget, params: FacetsParams) =>
    queryOptions({
      queryKey: [...catalogQueries.all(), 'facets', targetKey(target), params] as const,
      queryFn: ({ signal }) => getCatalogFacets(target, params, { signal }),
      // Counts change under the user's hand; the old ones (dimmed) keep the panel from jumping.
      placeholderData: (previous, previousQuery) =>
        previousQuery?.queryKey[2] === targetKey(target) ? previous : undefined,
    }),
};

function sameExceptOffset(previousKey: QueryKey, target: string, params: CatalogDatasetsParams): boolean {
  const previous = previousKey[3] as CatalogDatasetsParams | undefined;
  if (!previous || previousKey[2] !== target) return false;
  const { offset: _a, ...before } = previous;
  const { offset: _b, ...now } = params;
  return JSON.stringify(before) === JSON.stringify(now);
}
