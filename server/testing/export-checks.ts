import { isDeepStrictEqual } from 'node:util';
import type { Geometry } from 'geojson';
import { expect } from 'vitest';
import { dbfFieldNames } from '../exports/dbf';
import {
  expectedText,
  normalizeRings,
  readCsv,
  readGpx,
  readIcal,
  readKml,
  readOv2,
  readShp,
  readXlsx,
  unguard,
} from './read-back';

/**
 * Test support: each export, read back by its independent reader (read-back.ts), checked against
 * the records the records endpoint gave for the same query: same rows, same order (where the
 * format keeps one), same values. Only tests import this module.
 */

export interface ExpectedRecord {
  id: string;
  fields: Record<string, unknown>;
}

export interface Expected {
  /** What the records endpoint answered, in its order. */
  records: ExpectedRecord[];
  /** Field name → type, from the dataset. */
  types: ReadonlyMap<string, string>;
  /** The host of the request (iCalendar UIDs). */
  host: string;
  /** Names the query in failure messages. */
  label: string;
}

/**
 * expect(actual).toEqual(expected), after a quick strict comparison: whole exports hold tens of
 * thousands of values, which the matcher's generic walk takes seconds over. Strictly equal values
 * are equal to it too; anything else still goes through it, for its verdict and its diff.
 */
function expectEqual(actual: unknown, expected: unknown, label?: string): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, label).toEqual(expected);
}

/**
 * expect(actual).toBe(expected), with the matcher called only when they differ (toBe's Object.is
 * first): the checks compare every value of every record, and making an assertion costs far more
 * than comparing.
 */
function expectSame(actual: unknown, expected: unknown, label?: string): void {
  if (!Object.is(actual, expected)) expect(actual, label).toBe(expected);
}

/** expect(text).toContain(part), the matcher called only when the text does not hold it. */
function expectContains(text: unknown, part: string, label?: string): void {
  if (typeof text !== 'string' || !text.includes(part)) expect(text, label).toContain(part);
}

/** expect(value).toBeLessThanOrEqual(bound), the matcher called only when it is not. */
function expectAtMost(value: number, bound: number, label?: string): void {
  if (!(value <= bound)) expect(value, label).toBeLessThanOrEqual(bound);
}

const typeOf = (e: Expected, key: string) => e.types.get(key) ?? 'text';
const keysOf = (e: Expected) => Object.keys(e.records[0]?.fields ?? {});
/** The geometry the geo formats write: the first shape, else the first geo value (exports/geometry.ts). */
const geoKeyOf = (e: Expected) =>
  keysOf(e).find((k) => typeOf(e, k) === 'geo_shape') ?? keysOf(e).find((k) => /^geo_/.test(typeOf(e, k)));
const nameKeyOf = (e: Expected) =>
  keysOf(e).find((k) => (k === 'name' || k === 'title') && typeOf(e, k) === 'text') ??
  keysOf(e).find((k) => typeOf(e, k) === 'text');

export function geometryOf(value: unknown, type: string): Geometry | null {
  if (value === null || value === undefined) return null;
  if (type === 'geo_point_2d') {
    const p = value as { lat: number; lon: number };
    return { type: 'Point', coordinates: [p.lon, p.lat] };
  }
  return (value as { geometry: Geometry }).geometry;
}

/** KML has no multi-geometries, only MultiGeometry: a reader gives a collection of one kind back. */
function multiOf(g: Geometry | null): Geometry | null {
  if (g?.type !== 'GeometryCollection' || g.geometries.length === 0) return g;
  const kinds = new Set(g.geometries.map((m) => m.type));
  if (kinds.size !== 1) return g;
  const members = g.geometries as (Geometry & { coordinates: unknown })[];
  const kind = members[0]!.type;
  if (kind !== 'Point' && kind !== 'LineString' && kind !== 'Polygon') return g;
  return { type: `Multi${kind}`, coordinates: members.map((m) => m.coordinates) } as Geometry;
}

/**
 * Equal geometries, up to ring orientation, float noise, a shapefile's merging of multi-polygons
 * and KML's MultiGeometry.
 */
export function sameGeometry(a: Geometry | null, b: Geometry | null): boolean {
  if (a?.type.startsWith('Multi') && b?.type === 'GeometryCollection') return sameGeometry(a, multiOf(b));
  const round = (value: unknown): unknown =>
    typeof value === 'number'
      ? Math.round(value * 1e9) / 1e9
      : Array.isArray(value)
        ? value.map(round)
        : value;
  const canonical = (g: Geometry | null) =>
    g ? JSON.stringify(round((normalizeRings(g) as { coordinates?: unknown }).coordinates)) : null;
  const flatten = (g: Geometry | null): Geometry | null =>
    g?.type === 'MultiPolygon' ? { type: 'Polygon', coordinates: g.coordinates.flat() } : g;
  const kind = (g: Geometry | null) => g?.type.replace(/^Multi/, '');
  return (
    kind(a) === kind(b) && (canonical(a) === canonical(b) || canonical(flatten(a)) === canonical(flatten(b)))
  );
}

export function checkCsv(text: string, e: Expected): void {
  expect(text.startsWith('\uFEFF')).toBe(false);
  expect(text.endsWith('\r\n')).toBe(true);
  const [header, ...rows] = readCsv(text);
  const keys = keysOf(e);
  expect(header, e.label).toEqual(keys);
  expect(rows, e.label).toHaveLength(e.records.length);
  rows.forEach((row, r) => {
    const wanted = keys.map((key) => expectedText(e.records[r]!.fields[key], typeOf(e, key)));
    expectEqual(row.map(unguard), wanted, `${e.label} row ${r}`);
  });
}

export function checkJson(text: string, e: Expected): void {
  expectEqual(
    JSON.parse(text),
    e.records.map((r) => r.fields),
    e.label,
  );
}

export function checkJsonl(text: string, e: Expected): void {
  const lines = text.split('\n');
  expect(lines.pop()).toBe('');
  expectEqual(
    lines.map((line) => JSON.parse(line)),
    e.records.map((r) => r.fields),
    e.label,
  );
}

export function checkGeojson(text: string, e: Expected): void {
  const collection = JSON.parse(text);
  expect(collection.type).toBe('FeatureCollection');
  const geoKey = geoKeyOf(e)!;
  expectEqual(
    collection.features,
    e.records.map((r) => {
      const { [geoKey]: geo, ...properties } = r.fields;
      return { type: 'Feature', geometry: geometryOf(geo, typeOf(e, geoKey)), properties };
    }),
    e.label,
  );
}

export async function checkXlsx(bytes: Uint8Array, e: Expected, sheet: string): Promise<void> {
  const { name, rows } = await readXlsx(bytes);
  expect(name).toBe(sheet.slice(0, 31));
  const [header, ...body] = rows;
  const keys = keysOf(e);
  expect(header, e.label).toEqual(keys);
  expect(body, e.label).toHaveLength(e.records.length);
  body.forEach((row, r) => {
    const wanted = keys.map((key) => {
      const value = e.records[r]!.fields[key];
      const type = typeOf(e, key);
      if (value === null) return null;
      if ((typeof value === 'number' || typeof value === 'boolean') && type !== 'json_blob') return value;
      return expectedText(value, type).slice(0, 32_767);
    });
    const actual = row.map((cell) => (typeof cell === 'string' ? unguard(cell) : cell));
    expectEqual(actual, wanted, `${e.label} row ${r}`);
  });
}

/**
 * The date shpjs read from a D field, as 'YYYY-MM-DD'. It builds a local Date from the digits, and
 * JavaScript reads years 0–99 given that way as 1900–1999: the file holds the right year.
 */
function dbfDate(date: Date, expected: string | null): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  let year = date.getFullYear();
  const wantedYear = expected === null ? null : Number(expected.slice(0, 4));
  if (wantedYear !== null && wantedYear < 100 && year === 1900 + wantedYear) year = wantedYear;
  return `${pad(year, 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** UTF-8 text cut to the 254 bytes of a dBASE character field, as the reader trims it. */
function dbfText(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= 254) return text.trim();
  let end = 254;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8').trim();
}

export async function checkShp(bytes: Uint8Array, e: Expected): Promise<void> {
  const layers = await readShp(bytes);
  const keys = keysOf(e);
  const geoKey = geoKeyOf(e)!;
  const attributes = keys.filter((k) => k !== geoKey);
  const names = dbfFieldNames(attributes);
  expect(
    layers.reduce((n, layer) => n + layer.features.length, 0),
    e.label,
  ).toBe(e.records.length);
  // Each kind of shape has its own layer: records are matched by geometry, in order within a layer.
  const remaining = [...e.records];
  for (const layer of layers) {
    for (const feature of layer.features) {
      const index = remaining.findIndex((r) =>
        sameGeometry(geometryOf(r.fields[geoKey], typeOf(e, geoKey)), feature.geometry),
      );
      if (index === -1) {
        expect(index, `${e.label}: no record for ${JSON.stringify(feature.geometry).slice(0, 200)}`).not.toBe(
          -1,
        );
      }
      const [wanted] = remaining.splice(index, 1);
      const props = feature.properties ?? {};
      attributes.forEach((key, k) => {
        const value = wanted!.fields[key];
        const type = typeOf(e, key);
        const actual = props[names[k]!];
        if (type === 'int' || type === 'double') {
          if (value !== null) expectSame(actual, value, `${e.label} ${key}`);
          else if (!Number.isNaN(actual)) expect(actual).toBeNaN();
        } else if (type === 'boolean') {
          // dBASE keeps "unknown" for a null boolean; the reader reads anything but T/Y as false.
          expectSame(actual, value === true);
        } else if (type === 'date') {
          expectSame(dbfDate(actual as Date, value as string | null), value, `${e.label} ${key}`);
        } else {
          expectSame(actual, dbfText(expectedText(value, type)), `${e.label} ${key}`);
        }
      });
    }
  }
}

export function checkOv2(bytes: Uint8Array, e: Expected): void {
  const points = readOv2(bytes);
  const geoKey = geoKeyOf(e)!;
  const nameKey = nameKeyOf(e);
  const placed = e.records.filter((r) => r.fields[geoKey] !== null);
  expect(points, e.label).toHaveLength(placed.length);
  points.forEach((point, k) => {
    const value = placed[k]!.fields[geoKey];
    if (typeOf(e, geoKey) === 'geo_point_2d') {
      const p = value as { lat: number; lon: number };
      expectAtMost(Math.abs(point.lon - p.lon), 0.0000051);
      expectAtMost(Math.abs(point.lat - p.lat), 0.0000051);
    }
    const name = nameKey ? expectedText(placed[k]!.fields[nameKey], 'text', ', ') : '';
    expectSame(point.name, name.replaceAll('\0', ''));
  });
}

export function checkIcal(text: string, e: Expected): void {
  for (const line of text.split('\r\n')) expectAtMost(Buffer.byteLength(line), 75);
  const calendar = readIcal(text);
  const keys = keysOf(e);
  const startKey = keys.find((k) => ['date', 'datetime'].includes(typeOf(e, k)))!;
  const summaryKey = nameKeyOf(e);
  const dated = e.records.filter((r) => r.fields[startKey] !== null);
  expect(calendar.events, e.label).toHaveLength(dated.length);
  calendar.events.forEach((event, k) => {
    const record = dated[k]!;
    expectSame(event.uid, `${record.id}@${e.host}`);
    const start = record.fields[startKey] as string;
    // iCalendar times have no fraction of a second; the description keeps the exact value.
    const ms = Date.parse(start);
    expectSame(
      event.start,
      typeOf(e, startKey) === 'date' ? start : new Date(ms - (((ms % 1000) + 1000) % 1000)).toISOString(),
    );
    if (summaryKey && record.fields[summaryKey] !== null) {
      expectSame(event.summary, expectedText(record.fields[summaryKey], 'text', ', '));
    }
    for (const key of keys) {
      const value = record.fields[key];
      if (key === summaryKey || value === null || typeof value === 'object') continue;
      expectContains(event.description, String(value), `${e.label} ${key}`);
    }
  });
}

export function checkKml(text: string, e: Expected): void {
  const collection = readKml(text);
  const keys = keysOf(e);
  const geoKey = geoKeyOf(e)!;
  expect(collection.features, e.label).toHaveLength(e.records.length);
  collection.features.forEach((feature, k) => {
    const record = e.records[k]!;
    expectSame(sameGeometry(geometryOf(record.fields[geoKey], typeOf(e, geoKey)), feature.geometry), true);
    for (const key of keys) {
      if (key === geoKey) continue;
      const value = record.fields[key];
      const wanted = value === null ? undefined : expectedText(value, typeOf(e, key));
      expectSame(feature.properties?.[key], wanted, `${e.label} ${key}`);
    }
  });
}

export function checkGpx(text: string, e: Expected, useExtension: boolean): void {
  const collection = readGpx(text);
  const keys = keysOf(e);
  const geoKey = geoKeyOf(e)!;
  const nameKey = nameKeyOf(e);
  const isPoint = (r: ExpectedRecord) =>
    typeOf(e, geoKey) === 'geo_point_2d' ||
    (r.fields[geoKey] as { geometry: Geometry }).geometry.type === 'Point';
  const placed = e.records.filter((r) => r.fields[geoKey] !== null);
  expect(collection.features, e.label).toHaveLength(placed.length);
  // The file has waypoints first, then tracks; togeojson lists tracks first.
  const tracks = collection.features.filter((f) => f.properties?._gpxType === 'trk');
  const waypoints = collection.features.filter((f) => f.properties?._gpxType !== 'trk');
  const expected = [...placed.filter(isPoint), ...placed.filter((r) => !isPoint(r))];
  [...waypoints, ...tracks].forEach((feature, k) => {
    const record = expected[k]!;
    if (nameKey && record.fields[nameKey] !== null) {
      expectSame(feature.properties?.name, expectedText(record.fields[nameKey], 'text', ', '));
    }
    const geometry = geometryOf(record.fields[geoKey], typeOf(e, geoKey))!;
    if (geometry.type === 'Point') {
      expectEqual(feature.geometry, geometry);
    } else if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') {
      const outers =
        geometry.type === 'Polygon' ? [geometry.coordinates[0]!] : geometry.coordinates.map((p) => p[0]!);
      expectEqual(
        feature.geometry,
        outers.length === 1
          ? { type: 'LineString', coordinates: outers[0] }
          : { type: 'MultiLineString', coordinates: outers },
      );
    }
    for (const key of keys) {
      const value = record.fields[key];
      if (key === geoKey || key === nameKey || value === null) continue;
      expectContains(
        feature.properties?.desc,
        expectedText(value, typeOf(e, key), ', ').trim(),
        `${e.label} ${key}`,
      );
      if (useExtension) {
        const extension = feature.properties?.[`ods_${key}`];
        expectSame(
          String(extension),
          String(expectedText(value, typeOf(e, key), ',')).trim(),
          `${e.label} ${key}`,
        );
      }
    }
  });
}
