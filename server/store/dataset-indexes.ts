import type Database from 'better-sqlite3';
import type { DatasetField } from '../../common/ods-api/types';
import type { DatasetLayout, FieldLayout } from './layout';
import { quoteIdent } from './sql-ident';

/**
 * The indexes of a dataset's records table (layout.ts), built by dataset-tables.ts once the rows are
 * in: one per field that filters or sorts, and the grouping indexes that let grouped queries read
 * an index instead of the table.
 */

/** Whether a field gets an index: facets, sortable fields, numbers and dates (range filters, sorts). */
function isIndexed(field: DatasetField): boolean {
  return (
    field.annotations.facet !== undefined ||
    field.annotations.sortable !== undefined ||
    field.type === 'int' ||
    field.type === 'double' ||
    field.type === 'date' ||
    field.type === 'datetime'
  );
}

/** Field types a chart aggregates or filters on, copied into the grouping indexes (see below). */
const MEASURE_TYPES: ReadonlySet<DatasetField['type']> = new Set([
  'int',
  'double',
  'boolean',
  'date',
  'datetime',
]);

/** More measure columns than this make each grouping index cost nearly a copy of the table. */
const MAX_MEASURE_COLUMNS = 8;

/** Whether a field is a likely group_by key: a facet, or a date for a time axis (not multivalued). */
function isGroupKey(f: FieldLayout): boolean {
  if (f.valuesTable || f.latColumn) return false;
  return (
    (f.field.annotations.facet !== undefined && f.field.type !== 'geo_shape' && f.field.type !== 'file') ||
    f.field.type === 'date' ||
    f.field.type === 'datetime'
  );
}

/**
 * A covering index for grouped queries on a key: (key, rid, measures…). Without it, `group_by=key`
 * with `sum(measure)` walks the key's index and reads each row from the table in key order, a
 * random read per record (ARCHITECTURE.md, "Grouped queries"); with it SQLite scans this index
 * alone. rid comes second so that rows of one key are still visited in record order, as through
 * the one-column index, and floating-point sums add up in the same order.
 */
function groupingIndexSql(layout: DatasetLayout, key: FieldLayout): string | null {
  const measures = layout.fields
    .filter((f) => f !== key && !f.latColumn && MEASURE_TYPES.has(f.field.type))
    .slice(0, MAX_MEASURE_COLUMNS)
    .map((f) => quoteIdent(f.column));
  if (measures.length === 0) return null;
  const name = `${layout.table}__cx_${key.field.name}`;
  return `CREATE INDEX ${quoteIdent(name)} ON ${quoteIdent(layout.table)} (${quoteIdent(key.column)}, rid, ${measures.join(', ')})`;
}

/** Indexes are built after the rows are in: one sort per index instead of a B-tree insert per row. */
export function createIndexes(db: Database.Database, layout: DatasetLayout): void {
  for (const f of layout.fields) {
    const grouping = isGroupKey(f) ? groupingIndexSql(layout, f) : null;
    if (grouping) db.exec(grouping);
  }
  // A point field's box queries (in_bbox, the box around a distance or a geometry) are ranges of
  // its latitude with the longitude beside it, and the map's geo_cluster() groups read both: the
  // index alone answers them (ARCHITECTURE.md, "Grouped queries").
  for (const f of layout.fields) {
    if (!f.latColumn || !f.lonColumn) continue;
    db.exec(
      `CREATE INDEX ${quoteIdent(`${layout.table}__px_${f.field.name}`)} ON ${quoteIdent(layout.table)} (${quoteIdent(f.latColumn)}, ${quoteIdent(f.lonColumn)})`,
    );
  }
  for (const f of layout.fields) {
    if (f.valuesTable) {
      db.exec(
        `CREATE INDEX ${quoteIdent(`${f.valuesTable}__value`)} ON ${quoteIdent(f.valuesTable)} (value, rid)`,
      );
      db.exec(`CREATE INDEX ${quoteIdent(`${f.valuesTable}__rid`)} ON ${quoteIdent(f.valuesTable)} (rid)`);
      continue;
    }
    if (f.latColumn || !isIndexed(f.field)) continue;
    if (f.field.type === 'geo_shape' || f.field.type === 'file' || f.field.type === 'json_blob') continue;
    db.exec(
      `CREATE INDEX ${quoteIdent(`${layout.table}__ix_${f.field.name}`)} ON ${quoteIdent(layout.table)} (${quoteIdent(f.column)})`,
    );
  }
}
