import { isGeoType } from '../../../common/ods-api/field-types';
import type { DatasetField } from '../../../common/ods-api/types';
import type { Expr } from '../../../common/odsql/ast';
import { call, field, geom } from '../../../common/odsql/build';

/**
 * The map's state as it lives in the URL, under ODS portals' own names: `location=<zoom>,<lat>,<lon>`
 * (where the map looks), and its filters
 * `geofilter.bbox=<south>,<west>,<north>,<east>` (Limit to the map view) and
 * `geofilter.polygon=(<lat>,<lon>),(<lat>,<lon>),…` (a drawn area). Both belong to the view's
 * filter, so the count, facets, table and every other view follow them. Parsing is strict:
 * anything malformed is dropped, never sent to the portal.
 */

export interface GeoBox {
  south: number;
  west: number;
  north: number;
  east: number;
}

export interface LatLon {
  lat: number;
  lon: number;
}

/** Digits kept in the URL: 5 decimals of a degree is about a metre. */
const DIGITS = 5;

function round(value: number): number {
  const factor = 10 ** DIGITS;
  return Math.round(value * factor) / factor;
}

function isLat(value: number): boolean {
  return Number.isFinite(value) && value >= -90 && value <= 90;
}

function isLon(value: number): boolean {
  return Number.isFinite(value) && value >= -180 && value <= 180;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

function numbers(text: string): number[] | null {
  const parts = text.split(',').map((part) => part.trim());
  if (!parts.every((part) => NUMBER.test(part))) return null;
  return parts.map(Number);
}

export function parseGeoBox(text: unknown): GeoBox | null {
  if (typeof text !== 'string') return null;
  const values = numbers(text);
  if (values?.length !== 4) return null;
  const [south, west, north, east] = values as [number, number, number, number];
  if (!isLat(south) || !isLat(north) || !isLon(west) || !isLon(east) || south > north) return null;
  return { south, west, north, east };
}

export function formatGeoBox(box: GeoBox): string {
  return [box.south, box.west, box.north, box.east].map(round).join(',');
}

/** Vertices in order, without repeating the first (the ring is closed when it is printed). */
export function parseGeoPolygon(text: unknown): LatLon[] | null {
  if (typeof text !== 'string') return null;
  const pairs = text.trim().match(/^\(.*\)$/)
    ? text
        .trim()
        .slice(1, -1)
        .split(/\)\s*,\s*\(/)
    : null;
  if (!pairs) return null;
  const vertices: LatLon[] = [];
  for (const pair of pairs) {
    const values = numbers(pair);
    if (values?.length !== 2) return null;
    const [lat, lon] = values as [number, number];
    if (!isLat(lat) || !isLon(lon)) return null;
    vertices.push({ lat, lon });
  }
  const last = vertices[vertices.length - 1];
  if (vertices.length > 1 && last && last.lat === vertices[0]!.lat && last.lon === vertices[0]!.lon)
    vertices.pop();
  return vertices.length >= 3 ? vertices : null;
}

export function formatGeoPolygon(vertices: readonly LatLon[]): string {
  return vertices.map((v) => `(${round(v.lat)},${round(v.lon)})`).join(',');
}

/** A box as a polygon's vertices (south-west first, counter-clockwise), for a drawn rectangle. */
export function boxVertices(box: GeoBox): LatLon[] {
  return [
    { lat: box.south, lon: box.west },
    { lat: box.south, lon: box.east },
    { lat: box.north, lon: box.east },
    { lat: box.north, lon: box.west },
  ];
}

/** WKT, lon before lat, the ring closed: what `geom'…'` takes. */
export function polygonWkt(vertices: readonly LatLon[]): string {
  const ring = [...vertices, vertices[0]!].map((v) => `${round(v.lon)} ${round(v.lat)}`);
  return `POLYGON((${ring.join(', ')}))`;
}

export interface MapLocation {
  zoom: number;
  lat: number;
  lon: number;
}

export function parseLocation(text: unknown): MapLocation | null {
  if (typeof text !== 'string') return null;
  const values = numbers(text);
  if (values?.length !== 3) return null;
  const [zoom, lat, lon] = values as [number, number, number];
  if (!(zoom >= 0 && zoom <= 22) || !isLat(lat) || !isLon(lon)) return null;
  return { zoom, lat, lon };
}

/** Zoom to 2 decimals, the centre to 5 (about a metre). */
export function formatLocation({ zoom, lat, lon }: MapLocation): string {
  return `${Math.round(zoom * 100) / 100},${round(lat)},${round(lon)}`;
}

/** The geo field drawn by default (and filtered by geofilter.*): the first shape, else the first point. */
export function defaultGeoField(fields: readonly DatasetField[]): DatasetField | undefined {
  return fields.find((f) => f.type === 'geo_shape') ?? fields.find((f) => f.type === 'geo_point_2d');
}

/** The geo field a view uses: `map.field` when it names one, else the default. */
export function chosenGeoField(
  fields: readonly DatasetField[],
  name: string | undefined,
): DatasetField | undefined {
  const chosen = name ? fields.find((f) => f.name === name && isGeoType(f.type)) : undefined;
  return chosen ?? defaultGeoField(fields);
}

export interface GeoFilter {
  bbox?: GeoBox;
  polygon?: LatLon[];
}

/**
 * The conditions of the map's filters on a geo field. A box is `in_bbox()` (ODS's name in v2.1);
 * a drawn area is `within()` for points and `intersects()` for shapes, so a country that reaches
 * into the area counts, as a user drawing around a region expects.
 */
export function geoFilterConditions(filter: GeoFilter, geoField: DatasetField | undefined): Expr[] {
  if (!geoField) return [];
  const conditions: Expr[] = [];
  const target = field(geoField.name);
  if (filter.bbox) {
    const { south, west, north, east } = filter.bbox;
    conditions.push(call('in_bbox', target, round(south), round(west), round(north), round(east)));
  }
  if (filter.polygon) {
    const relation = geoField.type === 'geo_shape' ? 'intersects' : 'within';
    conditions.push(call(relation, target, geom(polygonWkt(filter.polygon))));
  }
  return conditions;
}
