import { describe, expect, it } from 'vitest';
import { fullText } from '../../../common/odsql/build';
import type { PortalTarget } from '../../api/client';
import { catalogQueries } from './catalog-queries';

describe('catalogQueries', () => {
  it('puts the portal, its API version, the key’s fingerprint (never the key) and every parameter in the key', () => {
    const params = { filter: { where: fullText('bus') }, limit: 20, offset: 0 };
    const anonymous = catalogQueries.datasets(
      { portal: 'https://a.example', apiVersion: '2.0' },
      params,
    ).queryKey;
    const keyed = catalogQueries.datasets(
      { portal: 'https://a.example', apiVersion: '2.0', apiKey: 'secret' },
      params,
    ).queryKey;
    expect(anonymous).toEqual(['catalog', 'datasets', 'https://a.example@2.0', params]);
    expect(keyed[2]).toMatch(/^https:\/\/a\.example@2\.0#key-[0-9a-f]+$/);
    const v21 = catalogQueries.datasets({ portal: 'https://a.example', apiVersion: '2.1' }, params).queryKey;
    expect(v21[2]).toBe('https://a.example@2.1');
    expect(JSON.stringify(keyed)).not.toContain('secret');
    expect(catalogQueries.facets({ portal: '', apiVersion: '2.0' }, { facet: ['theme'] }).queryKey).toEqual([
      'catalog',
      'facets',
      '@2.0',
      { facet: ['theme'] },
    ]);
  });

  it('keeps the previous page while paging, never while filtering', () => {
    const target: PortalTarget = { portal: '', apiVersion: '2.0' };
    const page2 = catalogQueries.datasets(target, {
      filter: { where: fullText('bus') },
      limit: 20,
      offset: 20,
    });
    const placeholder = page2.placeholderData as (previous: unknown, query: unknown) => unknown;
    const previous = { total_count: 1 };
    const page1Key = catalogQueries.datasets(target, {
      filter: { where: fullText('bus') },
      limit: 20,
      offset: 0,
    }).queryKey;
    const otherFilterKey = catalogQueries.datasets(target, {
      filter: { where: fullText('tram') },
      limit: 20,
      offset: 0,
    }).queryKey;
    const otherPortalKey = catalogQueries.datasets(
      { portal: 'https://b.example', apiVersion: '2.0' },
      { filter: { where: fullText('bus') }, limit: 20, offset: 0 },
    ).queryKey;
    expect(placeholder(previous, { queryKey: page1Key })).toBe(previous);
    expect(placeholder(previous, { queryKey: otherFilterKey })).toBeUndefined();
    expect(placeholder(previous, { queryKey: otherPortalKey })).toBeUndefined();
  });
});
