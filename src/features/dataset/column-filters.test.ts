import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetField } from '../../../common/ods-api/types';
import { parseWhere } from '../../../common/odsql/parser';
import { printExpr } from '../../../common/odsql/printer';
import { setCurrentLocale } from '../../i18n/locale';
import {
  type ColumnFilter,
  compileColumnFilter,
  decodeColumnFilter,
  describeColumnFilter,
  encodeColumnFilter,
  opsForType,
} from './column-filters';

const field = (name: string, type: DatasetField['type'], label = name): DatasetField => ({
  name,
  label,
  type,
  annotations: {},
  description: null,
});
const FIELDS = [
  field('name', 'text', 'Name'),
  field('population', 'int', 'Population'),
  field('elevation', 'double'),
  field('founded', 'date'),
  field('time', 'datetime'),
  field('capital', 'boolean'),
  field('coordinates', 'geo_point_2d'),
  field('and', 'text'),
];

const compile = (text: string) => {
  const filter = decodeColumnFilter(text);
  const expr = filter && compileColumnFilter(filter, FIELDS);
  return expr ? printExpr(expr) : null;
};

describe('column filters', () => {
  it.each([
    ['population:eq:1000', 'population = 1000'],
    ['population:ne:-5', 'population != -5'],
    ['elevation:lt:0.5', 'elevation < 0.5'],
    ['population:gt:1000000', 'population > 1000000'],
    ['population:between:1000..5000', 'population IN [1000..5000]'],
    ['population:in:1,2,3', 'population IN (1, 2, 3)'],
    ['name:eq:Saint "Jean"', 'name = "Saint \\"Jean\\""'],
    ['name:contains:star wars', 'name LIKE "star wars"'],
    ['name:starts:Saint', 'startswith(name, "Saint")'],
    ['name:in:a\\,b,c', 'name IN ("a,b", "c")'],
    ['name:empty', 'name IS NULL'],
    ['coordinates:notempty', 'coordinates IS NOT NULL'],
    ['founded:gt:1200-01-01', "founded > date'1200-01-01'"],
    ['time:between:2018-02-01..2018-02-07T12:00', "time IN [date'2018-02-01'..date'2018-02-07T12:00']"],
    ['capital:eq:true', 'capital = TRUE'],
    ['and:eq:x', '`and` = "x"'],
  ])('%s → %s', (text, odsql) => {
    expect(compile(text)).toBe(odsql);
    // What the builders print parses back (the printer's contract).
    expect(() => parseWhere(odsql)).not.toThrow();
  });

  it.each([
    'population:gt:abc',
    'population:contains:5',
    'founded:gt:yesterday',
    'capital:eq:maybe',
    'coordinates:eq:1',
    'ghost:eq:1',
    'time:eq:2018',
  ])('refuses %s', (text) => {
    expect(compile(text)).toBeNull();
  });

  it('decodes only well-formed filters', () => {
    expect(decodeColumnFilter('population:gt')).toBeNull();
    expect(decodeColumnFilter('population:between:5')).toBeNull();
    expect(decodeColumnFilter('population:empty:1')).toBeNull();
    expect(decodeColumnFilter('bad name:eq:1')).toBeNull();
    expect(decodeColumnFilter('name:eq:a:b')).toEqual({ field: 'name', op: 'eq', values: ['a:b'] });
  });

  it('encodes back what it decodes', () => {
    const filters: ColumnFilter[] = [
      { field: 'name', op: 'in', values: ['a,b', 'c\\d'] },
      { field: 'population', op: 'between', values: ['1', '2'] },
      { field: 'name', op: 'notempty', values: [] },
    ];
    for (const filter of filters) expect(decodeColumnFilter(encodeColumnFilter(filter))).toEqual(filter);
  });

  it('offers operators by type', () => {
    expect(opsForType('text')).toContain('starts');
    expect(opsForType('int')).toContain('between');
    expect(opsForType('int')).not.toContain('contains');
    expect(opsForType('geo_shape')).toEqual(['empty', 'notempty']);
  });

  it('describes a filter with the field’s label', () => {
    expect(describeColumnFilter(decodeColumnFilter('population:gt:1000')!, FIELDS)).toBe('Population > 1000');
    expect(describeColumnFilter(decodeColumnFilter('name:starts:Saint')!, FIELDS)).toBe(
      'Name starts with “Saint”',
    );
    expect(describeColumnFilter(decodeColumnFilter('population:between:1..2')!, FIELDS)).toBe(
      'Population between 1 and 2',
    );
  });

  describe('in French', () => {
    afterEach(() => setCurrentLocale('en'));

    it('describes a filter in the language in force, operators as words of it', () => {
      setCurrentLocale('fr');
      expect(describeColumnFilter(decodeColumnFilter('name:starts:Saint')!, FIELDS)).toBe(
        'Name commence par «\u202fSaint\u202f»',
      );
      expect(describeColumnFilter(decodeColumnFilter('population:between:1..2')!, FIELDS)).toBe(
        'Population entre 1 et 2',
      );
      expect(describeColumnFilter(decodeColumnFilter('population:gt:1000')!, FIELDS)).toBe(
        'Population > 1000',
      );
    });
  });
});
