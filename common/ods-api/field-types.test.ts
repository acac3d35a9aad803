import { describe, expect, it } from 'vitest';
import { isDateType, isGeoType, isNumericType, isSortable } from './field-types';
import { type DatasetField, FIELD_TYPES, type FieldType } from './types';

const field = (type: FieldType, annotations: DatasetField['annotations'] = {}): DatasetField => ({
  name: 'x',
  label: 'x',
  type,
  annotations,
  description: null,
});

describe('field-type predicates', () => {
  it('sort every field type into exactly the families ODS documents', () => {
    const families = Object.fromEntries(
      FIELD_TYPES.map((type) => [
        type,
        [isNumericType(type) && 'numeric', isDateType(type) && 'date', isGeoType(type) && 'geo'].filter(
          Boolean,
        ),
      ]),
    );
    expect(families).toEqual({
      text: [],
      int: ['numeric'],
      double: ['numeric'],
      boolean: [],
      date: ['date'],
      datetime: ['date'],
      geo_point_2d: ['geo'],
      geo_shape: ['geo'],
      file: [],
      json_blob: [],
    });
  });

  it('take a wider value kind too, such as the server’s computed geometry', () => {
    expect(isGeoType('geometry')).toBe(false);
    expect(isNumericType('number')).toBe(false);
  });

  it('numbers and dates sort; text only when annotated; nothing multivalued', () => {
    expect(FIELD_TYPES.filter((type) => isSortable(field(type)))).toEqual([
      'int',
      'double',
      'date',
      'datetime',
    ]);
    expect(isSortable(field('text', { sortable: [] }))).toBe(true);
    expect(isSortable(field('text', { id: [] }))).toBe(true);
    expect(isSortable(field('int', { multivalued: [','] }))).toBe(false);
    expect(isSortable(field('geo_point_2d', { sortable: [] }))).toBe(false);
  });
});
