import { describe, expect, it } from 'vitest';
import { fullText } from '../../../common/odsql/build';
import { filterQuery } from '../../api/params';
import { setCurrentLocale } from '../../i18n/locale';
import { parseSearchString, stringifySearchObject } from '../../lib/search-codec';
import {
  CATALOG_PARAM_CHECKS,
  type CatalogSearch,
  catalogDatasetsParams,
  catalogFacetsParams,
  MAX_CATALOG_PAGE,
  parseCatalogSearch,
  serializeCatalogSearch,
  sortToOrderBy,
  splitFilter,
  toggleExclude,
  toggleRefine,
  withoutFilter,
  withoutFilters,
  withPage,
  withQuery,
  withRefine,
  withSort,
} from './catalog-search-params';

const parse = (query: string) => parseCatalogSearch(parseSearchString(query));

describe('parseCatalogSearch', () => {
  it('reads the URL the way the API reads it', () => {
    expect(
      parse(
        '?q=air+quality&refine=theme:Environment&refine=modified:2020/11&exclude=keyword:city&sort=-modified&page=3',
      ),
    ).toEqual({
      q: 'air quality',
      refine: ['theme:Environment', 'modified:2020/11'],
      exclude: ['keyword:city'],
      sort: '-modified',
      page: 3,
    });
  });

  it('omits defaults and drops what is invalid instead of failing', () => {
    expect(parse('')).toEqual({});
    expect(parse('?q=+++&page=1&sort=')).toEqual({});
    expect(parse('?page=0')).toEqual({});
    expect(parse('?page=abc&sort=popularity&refine=nocolon&refine=:x&refine=theme:')).toEqual({});
    expect(parse('?refine=theme:A&refine=theme:A')).toEqual({ refine: ['theme:A'] });
  });

  it('keeps paging inside the API’s 10,000 results', () => {
    expect(parse('?page=99999')).toEqual({ page: MAX_CATALOG_PAGE });
  });

  it('accepts values a navigation passes (numbers, arrays)', () => {
    expect(parseCatalogSearch({ page: 2, refine: ['theme:A'], q: 2024 })).toEqual({
      page: 2,
      refine: ['theme:A'],
      q: '2024',
    });
  });

  it('keeps a value that holds colons and commas whole', () => {
    expect(splitFilter('theme:Administration, Government: all')).toEqual({
      facet: 'theme',
      value: 'Administration, Government: all',
    });
  });
});

describe('serializeCatalogSearch', () => {
  it('writes defaults as nothing and the rest in URL order', () => {
    expect(serializeCatalogSearch({}).toString()).toBe('');
    expect(
      serializeCatalogSearch({
        page: 2,
        sort: 'title',
        exclude: ['keyword:x'],
        refine: ['theme:A'],
        q: 'bus',
      }).toString(),
    ).toBe('q=bus&refine=theme%3AA&exclude=keyword%3Ax&sort=title&page=2');
  });

  it('round-trips through the router’s codec', () => {
    const states: CatalogSearch[] = [
      {},
      { q: 'a "b" & c' },
      {
        refine: ['theme:Transport, Mobility', 'modified:2020/11'],
        exclude: ['features:geo'],
        sort: '-records_count',
        page: 7,
      },
    ];
    for (const state of states) expect(parse(stringifySearchObject({ ...state }))).toEqual(state);
  });
});

describe('changes', () => {
  const base: CatalogSearch = { q: 'bus', refine: ['theme:Transport'], sort: 'title', page: 4 };

  it('every filter or sort change goes back to page 1; paging keeps the filters', () => {
    expect(withQuery(base, 'tram').page).toBeUndefined();
    expect(withQuery(base, '  ')).toEqual({ refine: ['theme:Transport'], sort: 'title' });
    expect(toggleRefine(base, 'keyword', 'bus').page).toBeUndefined();
    expect(toggleExclude(base, 'keyword', 'bus').page).toBeUndefined();
    expect(withSort(base, undefined)).toEqual({ q: 'bus', refine: ['theme:Transport'] });
    expect(withPage(base, 5)).toEqual({ ...base, page: 5 });
    expect(withPage(base, 1)).toEqual({ q: 'bus', refine: ['theme:Transport'], sort: 'title' });
  });

  it('refine and exclude toggle, and one lifts the other', () => {
    const refined = toggleRefine({}, 'theme', 'A');
    expect(refined).toEqual({ refine: ['theme:A'] });
    expect(toggleRefine(refined, 'theme', 'A')).toEqual({});
    const excluded = toggleExclude(refined, 'theme', 'A');
    expect(excluded).toEqual({ exclude: ['theme:A'] });
    expect(toggleRefine(excluded, 'theme', 'A')).toEqual({ refine: ['theme:A'] });
    expect(withRefine(refined, 'theme', 'A')).toEqual(refined);
  });

  it('on a path facet, a month replaces its year and a year its months', () => {
    const year = toggleRefine({ refine: ['theme:A'] }, 'modified', '2020', { hierarchical: true });
    const month = toggleRefine(year, 'modified', '2020/11', { hierarchical: true });
    expect(month.refine).toEqual(['theme:A', 'modified:2020/11']);
    const otherYear = toggleRefine(month, 'modified', '2019', { hierarchical: true });
    expect(otherYear.refine).toEqual(['theme:A', 'modified:2020/11', 'modified:2019']);
    expect(toggleRefine(month, 'modified', '2020', { hierarchical: true }).refine).toEqual([
      'theme:A',
      'modified:2020',
    ]);
  });

  it('removes one filter, or all of them but the sort', () => {
    const search: CatalogSearch = {
      q: 'x',
      refine: ['theme:A', 'theme:B'],
      exclude: ['keyword:c'],
      sort: '-modified',
    };
    expect(withoutFilter(search, 'refine', 'theme:A').refine).toEqual(['theme:B']);
    expect(withoutFilter(search, 'exclude', 'keyword:c').exclude).toBeUndefined();
    expect(withoutFilters(search)).toEqual({ sort: '-modified' });
  });
});

describe('API requests', () => {
  it('the search text becomes one ODSQL full-text condition, printed escaped', () => {
    const { filter } = catalogDatasetsParams({ q: 'say "hi" \\ or not' });
    expect(filter?.where).toEqual(fullText('say "hi" \\ or not'));
    expect(filterQuery(filter).where).toEqual(['"say \\"hi\\" \\\\ or not"']);
  });

  it('the catalog request reads like the URL', () => {
    expect(
      catalogDatasetsParams({
        q: 'bus',
        refine: ['theme:A'],
        exclude: ['keyword:b'],
        sort: '-modified',
        page: 3,
      }),
    ).toEqual({
      filter: { where: fullText('bus'), refine: ['theme:A'], exclude: ['keyword:b'] },
      order_by: 'modified DESC',
      limit: 20,
      offset: 40,
    });
    expect(catalogDatasetsParams({})).toEqual({ limit: 20, offset: 0 });
  });

  it('the facets request carries the same filters, so counts follow them', () => {
    expect(catalogFacetsParams({ q: 'bus', refine: ['theme:A'], page: 3 })).toEqual({
      facet: ['theme', 'keyword', 'publisher', 'features', 'modified'],
      filter: { where: fullText('bus'), refine: ['theme:A'] },
    });
  });

  it('sorts map to order_by', () => {
    expect(sortToOrderBy('title')).toBe('title ASC');
    expect(sortToOrderBy('-records_count')).toBe('records_count DESC');
  });
});

describe('CATALOG_PARAM_CHECKS', () => {
  it('names what parseCatalogSearch drops, and only that', () => {
    const { page, sort } = CATALOG_PARAM_CHECKS;
    expect(page!('abc')).toBe('not a page number');
    expect(page!('0')).toBe('not a page number');
    expect(page!('2.5')).toBe('not a page number');
    expect(page!('3')).toBeNull();
    expect(sort!('bogus')).toBe('no such field to sort by');
    expect(sort!('-modified')).toBeNull();
    for (const [name, value] of [
      ['page', 'abc'],
      ['page', '0'],
      ['sort', 'bogus'],
    ] as const) {
      expect(parseCatalogSearch({ [name]: value })).toEqual({});
    }
    expect(parseCatalogSearch({ page: '3', sort: '-modified' })).toEqual({ page: 3, sort: '-modified' });
  });

  it('says why in the reader’s language', () => {
    setCurrentLocale('fr');
    try {
      expect(CATALOG_PARAM_CHECKS.page!('abc')).toBe('ce n’est pas un numéro de page');
    } finally {
      setCurrentLocale('en');
    }
  });

  it('drops a value even where the router lays the validated search over the raw one', () => {
    const raw = parseSearchString('?q=x&sort=bogus&page=abc');
    expect({ ...raw, ...parseCatalogSearch(raw) }).toEqual({ q: 'x' });
  });
});
