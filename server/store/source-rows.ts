import { readFileSync } from 'node:fs';
import type { DatasetField } from '../../common/ods-api/types';
import { CsvFormatError, type CsvRules, readCsvFile, STRICT_CSV } from './csv';
import { type FieldSource, type InferredSchema, inferCsvSchema, inferGeoJsonSchema } from './infer-schema';
import { displayPath } from './portal-folder';

/**
 * The rows of a data file (data.csv, data.json, data.geojson, or a bare file), with one accessor per
 * field that picks the field's raw value out of a row. CSV rows stream; JSON files are parsed whole.
 */

/** A data file that cannot be read as a whole (bad JSON, a declared column missing, …). */
export class SourceError extends Error {}

export interface RowSource {
  /** The data file, as log lines show it. */
  file: string;
  /** The raw value of field i in a row. */
  accessors: ((row: unknown) => unknown)[];
  /**
   * [row number, row]. CSV rows are numbered as a spreadsheet shows them (the header is row 1);
   * JSON records and GeoJSON features from 1.
   */
  rows: Iterable<[number, unknown]>;
  /** Releases the file (a CSV reader holds it open while streaming); safe to call twice. */
  close(): void;
}

type Format = 'csv' | 'json' | 'geojson';

function formatOf(file: string): Format {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.geojson$/i.test(file)) return 'geojson';
  return 'json';
}

function parseJsonFile(file: string): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch {
    throw new SourceError(`${displayPath(file)}: not valid UTF-8`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SourceError(`${displayPath(file)}: invalid JSON (${(error as Error).message})`);
  }
}

function features(file: string, parsed: unknown): unknown[] {
  if (Array.isArray(parsed)) return parsed;
  const collection = parsed as { type?: unknown; features?: unknown } | null;
  if (collection && collection.type === 'FeatureCollection' && Array.isArray(collection.features)) {
    return collection.features;
  }
  throw new SourceError(`${displayPath(file)}: expected a GeoJSON FeatureCollection`);
}

function jsonRecords(file: string, parsed: unknown): unknown[] {
  if (!Array.isArray(parsed)) throw new SourceError(`${displayPath(file)}: expected a JSON array of objects`);
  return parsed;
}

function* numbered<T>(items: readonly T[], file: string, what: string): Generator<[number, unknown]> {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      throw new SourceError(`${displayPath(file)} row ${i + 1}: expected ${what}`);
    }
    yield [i + 1, item];
  }
}

/** A broken CSV file's error, as one line naming the file, the row and the reason. */
function csvGuard<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof CsvFormatError) throw new SourceError(`${displayPath(file)} ${error.message}`);
    throw error;
  }
}

function closingOnError<T>(close: () => void, make: () => T): T {
  try {
    return make();
  } catch (error) {
    close();
    throw error;
  }
}

/**
 * Rows of a CSV file after its header, skipping blank lines. Strict rules refuse a row whose cells
 * do not match the header one for one: a cell too many or too few means a delimiter or a quote is
 * wrong, and the values would land in the wrong fields.
 */
function* csvRows(
  file: string,
  header: readonly string[],
  rows: Iterator<string[]>,
  rules: CsvRules,
): Generator<[number, unknown]> {
  let rowNumber = 1;
  try {
    for (;;) {
      const next = csvGuard(file, () => rows.next());
      if (next.done) return;
      rowNumber++;
      const row = next.value;
      if (row.length === 1 && row[0] === '') continue;
      if (rules.strict && row.length !== header.length) {
        throw new SourceError(
          `${displayPath(file)} row ${rowNumber}: ${row.length} cells, but the header has ${header.length} columns`,
        );
      }
      yield [rowNumber, row];
    }
  } finally {
    // Stopped early (a bad value): let the file reader close its descriptor.
    rows.return?.();
  }
}

function csvHeader(file: string, rules: CsvRules): { header: string[]; rows: Iterator<string[]> } {
  const reader = csvGuard(file, () => readCsvFile(file, rules));
  const rows = reader.rows[Symbol.iterator]();
  const first = csvGuard(file, () => rows.next());
  if (first.done) throw new SourceError(`${displayPath(file)}: empty file, expected a header row`);
  return { header: first.value.map((name) => name.trim()), rows };
}

function* cellsOf(rows: Iterable<[number, unknown]>): Generator<string[]> {
  for (const [, row] of rows) yield row as string[];
}

/** The column of a declared field: its name, else its label, exactly then ignoring case. */
function findColumn(header: string[], field: DatasetField): number {
  const candidates = [field.name, field.label];
  for (const candidate of candidates) {
    const exact = header.indexOf(candidate);
    if (exact !== -1) return exact;
  }
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const loose = header.findIndex((name) => name.toLowerCase() === lower);
    if (loose !== -1) return loose;
  }
  return -1;
}

function csvAccessor(header: string[], file: string, field: DatasetField, source: FieldSource) {
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index === -1) throw new SourceError(`${displayPath(file)}: no column "${name}" in the header`);
    return index;
  };
  if (source.kind === 'lat-lon') {
    const lat = column(source.lat);
    const lon = column(source.lon);
    return (row: unknown) => {
      const cells = row as string[];
      const latText = cells[lat]?.trim() ?? '';
      const lonText = cells[lon]?.trim() ?? '';
      if (latText === '' && lonText === '') return null;
      return `${latText}, ${lonText}`;
    };
  }
  const index =
    source.kind === 'key' && source.key !== field.name ? column(source.key) : findColumn(header, field);
  if (index === -1) {
    throw new SourceError(`${displayPath(file)}: field "${field.name}" has no column in the header`);
  }
  return (row: unknown) => (row as string[])[index];
}

/**
 * A JSON record's value is its property; a GeoJSON feature's is in `properties`, except for the field
 * that takes the geometry.
 */
function objectAccessor(field: DatasetField, source: FieldSource | undefined, geometryField: string | null) {
  if (source?.kind === 'geometry' || (source === undefined && field.name === geometryField)) {
    return (row: unknown) => (row as { geometry?: unknown }).geometry ?? null;
  }
  const key = source?.kind === 'key' ? source.key : field.name;
  return (row: unknown) => (row as Record<string, unknown>)[key];
}

function featureAccessor(field: DatasetField, source: FieldSource | undefined, geometryField: string | null) {
  const read = objectAccessor(field, source, geometryField);
  if (source?.kind === 'geometry' || (source === undefined && field.name === geometryField)) return read;
  return (row: unknown) => {
    const properties = (row as { properties?: unknown }).properties;
    return properties && typeof properties === 'object' ? read(properties) : undefined;
  };
}

/** The first geo field takes a GeoJSON feature's geometry. */
function geometryFieldOf(fields: readonly DatasetField[]): string | null {
  return fields.find((f) => f.type === 'geo_shape' || f.type === 'geo_point_2d')?.name ?? null;
}

/** Opens a data file with a declared schema. */
export function openDeclaredRows(
  file: string,
  fields: readonly DatasetField[],
  rules: CsvRules = STRICT_CSV,
): RowSource {
  const format = formatOf(file);
  const shown = displayPath(file);
  if (format === 'csv') {
    const { header, rows } = csvHeader(file, rules);
    const close = () => void rows.return?.();
    const accessors = closingOnError(close, () =>
      fields.map((field) => csvAccessor(header, file, field, { kind: 'key', key: field.name })),
    );
    return { file: shown, accessors, rows: csvRows(file, header, rows, rules), close };
  }
  const parsed = parseJsonFile(file);
  if (format === 'geojson') {
    const geometryField = geometryFieldOf(fields);
    const accessors = fields.map((field) => featureAccessor(field, undefined, geometryField));
    return {
      file: shown,
      accessors,
      rows: numbered(features(file, parsed), file, 'a GeoJSON Feature'),
      close: () => {},
    };
  }
  const accessors = fields.map((field) => objectAccessor(field, undefined, null));
  return {
    file: shown,
    accessors,
    rows: numbered(jsonRecords(file, parsed), file, 'an object'),
    close: () => {},
  };
}

/** Infers a data file's schema, then opens it (a CSV file is read twice, streaming both times). */
export function openInferredRows(
  file: string,
  rules: CsvRules = STRICT_CSV,
): { schema: InferredSchema; rows: RowSource } {
  const format = formatOf(file);
  const shown = displayPath(file);
  if (format === 'csv') {
    const first = csvHeader(file, rules);
    // The first pass checks every rule too, so a broken file stops before its schema is guessed.
    const checked = csvRows(file, first.header, first.rows, rules);
    const schema = closingOnError(
      () => void checked.return(undefined),
      () => inferCsvSchema(first.header, cellsOf(checked)),
    );
    const { header, rows } = csvHeader(file, rules);
    const close = () => void rows.return?.();
    const accessors = closingOnError(close, () =>
      schema.fields.map((field) => csvAccessor(header, file, field, schema.sources.get(field.name)!)),
    );
    return { schema, rows: { file: shown, accessors, rows: csvRows(file, header, rows, rules), close } };
  }
  const parsed = parseJsonFile(file);
  if (format === 'geojson') {
    const items = features(file, parsed);
    const schema = inferGeoJsonSchema(items);
    const accessors = schema.fields.map((field) =>
      featureAccessor(field, schema.sources.get(field.name), null),
    );
    return {
      schema,
      rows: { file: shown, accessors, rows: numbered(items, file, 'a GeoJSON Feature'), close: () => {} },
    };
  }
  const items = jsonRecords(file, parsed);
  const schema = inferGeoJsonSchema(items.map((properties) => ({ properties })));
  const accessors = schema.fields.map((field) => objectAccessor(field, schema.sources.get(field.name), null));
  return {
    schema,
    rows: { file: shown, accessors, rows: numbered(items, file, 'an object'), close: () => {} },
  };
}
