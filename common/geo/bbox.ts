import type { Geometry, Position } from 'geojson';

/**
 * Bounding boxes of GeoJSON geometries, in [lon, lat] order as GeoJSON writes them. The portal
 * uses them to narrow geo predicates through its R*Tree; the explorer uses them to fit a map to
 * its results and to turn a viewport into `in_bbox()`.
 */

export type BBox = readonly [minLon: number, minLat: number, maxLon: number, maxLat: number];

export function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
    case 'GeometryCollection':
      return geometry.geometries.flatMap(positionsOf);
  }
}

/** The box of a geometry; an empty geometry gives an inverted box (min = +∞), which `isEmpty` tells. */
export function bboxOf(geometry: Geometry): BBox {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const [lon, lat] of positionsOf(geometry)) {
    if (lon! < minLon) minLon = lon!;
    if (lon! > maxLon) maxLon = lon!;
    if (lat! < minLat) minLat = lat!;
    if (lat! > maxLat) maxLat = lat!;
  }
  return [minLon, minLat, maxLon, maxLat];
}

export function isEmptyBBox(box: BBox): boolean {
  return !(box[0] <= box[2] && box[1] <= box[3]);
}

/** The smallest box holding both (an empty box is the identity). */
export function unionBBox(a: BBox, b: BBox): BBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

export const EMPTY_BBOX: BBox = [Infinity, Infinity, -Infinity, -Infinity];

export function bboxesOverlap(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

export function bboxPolygon([minLon, minLat, maxLon, maxLat]: BBox): Geometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [minLon, minLat],
        [maxLon, minLat],
        [maxLon, maxLat],
        [minLon, maxLat],
        [minLon, minLat],
      ],
    ],
  };
}
