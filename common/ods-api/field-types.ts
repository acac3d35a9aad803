import type { DatasetField, FieldType } from './types';

/**
 * What a field's type allows, in one place for both programs. The predicates take a type name
 * (a field's type, or a wider value kind such as the server's `geometry`), so the explorer's
 * fields and the server's computed columns are asked the same way.
 */

const NUMERIC_TYPES: ReadonlySet<string> = new Set<FieldType>(['int', 'double']);
const DATE_TYPES: ReadonlySet<string> = new Set<FieldType>(['date', 'datetime']);
const GEO_TYPES: ReadonlySet<string> = new Set<FieldType>(['geo_point_2d', 'geo_shape']);

export function isNumericType(type: string): type is 'int' | 'double' {
  return NUMERIC_TYPES.has(type);
}

/** `date` (a day) or `datetime` (an instant). */
export function isDateType(type: string): type is 'date' | 'datetime' {
  return DATE_TYPES.has(type);
}

export function isGeoType(type: string): type is 'geo_point_2d' | 'geo_shape' {
  return GEO_TYPES.has(type);
}

/**
 * Whether ODS can order by the field: numbers and dates, and text annotated `sortable` (or `id`);
 * never a multivalued field (ods-api.md §4.7).
 */
export function isSortable(field: DatasetField): boolean {
  if (field.annotations.multivalued) return false;
  if (isNumericType(field.type) || isDateType(field.type)) return true;
  return field.type === 'text' && Boolean(field.annotations.sortable || field.annotations.id);
}
