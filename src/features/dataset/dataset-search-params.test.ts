import { describe, expect, it } from 'vitest';
import { parseSearchString, stringifySearchObject } from '../../lib/search-codec';
import {
  hasFilters,
  nextSort,
  parseDatasetSearch,
  parseSort,
  serializeDatasetSearch,
  toggleExclude,
  toggleRefine,
  withColumnFilter,
  withoutColumnFilter,
  withoutFacetFilter,
  withoutFilters,
  withQuery,
  withSort,
  withTab,
  withWhere,
} from './dataset-search-params';

const parse = (query: string) => parseDatasetSearch(parseSearchString(query));

describe('parseDatasetSearch', () => {
  it('reads the URL the way the API reads it', () => {
    expect(
      parse(
        '?q=saint&where=population+>+5&refine=country_code:FR&refine=time:2018/02&exclude=feature_code:PPLX&f=population:gt:1000&f=name:starts:Saint&sort=-population&tab=information',
      ),
    ).toEqual({
      q: 'saint',
      where: 'population > 5',
      refine: ['country_code:FR', 'time:2018/02'],
      exclude: ['feature_code:PPLX'],
      f: ['population:gt:1000', 'name:starts:Saint'],
      sort: '-population',
      tab: 'information',
    });
  });

  it('omits defaults and drops what is invalid instead of failing', () => {
    expect(
      parse('?q=+&where=&refine=nope&f=population:zz:1&f=population:gt&sort=-pop ulation&tab=table&tab=map'),
    ).toEqual({});
    expect(parse('?tab=table')).toEqual({});
    expect(parse('?f=population:gt:1&f=population:gt:1')).toEqual({ f: ['population:gt:1'] });
  });

  it('writes back the same URL, in a stable order', () => {
    const url =
      '?q=saint&where=population+>+5&refine=country_code:FR&exclude=feature_code:PPLX&f=population:between:1..5&sort=name&tab=information';
    const search = parse(url);
    expect(serializeDatasetSearch(search).toString()).toBe(new URLSearchParams(url).toString());
    expect(stringifySearchObject({ ...search })).toBe(
      '?q=saint&where=population+%3E+5&refine=country_code:FR&exclude=feature_code:PPLX&f=population:between:1..5&sort=name&tab=information',
    );
  });
});

describe('changes', () => {
  const base = parse('?q=a&refine=country_code:FR&f=population:gt:5&sort=-population&tab=information');

  it('facets: refine, exclude, date paths replace their branch', () => {
    expect(toggleRefine(base, 'country_code', 'DE').refine).toEqual(['country_code:FR', 'country_code:DE']);
    expect(toggleRefine(base, 'country_code', 'FR').refine).toBeUndefined();
    expect(toggleExclude(base, 'country_code', 'FR')).toMatchObject({ exclude: ['country_code:FR'] });
    expect(toggleExclude(base, 'country_code', 'FR').refine).toBeUndefined();
    const year = toggleRefine({}, 'time', '2018', { hierarchical: true });
    expect(toggleRefine(year, 'time', '2018/02', { hierarchical: true }).refine).toEqual(['time:2018/02']);
    expect(withoutFacetFilter(base, 'refine', 'country_code:FR').refine).toBeUndefined();
  });

  it('column filters: add, replace, remove', () => {
    const added = withColumnFilter(base, { field: 'name', op: 'in', values: ['a,b', 'c'] });
    expect(added.f).toEqual(['population:gt:5', 'name:in:a\\,b,c']);
    expect(withColumnFilter(added, { field: 'population', op: 'lt', values: ['9'] }, 0).f).toEqual([
      'population:lt:9',
      'name:in:a\\,b,c',
    ]);
    expect(withoutColumnFilter(added, 'population:gt:5').f).toEqual(['name:in:a\\,b,c']);
  });

  it('clear all keeps the sort and the tab; the text and where are trimmed or dropped', () => {
    expect(withoutFilters(base)).toEqual({ sort: '-population', tab: 'information' });
    expect(hasFilters(withoutFilters(base))).toBe(false);
    expect(withQuery(base, '  ').q).toBeUndefined();
    expect(withWhere(base, ' population > 1 ').where).toBe('population > 1');
    expect(withTab(base, 'table').tab).toBeUndefined();
  });

  it('sorting reads like the API and cycles ascending, descending, none', () => {
    expect(parseSort('-population')).toEqual({ field: 'population', descending: true });
    expect(parseSort('name')).toEqual({ field: 'name', descending: false });
    expect(parseSort('bad field')).toBeNull();
    expect(nextSort(null, 'name')).toEqual({ field: 'name', descending: false });
    expect(nextSort({ field: 'name', descending: false }, 'name')).toEqual({
      field: 'name',
      descending: true,
    });
    expect(nextSort({ field: 'name', descending: true }, 'name')).toBeNull();
    expect(nextSort({ field: 'name', descending: true }, 'population')).toEqual({
      field: 'population',
      descending: false,
    });
    expect(withSort(base, null).sort).toBeUndefined();
  });
});
