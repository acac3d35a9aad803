import { afterEach, describe, expect, it } from 'vitest';
import { setCurrentLocale } from '../i18n/locale';
import { ignoredParams, langCheck, type ParamCheck } from './ignored-params';
import { parseSearchString } from './search-codec';

const page: ParamCheck = (value) => (/^[1-9]\d*$/.test(value) ? null : 'not a page number');
const sort: ParamCheck = (value) => (['title', '-title'].includes(value) ? null : 'no such field to sort by');

describe('ignoredParams', () => {
  it('lists each refused value with its reason, in the order of the checks', () => {
    expect(ignoredParams(parseSearchString('?sort=bogus&q=paris&page=abc'), { page, sort })).toEqual([
      { name: 'page', value: 'abc', reason: 'not a page number' },
      { name: 'sort', value: 'bogus', reason: 'no such field to sort by' },
    ]);
  });

  it('lists nothing when every checked value is used, or absent, or empty', () => {
    expect(ignoredParams(parseSearchString('?page=3&sort=-title&q=x'), { page, sort })).toEqual([]);
    expect(ignoredParams(parseSearchString('?q=x'), { page, sort })).toEqual([]);
    expect(ignoredParams(parseSearchString('?page=&sort=+'), { page, sort })).toEqual([]);
  });

  it('checks every value of a repeated parameter, and only the parameters it has checks for', () => {
    expect(ignoredParams(parseSearchString('?sort=title&sort=nope&page=0&where=bad'), { sort })).toEqual([
      { name: 'sort', value: 'nope', reason: 'no such field to sort by' },
    ]);
  });
});

describe('langCheck', () => {
  afterEach(() => setCurrentLocale('en'));

  it('takes the languages the explorer has, and names them, in the reader’s, when refusing another', () => {
    expect(langCheck('fr')).toBeNull();
    expect(langCheck('en')).toBeNull();
    expect(langCheck('de')).toBe('not a language the explorer has: English or French');
    setCurrentLocale('fr');
    expect(langCheck('FR')).toBe('ce n’est pas une langue de l’explorateur\u202f: anglais ou français');
  });
});
