import type { Expr } from '../../common/odsql/ast';
import type { FieldLayout } from '../store/layout';
import { quoteIdent } from '../store/sql-ident';
import type { Compiler } from './compile';
import { fail } from './compiled';
import { GeometryError, parseGeometry } from './geometry';

/**
 * Geo arguments: the geo field a function names, the query geometry, and the R*Tree box lookup
 * that narrows every geo predicate before its exact check.
 */

/** Units of `within_distance(…, 800m)`, in metres. */
export const METRES: Record<string, number> = {
  mi: 1609.344,
  yd: 0.9144,
  ft: 0.3048,
  m: 1,
  cm: 0.01,
  km: 1000,
  mm: 0.001,
};

export function geoField(compiler: Compiler, expr: Expr, name: string): FieldLayout {
  if (expr.kind !== 'Field') return fail(`${name}() needs a geo field as its first argument.`);
  const field = compiler.field(expr);
  if (field.field.type !== 'geo_point_2d' && field.field.type !== 'geo_shape') {
    fail(`${name}() needs a geo field, and ${expr.name} is ${field.field.type}.`);
  }
  return field;
}

/** The (shape, lat, lon) arguments of the geo SQL functions for a field. */
export function geoArgs(compiler: Compiler, field: FieldLayout): [string, string, string] {
  return field.field.type === 'geo_point_2d'
    ? ['NULL', `t.${quoteIdent(field.latColumn!)}`, `t.${quoteIdent(field.lonColumn!)}`]
    : [compiler.column(field), 'NULL', 'NULL'];
}

export function geometryArg(expr: Expr, name: string): string {
  if (expr.kind !== 'Geom' && expr.kind !== 'String') return fail(`${name}() needs a geom'…' literal.`);
  try {
    return JSON.stringify(parseGeometry(expr.value));
  } catch (error) {
    if (error instanceof GeometryError) return fail(error.message);
    throw error;
  }
}

export function queryPoint(expr: Expr, name: string): { lat: number; lon: number } {
  const geometry = JSON.parse(geometryArg(expr, name));
  if (geometry.type !== 'Point') fail(`${name}() needs a POINT, got a ${geometry.type}.`);
  const [lon, lat] = geometry.coordinates as [number, number];
  return { lat, lon };
}

/** The distance in metres from a record's geo field to a point (a shape's nearest point). */
export function distanceSql(
  compiler: Compiler,
  field: FieldLayout,
  point: { lat: number; lon: number },
): string {
  const [shape, lat, lon] = geoArgs(compiler, field);
  const to = `${compiler.bind(point.lat)}, ${compiler.bind(point.lon)}`;
  return field.field.type === 'geo_point_2d'
    ? `ods_distance(${lat}, ${lon}, ${to})`
    : `ods_shape_distance(${shape}, ${to})`;
}

/**
 * Records whose geo field's box overlaps the box: a point's latitude and longitude in range (its
 * covering index), a shape's box through the field's R*Tree.
 */
export function inBox(
  compiler: Compiler,
  field: FieldLayout,
  [minLon, minLat, maxLon, maxLat]: readonly number[],
): string {
  if (field.latColumn) {
    const [, lat, lon] = geoArgs(compiler, field);
    return `(${lat} BETWEEN ${compiler.bind(minLat!)} AND ${compiler.bind(maxLat!)} AND ${lon} BETWEEN ${compiler.bind(minLon!)} AND ${compiler.bind(maxLon!)})`;
  }
  return `t.rid IN (SELECT id FROM ${quoteIdent(field.rtreeTable!)} WHERE max_lon >= ${compiler.bind(minLon!)} AND min_lon <= ${compiler.bind(maxLon!)} AND max_lat >= ${compiler.bind(minLat!)} AND min_lat <= ${compiler.bind(maxLat!)})`;
}
