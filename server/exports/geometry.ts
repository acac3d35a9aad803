import type { Geometry, Position } from 'geojson';
import { geometryOfValue } from '../../common/geo/geo-value';
import type { ValueKind } from '../odsql/compiled';
import type { ExportColumn } from './columns';
import { isGeoKind } from './columns';

/**
 * Geometry helpers for the geo formats: the GeoJSON geometry of a record's geo value, the point a
 * shape is reduced to where a format holds only points (ov2), and ring orientation (shapefiles
 * want outer rings clockwise, GeoJSON counter-clockwise).
 */

/**
 * The geometry of a geo format's features: the selection's first shape when it has one, else its
 * first geo value. A dataset with both a point and a shape (the countries: a centre and an outline)
 * exports the shape, as ODS does; the point is usually the shape's centre and stays a property.
 */
export function geoColumn(columns: readonly ExportColumn[]): ExportColumn | undefined {
  return (
    columns.find((column) => column.kind === 'geo_shape') ?? columns.find((column) => isGeoKind(column.kind))
  );
}

/** The GeoJSON geometry of an API value: a geo point {lat, lon}, or a shape (common/geo reads both). */
export function geometryOf(value: unknown, kind: ValueKind): Geometry | null {
  return geometryOfValue(value, kind === 'geo_point_2d' ? 'point' : 'shape');
}

/** Twice the signed area of a ring: positive when counter-clockwise (x = lon, y = lat). */
export function ringArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % n]!;
    sum += x1! * y2! - x2! * y1!;
  }
  return sum;
}

interface Weighted {
  x: number;
  y: number;
  weight: number;
}

function ringCentroid(ring: readonly Position[]): Weighted {
  let area2 = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % n]!;
    const cross = x1! * y2! - x2! * y1!;
    area2 += cross;
    cx += (x1! + x2!) * cross;
    cy += (y1! + y2!) * cross;
  }
  if (area2 === 0) return { ...meanOf(ring), weight: 0 };
  return { x: cx / (3 * area2), y: cy / (3 * area2), weight: Math.abs(area2) / 2 };
}

function meanOf(points: readonly Position[]): { x: number; y: number } {
  let x = 0;
  let y = 0;
  for (const [px, py] of points) {
    x += px!;
    y += py!;
  }
  return { x: x / points.length, y: y / points.length };
}

function polygonCentroid(rings: readonly (readonly Position[])[]): Weighted {
  // Holes weigh negatively: the centroid of the outer ring minus the holes' share.
  let x = 0;
  let y = 0;
  let weight = 0;
  rings.forEach((ring, index) => {
    const c = ringCentroid(ring);
    const w = index === 0 ? c.weight : -c.weight;
    x += c.x * w;
    y += c.y * w;
    weight += w;
  });
  if (weight <= 0) return { ...meanOf(rings[0] ?? []), weight: 0 };
  return { x: x / weight, y: y / weight, weight };
}

function lineCentroid(line: readonly Position[]): Weighted {
  let x = 0;
  let y = 0;
  let length = 0;
  for (let i = 1; i < line.length; i++) {
    const [x1, y1] = line[i - 1]!;
    const [x2, y2] = line[i]!;
    const segment = Math.hypot(x2! - x1!, y2! - y1!);
    x += ((x1! + x2!) / 2) * segment;
    y += ((y1! + y2!) / 2) * segment;
    length += segment;
  }
  if (length === 0) return { ...meanOf(line), weight: 0 };
  return { x: x / length, y: y / length, weight: length };
}

function combine(parts: Weighted[]): [number, number] | null {
  if (parts.length === 0) return null;
  const total = parts.reduce((sum, p) => sum + p.weight, 0);
  if (total === 0) {
    const mean = meanOf(parts.map((p) => [p.x, p.y]));
    return [mean.x, mean.y];
  }
  return [
    parts.reduce((sum, p) => sum + p.x * p.weight, 0) / total,
    parts.reduce((sum, p) => sum + p.y * p.weight, 0) / total,
  ];
}

/**
 * The centroid [lon, lat] of a geometry, in plain degrees (fine for the small shapes of a record):
 * area-weighted for polygons, length-weighted for lines, the mean for points.
 */
export function centroidOf(geometry: Geometry): [number, number] | null {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates[0]!, geometry.coordinates[1]!];
    case 'MultiPoint':
      return geometry.coordinates.length
        ? combine(geometry.coordinates.map(([x, y]) => ({ x: x!, y: y!, weight: 1 })))
        : null;
    case 'LineString':
      return combine([lineCentroid(geometry.coordinates)]);
    case 'MultiLineString':
      return combine(geometry.coordinates.map(lineCentroid));
    case 'Polygon':
      return combine([polygonCentroid(geometry.coordinates)]);
    case 'MultiPolygon':
      return combine(geometry.coordinates.map(polygonCentroid));
    case 'GeometryCollection': {
      const points = geometry.geometries.map(centroidOf).filter((p): p is [number, number] => p !== null);
      return points.length ? combine(points.map(([x, y]) => ({ x, y, weight: 1 }))) : null;
    }
    default:
      return null;
  }
}
