import { describe, expect, it } from 'vitest';
import type { DatasetField, FieldType } from '../../../../common/ods-api/types';
import { colorFields, mapFields, mapSelect } from './map-fields';

function f(name: string, type: FieldType, annotations: Record<string, string[]> = {}): DatasetField {
  return { name, label: name, type, annotations, description: null };
}

const countries = [
  f('name', 'text', { sortable: [] }),
  f('cca2', 'text'),
  f('region', 'text', { facet: [] }),
  f('area', 'double'),
  f('flag', 'file'),
  f('centroid', 'geo_point_2d'),
  f('geo_shape', 'geo_shape'),
];

describe('mapFields', () => {
  it('draws the shape, clusters by the point, and shows facets first in the tooltip', () => {
    const fields = mapFields(countries, undefined)!;
    expect(fields.draw.name).toBe('geo_shape');
    expect(fields.cluster?.name).toBe('centroid');
    expect(fields.title?.name).toBe('name');
    expect(fields.tooltip.map((t) => t.name)).toEqual(['region', 'cca2']);
    expect(fields.geoFields.map((g) => g.name)).toEqual(['centroid', 'geo_shape']);
  });

  it('takes the geo field the URL names, and ignores a name that is not one', () => {
    expect(mapFields(countries, 'centroid')!.draw.name).toBe('centroid');
    expect(mapFields(countries, 'area')!.draw.name).toBe('geo_shape');
  });

  it('has nothing to draw without a geo field', () => {
    expect(mapFields([f('name', 'text')], undefined)).toBeNull();
  });

  it('selects the id, the geometry and what is shown, once each', () => {
    const fields = mapFields(countries, undefined)!;
    expect(mapSelect(fields, 'region', true)).toBe('recordid, geo_shape, name, region, cca2');
    expect(mapSelect(fields, undefined, false)).toBe('geo_shape, name, region, cca2');
    expect(colorFields(countries).map((c) => c.name)).toEqual(['region']);
  });
});
