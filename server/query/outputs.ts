import { formatDatetime } from '../../common/time/zoned-time';
import { type Compiled, unreachable } from '../odsql/compiled';

/**
 * How SQL values become API values (ods-api.md §5): datetimes in the requested time zone, geo
 * points as {lat, lon}, shapes as GeoJSON Features, multivalued text as arrays, files with their URL.
 */

export interface DecodeContext {
  readonly timezone: string;
  /** The URL of a file of this dataset, from its id. */
  readonly fileUrl: (fileId: string) => string;
  /** v2.0 writes date parts (`year(date)`) as strings; v2.1 as integers. */
  readonly datePartsAsText: boolean;
  /** v2.1 writes a geo point `{lon, lat}`, v2.0 `{lat, lon}`: the same keys, in another order. */
  readonly pointLonFirst: boolean;
}

export type Decoder = (values: readonly unknown[]) => unknown;

function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

export function decoderFor(compiled: Compiled, context: DecodeContext): Decoder {
  if (compiled.label) {
    const label = compiled.label;
    return ([value]) => label(value ?? null);
  }
  switch (compiled.kind) {
    case 'text':
      return compiled.list
        ? ([value]) => (value === null || value === undefined ? null : parseJson(value))
        : ([value]) => (value === null || value === undefined ? null : String(value));
    case 'int':
    case 'double':
    case 'number':
      return ([value]) => (value === undefined ? null : value);
    case 'boolean':
      return ([value]) => (value === null || value === undefined ? null : value === 1 || value === true);
    case 'datepart':
      return context.datePartsAsText
        ? ([value]) => (value === null || value === undefined ? null : String(value))
        : ([value]) => value ?? null;
    case 'date':
      return ([value]) => value ?? null;
    case 'datetime':
      return ([value]) => (typeof value === 'number' ? formatDatetime(value, context.timezone) : null);
    case 'geo_point_2d':
      return context.pointLonFirst
        ? ([lat, lon]) => (lat === null || lon === null ? null : { lon, lat })
        : ([lat, lon]) => (lat === null || lon === null ? null : { lat, lon });
    case 'geo_shape':
    case 'geometry':
      return ([value]) =>
        value === null || value === undefined
          ? null
          : { type: 'Feature', geometry: parseJson(value), properties: {} };
    case 'file':
      return ([value]) => {
        if (value === null || value === undefined) return null;
        const file = parseJson(value) as { id: string };
        return { ...file, url: context.fileUrl(file.id) };
      };
    case 'json_blob':
      return ([value]) => (value === null || value === undefined ? null : parseJson(value));
    case 'cluster':
      return ([lat, lon]) => (lat === null ? null : { cluster_centroid: { lat, lon } });
    case 'string':
    case 'null':
    case 'bucket':
      return ([value]) => value ?? null;
    default:
      return unreachable(compiled.kind);
  }
}
