import { MAX_WINDOW } from '../common/ods-api/params';
import type { Link } from '../common/ods-api/types';

/** Absolute links as ODS writes them: `{href, rel}` with the request's own origin. */
export function link(origin: string, path: string, rel: string, query?: URLSearchParams): Link {
  const search = query && [...query.keys()].length > 0 ? `?${query.toString()}` : '';
  return { href: `${origin}${path}${search}`, rel };
}

/**
 * A collection's links (ods-api.md §2.4): self, first and last, and next/prev where they exist,
 * within the 10,000 records a client can page through.
 */
export function pageLinks(url: URL, total: number, limit: number, offset: number): Link[] {
  const at = (rel: string, pageOffset: number) => {
    const query = new URLSearchParams(url.searchParams);
    query.delete('start');
    query.delete('rows');
    query.set('limit', String(limit));
    query.set('offset', String(pageOffset));
    return link(url.origin, url.pathname, rel, query);
  };
  const reachable = Math.min(total, MAX_WINDOW);
  const lastOffset = limit > 0 && reachable > 0 ? Math.floor((reachable - 1) / limit) * limit : 0;
  const links = [
    link(url.origin, url.pathname, 'self', url.searchParams),
    at('first', 0),
    at('last', lastOffset),
  ];
  if (limit > 0 && offset + limit < reachable) links.push(at('next', offset + limit));
  if (offset > 0) links.push(at('prev', Math.max(0, offset - limit)));
  return links;
}

/** A dataset's links, under `datasets` (the version's `…/catalog/datasets` path). */
export function datasetLinks(origin: string, datasets: string, datasetId: string): Link[] {
  const self = `${datasets}/${encodeURIComponent(datasetId)}`;
  return [
    link(origin, self, 'self'),
    link(origin, `${self}/records`, 'records'),
    link(origin, `${self}/facets`, 'facets'),
    link(origin, `${self}/exports`, 'exports'),
    link(origin, `${self}/attachments`, 'attachments'),
    link(origin, datasets, 'datasets'),
  ];
}

/** The `dataset` and `datasets` links every record and grouped page carries (ods-api.md §2.4). */
export function parentLinks(origin: string, datasets: string, datasetId: string): Link[] {
  return [
    link(origin, `${datasets}/${encodeURIComponent(datasetId)}`, 'dataset'),
    link(origin, datasets, 'datasets'),
  ];
}

/** A record's own links: self, then its dataset and the catalog. */
export function recordLinks(origin: string, datasets: string, datasetId: string, recordId: string): Link[] {
  const self = `${datasets}/${encodeURIComponent(datasetId)}/records/${recordId}`;
  return [link(origin, self, 'self'), ...parentLinks(origin, datasets, datasetId)];
}
