import { afterEach, describe, expect, it } from 'vitest';
import { setCurrentLocale } from '../../i18n/locale';
import { facetLabel, facetValueLabel } from './catalog-facet-labels';

afterEach(() => setCurrentLocale('en'));

describe('catalog facet labels', () => {
  it('name facets and their values, dates without their year inside the tree', () => {
    expect(facetLabel('publisher')).toBe('Publisher');
    expect(facetLabel('custom')).toBe('custom');
    expect(facetValueLabel('features', 'geo')).toBe('Geographic data');
    expect(facetValueLabel('features', 'unknown')).toBe('unknown');
    expect(facetValueLabel('modified', '2020')).toBe('2020');
    expect(facetValueLabel('modified', '2020/11')).toBe('November 2020');
    expect(facetValueLabel('modified', '2020/11', 1)).toBe('November');
    expect(facetValueLabel('modified', '2020/11/05')).toBe('5 November 2020');
    expect(facetValueLabel('modified', '2020/11/01', 2)).toBe('1 November');
    expect(facetValueLabel('theme', 'Culture')).toBe('Culture');
  });

  it('speak French, the first of the month as an ordinal', () => {
    setCurrentLocale('fr');
    expect(facetLabel('publisher')).toBe('Producteur');
    expect(facetValueLabel('features', 'geo')).toBe('Données géographiques');
    expect(facetValueLabel('modified', '2020/11')).toBe('novembre 2020');
    expect(facetValueLabel('modified', '2020/11/01')).toBe('1er novembre 2020');
    expect(facetValueLabel('modified', '2020/11/21', 2)).toBe('21 novembre');
  });
});
