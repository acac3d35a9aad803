import { describe, expect, it } from 'vitest';
import { geometryOfValue } from './geo-value';

describe('geometryOfValue', () => {
  it('reads a point as {lat, lon}, lon first in GeoJSON', () => {
    expect(geometryOfValue({ lat: 48.85, lon: 2.35 }, 'point')).toEqual({
      type: 'Point',
      coordinates: [2.35, 48.85],
    });
    expect(geometryOfValue({ lat: '48' }, 'point')).toBeNull();
  });

  it('reads a shape as a Feature or a bare geometry', () => {
    const polygon = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    expect(geometryOfValue({ type: 'Feature', geometry: polygon, properties: {} }, 'shape')).toEqual(polygon);
    expect(geometryOfValue(polygon, 'shape')).toEqual(polygon);
    expect(geometryOfValue({ type: 'Feature', geometry: null }, 'shape')).toBeNull();
    expect(geometryOfValue(null, 'shape')).toBeNull();
    expect(geometryOfValue('POINT(1 2)', 'shape')).toBeNull();
  });
});
