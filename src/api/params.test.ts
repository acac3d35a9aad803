import { describe, expect, it } from 'vitest';
import { and, cmp, field, fullText, or } from '../../common/odsql/build';
import { apiQuery } from './client';
import { filteredQuery, filterQuery } from './params';

describe('filterQuery', () => {
  it('prints the where tree once, escaping the user’s text', () => {
    const where = and(fullText('say "hi" \\ or not'), cmp('>', field('population'), 1000));
    expect(filterQuery({ where })).toEqual({
      where: ['"say \\"hi\\" \\\\ or not" AND population > 1000'],
      refine: undefined,
      exclude: undefined,
    });
  });

  it('sends an unparsed clause first, as is, and the refinements as repeated parameters', () => {
    const query = filterQuery({
      where: or(cmp('=', field('a'), 1), cmp('=', field('b'), 2)),
      unparsedWhere: 'garbage==',
      refine: ['country_code:FR', 'year:2020'],
      exclude: ['kind:x'],
    });
    expect(apiQuery({ ...query })).toBe(
      'exclude=kind%3Ax&refine=country_code%3AFR&refine=year%3A2020&where=garbage%3D%3D&where=a+%3D+1+OR+b+%3D+2',
    );
  });

  it('an empty filter or none adds nothing to the query string', () => {
    expect(apiQuery({ ...filterQuery({ where: null }) })).toBe('');
    expect(filterQuery(undefined)).toEqual({});
  });

  it('filteredQuery keeps the endpoint’s own parameters beside the printed filter', () => {
    const params = { filter: { where: fullText('bus') }, order_by: 'name', limit: 10 };
    expect(filteredQuery(params)).toEqual({
      order_by: 'name',
      limit: 10,
      where: ['"bus"'],
      refine: undefined,
      exclude: undefined,
    });
  });
});
