import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetField } from '../../../common/ods-api/types';
import { setCurrentLocale } from '../../i18n/locale';
import { describeShape, formatValue, plainText, urlOf } from './field-format';

const f = (type: DatasetField['type'], annotations: DatasetField['annotations'] = {}): DatasetField => ({
  name: 'x',
  label: 'X',
  type,
  annotations,
  description: null,
});
const utc = { timeZone: 'UTC', locale: 'en-US' };
const paris = { timeZone: 'Europe/Paris', locale: 'en-US' };

describe('formatValue', () => {
  it('numbers in the locale, right-aligned, the raw value as a title', () => {
    expect(formatValue(2138551, f('int'), utc)).toEqual({
      kind: 'text',
      text: '2,138,551',
      numeric: true,
      title: '2138551',
    });
    expect(formatValue(12.3456789, f('double'), { ...utc, locale: 'fr-FR' })).toMatchObject({
      text: '12,345679',
    });
  });

  it('datetimes in the dataset’s time zone; dates as calendar days', () => {
    expect(plainText(formatValue('2018-02-07T01:26:13.840+00:00', f('datetime'), paris))).toBe(
      '02/07/2018, 02:26:13 AM',
    );
    expect(plainText(formatValue('2018-02-07T01:26:13.840+00:00', f('datetime'), utc))).toBe(
      '02/07/2018, 01:26:13 AM',
    );
    expect(plainText(formatValue('2019-03-26', f('date'), paris))).toBe('03/26/2019');
    expect(plainText(formatValue('0052-01-01', f('date'), utc))).toBe('01/01/52');
    expect(plainText(formatValue('2019-03-26', f('datetime'), { timeZone: 'Not/AZone' }))).not.toBe('');
  });

  it('empty values, booleans, lists', () => {
    expect(formatValue(null, f('text'), utc)).toEqual({ kind: 'empty' });
    expect(formatValue('', f('text'), utc)).toEqual({ kind: 'empty' });
    expect(formatValue(true, f('boolean'), utc)).toEqual({ kind: 'boolean', value: true, text: 'Yes' });
    expect(formatValue(['Lutetia', 'Paname'], f('text', { multivalued: ['|'] }), utc)).toEqual({
      kind: 'list',
      items: ['Lutetia', 'Paname'],
    });
    expect(formatValue([], f('text'), utc)).toEqual({ kind: 'empty' });
  });

  it('geo points as "lat, lon", shapes as type and size', () => {
    expect(plainText(formatValue({ lat: 48.85341, lon: 2.3488 }, f('geo_point_2d'), utc))).toBe(
      '48.85341, 2.3488',
    );
    const polygon = {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      properties: {},
    };
    expect(plainText(formatValue(polygon, f('geo_shape'), utc))).toBe('Polygon · 4 points');
    expect(describeShape({ type: 'Point', coordinates: [1, 2] })).toBe('Point · 1 point');
    expect(describeShape('nope')).toBe('Shape');
  });

  it('image files as thumbnails with their name as alt text; other files by name', () => {
    const flag = {
      id: '251c',
      filename: 'aw.svg',
      mimetype: 'image/svg+xml',
      url: 'http://127.0.0.1:8080/api/v2/catalog/datasets/world-countries/files/251c',
    };
    expect(formatValue(flag, f('file'), utc)).toEqual({
      kind: 'image',
      url: flag.url,
      alt: 'aw.svg',
      text: 'aw.svg',
    });
    expect(formatValue({ ...flag, mimetype: 'application/pdf' }, f('file'), utc)).toEqual({
      kind: 'file',
      url: flag.url,
      text: 'aw.svg',
    });
    expect(formatValue({ ...flag, url: 'javascript:alert(1)' }, f('file'), utc)).toMatchObject({
      kind: 'file',
      url: null,
    });
  });

  it('web addresses in text become links; nothing else does', () => {
    expect(formatValue('https://example.org/a?b=c', f('text'), utc)).toEqual({
      kind: 'text',
      text: 'https://example.org/a?b=c',
      url: 'https://example.org/a?b=c',
    });
    expect(urlOf('javascript:alert(1)')).toBeNull();
    expect(urlOf('see https://example.org')).toBeNull();
    expect(urlOf('ftp://example.org')).toBeNull();
  });
});

describe('formatValue in French', () => {
  afterEach(() => setCurrentLocale('en'));

  it('takes the language in force when the context names none: numbers, booleans, shapes', () => {
    setCurrentLocale('fr');
    expect(plainText(formatValue(2138551, f('int'), { timeZone: 'UTC' }))).toBe('2\u202f138\u202f551');
    expect(plainText(formatValue(true, f('boolean'), { timeZone: 'UTC' }))).toBe('Oui');
    expect(plainText(formatValue('2019-03-26', f('date'), { timeZone: 'UTC' }))).toBe('26/03/2019');
    expect(describeShape({ type: 'Point', coordinates: [1, 2] })).toBe('Point · 1 point');
    expect(describeShape('nope')).toBe('Forme');
  });
});
