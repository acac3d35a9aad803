import { describe, expect, it } from 'vitest';
import { encodeQueryComponent, parseSearchString, stringifySearchObject } from './search-codec';

describe('search codec', () => {
  it('reads repeated keys as arrays and keeps every value a string', () => {
    expect(
      parseSearchString('?q=paris&refine=theme:Environment&refine=keyword:city&page=2&sort=-modified'),
    ).toEqual({
      q: 'paris',
      refine: ['theme:Environment', 'keyword:city'],
      page: '2',
      sort: '-modified',
    });
    expect(parseSearchString('')).toEqual({});
    expect(parseSearchString('q=a+b%2Bc')).toEqual({ q: 'a b+c' });
  });

  it('writes an API-like query string in a fixed key order, without empty values', () => {
    expect(
      stringifySearchObject({
        page: 3,
        refine: ['theme:Transport, Mobility', 'modified:2020/11'],
        q: 'air quality',
        portal: 'https://data.economie.gouv.fr',
        exclude: [],
        sort: undefined,
      }),
    ).toBe(
      '?portal=https://data.economie.gouv.fr&q=air+quality&refine=theme:Transport,+Mobility&refine=modified:2020/11&page=3',
    );
    expect(stringifySearchObject({})).toBe('');
    expect(stringifySearchObject({ zeta: 'z', alpha: 'a' })).toBe('?alpha=a&zeta=z');
  });

  it('escapes what must be escaped', () => {
    expect(encodeQueryComponent('a&b=c#d?e+f"g')).toBe('a%26b%3Dc%23d%3Fe%2Bf%22g');
  });

  it('round-trips any text', () => {
    const search = { q: ' "quoted" & 100% + ünïcode / : , @ ', refine: ['keyword:a&b', 'theme:x=y'] };
    expect(parseSearchString(stringifySearchObject(search))).toEqual(search);
  });
});
