import { utc, zonedToUtc } from '../../common/time/zoned-time';

/**
 * Turning the cells of a data file into typed values (ods-api.md §5). Each function takes what a
 * CSV cell (a string) or a JSON value can hold, returns the canonical value, and throws a
 * `ValueError` saying what was expected when the value does not fit. Empty cells are null; the
 * callers handle them before calling.
 *
 * What each type accepts:
 * - int: a JSON integer, or text of an integer (`-12`, `+3`); at most ±2^53 − 1.
 * - double: a finite JSON number, or text of a decimal number (`1.5`, `-2e3`, `.5`).
 * - boolean: JSON true/false, 1/0, or text true/false/1/0/yes/no/oui/non (any case).
 * - date: `YYYY-MM-DD`; an ISO 8601 datetime keeps its date as written.
 * - datetime: ISO 8601 `YYYY-MM-DD[T| ]HH:MM[:SS[.fff]]` with `Z`, `±HH:MM` or `±HHMM`, or without an
 *   offset (read in the dataset's timezone); `YYYY-MM-DD` alone is midnight in that timezone; a JSON
 *   number is milliseconds since the epoch.
 * - geo_point_2d: text `"lat, lon"`, an object `{lat, lon}`, a GeoJSON Point geometry, or the JSON
 *   text of either object. Latitude within ±90, longitude within ±180. (A bare `[a, b]` array is
 *   refused: nothing says which is the latitude.)
 * - geo_shape: a GeoJSON geometry object (or a Feature, whose geometry is taken), or its JSON text.
 * - text: a string; a JSON number or boolean becomes its text.
 * - multivalued text: a JSON array of strings, or text split on the declared separator; values are
 *   trimmed and empty ones dropped.
 * - json_blob: any JSON value; a CSV cell is parsed as JSON, or kept as a string when it is not JSON.
 * - file: the name of a file in the dataset's `files/` folder (ingest resolves it).
 */

export class ValueError extends Error {}

const SHOWN_CHARACTERS = 60;

/** How a refused value appears in an error line: JSON-quoted and cut when long. */
export function showValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const cut = text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS)}…` : text;
  return JSON.stringify(cut);
}

function refuse(type: string, value: unknown, why?: string): never {
  throw new ValueError(`expects ${type}, got ${showValue(value)}${why ? ` (${why})` : ''}`);
}

/** Whether a cell counts as empty: null, undefined or blank text. */
export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function toInt(value: unknown): number {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return value;
    return refuse('int', value);
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (INTEGER_TEXT.test(text)) {
      const number = Number(text);
      if (Number.isSafeInteger(number)) return number;
      return refuse('int', value, 'too large');
    }
  }
  return refuse('int', value);
}

export function toDouble(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (DECIMAL_TEXT.test(text)) {
      const number = Number(text);
      if (Number.isFinite(number)) return number;
    }
  }
  return refuse('double', value);
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'oui']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'non']);

export function toBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  return refuse('boolean', value);
}

const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC, or null when the text has no offset. */
  offset: number | null;
  hasTime: boolean;
}

function daysInMonth(year: number, month: number): number {
  return new Date(utc(year, month + 1, 0)).getUTCDate();
}

function parseIso(text: string): DateTimeParts | null {
  const match = ISO_DATETIME.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const parts: DateTimeParts = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: h === undefined ? 0 : Number(h),
    minute: mi === undefined ? 0 : Number(mi),
    second: s === undefined ? 0 : Number(s),
    millisecond: fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000),
    offset: null,
    hasTime: h !== undefined,
  };
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (hours > 23 || minutes > 59) return null;
    parts.offset = sign * (hours * 60 + minutes);
  } else if (zone !== undefined) {
    parts.offset = 0;
  }
  if (parts.month < 1 || parts.month > 12) return null;
  if (parts.day < 1 || parts.day > daysInMonth(parts.year, parts.month)) return null;
  if (parts.hour > 23 || parts.minute > 59 || parts.second > 59) return null;
  return parts;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export function toDate(value: unknown): string {
  if (typeof value === 'string') {
    const parts = parseIso(value);
    if (parts) return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
  }
  return refuse('date', value);
}

export function toDatetime(value: unknown, timezone: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.round(value);
  if (typeof value === 'string') {
    const parts = parseIso(value);
    if (parts) {
      const { year, month, day, hour, minute, second, millisecond } = parts;
      if (parts.offset !== null)
        return utc(year, month, day, hour, minute, second, millisecond) - parts.offset * 60_000;
      return zonedToUtc(year, month, day, hour, minute, second, millisecond, timezone);
    }
  }
  return refuse('datetime', value);
}

export interface GeoPointValue {
  lat: number;
  lon: number;
}

const LAT_LON_TEXT = /^\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*,\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*$/;

function checkedPoint(lat: unknown, lon: unknown, original: unknown): GeoPointValue {
  if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) {
    return refuse('geo_point_2d', original);
  }
  if (lat < -90 || lat > 90) return refuse('geo_point_2d', original, 'latitude out of range');
  if (lon < -180 || lon > 180) return refuse('geo_point_2d', original, 'longitude out of range');
  return { lat, lon };
}

function jsonObjectText(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

export function toGeoPoint(value: unknown): GeoPointValue {
  let object: unknown = value;
  if (typeof value === 'string') {
    const match = LAT_LON_TEXT.exec(value);
    if (match) return checkedPoint(Number(match[1]), Number(match[2]), value);
    object = jsonObjectText(value);
  }
  if (object && typeof object === 'object' && !Array.isArray(object)) {
    const record = object as Record<string, unknown>;
    if (record.type === 'Feature' && record.geometry) return toGeoPoint(record.geometry);
    if (record.type === 'Point' && Array.isArray(record.coordinates)) {
      const [lon, lat] = record.coordinates as unknown[];
      return checkedPoint(lat, lon, value);
    }
    if ('lat' in record && 'lon' in record) return checkedPoint(record.lat, record.lon, value);
  }
  return refuse('geo_point_2d', value);
}

export interface GeoShapeValue {
  /** The geometry object, as stored (GeoJSON text). */
  geometry: Record<string, unknown>;
  bbox: { minLon: number; minLat: number; maxLon: number; maxLat: number };
}

const GEOMETRY_DEPTH: Record<string, number> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

export function toGeoShape(value: unknown): GeoShapeValue {
  let object: unknown = value;
  if (typeof value === 'string') object = jsonObjectText(value);
  if (!object || typeof object !== 'object' || Array.isArray(object)) return refuse('geo_shape', value);
  let geometry = object as Record<string, unknown>;
  if (geometry.type === 'Feature') {
    if (!geometry.geometry || typeof geometry.geometry !== 'object') {
      return refuse('geo_shape', value, 'a Feature without geometry');
    }
    geometry = geometry.geometry as Record<string, unknown>;
  }
  const box = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  const visitPosition = (position: unknown) => {
    if (!Array.isArray(position) || position.length < 2) return refuse('geo_shape', value, 'bad position');
    const [lon, lat] = position;
    if (
      typeof lon !== 'number' ||
      typeof lat !== 'number' ||
      !Number.isFinite(lon) ||
      !Number.isFinite(lat)
    ) {
      return refuse('geo_shape', value, 'bad position');
    }
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
      return refuse('geo_shape', value, 'position out of range');
    }
    if (lon < box.minLon) box.minLon = lon;
    if (lon > box.maxLon) box.maxLon = lon;
    if (lat < box.minLat) box.minLat = lat;
    if (lat > box.maxLat) box.maxLat = lat;
  };
  const visit = (coordinates: unknown, depth: number) => {
    if (depth === 0) return visitPosition(coordinates);
    if (!Array.isArray(coordinates)) return refuse('geo_shape', value, 'bad coordinates');
    for (const inner of coordinates) visit(inner, depth - 1);
  };
  const visitGeometry = (item: Record<string, unknown>) => {
    if (item.type === 'GeometryCollection') {
      if (!Array.isArray(item.geometries)) return refuse('geo_shape', value, 'bad GeometryCollection');
      for (const inner of item.geometries) {
        if (!inner || typeof inner !== 'object') return refuse('geo_shape', value, 'bad GeometryCollection');
        visitGeometry(inner as Record<string, unknown>);
      }
      return;
    }
    const depth = typeof item.type === 'string' ? GEOMETRY_DEPTH[item.type] : undefined;
    if (depth === undefined) return refuse('geo_shape', value, 'not a GeoJSON geometry');
    visit(item.coordinates, depth);
  };
  visitGeometry(geometry);
  if (box.minLon === Infinity) return refuse('geo_shape', value, 'no coordinates');
  return { geometry, bbox: box };
}

export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return refuse('text', value);
}

/** The values of a multivalued text field, or null when none is left. */
export function toTextList(value: unknown, separator: string): string[] | null {
  let items: unknown[];
  if (Array.isArray(value)) items = value;
  else if (typeof value === 'string') items = separator === '' ? [value] : value.split(separator);
  else if (typeof value === 'number' || typeof value === 'boolean') items = [String(value)];
  else return refuse('text', value);
  const values: string[] = [];
  for (const item of items) {
    if (item === null || item === undefined) continue;
    const text = toText(item).trim();
    if (text !== '') values.push(text);
  }
  return values.length > 0 ? values : null;
}

export function toJsonBlob(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Epoch milliseconds as the API writes a datetime: ISO 8601 with milliseconds and an offset. */
export function isoFromEpoch(ms: number): string {
  return new Date(ms).toISOString();
}
