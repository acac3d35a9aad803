import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { detectApiVersion } from '../api/api-version';
import type { ApiVersion } from '../api/model';
import { rememberApiVersion, rememberedApiVersion, subscribePortalStorage } from '../lib/portal-storage';

/**
 * The Explore API version to speak to a portal: the one remembered for it, else the one found by
 * asking (v2.1 first, then v2.0; api-version.ts), kept for next time. The embedded portal is asked
 * once per page load instead: its server may have been restarted with another `--api` since.
 * Null while the portal is being asked.
 */
export function useApiVersion(portal: string, origin: string, apiKey: string): ApiVersion | null {
  const remembered = useSyncExternalStore(subscribePortalStorage, () =>
    portal ? rememberedApiVersion(origin) : null,
  );
  const detected = useQuery({
    // The key itself stays out of the cache; whether one is sent can change what the portal says.
    queryKey: ['api-version', origin, Boolean(apiKey)] as const,
    queryFn: async ({ signal }) => {
      const found = await detectApiVersion({ portal, apiKey: apiKey || undefined }, { signal });
      if (found.certain && portal) rememberApiVersion(origin, found.version);
      return found.version;
    },
    enabled: remembered === null,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  return remembered ?? detected.data ?? null;
}
