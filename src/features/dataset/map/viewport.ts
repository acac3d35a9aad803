import type { BBox } from '../../../../common/geo/bbox';
import type { GeoBox } from '../geofilter';

/**
 * The part of the world the map asks the portal about. The window's bounds are widened by a
 * quarter of their size and snapped outwards to a grid that depends on the zoom, so that small pans
 * keep the same query (and its cached answer), and records just outside the window are already
 * there when it moves.
 */
export interface QueryArea {
  box: GeoBox;
  /** The integer zoom the area was snapped for: clusters and counts depend on it. */
  zoom: number;
}

const MAX_LAT = 85.05113;

function snapDown(value: number, step: number): number {
  return Math.floor(value / step) * step;
}

function snapUp(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}

/** Rounded to the grid's precision, so the printed query is short and stable. */
function clean(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function queryArea(bounds: GeoBox, zoom: number): QueryArea {
  const level = Math.max(0, Math.floor(zoom));
  // Cells of a quarter tile: 360 / 2^(level + 2) degrees.
  const step = 360 / 2 ** (level + 2);
  const padLon = (bounds.east - bounds.west) / 4;
  const padLat = (bounds.north - bounds.south) / 4;
  const box: GeoBox = {
    south: clean(Math.max(-MAX_LAT, snapDown(bounds.south - padLat, step / 2))),
    west: clean(Math.max(-180, snapDown(bounds.west - padLon, step))),
    north: clean(Math.min(MAX_LAT, snapUp(bounds.north + padLat, step / 2))),
    east: clean(Math.min(180, snapUp(bounds.east + padLon, step))),
  };
  return { box, zoom: level };
}

/** Whether `inner` lies within `outer`. */
export function boxContains(outer: GeoBox, inner: GeoBox): boolean {
  return (
    inner.south >= outer.south &&
    inner.north <= outer.north &&
    inner.west >= outer.west &&
    inner.east <= outer.east
  );
}

/** A [west, south, east, north] box (GeoJSON's order) as a GeoBox. */
export function extentBox([west, south, east, north]: BBox): GeoBox {
  return { south, west, north, east };
}
