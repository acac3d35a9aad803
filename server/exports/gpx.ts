import type { Geometry, Position } from 'geojson';
import { invalidParameter } from '../errors';
import { cellText, type ExportColumn, numberText } from './columns';
import type { GpxOptions } from './export-params';
import { geometryOf } from './geometry';
import { nameColumn } from './ov2';
import type { ExportSink, RowQuery } from './stream';
import { writeText } from './text-export';
import { xmlName, xmlText } from './xml';

/**
 * GPX 1.1: a waypoint (wpt) per point and a track (trk) per line or shape: a LineString is one
 * segment, a MultiLineString one segment per line, and a polygon is drawn by its outer ring (holes
 * have no meaning on a track), one segment per polygon. GPX wants every wpt before the first trk,
 * so a dataset of shapes is read twice: points first, then the rest. A record without a geometry
 * has no place in GPX and is left out.
 *
 * `name_field` picks the name (default: the `name`/`title` or first text field),
 * `description_field_list` the fields of <desc> as "Label: value" lines (default: all others), and
 * `use_extension=true` (v2.0's default is false) also writes each field as an <extensions> element
 * in the `ods` namespace.
 */

export const GPX_FIELDS_NAMESPACE = 'urn:ods-explorer:fields';

interface GpxParts {
  name: ExportColumn | undefined;
  described: ExportColumn[];
  extended: ExportColumn[];
}

function findColumn(columns: readonly ExportColumn[], key: string, parameter: string): ExportColumn {
  const column = columns.find((c) => c.key === key);
  if (!column) {
    throw invalidParameter(
      `Invalid value for ${parameter} API parameter: ${JSON.stringify(key)} is not a field of the export.`,
    );
  }
  return column;
}

function partsOf(columns: readonly ExportColumn[], geo: ExportColumn, options: GpxOptions): GpxParts {
  const name = options.nameField ? findColumn(columns, options.nameField, 'name_field') : nameColumn(columns);
  const others = columns.filter((column) => column !== geo);
  const described = options.descriptionFields
    ? options.descriptionFields.map((key) => findColumn(columns, key, 'description_field_list'))
    : others.filter((column) => column !== name);
  return { name, described, extended: options.useExtension ? others : [] };
}

function pointsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'MultiPoint':
      return geometry.coordinates;
    case 'GeometryCollection':
      return geometry.geometries.flatMap(pointsOf);
    default:
      return [];
  }
}

function segmentsOf(geometry: Geometry): Position[][] {
  switch (geometry.type) {
    case 'LineString':
      return [geometry.coordinates];
    case 'MultiLineString':
      return geometry.coordinates;
    case 'Polygon':
      return geometry.coordinates.slice(0, 1);
    case 'MultiPolygon':
      return geometry.coordinates.flatMap((rings) => rings.slice(0, 1));
    case 'GeometryCollection':
      return geometry.geometries.flatMap(segmentsOf);
    default:
      return [];
  }
}

function details(parts: GpxParts, row: readonly unknown[]): string {
  const out: string[] = [];
  const name = parts.name?.value(row);
  if (parts.name && name !== null && name !== undefined) {
    out.push(`<name>${xmlText(cellText(name, parts.name.kind, ', '))}</name>`);
  }
  const description = parts.described
    .map((column) => {
      const value = column.value(row);
      return value === null ? null : `${column.label}: ${cellText(value, column.kind, ', ')}`;
    })
    .filter((line): line is string => line !== null)
    .join('\n');
  if (description) out.push(`<desc>${xmlText(description)}</desc>`);
  const extensions = parts.extended
    .map((column) => {
      const value = column.value(row);
      if (value === null) return '';
      const tag = `ods:${xmlName(column.key)}`;
      return `<${tag}>${xmlText(cellText(value, column.kind, ','))}</${tag}>`;
    })
    .join('');
  if (extensions) out.push(`<extensions>${extensions}</extensions>`);
  return out.join('');
}

export function gpxProducer(
  query: RowQuery,
  columns: readonly ExportColumn[],
  geo: ExportColumn,
  options: GpxOptions & { title: string },
): (sink: ExportSink) => Promise<void> {
  const parts = partsOf(columns, geo, options);
  const namespace = options.useExtension ? ` xmlns:ods="${GPX_FIELDS_NAMESPACE}"` : '';
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="ODS Explorer embedded portal" xmlns="http://www.topografix.com/GPX/1/1"${namespace}>\n<metadata><name>${xmlText(options.title)}</name></metadata>\n`;
  const tail = '</gpx>\n';
  const shapes = geo.kind !== 'geo_point_2d';
  return async (sink) => {
    await writeText(sink, query, {
      head,
      row(row) {
        const geometry = geometryOf(geo.value(row), geo.kind);
        if (!geometry) return '';
        const text = details(parts, row);
        return pointsOf(geometry)
          .map(([lon, lat]) => `<wpt lat="${numberText(lat!)}" lon="${numberText(lon!)}">${text}</wpt>\n`)
          .join('');
      },
      tail: shapes ? '' : tail,
    });
    if (!shapes) return;
    await writeText(sink, query, {
      head: '',
      row(row) {
        const geometry = geometryOf(geo.value(row), geo.kind);
        const segments = geometry ? segmentsOf(geometry).filter((s) => s.length > 0) : [];
        if (segments.length === 0) return '';
        const trksegs = segments
          .map(
            (segment) =>
              `<trkseg>${segment.map(([lon, lat]) => `<trkpt lat="${numberText(lat!)}" lon="${numberText(lon!)}"/>`).join('')}</trkseg>`,
          )
          .join('');
        return `<trk>${details(parts, row)}${trksegs}</trk>\n`;
      },
      tail,
    });
  };
}
