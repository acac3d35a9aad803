import type { ExportColumn } from './columns';
import { geometryOf } from './geometry';
import type { TextFormat } from './text-export';

/**
 * GeoJSON: a FeatureCollection with one Feature per record (ods-api.md §6). The geometry is the
 * selection's first geo field; the other fields are the properties, with the records' values. A
 * record without a geometry keeps its place, with `"geometry": null` as RFC 7946 allows.
 */
export function geojsonFormat(columns: readonly ExportColumn[], geo: ExportColumn): TextFormat {
  const others = columns.filter((column) => column !== geo);
  return {
    head: '{"type":"FeatureCollection","features":[',
    row(row, index) {
      const properties: Record<string, unknown> = {};
      for (const column of others) properties[column.key] = column.value(row);
      const feature = { type: 'Feature', geometry: geometryOf(geo.value(row), geo.kind), properties };
      return `${index === 0 ? '\n' : ',\n'}${JSON.stringify(feature)}`;
    },
    tail: '\n]}\n',
  };
}
