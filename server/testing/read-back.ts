import { gpx, kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import ExcelJS from 'exceljs';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import ICAL from 'ical.js';
import Papa from 'papaparse';
import shp from 'shpjs';

/**
 * Test support: each export format read back by an independent reader (papaparse, exceljs, shpjs,
 * ical.js, @tmcw/togeojson over @xmldom/xmldom, and a small reader of TomTom .ov2 files), and the
 * cell text a record's value should have, restated from README.md's rules rather than taken from
 * the writers. Only tests import this module.
 */

export function readCsv(text: string, delimiter = ';'): string[][] {
  const parsed = Papa.parse<string[]>(text, { delimiter, newline: '\r\n', skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`papaparse: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  return parsed.data;
}

/** Undoes the formula guard: a leading `'` before = + - @ tab or CR marks text, not content. */
export function unguard(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/**
 * A value of a record as a CSV cell: null empty, lists joined with the separator, a geo point
 * "lat, lon", a shape its GeoJSON geometry, a file its URL, booleans true/false, JSON blobs as JSON.
 */
export function expectedText(value: unknown, type: string, listSeparator = ','): string {
  if (value === null || value === undefined) return '';
  if (type === 'json_blob') return JSON.stringify(value);
  if (Array.isArray(value)) return value.join(listSeparator);
  if (type === 'geo_point_2d') {
    const p = value as { lat: number; lon: number };
    return `${p.lat}, ${p.lon}`;
  }
  if (type === 'geo_shape') return JSON.stringify((value as { geometry: unknown }).geometry);
  if (type === 'file') return (value as { url: string }).url;
  return String(value);
}

export async function readXlsx(bytes: Uint8Array): Promise<{ name: string; rows: unknown[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the workbook has no worksheet');
  const rows: unknown[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values: unknown[] = [];
    for (let k = 1; k <= width; k++) {
      const value = row.getCell(k).value;
      values.push(value === undefined ? null : value);
    }
    rows.push(values);
  });
  return { name: sheet.name, rows };
}

/** Every layer of a zipped shapefile (one per shape kind), as GeoJSON with the DBF attributes. */
export async function readShp(bytes: Uint8Array): Promise<(FeatureCollection & { fileName: string })[]> {
  const parsed = await shp(Buffer.from(bytes));
  return Array.isArray(parsed) ? parsed : [parsed];
}

export interface Ov2Point {
  lon: number;
  lat: number;
  name: string;
}

/** Type-2 POI records; any other record type is an error here, as the export writes only those. */
export function readOv2(bytes: Uint8Array): Ov2Point[] {
  const buffer = Buffer.from(bytes);
  const points: Ov2Point[] = [];
  let at = 0;
  while (at < buffer.length) {
    const type = buffer.readUInt8(at);
    if (type !== 2) throw new Error(`ov2: record type ${type} at byte ${at}`);
    const length = buffer.readInt32LE(at + 1);
    const end = at + length;
    if (buffer[end - 1] !== 0) throw new Error(`ov2: the name at byte ${at} is not zero-terminated`);
    points.push({
      lon: buffer.readInt32LE(at + 5) / 100_000,
      lat: buffer.readInt32LE(at + 9) / 100_000,
      name: buffer.toString('utf8', at + 13, end - 1),
    });
    at = end;
  }
  return points;
}

export interface CalendarEvent {
  uid: string;
  summary: string;
  description: string | null;
  /** 'YYYY-MM-DD' for a date, or the UTC ISO instant for a date-time. */
  start: string;
  end: string | null;
  geo: [number, number] | null;
}

function timeText(time: ICAL.Time | null): string | null {
  if (!time) return null;
  if (!time.isDate) return time.toJSDate().toISOString();
  // Time#toString does not pad years before 1000.
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;
}

export function readIcal(text: string): { name: string | null; events: CalendarEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    name: (calendar.getFirstPropertyValue('x-wr-calname') as string | null) ?? null,
    events: calendar.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component);
      const geo = component.getFirstPropertyValue('geo') as [number, number] | null;
      return {
        uid: event.uid,
        summary: event.summary,
        description: event.description ?? null,
        start: timeText(event.startDate)!,
        end: component.hasProperty('dtend') ? timeText(event.endDate) : null,
        geo: geo ?? null,
      };
    }),
  };
}

function xmlDocument(text: string) {
  const errors: string[] = [];
  const document = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') errors.push(message);
    },
  }).parseFromString(text, 'text/xml');
  if (errors.length > 0) throw new Error(`XML: ${errors.join('; ')}`);
  return document;
}

export function readKml(text: string): FeatureCollection {
  return kml(xmlDocument(text) as unknown as Document) as FeatureCollection;
}

export function readGpx(text: string): FeatureCollection {
  return gpx(xmlDocument(text) as unknown as Document) as FeatureCollection;
}

/** A geometry with every ring counter-clockwise, so writers and readers that orient rings differently compare equal. */
export function normalizeRings(geometry: Geometry | null): Geometry | null {
  if (!geometry) return geometry;
  const area = (ring: Position[]) =>
    ring.reduce((sum, [x1, y1], i) => {
      const [x2, y2] = ring[(i + 1) % ring.length]!;
      return sum + x1! * y2! - x2! * y1!;
    }, 0);
  const ccw = (ring: Position[]) => (area(ring) < 0 ? [...ring].reverse() : ring);
  switch (geometry.type) {
    case 'Polygon':
      return { type: 'Polygon', coordinates: geometry.coordinates.map(ccw) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(ccw)) };
    default:
      return geometry;
  }
}

export type { Feature };
