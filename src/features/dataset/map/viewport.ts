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

/** The map's deepest zoom: the engine stops there, and no step is asked for past it. */
export const MAX_ZOOM = 18;

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

const TILE = 512;

function mercatorY(lat: number): number {
  const sin = Math.sin((Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}

function latitudeOf(y: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
}

/**
 * The bounds a map of `width`×`height` pixels shows at a centre and zoom (Web Mercator, 512-pixel
 * tiles, as MapLibre draws): lets the view ask for its data before the map itself is made.
 */
export function boundsAt(
  center: { lat: number; lon: number },
  zoom: number,
  width: number,
  height: number,
): GeoBox {
  const world = TILE * 2 ** zoom;
  const x = ((center.lon + 180) / 360) * world;
  const y = mercatorY(center.lat) * world;
  return {
    south: Math.max(-90, latitudeOf((y + height / 2) / world)),
    west: Math.max(-180, ((x - width / 2) / world) * 360 - 180),
    north: Math.min(90, latitudeOf((y - height / 2) / world)),
    east: Math.min(180, ((x + width / 2) / world) * 360 - 180),
  };
}

/**
 * The area after a zoom to `zoom` about the view's centre, as the + and − keys and buttons zoom
 * (the window's size in pixels read back from its bounds at its zoom): what the map asks for
 * ahead of the next step.
 */
export function zoomedArea(
  view: { center: { lat: number; lon: number }; bounds: GeoBox; zoom: number },
  zoom: number,
): QueryArea {
  const world = TILE * 2 ** view.zoom;
  const width = ((view.bounds.east - view.bounds.west) / 360) * world;
  const height = (mercatorY(view.bounds.south) - mercatorY(view.bounds.north)) * world;
  return queryArea(boundsAt(view.center, zoom, width, height), zoom);
}
