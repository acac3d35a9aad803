import Database from 'better-sqlite3';
import type { DatasetField, FieldType } from '../../common/ods-api/types';
import type { DatasetLayout, FieldLayout } from '../store/layout';
import { registerSqlFunctions } from './sql-functions';

/**
 * A dataset layout of every kind of field, and a connection with our SQL functions, for the
 * compiler's unit tests: they read the SQL it writes, so no table is needed.
 */

function fieldLayout(name: string, type: FieldType, extra: Partial<FieldLayout> = {}): FieldLayout {
  const field: DatasetField = { name, label: name, type, description: null, annotations: {} };
  return {
    field,
    column: `c_${name}`,
    latColumn: type === 'geo_point_2d' ? `c_${name}_lat` : null,
    lonColumn: type === 'geo_point_2d' ? `c_${name}_lon` : null,
    valuesTable: null,
    separator: null,
    // As the store lays them out: a shape's box in an R*Tree, a point's in its (lat, lon) columns.
    rtreeTable: type === 'geo_shape' ? `g_${name}` : null,
    fullText: type === 'text',
    ftsColumn: type === 'text' ? name : null,
    ...extra,
  };
}

export const layout: DatasetLayout = {
  datasetId: 'test',
  table: 'r_test_1',
  ftsTable: 'fts_test_1',
  timezone: 'UTC',
  generation: 1,
  fields: [
    fieldLayout('name', 'text'),
    fieldLayout('tags', 'text', { valuesTable: 'mv_test_tags_1', separator: ',' }),
    fieldLayout('population', 'int'),
    fieldLayout('born', 'date'),
    fieldLayout('seen', 'datetime'),
    fieldLayout('open', 'boolean'),
    fieldLayout('location', 'geo_point_2d'),
    fieldLayout('outline', 'geo_shape'),
  ],
};

export const db = new Database(':memory:');
registerSqlFunctions(db);
