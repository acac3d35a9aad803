import { afterEach, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../../common/ods-api/types';
import { setCurrentLocale } from '../../../i18n/locale';
import { citationParts, citationText } from './citation';

afterEach(() => setCurrentLocale('en'));

const dataset = (metas: Record<string, unknown>) =>
  ({ dataset_id: 'cities', metas: { default: metas }, fields: [] }) as unknown as Dataset;

describe('citation', () => {
  it('cites publisher, date, title, portal, licence, the view and the day it was read', () => {
    const parts = citationParts(
      dataset({
        title: 'Cities',
        publisher: 'GeoNames',
        license: 'CC BY 4.0',
        modified: '2024-12-07T10:00:00+00:00',
      }),
      'Sample portal',
      'https://x.test/datasets/cities?refine=country_code%3AFR',
      new Date('2026-12-02T01:00:00Z'),
    );
    expect(citationText(parts)).toBe(
      'GeoNames (2024-12-07). Cities [Data set]. Sample portal. Licence: CC BY 4.0. https://x.test/datasets/cities?refine=country_code%3AFR (accessed 2026-12-02).',
    );
  });

  it('names the portal as the author when the dataset names no publisher, and leaves out what is unknown', () => {
    const parts = citationParts(
      dataset({ title: '' }),
      'Sample portal',
      'https://x.test/d',
      new Date('2026-01-05'),
    );
    expect(citationText(parts)).toBe(
      'Sample portal. cities [Data set]. https://x.test/d (accessed 2026-01-05).',
    );
  });

  it('cites in French when the reader reads French', () => {
    setCurrentLocale('fr');
    const parts = citationParts(
      dataset({ title: 'Villes', publisher: 'GeoNames', license: 'CC BY 4.0' }),
      'Portail',
      'https://x.test/d',
      new Date('2026-01-05'),
    );
    expect(citationText(parts)).toBe(
      'GeoNames. Villes [Jeu de données]. Portail. Licence\u202f: CC BY 4.0. https://x.test/d (consulté le 2026-01-05).',
    );
  });
});
