import { describe, expect, it } from 'vitest';
import {
  isEmptyValue,
  toBoolean,
  toDate,
  toDatetime,
  toDouble,
  toGeoPoint,
  toGeoShape,
  toInt,
  toJsonBlob,
  toText,
  toTextList,
  ValueError,
} from './values';

describe('value conversion', () => {
  it('reads integers, and refuses decimals, words and unsafe sizes', () => {
    expect(toInt('42')).toBe(42);
    expect(toInt(' -7 ')).toBe(-7);
    expect(toInt('+3')).toBe(3);
    expect(toInt(12)).toBe(12);
    expect(() => toInt('abc')).toThrow('expects int, got "abc"');
    expect(() => toInt('1.5')).toThrow(ValueError);
    expect(() => toInt(1.5)).toThrow(ValueError);
    expect(() => toInt('99999999999999999999')).toThrow('too large');
  });

  it('reads finite decimals only', () => {
    expect(toDouble('1.5')).toBe(1.5);
    expect(toDouble('-2e3')).toBe(-2000);
    expect(toDouble('.5')).toBe(0.5);
    expect(toDouble(3)).toBe(3);
    for (const bad of ['NaN', 'Infinity', '1,5', '', 'x']) expect(() => toDouble(bad)).toThrow(ValueError);
    expect(() => toDouble(Number.POSITIVE_INFINITY)).toThrow(ValueError);
  });

  it('reads booleans in English and French, any case', () => {
    for (const yes of ['true', 'TRUE', '1', 'yes', 'Oui', 1, true]) expect(toBoolean(yes)).toBe(true);
    for (const no of ['false', '0', 'No', 'NON', 0, false]) expect(toBoolean(no)).toBe(false);
    expect(() => toBoolean('maybe')).toThrow('expects boolean, got "maybe"');
  });

  it('reads dates, truncating datetimes as written', () => {
    expect(toDate('2024-02-29')).toBe('2024-02-29');
    expect(toDate('0052-01-01')).toBe('0052-01-01');
    expect(toDate('2024-03-01T23:30:00-05:00')).toBe('2024-03-01');
    for (const bad of ['2023-02-29', '2024-13-01', '01/02/2024', 'tomorrow']) {
      expect(() => toDate(bad)).toThrow(ValueError);
    }
  });

  it('reads datetimes with an offset, in the dataset timezone without one, and epoch milliseconds', () => {
    expect(toDatetime('2025-07-14T19:30:00+02:00', 'UTC')).toBe(Date.UTC(2025, 6, 14, 17, 30));
    expect(toDatetime('2025-07-14T19:30:00Z', 'Europe/Paris')).toBe(Date.UTC(2025, 6, 14, 19, 30));
    expect(toDatetime('2025-07-14T19:30:00.250+0200', 'UTC')).toBe(Date.UTC(2025, 6, 14, 17, 30, 0, 250));
    // Summer and winter time in Paris.
    expect(toDatetime('2025-07-14 19:30', 'Europe/Paris')).toBe(Date.UTC(2025, 6, 14, 17, 30));
    expect(toDatetime('2025-01-14T19:30:00', 'Europe/Paris')).toBe(Date.UTC(2025, 0, 14, 18, 30));
    expect(toDatetime('2025-01-14', 'America/New_York')).toBe(Date.UTC(2025, 0, 14, 5, 0));
    expect(toDatetime(1517966773840, 'UTC')).toBe(1517966773840);
    for (const bad of ['2025-07-14T25:00:00Z', '14/07/2025', 'soon']) {
      expect(() => toDatetime(bad, 'UTC')).toThrow(ValueError);
    }
  });

  it('reads geo points as "lat, lon" text, {lat, lon} objects and GeoJSON points', () => {
    expect(toGeoPoint('48.85341, 2.3488')).toEqual({ lat: 48.85341, lon: 2.3488 });
    expect(toGeoPoint('-33.9,18.4')).toEqual({ lat: -33.9, lon: 18.4 });
    expect(toGeoPoint({ lon: 2, lat: 48 })).toEqual({ lat: 48, lon: 2 });
    expect(toGeoPoint({ type: 'Point', coordinates: [2, 48] })).toEqual({ lat: 48, lon: 2 });
    expect(toGeoPoint('{"type":"Point","coordinates":[2,48]}')).toEqual({ lat: 48, lon: 2 });
    expect(() => toGeoPoint('91, 0')).toThrow('latitude out of range');
    expect(() => toGeoPoint({ lat: 0, lon: 181 })).toThrow('longitude out of range');
    expect(() => toGeoPoint([2, 48])).toThrow(ValueError);
    expect(() => toGeoPoint('Paris')).toThrow('expects geo_point_2d, got "Paris"');
  });

  it('reads GeoJSON geometries (or their text) and computes their bounding box', () => {
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [-5, 47],
          [2, 47],
          [2, 52],
          [-5, 47],
        ],
      ],
    };
    expect(toGeoShape(polygon).bbox).toEqual({ minLon: -5, minLat: 47, maxLon: 2, maxLat: 52 });
    expect(toGeoShape(JSON.stringify(polygon)).geometry).toEqual(polygon);
    expect(toGeoShape({ type: 'Feature', properties: {}, geometry: polygon }).geometry).toEqual(polygon);
    const collection = {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [10, 10] },
        {
          type: 'LineString',
          coordinates: [
            [-1, -1],
            [0, 0],
          ],
        },
      ],
    };
    expect(toGeoShape(collection).bbox).toEqual({ minLon: -1, minLat: -1, maxLon: 10, maxLat: 10 });
    expect(() => toGeoShape({ type: 'Polygon', coordinates: [[[0, 100]]] })).toThrow('out of range');
    expect(() => toGeoShape({ type: 'Circle', coordinates: [0, 0] })).toThrow('not a GeoJSON geometry');
    expect(() => toGeoShape('not json')).toThrow(ValueError);
  });

  it('reads text and multivalued text', () => {
    expect(toText('a')).toBe('a');
    expect(toText(12)).toBe('12');
    expect(() => toText({})).toThrow(ValueError);
    expect(toTextList('a| b ||c', '|')).toEqual(['a', 'b', 'c']);
    expect(toTextList([' x ', '', 'y', null], ',')).toEqual(['x', 'y']);
    expect(toTextList(' , ', ',')).toBeNull();
  });

  it('reads JSON blobs, keeping text that is not JSON', () => {
    expect(toJsonBlob('{"a":1}')).toEqual({ a: 1 });
    expect(toJsonBlob('plain')).toBe('plain');
    expect(toJsonBlob([1, 2])).toEqual([1, 2]);
  });

  it('treats null, undefined and blank text as empty', () => {
    expect([null, undefined, '', '  ', 0, 'x'].map(isEmptyValue)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
