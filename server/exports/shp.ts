import type { Geometry, Position } from 'geojson';
import { cellText, type ExportColumn } from './columns';
import { type DbfField, type DbfValue, dbfFieldNames, dbfFile } from './dbf';
import { geometryOf, ringArea2 } from './geometry';
import { type ExportSink, forEachRow, type RowQuery } from './stream';
import { zipArchive } from './zip';

/**
 * Shapefiles (ESRI Shapefile Technical Description, 1998), zipped: .shp (geometries), .shx (their
 * index), .dbf (attributes, dbf.ts), .prj (WGS 84) and .cpg (UTF-8). A shapefile holds one kind of
 * shape, so a dataset mixing points, lines and polygons gets one set of files per kind, named
 * `<dataset_id>_point`, `_multipoint`, `_line`, `_polygon`; a single kind is `<dataset_id>.shp`.
 * Records without a geometry are kept as null shapes in the first set. ODS caps shapefile exports
 * at 50,000 records, as the archive is built in memory; so does this portal.
 */

export const SHP_MAX_RECORDS = 50_000;

type Family = 'point' | 'multipoint' | 'line' | 'polygon';
const SHAPE_TYPES: Record<Family, number> = { point: 1, line: 3, polygon: 5, multipoint: 8 };
const FAMILY_ORDER: Family[] = ['point', 'multipoint', 'line', 'polygon'];

/** WGS 84 in the ESRI flavour of WKT that .prj files hold. */
export const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

interface Shape {
  family: Family | null;
  points: Position[];
  /** Start index of each part (lines, polygon rings) in `points`. */
  parts: number[];
}

const NULL_SHAPE: Shape = { family: null, points: [], parts: [] };

function closed(ring: readonly Position[]): Position[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last) return [];
  return first[0] === last[0] && first[1] === last[1] ? [...ring] : [...ring, first];
}

/** Shapefile rings: outer rings clockwise, holes counter-clockwise (GeoJSON has it the other way). */
function oriented(ring: readonly Position[], outer: boolean): Position[] {
  const points = closed(ring);
  const counterClockwise = ringArea2(points) > 0;
  return counterClockwise === outer ? points.reverse() : points;
}

function shapeOf(geometry: Geometry | null): Shape {
  if (!geometry) return NULL_SHAPE;
  const parts: number[] = [];
  const points: Position[] = [];
  const addPart = (part: readonly Position[]) => {
    if (part.length === 0) return;
    parts.push(points.length);
    points.push(...part);
  };
  switch (geometry.type) {
    case 'Point':
      return { family: 'point', points: [geometry.coordinates], parts: [] };
    case 'MultiPoint':
      return geometry.coordinates.length
        ? { family: 'multipoint', points: [...geometry.coordinates], parts: [] }
        : NULL_SHAPE;
    case 'LineString':
      addPart(geometry.coordinates);
      return { family: 'line', points, parts };
    case 'MultiLineString':
      for (const line of geometry.coordinates) addPart(line);
      return { family: 'line', points, parts };
    case 'Polygon':
      geometry.coordinates.forEach((ring, index) => {
        addPart(oriented(ring, index === 0));
      });
      return { family: 'polygon', points, parts };
    case 'MultiPolygon':
      for (const polygon of geometry.coordinates) {
        polygon.forEach((ring, index) => {
          addPart(oriented(ring, index === 0));
        });
      }
      return { family: 'polygon', points, parts };
    case 'GeometryCollection': {
      // One kind of member becomes one shape; a mixed collection has no shapefile equivalent.
      const members = geometry.geometries.map(shapeOf).filter((s) => s.family !== null);
      const family = members[0]?.family ?? null;
      if (!family || members.some((m) => m.family !== family)) return NULL_SHAPE;
      if (family === 'point' || family === 'multipoint') {
        return { family: 'multipoint', points: members.flatMap((m) => m.points), parts: [] };
      }
      for (const member of members) {
        member.parts.forEach((start, k) => {
          addPart(member.points.slice(start, member.parts[k + 1]));
        });
      }
      return { family, points, parts };
    }
    default:
      return NULL_SHAPE;
  }
}

function contentLength(shape: Shape): number {
  switch (shape.family) {
    case null:
      return 4;
    case 'point':
      return 20;
    case 'multipoint':
      return 40 + 16 * shape.points.length;
    default:
      return 44 + 4 * shape.parts.length + 16 * shape.points.length;
  }
}

type Box = [number, number, number, number];

function boxOf(points: readonly Position[]): Box {
  let box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    box = [Math.min(box[0], x!), Math.min(box[1], y!), Math.max(box[2], x!), Math.max(box[3], y!)];
  }
  return box;
}

function writeHeader(view: Buffer, shapeType: number, words: number, box: Box): void {
  view.writeInt32BE(9994, 0);
  view.writeInt32BE(words, 24);
  view.writeInt32LE(1000, 28);
  view.writeInt32LE(shapeType, 32);
  view.writeDoubleLE(box[0], 36);
  view.writeDoubleLE(box[1], 44);
  view.writeDoubleLE(box[2], 52);
  view.writeDoubleLE(box[3], 60);
}

/** The .shp and .shx of shapes of one family (null shapes allowed). */
export function shapeFiles(family: Family, shapes: readonly Shape[]): { shp: Buffer; shx: Buffer } {
  const lengths = shapes.map(contentLength);
  const shpBytes = 100 + lengths.reduce((sum, n) => sum + 8 + n, 0);
  const shp = Buffer.alloc(shpBytes);
  const shx = Buffer.alloc(100 + 8 * shapes.length);
  const all = shapes.flatMap((s) => s.points);
  const box: Box = all.length ? boxOf(all) : [0, 0, 0, 0];
  writeHeader(shp, SHAPE_TYPES[family], shpBytes / 2, box);
  writeHeader(shx, SHAPE_TYPES[family], shx.length / 2, box);

  let at = 100;
  shapes.forEach((shape, index) => {
    const length = lengths[index]!;
    shx.writeInt32BE(at / 2, 100 + 8 * index);
    shx.writeInt32BE(length / 2, 104 + 8 * index);
    shp.writeInt32BE(index + 1, at);
    shp.writeInt32BE(length / 2, at + 4);
    let p = at + 8;
    if (shape.family === null) {
      shp.writeInt32LE(0, p);
    } else if (shape.family === 'point') {
      shp.writeInt32LE(1, p);
      shp.writeDoubleLE(shape.points[0]![0]!, p + 4);
      shp.writeDoubleLE(shape.points[0]![1]!, p + 12);
    } else {
      shp.writeInt32LE(SHAPE_TYPES[shape.family], p);
      const own = boxOf(shape.points);
      own.forEach((v, k) => {
        shp.writeDoubleLE(v, p + 4 + 8 * k);
      });
      p += 36;
      if (shape.family === 'multipoint') {
        shp.writeInt32LE(shape.points.length, p);
        p += 4;
      } else {
        shp.writeInt32LE(shape.parts.length, p);
        shp.writeInt32LE(shape.points.length, p + 4);
        p += 8;
        for (const start of shape.parts) {
          shp.writeInt32LE(start, p);
          p += 4;
        }
      }
      for (const [x, y] of shape.points) {
        shp.writeDoubleLE(x!, p);
        shp.writeDoubleLE(y!, p + 8);
        p += 16;
      }
    }
    at += 8 + length;
  });
  return { shp, shx };
}

function dbfTypeOf(column: ExportColumn): DbfField['type'] {
  switch (column.kind) {
    case 'int':
    case 'double':
    case 'number':
      return 'N';
    case 'boolean':
      return 'L';
    case 'date':
      return 'D';
    default:
      return 'C';
  }
}

function dbfValue(
  value: unknown,
  column: ExportColumn,
  type: DbfField['type'],
  listSeparator: string,
): DbfValue {
  if (value === null || value === undefined) return null;
  if (type === 'N') return typeof value === 'number' && Number.isFinite(value) ? value : null;
  if (type === 'L') return value === true;
  return cellText(value, column.kind, listSeparator);
}

export interface ShpOptions {
  baseName: string;
  listSeparator: string;
}

/** The zip of a shapefile export, from every row of the query (at most SHP_MAX_RECORDS). */
export function shpProducer(
  query: RowQuery,
  columns: readonly ExportColumn[],
  geo: ExportColumn,
  options: ShpOptions,
  tooMany: () => Error,
): (sink: ExportSink) => Promise<void> {
  return async (sink) => {
    const attributes = columns.filter((column) => column !== geo);
    const names = dbfFieldNames(attributes.map((column) => column.key));
    const fields: DbfField[] = attributes.map((column, k) => ({ name: names[k]!, type: dbfTypeOf(column) }));
    const records: { shape: Shape; values: DbfValue[] }[] = [];
    await forEachRow(
      query,
      sink,
      (row) => {
        if (records.length === SHP_MAX_RECORDS) throw tooMany();
        records.push({
          shape: shapeOf(geometryOf(geo.value(row), geo.kind)),
          values: attributes.map((column, k) =>
            dbfValue(column.value(row), column, fields[k]!.type, options.listSeparator),
          ),
        });
        return false;
      },
      async () => {},
    );
    const present = new Set(records.map((r) => r.shape.family));
    const families = FAMILY_ORDER.filter((family) => present.has(family));
    if (families.length === 0) families.push(geo.kind === 'geo_point_2d' ? 'point' : 'polygon');
    // Null shapes may sit in a file of any type: they stay, in order, in the first set.
    const byFamily = new Map<Family, { shapes: Shape[]; rows: DbfValue[][] }>(
      families.map((family) => [family, { shapes: [], rows: [] }]),
    );
    for (const record of records) {
      const group = byFamily.get(record.shape.family ?? families[0]!)!;
      group.shapes.push(record.shape);
      group.rows.push(record.values);
    }
    const entries = families.flatMap((family) => {
      const group = byFamily.get(family)!;
      const name = families.length === 1 ? options.baseName : `${options.baseName}_${family}`;
      const { shp, shx } = shapeFiles(family, group.shapes);
      return [
        { name: `${name}.shp`, data: shp },
        { name: `${name}.shx`, data: shx },
        { name: `${name}.dbf`, data: dbfFile(fields, group.rows) },
        { name: `${name}.prj`, data: Buffer.from(WGS84_PRJ, 'latin1') },
        { name: `${name}.cpg`, data: Buffer.from('UTF-8', 'latin1') },
      ];
    });
    const archive = zipArchive(entries);
    for (let at = 0; at < archive.length; at += 1 << 16) {
      await sink.write(archive.subarray(at, at + (1 << 16)));
    }
  };
}
