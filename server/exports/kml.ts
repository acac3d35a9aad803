import type { Geometry, Position } from 'geojson';
import { cellText, type ExportColumn, numberText } from './columns';
import { geometryOf } from './geometry';
import { nameColumn } from './ov2';
import type { TextFormat } from './text-export';
import { xmlText } from './xml';

/**
 * KML 2.2: one Placemark per record, named by the `name`/`title` or first text field, its fields in
 * ExtendedData (name, label as displayName, value as text; null values are left out), and its
 * geometry as Point, LineString or Polygon, MultiGeometry for the multi kinds. A record without a
 * geometry is still a Placemark, as KML allows.
 */

const coordinates = (points: readonly Position[]) =>
  points.map(([x, y]) => `${numberText(x!)},${numberText(y!)}`).join(' ');

export function kmlGeometry(geometry: Geometry): string {
  switch (geometry.type) {
    case 'Point':
      return `<Point><coordinates>${coordinates([geometry.coordinates])}</coordinates></Point>`;
    case 'LineString':
      return `<LineString><coordinates>${coordinates(geometry.coordinates)}</coordinates></LineString>`;
    case 'Polygon':
      return polygon(geometry.coordinates);
    case 'MultiPoint':
      return multi(geometry.coordinates.map((p) => kmlGeometry({ type: 'Point', coordinates: p })));
    case 'MultiLineString':
      return multi(geometry.coordinates.map((l) => kmlGeometry({ type: 'LineString', coordinates: l })));
    case 'MultiPolygon':
      return multi(geometry.coordinates.map(polygon));
    case 'GeometryCollection':
      return multi(geometry.geometries.map(kmlGeometry));
    default:
      return '';
  }
}

function polygon(rings: readonly (readonly Position[])[]): string {
  const [outer, ...holes] = rings;
  if (!outer) return '';
  const ring = (points: readonly Position[]) =>
    `<LinearRing><coordinates>${coordinates(points)}</coordinates></LinearRing>`;
  return `<Polygon><outerBoundaryIs>${ring(outer)}</outerBoundaryIs>${holes
    .map((hole) => `<innerBoundaryIs>${ring(hole)}</innerBoundaryIs>`)
    .join('')}</Polygon>`;
}

function multi(members: string[]): string {
  return `<MultiGeometry>${members.join('')}</MultiGeometry>`;
}

export function kmlFormat(
  columns: readonly ExportColumn[],
  geo: ExportColumn,
  options: { title: string; listSeparator: string },
): TextFormat {
  const name = nameColumn(columns);
  const data = columns.filter((column) => column !== geo);
  return {
    head: `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n<name>${xmlText(options.title)}</name>\n`,
    row(row) {
      const parts = ['<Placemark>'];
      if (name) {
        const value = name.value(row);
        if (value !== null)
          parts.push(`<name>${xmlText(cellText(value, name.kind, options.listSeparator))}</name>`);
      }
      const values: string[] = [];
      for (const column of data) {
        const value = column.value(row);
        if (value === null) continue;
        values.push(
          `<Data name="${xmlText(column.key)}"><displayName>${xmlText(column.label)}</displayName><value>${xmlText(
            cellText(value, column.kind, options.listSeparator),
          )}</value></Data>`,
        );
      }
      if (values.length) parts.push(`<ExtendedData>${values.join('')}</ExtendedData>`);
      const geometry = geometryOf(geo.value(row), geo.kind);
      if (geometry) parts.push(kmlGeometry(geometry));
      parts.push('</Placemark>\n');
      return parts.join('');
    },
    tail: '</Document>\n</kml>\n',
  };
}
