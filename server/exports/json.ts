import type { ExportColumn } from './columns';
import type { TextFormat } from './text-export';

/**
 * JSON exports: a bare array of flat records (ods-api.md §6), and JSON Lines, one record per line.
 * A record is its fields keyed by name, with the values the records endpoint gives.
 */

export function recordObject(
  columns: readonly ExportColumn[],
  row: readonly unknown[],
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const column of columns) record[column.key] = column.value(row);
  return record;
}

export function jsonFormat(columns: readonly ExportColumn[]): TextFormat {
  return {
    head: '[',
    row: (row, index) => `${index === 0 ? '\n' : ',\n'}${JSON.stringify(recordObject(columns, row))}`,
    tail: '\n]\n',
  };
}

export function jsonlFormat(columns: readonly ExportColumn[]): TextFormat {
  return {
    head: '',
    row: (row) => `${JSON.stringify(recordObject(columns, row))}\n`,
    tail: '',
  };
}
