import { isDateType, isGeoType } from '../../common/ods-api/field-types';
import type { FieldType } from '../../common/ods-api/types';
import { type OutputColumn, unreachable, type ValueKind } from '../odsql/compiled';
import { type DecodeContext, decoderFor } from '../query/outputs';

/**
 * The columns of an export: each output of the query (plan.outputs) with where its SQL values sit in
 * a raw row, how they decode into the API value the records endpoint gives (query/outputs.ts), and
 * how that value reads as one text cell (CSV, spreadsheets, DBF, KML data).
 */

export interface ExportColumn {
  /** The key in a record's fields: the field name, the alias, or the expression text. */
  readonly key: string;
  /** The field's label for `use_labels=true`, else the key. */
  readonly label: string;
  readonly kind: ValueKind;
  /** The field's type when the column is a plain field. */
  readonly fieldType: FieldType | null;
  /** The API value of this column in a raw SQL row, exactly as the records endpoint writes it. */
  readonly value: (row: readonly unknown[]) => unknown;
}

export function exportColumns(
  outputs: readonly OutputColumn[],
  context: DecodeContext,
  skip: number,
): ExportColumn[] {
  let at = skip;
  return outputs.map((output) => {
    const decode = decoderFor(output.compiled, context);
    const start = at;
    const width = output.compiled.sql.length;
    at += width;
    const field = output.compiled.field?.field;
    // Decoders take the column's values as an array; one scratch array per column spares an
    // allocation per cell, and no decoder keeps the array it is given.
    const scratch: unknown[] = new Array(width);
    const value =
      width === 1
        ? (row: readonly unknown[]) => {
            scratch[0] = row[start];
            return decode(scratch);
          }
        : (row: readonly unknown[]) => {
            for (let k = 0; k < width; k++) scratch[k] = row[start + k];
            return decode(scratch);
          };
    return {
      key: output.key,
      label: field && field.name === output.key ? field.label || output.key : output.key,
      kind: output.compiled.kind,
      fieldType: field?.type ?? null,
      value,
    };
  });
}

/** A geo field, or a computed geometry (such as a cluster's envelope). */
export function isGeoKind(kind: ValueKind): boolean {
  return kind === 'geometry' || isGeoType(kind);
}

export function isDateKind(kind: ValueKind): boolean {
  return isDateType(kind);
}

/**
 * A finite number as JavaScript writes it (`String(n)`). String() and template literals go through
 * V8's number-to-string cache, whose evicted entries pile up in the old generation: millions of
 * them made a large export's heap grow by tens of MB between full collections. JSON.stringify
 * writes the same digits without the cache.
 */
export function numberText(value: number): string {
  return JSON.stringify(value);
}

/**
 * An API value as the text of one cell (ods-api.md §5): lists joined with the list separator,
 * a geo point as "lat, lon", a shape as its GeoJSON geometry, a file as its URL, a JSON blob and
 * any other object as JSON. Null is the empty string.
 */
export function cellText(value: unknown, kind: ValueKind, listSeparator: string): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      return kind === 'json_blob' ? JSON.stringify(value) : value;
    case 'number':
      return Number.isFinite(value) ? numberText(value) : '';
    case 'boolean':
      return kind === 'json_blob' ? JSON.stringify(value) : value ? 'true' : 'false';
    case 'object':
      return objectText(value as object, kind, listSeparator);
    default:
      return String(value);
  }
}

function objectText(value: object, kind: ValueKind, listSeparator: string): string {
  const record = value as Record<string, unknown>;
  switch (kind) {
    case 'geo_point_2d':
      return `${numberText(record.lat as number)}, ${numberText(record.lon as number)}`;
    case 'cluster': {
      const centroid = record.cluster_centroid as { lat: number; lon: number };
      return `${numberText(centroid.lat)}, ${numberText(centroid.lon)}`;
    }
    case 'geo_shape':
    case 'geometry':
      return JSON.stringify(record.type === 'Feature' ? record.geometry : value);
    case 'file':
      return typeof record.url === 'string' ? record.url : JSON.stringify(value);
    case 'json_blob':
      return JSON.stringify(value);
    case 'text':
    case 'int':
    case 'double':
    case 'boolean':
    case 'date':
    case 'datetime':
    case 'number':
    case 'string':
    case 'null':
    case 'datepart':
    case 'bucket':
      return Array.isArray(value)
        ? value.map((item) => cellText(item, 'text', listSeparator)).join(listSeparator)
        : JSON.stringify(value);
    default:
      return unreachable(kind);
  }
}

/** A number as JavaScript writes it, optionally signed, or several of them as "lat, lon" writes them. */
const NUMBERS_ONLY =
  /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?:, ?[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)*$/;

/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula (and tab or carriage
 * return can hide such a start), so such text gets a leading `'`, which spreadsheets read as
 * "this is text". Numbers (`-12.5`, or a "lat, lon" pair like `-33.87, 151.21`) cannot run
 * anything and are left alone, so negative values stay numbers. README.md documents the rule.
 */
export function guardFormula(text: string): string {
  if (text === '') return text;
  const first = text.charCodeAt(0);
  // = + - @ \t \r
  if (first !== 61 && first !== 43 && first !== 45 && first !== 64 && first !== 9 && first !== 13)
    return text;
  return NUMBERS_ONLY.test(text) ? text : `'${text}`;
}
