import type { DatasetField, FieldType } from '../../common/ods-api/types';
import { toGeoShape } from './values';

/**
 * Schema inference for a bare `.csv` or `.geojson` dropped into a portal folder: field names, types
 * and annotations guessed from the values, so the file is served without a `dataset.json`.
 *
 * Types: int, double, boolean, date, datetime, geo_point_2d (a latitude/longitude column pair, or a
 * `"lat, lon"` text column), geo_shape (GeoJSON geometry text), text otherwise. Numbers written with
 * a leading zero (`00501`) stay text: they are codes. A text field with few distinct values, each
 * repeated, becomes a facet; numeric and date fields become sortable.
 */

/** Where a field's raw value comes from in a row of the data file. */
export type FieldSource =
  /** A CSV column (by header) or a JSON property (by key). */
  | { kind: 'key'; key: string }
  /** Two CSV columns that together make a geo_point_2d. */
  | { kind: 'lat-lon'; lat: string; lon: string }
  /** The geometry of a GeoJSON Feature. */
  | { kind: 'geometry' };

export interface InferredSchema {
  fields: DatasetField[];
  /** By field name. */
  sources: Map<string, FieldSource>;
}

/** At most this many distinct values make a facet… */
export const FACET_MAX_DISTINCT = 50;

const LAT_NAMES = new Set(['lat', 'latitude']);
const LON_NAMES = new Set(['lon', 'lng', 'long', 'longitude']);

const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const LEADING_ZERO = /^[+-]?0\d/;
const BOOLEAN_WORDS = new Set(['true', 'false', 'yes', 'no', 'oui', 'non']);
const DATE_TEXT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATETIME_TEXT =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d([.,]\d{1,9})?)?\s*(Z|z|[+-]\d{2}(:?\d{2})?)?$/;
const LAT_LON_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)\s*,\s*[+-]?(?:\d+\.?\d*|\.\d+)\s*$/;

/** What the values of one column look like, gathered in one pass. */
class ColumnStats {
  nonEmpty = 0;
  int = true;
  double = true;
  boolean = true;
  date = true;
  datetime = true;
  latLonText = true;
  geoJson = true;
  /** Every value a number within ±90 (or ±180). */
  latitudeRange = true;
  longitudeRange = true;
  sawArray = false;
  sawObject = false;
  readonly distinct = new Map<string, number>();
  /** How many values were counted into `distinct` (array items count one by one). */
  counted = 0;
  manyDistinct = false;

  add(value: unknown): void {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      this.nonEmpty++;
      this.sawArray = true;
      this.scalarTypesImpossible();
      for (const item of value) {
        const text = item === null || item === undefined ? '' : String(item).trim();
        if (text !== '') this.count(text);
      }
      return;
    }
    if (typeof value === 'object') {
      this.nonEmpty++;
      this.sawObject = true;
      this.int = this.double = this.boolean = this.date = this.datetime = this.latLonText = false;
      this.latitudeRange = this.longitudeRange = false;
      if (this.geoJson && !isGeometry(value)) this.geoJson = false;
      return;
    }
    const text = String(value).trim();
    if (text === '') return;
    this.nonEmpty++;
    this.count(text);
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) this.int = false;
      this.boolean = this.date = this.datetime = this.latLonText = this.geoJson = false;
      this.checkRanges(value);
      return;
    }
    if (typeof value === 'boolean') {
      this.int = this.double = this.date = this.datetime = this.latLonText = this.geoJson = false;
      this.latitudeRange = this.longitudeRange = false;
      return;
    }
    const leadingZero = LEADING_ZERO.test(text);
    if (this.int && (leadingZero || !INTEGER_TEXT.test(text))) this.int = false;
    if (this.double && (leadingZero || !DECIMAL_TEXT.test(text))) this.double = false;
    if (this.double) this.checkRanges(Number(text));
    else this.latitudeRange = this.longitudeRange = false;
    if (this.boolean && !BOOLEAN_WORDS.has(text.toLowerCase())) this.boolean = false;
    if (this.date && !DATE_TEXT.test(text)) this.date = false;
    if (this.datetime && !DATETIME_TEXT.test(text) && !DATE_TEXT.test(text)) this.datetime = false;
    if (this.latLonText && !(LAT_LON_TEXT.test(text) && latLonInRange(text))) this.latLonText = false;
    if (this.geoJson && !(text.startsWith('{') && isGeometryText(text))) this.geoJson = false;
  }

  private scalarTypesImpossible(): void {
    this.int = this.double = this.boolean = this.date = this.datetime = this.latLonText = false;
    this.geoJson = this.latitudeRange = this.longitudeRange = false;
  }

  private checkRanges(number: number): void {
    if (!(Math.abs(number) <= 90)) this.latitudeRange = false;
    if (!(Math.abs(number) <= 180)) this.longitudeRange = false;
  }

  private count(text: string): void {
    this.counted++;
    if (this.manyDistinct) return;
    this.distinct.set(text, (this.distinct.get(text) ?? 0) + 1);
    if (this.distinct.size > FACET_MAX_DISTINCT) {
      this.manyDistinct = true;
      this.distinct.clear();
    }
  }

  isNumeric(): boolean {
    return this.nonEmpty > 0 && (this.int || this.double);
  }

  type(): FieldType {
    if (this.nonEmpty === 0) return 'text';
    if (this.sawObject) return this.geoJson ? 'geo_shape' : 'json_blob';
    if (this.sawArray) return 'text';
    if (this.boolean) return 'boolean';
    if (this.int) return 'int';
    if (this.double) return 'double';
    if (this.date) return 'date';
    if (this.datetime) return 'datetime';
    if (this.latLonText) return 'geo_point_2d';
    if (this.geoJson) return 'geo_shape';
    return 'text';
  }

  /** Few distinct values, each seen at least twice on average: a category worth a facet. */
  isCategory(): boolean {
    if (this.manyDistinct) return false;
    const distinct = this.distinct.size;
    return distinct > 0 && distinct <= FACET_MAX_DISTINCT && distinct * 2 <= this.counted;
  }
}

function latLonInRange(text: string): boolean {
  const [lat, lon] = text.split(',').map((part) => Number(part.trim()));
  return lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

function isGeometry(value: unknown): boolean {
  try {
    toGeoShape(value);
    return true;
  } catch {
    return false;
  }
}

function isGeometryText(text: string): boolean {
  try {
    return isGeometry(JSON.parse(text));
  } catch {
    return false;
  }
}

/** A field name ODSQL can use unquoted: lower case ASCII letters, digits and underscores. */
export function fieldNameFrom(header: string, index: number): string {
  const name = header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return name === '' ? `field_${index + 1}` : name;
}

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}_${n}`;
  taken.add(candidate);
  return candidate;
}

function fieldOf(name: string, label: string, type: FieldType, stats: ColumnStats | null): DatasetField {
  const annotations: Record<string, string[]> = {};
  if (type === 'text' && stats?.sawArray) annotations.multivalued = [','];
  if (type === 'text' && stats?.isCategory()) annotations.facet = [];
  if (type === 'int' || type === 'double' || type === 'date' || type === 'datetime') {
    annotations.sortable = [];
  }
  return { name, label, type, annotations, description: null };
}

/** Infers the fields of a CSV file from its header and all its rows. */
export function inferCsvSchema(header: string[], rows: Iterable<string[]>): InferredSchema {
  const stats = header.map(() => new ColumnStats());
  for (const row of rows) {
    if (row.length === 1 && row[0] === '') continue;
    for (let i = 0; i < stats.length; i++) stats[i]!.add(row[i]);
  }
  const normalized = header.map((h) => h.trim().toLowerCase());
  const latIndex = normalized.findIndex((h) => LAT_NAMES.has(h));
  const lonIndex = normalized.findIndex((h) => LON_NAMES.has(h));
  const pair =
    latIndex !== -1 &&
    lonIndex !== -1 &&
    stats[latIndex]!.isNumeric() &&
    stats[lonIndex]!.isNumeric() &&
    stats[latIndex]!.latitudeRange &&
    stats[lonIndex]!.longitudeRange;

  const taken = new Set<string>();
  const pointName = pair
    ? header.some((h, i) => fieldNameFrom(h, i) === 'coordinates')
      ? 'geo_point_2d'
      : 'coordinates'
    : null;
  if (pointName) taken.add(pointName);
  const fields: DatasetField[] = [];
  const sources = new Map<string, FieldSource>();
  header.forEach((column, index) => {
    if (pair && (index === latIndex || index === lonIndex)) {
      if (index === Math.min(latIndex, lonIndex) && pointName) {
        fields.push(fieldOf(pointName, 'Coordinates', 'geo_point_2d', null));
        sources.set(pointName, { kind: 'lat-lon', lat: header[latIndex]!, lon: header[lonIndex]! });
      }
      return;
    }
    const name = uniqueName(fieldNameFrom(column, index), taken);
    const label = column.trim() === '' ? name : column.trim();
    fields.push(fieldOf(name, label, stats[index]!.type(), stats[index]!));
    sources.set(name, { kind: 'key', key: column });
  });
  return { fields, sources };
}

/** Infers the fields of a GeoJSON FeatureCollection: the geometry, then the properties. */
export function inferGeoJsonSchema(features: readonly unknown[]): InferredSchema {
  const keys: string[] = [];
  const stats = new Map<string, ColumnStats>();
  let allPoints = true;
  let anyGeometry = false;
  for (const feature of features) {
    if (!feature || typeof feature !== 'object') continue;
    const { geometry, properties } = feature as { geometry?: { type?: string }; properties?: unknown };
    if (geometry) {
      anyGeometry = true;
      if (geometry.type !== 'Point') allPoints = false;
    }
    if (properties && typeof properties === 'object') {
      for (const [key, value] of Object.entries(properties)) {
        let column = stats.get(key);
        if (!column) {
          column = new ColumnStats();
          stats.set(key, column);
          keys.push(key);
        }
        column.add(value);
      }
    }
  }
  const taken = new Set<string>();
  const fields: DatasetField[] = [];
  const sources = new Map<string, FieldSource>();
  if (anyGeometry) {
    const type: FieldType = allPoints ? 'geo_point_2d' : 'geo_shape';
    const name = uniqueName(type, taken);
    fields.push(fieldOf(name, allPoints ? 'Point' : 'Shape', type, null));
    sources.set(name, { kind: 'geometry' });
  }
  keys.forEach((key, index) => {
    const name = uniqueName(fieldNameFrom(key, index), taken);
    const column = stats.get(key)!;
    fields.push(fieldOf(name, key, column.type(), column));
    sources.set(name, { kind: 'key', key });
  });
  return { fields, sources };
}

/** `Bike counters 2024.csv` → `bike-counters-2024`. */
export function datasetIdFromFileName(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, '');
  const id = base
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id === '' ? 'dataset' : id;
}

/** `bike-counters_2024.csv` → `Bike counters 2024`. */
export function titleFromFileName(fileName: string): string {
  const words = fileName
    .replace(/\.[^.]+$/, '')
    .replace(/[-_]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return words === '' ? fileName : words.charAt(0).toUpperCase() + words.slice(1);
}
