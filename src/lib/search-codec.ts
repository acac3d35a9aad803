/**
 * How the explorer's state is written in the URL: a plain query string that reads like the API's
 * (`?q=paris&refine=theme:Environment&refine=keyword:city&sort=-modified`), not TanStack Router's
 * default JSON values. Repeated keys are arrays; every value stays a string, and each route's
 * search-params module validates and converts it. Keys come out in one fixed order, so equal states
 * give equal URLs.
 */

export type RawSearch = Record<string, string | string[]>;

/** The order keys appear in; any other key follows, alphabetically. */
const KEY_ORDER = ['portal', 'q', 'where', 'refine', 'exclude', 'f', 'sort', 'page', 'tab'];

export function parseSearchString(searchStr: string): RawSearch {
  const params = new URLSearchParams(searchStr.startsWith('?') ? searchStr.slice(1) : searchStr);
  const result: RawSearch = {};
  for (const [key, value] of params) {
    const previous = result[key];
    if (previous === undefined) result[key] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else result[key] = [previous, value];
  }
  return result;
}

/**
 * Escapes what a query value must escape, and no more: `:`, `/`, `,` and `@` stay readable
 * (RFC 3986 allows them in a query), a space becomes `+`.
 */
export function encodeQueryComponent(value: string): string {
  return encodeURIComponent(value)
    .replace(/%3A/gi, ':')
    .replace(/%2F/gi, '/')
    .replace(/%2C/gi, ',')
    .replace(/%40/gi, '@')
    .replace(/%20/g, '+');
}

function keyRank(key: string): number {
  const index = KEY_ORDER.indexOf(key);
  return index === -1 ? KEY_ORDER.length : index;
}

export function stringifySearchObject(search: Record<string, unknown>): string {
  const keys = Object.keys(search).sort((a, b) => keyRank(a) - keyRank(b) || a.localeCompare(b));
  const parts: string[] = [];
  for (const key of keys) {
    const value = search[key];
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (item === undefined || item === null || item === '') continue;
      const text = typeof item === 'object' ? JSON.stringify(item) : String(item);
      parts.push(`${encodeQueryComponent(key)}=${encodeQueryComponent(text)}`);
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
