import { afterAll, describe, expect, it } from 'vitest';
import type { FacetsResponse } from '../../common/ods-api/types';
import { fixtureRequests } from '../testing/fixture-requests';

const { get, query, cleanup } = fixtureRequests();
afterAll(cleanup);

describe('facets', () => {
  const facets = async (dataset: string, params: Record<string, string | string[]> = {}) =>
    (await get<FacetsResponse>(`${dataset}/facets?${query(params)}`)).facets;

  it('lists every annotated facet with counts, -count first', async () => {
    const result = await facets('fixture-cities');
    expect(result.map((f) => f.name)).toEqual(['country_code', 'capital', 'founded', 'timezone']);
    expect(result[0]!.facets.slice(0, 2)).toEqual([
      { name: 'FR', value: 'FR', count: 5, state: 'displayed' },
      { name: 'DE', value: 'DE', count: 4, state: 'displayed' },
    ]);
  });

  it('keeps the counts of a disjunctive facet under its own refines, and narrows the others', async () => {
    const result = await facets('fixture-cities', { refine: 'country_code:FR' });
    const country = result.find((f) => f.name === 'country_code')!;
    expect(country.facets.find((v) => v.value === 'FR')).toEqual({
      name: 'FR',
      value: 'FR',
      count: 5,
      state: 'refined',
    });
    expect(country.facets.find((v) => v.value === 'DE')).toMatchObject({ count: 4, state: 'displayed' });
    const capital = result.find((f) => f.name === 'capital')!;
    expect(capital.facets).toEqual([
      { name: 'false', value: 'false', count: 4, state: 'displayed' },
      { name: 'true', value: 'true', count: 1, state: 'displayed' },
    ]);
  });

  it('marks every refined value of a disjunctive facet, and counts the others under all of them', async () => {
    const result = await facets('fixture-cities', { refine: ['country_code:FR', 'country_code:DE'] });
    const country = result.find((f) => f.name === 'country_code')!;
    expect(country.facets.filter((v) => v.state === 'refined').map((v) => v.value)).toEqual(['FR', 'DE']);
    const capital = result.find((f) => f.name === 'capital')!;
    expect(capital.facets).toEqual([
      { name: 'false', value: 'false', count: 7, state: 'displayed' },
      { name: 'true', value: 'true', count: 2, state: 'displayed' },
    ]);
  });

  it('narrows counts with where, and shows excluded values without a count', async () => {
    const result = await facets('fixture-cities', {
      where: 'population > 1000000',
      exclude: 'capital:true',
      facet: 'capital',
    });
    expect(result).toEqual([
      {
        name: 'capital',
        facets: [
          { name: 'false', value: 'false', count: 4, state: 'displayed' },
          { name: 'true', value: 'true', state: 'excluded' },
        ],
      },
    ]);
  });

  it('nests dates year → month → day under refined values', async () => {
    const [starts] = await facets('fixture-events', {
      facet: 'starts_at',
      refine: 'starts_at:2025/07',
      timezone: 'Europe/Paris',
    });
    expect(starts!.facets).toHaveLength(1);
    const year = starts!.facets[0]!;
    expect(year).toMatchObject({ name: '2025', value: '2025', count: 7 });
    // The facet is not disjunctive: refining July leaves no August records to count.
    expect(year.facets!.map((m) => [m.value, m.count, m.state])).toEqual([['2025/07', 7, 'refined']]);
    expect(year.facets![0]!.facets!.map((d) => d.value)).toContain('2025/07/15');
  });

  it('nests hierarchical values by their separator', async () => {
    const [timezone] = await facets('fixture-cities', { facet: 'timezone', refine: 'timezone:Europe' });
    expect(timezone!.facets).toEqual([
      expect.objectContaining({ name: 'Europe', value: 'Europe', count: 20, state: 'refined' }),
    ]);
    expect(timezone!.facets[0]!.facets![0]).toEqual({
      name: 'Paris',
      value: 'Europe/Paris',
      count: 5,
      state: 'displayed',
    });
  });

  it('takes the v2.1 facet() form with sort and limit', async () => {
    const [country] = await facets('fixture-cities', {
      facet: 'facet(name="country_code", sort="alphanum", limit=3)',
    });
    expect(country!.facets.map((v) => v.value)).toEqual(['BE', 'CH', 'DE']);
  });
});
