import type { Link } from '../common/ods-api/types';

/** Absolute links as ODS writes them: `{href, rel}` with the request's own origin. */
export function link(origin: string, path: string, rel: string, query?: URLSearchParams): Link {
  const search = query && [...query.keys()].length > 0 ? `?${query.toString()}` : '';
  return { href: `${origin}${path}${search}`, rel };
}
