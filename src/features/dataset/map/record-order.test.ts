import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { neighbours, recordIdOf } from './record-order';

const point = (recordid: string, lon: number, lat: number): Feature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { recordid },
});

describe('neighbours', () => {
  it('walks the drawn records nearest first, starting with the clicked one', () => {
    const drawn = [point('far', 10, 0), point('here', 0, 0), point('near', 1, 0), point('mid', 0, 3)];
    expect(neighbours(drawn, drawn[1]!)).toEqual({
      kind: 'list',
      ids: ['here', 'near', 'mid', 'far'],
      index: 0,
      order: 'nearest',
    });
  });

  it('skips features without an id', () => {
    const anonymous: Feature = {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [0, 0] },
      properties: {},
    };
    expect(recordIdOf(anonymous)).toBeNull();
    expect(neighbours([anonymous, point('a', 1, 1)], point('b', 0, 0))).toMatchObject({ ids: ['b', 'a'] });
  });
});
