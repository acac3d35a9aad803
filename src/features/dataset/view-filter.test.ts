import { describe, expect, it } from 'vitest';
import type { DatasetField } from '../../../common/ods-api/types';
import { cmp, field, fullText, isNull, or, paren } from '../../../common/odsql/build';
import { parseWhere } from '../../../common/odsql/parser';
import { filterQuery } from '../../api/params';
import { parseSearchString } from '../../lib/search-codec';
import { parseDatasetSearch } from './dataset-search-params';
import { viewFilter, withConditions } from './view-filter';

const parse = (query: string) => parseDatasetSearch(parseSearchString(query));

const schemaField = (name: string, type: DatasetField['type']): DatasetField => ({
  name,
  label: name,
  type,
  annotations: {},
  description: null,
});
const FIELDS = [
  schemaField('name', 'text'),
  schemaField('population', 'int'),
  schemaField('founded', 'date'),
];

describe('viewFilter', () => {
  it('ANDs search, column filters and the advanced clause into one tree, printed once', () => {
    const search = parse(
      '?q=saint&where=population+>+5+OR+name+=+"x"&f=population:lt:100&f=founded:gt:1200-01-01',
    );
    const filter = viewFilter(search, FIELDS);
    expect(filter.where?.kind).toBe('And');
    expect(filter.unparsedWhere).toBeUndefined();
    expect(filterQuery(filter).where).toEqual([
      '"saint" AND population < 100 AND founded > date\'1200-01-01\' AND (population > 5 OR name = "x")',
    ]);
  });

  it('keeps an advanced clause it cannot parse as text, so the portal says what is wrong', () => {
    const filter = viewFilter(parse('?where=garbage==&q=x'), FIELDS);
    expect(filter).toEqual({ where: fullText('x'), unparsedWhere: 'garbage==' });
    expect(filterQuery(filter).where).toEqual(['garbage==', '"x"']);
    expect(filterQuery(viewFilter(parse('?where=garbage=='), FIELDS)).where).toEqual(['garbage==']);
  });

  it('ignores a column filter on a field that is not in the schema', () => {
    expect(viewFilter(parse('?f=ghost:eq:1'), FIELDS)).toEqual({ where: null });
  });

  it('keeps the refinements beside the tree', () => {
    const search = parse('?q=a&refine=country_code:FR&exclude=feature_code:PPL');
    expect(viewFilter(search, FIELDS)).toEqual({
      where: fullText('a'),
      refine: ['country_code:FR'],
      exclude: ['feature_code:PPL'],
    });
  });

  it('adds the map’s filters on the geo field the map draws', () => {
    const geo = [
      ...FIELDS,
      { name: 'coordinates', label: 'c', type: 'geo_point_2d' as const, annotations: {}, description: null },
    ];
    const filter = viewFilter(
      parse('?q=a&geofilter.bbox=48.8,2.2,48.9,2.5&geofilter.polygon=(1,2),(1,3),(2,3)'),
      geo,
    );
    expect(filterQuery(filter).where).toEqual([
      `"a" AND in_bbox(coordinates, 48.8, 2.2, 48.9, 2.5) AND within(coordinates, geom'POLYGON((2 1, 3 1, 3 2, 2 1))')`,
    ]);
    // Without a geo field there is nothing to limit.
    expect(viewFilter(parse('?geofilter.bbox=48.8,2.2,48.9,2.5'), FIELDS)).toEqual({ where: null });
  });
});

describe('withConditions', () => {
  const view = { where: or(cmp('>', field('population'), 5), cmp('=', field('name'), 'x')), refine: ['a:b'] };

  it('ANDs the conditions to the view’s tree, which keeps its own grouping', () => {
    const joined = withConditions(view, [isNull(field('k')), cmp('<', field('recordid'), 'r9')]);
    expect(joined.refine).toEqual(['a:b']);
    expect(filterQuery(joined).where).toEqual([
      '(population > 5 OR name = "x") AND k IS NULL AND recordid < "r9"',
    ]);
    // The printed text reads back as the same conditions: what the portal gets is what was meant.
    expect(parseWhere(filterQuery(joined).where![0]!).condition).toMatchObject({
      kind: 'And',
      left: { kind: 'And', left: { kind: 'Paren' }, right: { kind: 'IsNull' } },
      right: { kind: 'Comparison', op: '<' },
    });
  });

  it('gives a view without a where the conditions alone, and leaves text it could not parse beside them', () => {
    expect(withConditions({ where: null }, [isNull(field('k'))])).toEqual({ where: isNull(field('k')) });
    const unparsed = { where: null, unparsedWhere: 'garbage==' };
    expect(filterQuery(withConditions(unparsed, [isNull(field('k'))])).where).toEqual([
      'garbage==',
      'k IS NULL',
    ]);
  });

  it('returns the view itself when there is nothing to add, so query keys stay equal', () => {
    expect(withConditions(view, [])).toBe(view);
  });

  it('never wraps a tree in another paren than the builders put', () => {
    const grouped = { where: paren(cmp('=', field('a'), 1)) };
    expect(filterQuery(withConditions(grouped, [cmp('=', field('b'), 2)])).where).toEqual([
      '(a = 1) AND b = 2',
    ]);
  });
});
