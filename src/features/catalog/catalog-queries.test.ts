import { describe, expect, it } from 'vitest';
import { catalogQueries } from './catalog-queries';

describe('catalogQueries', () => {
  it('puts the portal, the key’s fingerprint (never the key) and every parameter in the key', () => {
    const params = { where: '"bus"', limit: 20, offset: 0 };
    const anonymous = catalogQueries.datasets({ portal: 'https://a.example' }, params).queryKey;
    const keyed = catalogQueries.datasets({ portal: 'https://a.example', apiKey: 'secret' }, params).queryKey;
    expect(anonymous).toEqual(['catalog', 'datasets', 'https://a.example', params]);
    expect(keyed[2]).toMatch(/^https:\/\/a\.example#key-[0-9a-f]+$/);
    expect(JSON.stringify(keyed)).not.toContain('secret');
    expect(catalogQueries.facets({ portal: '' }, { facet: ['theme'] }).queryKey).toEqual([
      'catalog',
      'facets',
      '',
      { facet: ['theme'] },
    ]);
  });

  it('keeps the previous page while paging, never while filtering', () => {
    const target = { portal: '' };
    const page2 = catalogQueries.datasets(target, { where: '"bus"', limit: 20, offset: 20 });
    const placeholder = page2.placeholderData as (previous: unknown, query: unknown) => unknown;
    const previous = { total_count: 1 };
    const page1Key = catalogQueries.datasets(target, { where: '"bus"', limit: 20, offset: 0 }).queryKey;
    const otherFilterKey = catalogQueries.datasets(target, {
      where: '"tram"',
      limit: 20,
      offset: 0,
    }).queryKey;
    const otherPortalKey = catalogQueries.datasets(
      { portal: 'https://b.example' },
      { where: '"bus"', limit: 20, offset: 0 },
    ).queryKey;
    expect(placeholder(previous, { queryKey: page1Key })).toBe(previous);
    expect(placeholder(previous, { queryKey: otherFilterKey })).toBeUndefined();
    expect(placeholder(previous, { queryKey: otherPortalKey })).toBeUndefined();
  });
});
