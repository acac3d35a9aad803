import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { DatasetField } from '../../common/ods-api/types';
import { createIndexes } from './dataset-indexes';
import { FileResolver } from './file-resolver';
import { type DatasetLayout, type FieldLayout, isMultivalued, vocabTableOf } from './layout';
import type { RowSource } from './source-rows';
import { quoteIdent } from './sql-ident';
import {
  isEmptyValue,
  toBoolean,
  toDate,
  toDatetime,
  toDouble,
  toGeoPoint,
  toGeoShape,
  toInt,
  toJsonBlob,
  toText,
  toTextList,
  ValueError,
} from './values';

/**
 * Building one generation of a dataset's tables (layout.ts): the records table, the side tables of
 * multivalued fields, the FTS5 table and the R*Trees, then the indexes. Table and column names are
 * generated here from the dataset id and field names (checked to be `[A-Za-z0-9_]+`), never taken
 * from a request.
 */

/** A value that does not fit its field, located in the data file. */
export class IngestError extends Error {}

const FTS_RESERVED = new Set(['rank', 'rowid']);

/** `t_<slug>_<hash>`: readable, and unique even when two ids share a slug. */
export function tableBase(datasetId: string): string {
  const slug = datasetId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  const hash = createHash('sha1').update(datasetId).digest('hex').slice(0, 8);
  return `${slug}_${hash}`;
}

export function makeLayout(
  datasetId: string,
  fields: readonly DatasetField[],
  timezone: string,
  generation: number,
): DatasetLayout {
  const table = `t_${tableBase(datasetId)}_g${generation}`;
  const ftsNames = new Set<string>();
  const fieldLayouts: FieldLayout[] = fields.map((field) => {
    const multivalued = field.type === 'text' && isMultivalued(field);
    const fullText = field.type === 'text';
    let ftsColumn: string | null = null;
    if (fullText) {
      ftsColumn = FTS_RESERVED.has(field.name.toLowerCase()) ? `f_${field.name}` : field.name;
      while (ftsNames.has(ftsColumn.toLowerCase())) ftsColumn = `f_${ftsColumn}`;
      ftsNames.add(ftsColumn.toLowerCase());
    }
    return {
      field,
      column: `c_${field.name}`,
      latColumn: field.type === 'geo_point_2d' ? `p_${field.name}_lat` : null,
      lonColumn: field.type === 'geo_point_2d' ? `p_${field.name}_lon` : null,
      valuesTable: multivalued ? `${table}__mv_${field.name}` : null,
      separator: multivalued ? (field.annotations.multivalued?.[0] ?? ',') : null,
      // A point's box is the point: its (lat, lon) covering index (dataset-indexes.ts) answers a box
      // exactly and reads no table row, which the R*Tree's list of ids could not.
      rtreeTable: field.type === 'geo_shape' ? `${table}__rt_${field.name}` : null,
      fullText,
      ftsColumn,
    };
  });
  return {
    datasetId,
    table,
    ftsTable: fieldLayouts.some((f) => f.fullText) ? `${table}__fts` : null,
    fields: fieldLayouts,
    timezone,
    generation,
  };
}

/** Every table a layout owns (the records table last, as side tables refer to its rows). */
export function layoutTables(layout: DatasetLayout): string[] {
  const tables: string[] = [];
  if (layout.ftsTable) tables.push(vocabTableOf(layout.ftsTable), layout.ftsTable);
  for (const f of layout.fields) {
    if (f.valuesTable) tables.push(f.valuesTable);
    if (f.rtreeTable) tables.push(f.rtreeTable);
  }
  tables.push(layout.table);
  return tables;
}

export function dropLayoutTables(db: Database.Database, layout: DatasetLayout): void {
  for (const table of layoutTables(layout)) db.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
}

const COLUMN_TYPES: Record<DatasetField['type'], string> = {
  text: 'TEXT',
  int: 'INTEGER',
  double: 'REAL',
  boolean: 'INTEGER',
  date: 'TEXT',
  datetime: 'INTEGER',
  geo_point_2d: 'REAL',
  geo_shape: 'TEXT',
  file: 'TEXT',
  json_blob: 'TEXT',
};

function createTables(db: Database.Database, layout: DatasetLayout): void {
  const columns = [
    'rid INTEGER PRIMARY KEY',
    'record_id TEXT NOT NULL UNIQUE',
    'record_timestamp TEXT NOT NULL',
  ];
  columns.push('record_size INTEGER NOT NULL');
  for (const f of layout.fields) {
    if (f.latColumn && f.lonColumn) {
      columns.push(`${quoteIdent(f.latColumn)} REAL`, `${quoteIdent(f.lonColumn)} REAL`);
    } else {
      columns.push(`${quoteIdent(f.column)} ${COLUMN_TYPES[f.field.type]}`);
    }
  }
  db.exec(`CREATE TABLE ${quoteIdent(layout.table)} (${columns.join(', ')})`);
  for (const f of layout.fields) {
    if (f.valuesTable)
      db.exec(`CREATE TABLE ${quoteIdent(f.valuesTable)} (rid INTEGER NOT NULL, value TEXT NOT NULL)`);
    if (f.rtreeTable) {
      db.exec(
        `CREATE VIRTUAL TABLE ${quoteIdent(f.rtreeTable)} USING rtree(id, min_lon, max_lon, min_lat, max_lat)`,
      );
    }
  }
  if (layout.ftsTable) {
    const ftsColumns = layout.fields.flatMap((f) => (f.ftsColumn ? [quoteIdent(f.ftsColumn)] : []));
    db.exec(
      `CREATE VIRTUAL TABLE ${quoteIdent(layout.ftsTable)} USING fts5(${ftsColumns.join(', ')}, content='', tokenize='unicode61 remove_diacritics 2')`,
    );
    createVocabTable(db, layout.ftsTable);
  }
}

/**
 * search() looks typos up in the FTS vocabulary. The vocabulary table is schema, made here on the
 * writer: query connections are read-only, and DDL on a connection that is streaming an export
 * fails with "connection is busy".
 */
function createVocabTable(db: Database.Database, ftsTable: string): void {
  db.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS ${quoteIdent(vocabTableOf(ftsTable))} USING fts5vocab(${quoteIdent(ftsTable)}, 'row')`,
  );
}

/** Adds the vocabulary tables a store written before they existed lacks (run once at open). */
export function ensureVocabTables(db: Database.Database, layouts: readonly DatasetLayout[]): void {
  for (const layout of layouts) if (layout.ftsTable) createVocabTable(db, layout.ftsTable);
}

/** Converts one field's raw values, binds them to the records table and feeds the side tables. */
interface FieldWriter {
  layout: FieldLayout;
  /** Canonical value from a non-empty raw value; null when nothing is left (multivalued). */
  convert(raw: unknown): unknown;
  /** The value in the record's JSON `fields` (what record_size counts and the record id hashes). */
  output(value: unknown): unknown;
  /** Column values, in the order of the records table's columns. */
  bind(value: unknown, params: unknown[], at: number): void;
  width: number;
}

function writerFor(layout: FieldLayout, timezone: string, files: FileResolver): FieldWriter {
  const field = layout.field;
  const simple = (
    convert: (raw: unknown) => unknown,
    bind: (value: unknown) => unknown = (value) => value,
    output: (value: unknown) => unknown = (value) => value,
  ): FieldWriter => ({
    layout,
    convert,
    output,
    bind: (value, params, at) => {
      params[at] = value === null ? null : bind(value);
    },
    width: 1,
  });
  switch (field.type) {
    case 'text':
      if (layout.valuesTable) {
        const separator = layout.separator ?? ',';
        return simple(
          (raw) => toTextList(raw, separator),
          (value) => JSON.stringify(value),
        );
      }
      return simple(toText);
    case 'int':
      return simple(toInt);
    case 'double':
      return simple(toDouble);
    case 'boolean':
      return simple(toBoolean, (value) => (value ? 1 : 0));
    case 'date':
      return simple(toDate);
    case 'datetime':
      return simple(
        (raw) => toDatetime(raw, timezone),
        (value) => value,
        (value) => (value === null ? null : new Date(value as number).toISOString()),
      );
    case 'geo_point_2d':
      return {
        layout,
        convert: toGeoPoint,
        output: (value) => {
          const point = value as { lat: number; lon: number } | null;
          return point === null ? null : { lon: point.lon, lat: point.lat };
        },
        bind: (value, params, at) => {
          const point = value as { lat: number; lon: number } | null;
          params[at] = point?.lat ?? null;
          params[at + 1] = point?.lon ?? null;
        },
        width: 2,
      };
    case 'geo_shape':
      return simple(
        toGeoShape,
        (value) => JSON.stringify((value as ReturnType<typeof toGeoShape>).geometry),
        (value) => (value === null ? null : (value as ReturnType<typeof toGeoShape>).geometry),
      );
    case 'file':
      return simple(
        (raw) => files.resolve(raw),
        (value) => JSON.stringify(value),
      );
    case 'json_blob':
      return simple(toJsonBlob, (value) => JSON.stringify(value));
  }
}

export interface BuildInput {
  db: Database.Database;
  layout: DatasetLayout;
  rows: RowSource;
  filesDir: string | null;
  /** record_timestamp of every row: the ingest time, ISO 8601 with milliseconds and Z. */
  timestamp: string;
}

/**
 * Creates the layout's tables and fills them from the rows. Must run inside a transaction: a value
 * that does not fit throws an IngestError and the caller's rollback leaves nothing behind.
 */
export function buildTables({ db, layout, rows, filesDir, timestamp }: BuildInput): number {
  dropLayoutTables(db, layout);
  createTables(db, layout);
  const files = new FileResolver(db, layout.datasetId, filesDir);
  const writers = layout.fields.map((f) => writerFor(f, layout.timezone, files));
  const columnNames: string[] = [];
  for (const f of layout.fields) {
    if (f.latColumn && f.lonColumn) columnNames.push(quoteIdent(f.latColumn), quoteIdent(f.lonColumn));
    else columnNames.push(quoteIdent(f.column));
  }
  const insertRecord = db.prepare(
    `INSERT INTO ${quoteIdent(layout.table)} (rid, record_id, record_timestamp, record_size${columnNames.map((c) => `, ${c}`).join('')})
     VALUES (${['?', '?', '?', '?', ...columnNames.map(() => '?')].join(', ')})
     ON CONFLICT (record_id) DO NOTHING`,
  );
  const valueInserts = layout.fields.map((f) =>
    f.valuesTable ? db.prepare(`INSERT INTO ${quoteIdent(f.valuesTable)} (rid, value) VALUES (?, ?)`) : null,
  );
  const rtreeInserts = layout.fields.map((f) =>
    f.rtreeTable
      ? db.prepare(
          `INSERT INTO ${quoteIdent(f.rtreeTable)} (id, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)`,
        )
      : null,
  );
  const ftsFields = layout.fields.map((f, i) => (f.ftsColumn ? i : -1)).filter((i) => i !== -1);
  const insertFts = layout.ftsTable
    ? db.prepare(
        `INSERT INTO ${quoteIdent(layout.ftsTable)} (rowid${ftsFields.map((i) => `, ${quoteIdent(layout.fields[i]!.ftsColumn!)}`).join('')})
         VALUES (?${ftsFields.map(() => ', ?').join('')})`,
      )
    : null;

  const fieldCount = writers.length;
  const names = layout.fields.map((f) => f.field.name);
  const values: unknown[] = new Array(fieldCount);
  const params: unknown[] = new Array(4 + columnNames.length);
  const ftsParams: unknown[] = new Array(1 + ftsFields.length);
  const idPrefix = `${layout.datasetId}\n`;
  let rid = 0;
  for (const [rowNumber, row] of rows.rows) {
    const record: Record<string, unknown> = {};
    for (let f = 0; f < fieldCount; f++) {
      const raw = rows.accessors[f]!(row);
      let value: unknown = null;
      if (!isEmptyValue(raw)) {
        try {
          value = writers[f]!.convert(raw);
        } catch (error) {
          if (error instanceof ValueError) {
            throw new IngestError(`${rows.file} row ${rowNumber}: field "${names[f]}" ${error.message}`);
          }
          throw error;
        }
      }
      values[f] = value;
      record[names[f]!] = value === null ? null : writers[f]!.output(value);
    }
    const json = JSON.stringify(record);
    rid++;
    params[0] = rid;
    params[2] = timestamp;
    params[3] = Buffer.byteLength(json);
    let at = 4;
    for (let f = 0; f < fieldCount; f++) {
      writers[f]!.bind(values[f], params, at);
      at += writers[f]!.width;
    }
    // The same row twice gets an ordinal, so each copy keeps its own id from one ingest to the next.
    for (let ordinal = 0; ; ordinal++) {
      const hash = createHash('sha1').update(idPrefix).update(json);
      if (ordinal > 0) hash.update(`\n${ordinal}`);
      params[1] = hash.digest('hex');
      if (insertRecord.run(params).changes === 1) break;
    }
    for (let f = 0; f < fieldCount; f++) {
      const value = values[f];
      if (value === null) continue;
      const valueInsert = valueInserts[f];
      if (valueInsert) {
        for (const item of new Set(value as string[])) valueInsert.run(rid, item);
      }
      const rtreeInsert = rtreeInserts[f];
      if (rtreeInsert) {
        if (writers[f]!.layout.latColumn) {
          const point = value as { lat: number; lon: number };
          rtreeInsert.run(rid, point.lon, point.lon, point.lat, point.lat);
        } else {
          const { bbox } = value as ReturnType<typeof toGeoShape>;
          rtreeInsert.run(rid, bbox.minLon, bbox.maxLon, bbox.minLat, bbox.maxLat);
        }
      }
    }
    if (insertFts) {
      let any = false;
      ftsParams[0] = rid;
      for (let k = 0; k < ftsFields.length; k++) {
        const value = values[ftsFields[k]!];
        const text = value === null ? null : Array.isArray(value) ? value.join(' ') : (value as string);
        ftsParams[k + 1] = text;
        if (text !== null) any = true;
      }
      if (any) insertFts.run(ftsParams);
    }
  }
  createIndexes(db, layout);
  return rid;
}
