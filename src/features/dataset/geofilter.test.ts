import { describe, expect, it } from 'vitest';
import type { DatasetField } from '../../../common/ods-api/types';
import { printExpr } from '../../../common/odsql/printer';
import {
  boxVertices,
  formatGeoBox,
  formatGeoPolygon,
  formatLocation,
  geoFilterConditions,
  parseGeoBox,
  parseGeoPolygon,
  parseLocation,
} from './geofilter';

describe('location', () => {
  it('reads zoom,lat,lon and writes it back short', () => {
    const location = parseLocation('11.123,48.8566123,2.3522');
    expect(location).toEqual({ zoom: 11.123, lat: 48.8566123, lon: 2.3522 });
    expect(formatLocation(location!)).toBe('11.12,48.85661,2.3522');
  });

  it('drops what is not a place', () => {
    for (const bad of ['', '11,48', '30,0,0', '3,95,0', 'a,b,c']) expect(parseLocation(bad)).toBeNull();
  });
});

const point: DatasetField = {
  name: 'coordinates',
  label: 'Coordinates',
  type: 'geo_point_2d',
  annotations: {},
  description: null,
};
const shape: DatasetField = { ...point, name: 'geo_shape', type: 'geo_shape' };

describe('geofilter.bbox', () => {
  it('reads south,west,north,east and writes it back rounded to 5 decimals', () => {
    const box = parseGeoBox('48.815573,2.224199,48.902145,2.469921');
    expect(box).toEqual({ south: 48.815573, west: 2.224199, north: 48.902145, east: 2.469921 });
    expect(formatGeoBox(box!)).toBe('48.81557,2.2242,48.90215,2.46992');
  });

  it('drops malformed boxes instead of sending them', () => {
    for (const bad of [
      '',
      '1,2,3',
      '1,2,3,4,5',
      'a,b,c,d',
      '91,0,92,1',
      '10,0,5,1',
      '0,-181,1,0',
      '1e3,0,1,1',
    ])
      expect(parseGeoBox(bad)).toBeNull();
    expect(parseGeoBox(undefined)).toBeNull();
  });
});

describe('geofilter.polygon', () => {
  it('reads (lat,lon) pairs and drops a repeated closing vertex', () => {
    const polygon = parseGeoPolygon('(48.8,2.2),(48.8,2.5),(49,2.5),(48.8,2.2)');
    expect(polygon).toEqual([
      { lat: 48.8, lon: 2.2 },
      { lat: 48.8, lon: 2.5 },
      { lat: 49, lon: 2.5 },
    ]);
    expect(formatGeoPolygon(polygon!)).toBe('(48.8,2.2),(48.8,2.5),(49,2.5)');
  });

  it('needs three vertices inside the world', () => {
    expect(parseGeoPolygon('(1,2),(3,4)')).toBeNull();
    expect(parseGeoPolygon('(1,2),(3,4),(95,4)')).toBeNull();
    expect(parseGeoPolygon('1,2,3,4,5,6')).toBeNull();
    expect(parseGeoPolygon('(1,2),(3,x),(5,6)')).toBeNull();
  });
});

describe('geoFilterConditions', () => {
  const box = { south: 48.8, west: 2.2, north: 49, east: 2.5 };

  it('limits points to the box and to a drawn area', () => {
    const printed = geoFilterConditions({ bbox: box, polygon: boxVertices(box) }, point).map(printExpr);
    expect(printed).toEqual([
      'in_bbox(coordinates, 48.8, 2.2, 49, 2.5)',
      "within(coordinates, geom'POLYGON((2.2 48.8, 2.5 48.8, 2.5 49, 2.2 49, 2.2 48.8))')",
    ]);
  });

  it('keeps shapes that reach into a drawn area', () => {
    const [condition] = geoFilterConditions({ polygon: boxVertices(box) }, shape);
    expect(printExpr(condition!)).toMatch(/^intersects\(geo_shape, geom'POLYGON/);
  });

  it('adds nothing without a geo field', () => {
    expect(geoFilterConditions({ bbox: box }, undefined)).toEqual([]);
  });
});
