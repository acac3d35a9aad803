import type { Geometry, Position } from 'geojson';
import { type BBox, bboxesOverlap, bboxOf, positionsOf } from '../../common/geo/bbox';

/**
 * The planar-enough geometry ODSQL's geo predicates need: WKT and GeoJSON reading, bounding boxes,
 * point-in-polygon, edge crossing, and distances in metres on a sphere. Coordinates are [lon, lat].
 */

const EARTH_RADIUS_M = 6_371_008.8;
const toRad = (degrees: number) => (degrees * Math.PI) / 180;

export function haversineMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = toRad(lat2 - lat1);
  const dLon = toRad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(lat1)) * Math.cos(toRad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** A box around a point that contains every point within `metres` of it. */
export function bboxAround(lat: number, lon: number, metres: number): BBox {
  const dLat = (metres / EARTH_RADIUS_M) * (180 / Math.PI);
  const cos = Math.cos(toRad(lat));
  const dLon = cos < 1e-9 ? 180 : Math.min(180, dLat / cos);
  return [lon - dLon, Math.max(-90, lat - dLat), lon + dLon, Math.min(90, lat + dLat)];
}

// ---------------------------------------------------------------------------------------------
// Reading

export class GeometryError extends Error {}

/** Reads `geom'…'` text: WKT (`POINT(2.26 48.84)`, `POLYGON((…))`, …) or GeoJSON (geometry or Feature). */
export function parseGeometry(text: string): Geometry {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new GeometryError(`Invalid GeoJSON: ${abbreviate(trimmed)}`);
    }
    return checkGeoJson(value);
  }
  return parseWkt(trimmed);
}

function abbreviate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'];

/** Checks a parsed GeoJSON value and returns its geometry (a Feature's geometry is taken). */
export function checkGeoJson(value: unknown): Geometry {
  const object = value as { type?: unknown; geometry?: unknown; coordinates?: unknown; geometries?: unknown };
  if (object && object.type === 'Feature') return checkGeoJson(object.geometry);
  if (!object || typeof object.type !== 'string') throw new GeometryError('GeoJSON without a geometry type');
  if (object.type === 'GeometryCollection') {
    if (!Array.isArray(object.geometries)) throw new GeometryError('GeometryCollection without geometries');
    return { type: 'GeometryCollection', geometries: object.geometries.map(checkGeoJson) };
  }
  if (!GEOMETRY_TYPES.includes(object.type)) throw new GeometryError(`Unknown GeoJSON type: ${object.type}`);
  const depth = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 }[
    object.type as 'Point'
  ];
  checkCoordinates(object.coordinates, depth, object.type);
  return object as Geometry;
}

function checkCoordinates(value: unknown, depth: number, type: string): void {
  if (!Array.isArray(value)) throw new GeometryError(`${type}: coordinates must be arrays`);
  if (depth === 0) {
    const [lon, lat] = value as unknown[];
    if (
      typeof lon !== 'number' ||
      typeof lat !== 'number' ||
      !Number.isFinite(lon) ||
      !Number.isFinite(lat)
    ) {
      throw new GeometryError(`${type}: a position must be [lon, lat] numbers`);
    }
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
      throw new GeometryError(`${type}: position [${lon}, ${lat}] is outside [-180..180, -90..90]`);
    }
    return;
  }
  for (const item of value) checkCoordinates(item, depth - 1, type);
}

function parseWkt(text: string): Geometry {
  const tokens = text.match(/[A-Za-z]+|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[(),]/g) ?? [];
  let i = 0;
  const fail = (what: string): never => {
    throw new GeometryError(`Invalid WKT (${what}): ${abbreviate(text)}`);
  };
  const expect = (token: string) => {
    if (tokens[i] !== token) fail(`expected "${token}"`);
    i++;
  };
  const position = (): Position => {
    const lon = Number(tokens[i++]);
    const lat = Number(tokens[i++]);
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) fail('expected "lon lat"');
    // A Z or M value is allowed and dropped.
    while (tokens[i] !== undefined && /^[-+.\d]/.test(tokens[i]!)) i++;
    return [lon, lat];
  };
  const list = <T>(item: () => T): T[] => {
    expect('(');
    const items = [item()];
    while (tokens[i] === ',') {
      i++;
      items.push(item());
    }
    expect(')');
    return items;
  };
  const multiPointItem = (): Position => {
    if (tokens[i] === '(') {
      i++;
      const p = position();
      expect(')');
      return p;
    }
    return position();
  };
  const geometry = (): Geometry => {
    const word = (tokens[i++] ?? '').toUpperCase();
    switch (word) {
      case 'POINT':
        return { type: 'Point', coordinates: list(position)[0]! };
      case 'MULTIPOINT':
        return { type: 'MultiPoint', coordinates: list(multiPointItem) };
      case 'LINESTRING':
        return { type: 'LineString', coordinates: list(position) };
      case 'MULTILINESTRING':
        return { type: 'MultiLineString', coordinates: list(() => list(position)) };
      case 'POLYGON':
        return { type: 'Polygon', coordinates: list(() => list(position)) };
      case 'MULTIPOLYGON':
        return { type: 'MultiPolygon', coordinates: list(() => list(() => list(position))) };
      case 'GEOMETRYCOLLECTION':
        return { type: 'GeometryCollection', geometries: list(geometry) };
      default:
        return fail(`unknown geometry type "${word}"`);
    }
  };
  const result = geometry();
  if (i !== tokens.length) fail('unexpected text after the geometry');
  return checkGeoJson(result);
}

// ---------------------------------------------------------------------------------------------
// Measuring

function polygonsOf(geometry: Geometry): Position[][][] {
  switch (geometry.type) {
    case 'Polygon':
      return [geometry.coordinates];
    case 'MultiPolygon':
      return geometry.coordinates;
    case 'GeometryCollection':
      return geometry.geometries.flatMap(polygonsOf);
    default:
      return [];
  }
}

/** The edges of a geometry's lines and polygon rings, as [a, b] pairs. */
function edgesOf(geometry: Geometry): [Position, Position][] {
  const fromLine = (line: Position[]) => line.slice(1).map((p, k) => [line[k]!, p] as [Position, Position]);
  switch (geometry.type) {
    case 'LineString':
      return fromLine(geometry.coordinates);
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.flatMap(fromLine);
    case 'MultiPolygon':
      return geometry.coordinates.flat().flatMap(fromLine);
    case 'GeometryCollection':
      return geometry.geometries.flatMap(edgesOf);
    default:
      return [];
  }
}

function inRing(lon: number, lat: number, ring: Position[]): boolean {
  let inside = false;
  for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) {
    const [xi, yi] = ring[k] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(lon: number, lat: number, polygon: Position[][]): boolean {
  const [outer, ...holes] = polygon;
  return !!outer && inRing(lon, lat, outer) && !holes.some((hole) => inRing(lon, lat, hole));
}

function orientation(a: Position, b: Position, c: Position): number {
  const value = (b[1]! - a[1]!) * (c[0]! - b[0]!) - (b[0]! - a[0]!) * (c[1]! - b[1]!);
  return Math.abs(value) < 1e-12 ? 0 : value > 0 ? 1 : 2;
}

function onSegment(a: Position, b: Position, p: Position): boolean {
  return (
    Math.min(a[0]!, b[0]!) - 1e-12 <= p[0]! &&
    p[0]! <= Math.max(a[0]!, b[0]!) + 1e-12 &&
    Math.min(a[1]!, b[1]!) - 1e-12 <= p[1]! &&
    p[1]! <= Math.max(a[1]!, b[1]!) + 1e-12
  );
}

function segmentsIntersect(p1: Position, q1: Position, p2: Position, q2: Position): boolean {
  const o1 = orientation(p1, q1, p2);
  const o2 = orientation(p1, q1, q2);
  const o3 = orientation(p2, q2, p1);
  const o4 = orientation(p2, q2, q1);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(p1, q1, p2)) ||
    (o2 === 0 && onSegment(p1, q1, q2)) ||
    (o3 === 0 && onSegment(p2, q2, p1)) ||
    (o4 === 0 && onSegment(p2, q2, q1))
  );
}

/** Whether the point lies inside a polygon of the geometry, on one of its edges, or on one of its points. */
export function containsPoint(geometry: Geometry, lon: number, lat: number): boolean {
  if (polygonsOf(geometry).some((polygon) => inPolygon(lon, lat, polygon))) return true;
  const point: Position = [lon, lat];
  if (edgesOf(geometry).some(([a, b]) => orientation(a, b, point) === 0 && onSegment(a, b, point)))
    return true;
  return positionsOf(geometry).some(([x, y]) => x === lon && y === lat);
}

export function intersects(a: Geometry, b: Geometry): boolean {
  if (!bboxesOverlap(bboxOf(a), bboxOf(b))) return false;
  if (positionsOf(a).some(([lon, lat]) => containsPoint(b, lon!, lat!))) return true;
  if (positionsOf(b).some(([lon, lat]) => containsPoint(a, lon!, lat!))) return true;
  const edgesB = edgesOf(b);
  return edgesOf(a).some(([p, q]) => edgesB.some(([r, s]) => segmentsIntersect(p, q, r, s)));
}

/** Whether every part of `a` lies inside `b` (vertices inside, and no edge of `a` leaves `b`). */
export function within(a: Geometry, b: Geometry): boolean {
  if (!positionsOf(a).every(([lon, lat]) => containsPoint(b, lon!, lat!))) return false;
  const edgesB = edgesOf(b);
  // An edge of `a` that properly crosses an edge of `b` goes outside.
  return !edgesOf(a).some(([p, q]) =>
    edgesB.some(([r, s]) => {
      const o1 = orientation(p, q, r);
      const o2 = orientation(p, q, s);
      const o3 = orientation(r, s, p);
      const o4 = orientation(r, s, q);
      return o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0 && o1 !== o2 && o3 !== o4;
    }),
  );
}

/** Metres from a point to the nearest part of a geometry (0 inside a polygon). */
export function distanceToGeometry(geometry: Geometry, lon: number, lat: number): number {
  if (containsPoint(geometry, lon, lat)) return 0;
  let best = Infinity;
  for (const [x, y] of positionsOf(geometry)) best = Math.min(best, haversineMetres(lat, lon, y!, x!));
  // The nearest point of an edge, found in a local equirectangular projection around the point.
  const kx = Math.cos(toRad(lat));
  for (const [a, b] of edgesOf(geometry)) {
    const ax = (a[0]! - lon) * kx;
    const ay = a[1]! - lat;
    const bx = (b[0]! - lon) * kx;
    const by = b[1]! - lat;
    const dx = bx - ax;
    const dy = by - ay;
    const length2 = dx * dx + dy * dy;
    if (length2 === 0) continue;
    const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
    const px = a[0]! + (b[0]! - a[0]!) * t;
    const py = a[1]! + (b[1]! - a[1]!) * t;
    best = Math.min(best, haversineMetres(lat, lon, py, px));
  }
  return best;
}

/** The convex hull of points (Andrew's monotone chain), as a GeoJSON Polygon, Point or LineString. */
export function convexHull(points: Position[]): Geometry {
  const sorted = [...points].sort((p, q) => p[0]! - q[0]! || p[1]! - q[1]!);
  const unique = sorted.filter((p, k) => k === 0 || p[0] !== sorted[k - 1]![0] || p[1] !== sorted[k - 1]![1]);
  if (unique.length === 1) return { type: 'Point', coordinates: unique[0]! };
  const cross = (o: Position, a: Position, b: Position) =>
    (a[0]! - o[0]!) * (b[1]! - o[1]!) - (a[1]! - o[1]!) * (b[0]! - o[0]!);
  const half = (list: Position[]) => {
    const hull: Position[] = [];
    for (const p of list) {
      while (hull.length >= 2 && cross(hull[hull.length - 2]!, hull[hull.length - 1]!, p) <= 0) hull.pop();
      hull.push(p);
    }
    hull.pop();
    return hull;
  };
  const hull = [...half(unique), ...half([...unique].reverse())];
  if (hull.length < 3) return { type: 'LineString', coordinates: unique.length === 2 ? unique : hull };
  return { type: 'Polygon', coordinates: [[...hull, hull[0]!]] };
}
