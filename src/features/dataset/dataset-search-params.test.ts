import { describe, expect, it } from 'vitest';
import type { DatasetField } from '../../../common/ods-api/types';
import { parseSearchString, stringifySearchObject } from '../../lib/search-codec';
import {
  hasFilters,
  nextSort,
  parseDatasetSearch,
  parseSort,
  serializeDatasetSearch,
  sortFieldCheck,
  toggleExclude,
  toggleRefine,
  withColumnFilter,
  withMap,
  withoutColumnFilter,
  withoutFacetFilter,
  withoutFilters,
  withQuery,
  withSort,
  withTab,
  withWhere,
} from './dataset-search-params';

const field = (name: string, type: DatasetField['type']): DatasetField => ({
  name,
  label: name,
  type,
  annotations: {},
  description: null,
});

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

describe('sortFieldCheck', () => {
  const check = sortFieldCheck([field('population', 'int'), field('name', 'text')]);

  it('accepts a field of the dataset, either way, and refuses any other name', () => {
    expect(check('population')).toBeNull();
    expect(check('-name')).toBeNull();
    expect(check('bogus')).toBe('no such field to sort by');
    expect(check('-bogus')).toBe('no such field to sort by');
    expect(check('population DESC')).toBe('no such field to sort by');
  });
});

describe('parseDatasetSearch under the router', () => {
  it('a dropped value stays dropped where the router lays the validated search over the raw one', () => {
    const raw = parseSearchString('?q=x&sort=a;b&tab=bogus');
    expect({ ...raw, ...parseDatasetSearch(raw) }).toEqual({ q: 'x' });
  });
});

describe('the map in the URL', () => {
  it('keeps the map’s place and filters in their canonical form, under ODS’s names', () => {
    const search = parse(
      '?tab=map&location=11.123,48.8566123,2.3522&geofilter.bbox=48.8,2.2,48.9,2.5&geofilter.polygon=(48.8,2.2),(48.8,2.5),(49,2.5)&map.field=coordinates&map.color=country_code',
    );
    expect(search).toMatchObject({
      tab: 'map',
      location: '11.12,48.85661,2.3522',
      'geofilter.bbox': '48.8,2.2,48.9,2.5',
      'geofilter.polygon': '(48.8,2.2),(48.8,2.5),(49,2.5)',
      'map.field': 'coordinates',
      'map.color': 'country_code',
    });
    expect(serializeDatasetSearch(search).toString()).toBe(
      'tab=map&location=11.12%2C48.85661%2C2.3522&geofilter.bbox=48.8%2C2.2%2C48.9%2C2.5&geofilter.polygon=%2848.8%2C2.2%29%2C%2848.8%2C2.5%29%2C%2849%2C2.5%29&map.field=coordinates&map.color=country_code',
    );
    expect(hasFilters(search)).toBe(true);
  });

  it('drops a malformed place or area instead of sending it', () => {
    const raw = parseSearchString('?location=abc&geofilter.bbox=1,2&geofilter.polygon=(1,2)&map.field=a;b');
    expect({ ...raw, ...parseDatasetSearch(raw) }).toEqual({});
  });

  it('moves the map and clears its filters with the others, keeping its place', () => {
    const search = withMap(parse('?tab=map&q=paris'), { location: '5,45,3', 'geofilter.bbox': '1,2,3,4' });
    expect(search).toMatchObject({ q: 'paris', location: '5,45,3', 'geofilter.bbox': '1,2,3,4' });
    const cleared = withoutFilters(search);
    expect(cleared.q).toBeUndefined();
    expect(cleared['geofilter.bbox']).toBeUndefined();
    expect(cleared.location).toBe('5,45,3');
  });
});
