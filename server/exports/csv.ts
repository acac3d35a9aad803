import { cellText, type ExportColumn, guardFormula } from './columns';
import type { TextFormat } from './text-export';

/**
 * CSV as ODS writes it (ods-api.md §6): a header row of field names (labels with use_labels),
 * `;` by default, CRLF line endings, lists joined with the list separator, and a BOM only when
 * asked (v2.0's default is no BOM). Cells that a spreadsheet would run as a formula are guarded
 * (columns.ts, guardFormula).
 */

export interface CsvOptions {
  delimiter: string;
  listSeparator: string;
  quoteAll: boolean;
  withBom: boolean;
  useLabels: boolean;
}

export const CSV_DEFAULTS: CsvOptions = {
  delimiter: ';',
  listSeparator: ',',
  quoteAll: false,
  withBom: false,
  useLabels: false,
};

export function csvCell(text: string, delimiter: string, quoteAll: boolean): string {
  const guarded = guardFormula(text);
  if (
    quoteAll ||
    guarded.includes(delimiter) ||
    guarded.includes('"') ||
    guarded.includes('\n') ||
    guarded.includes('\r')
  ) {
    return `"${guarded.replaceAll('"', '""')}"`;
  }
  return guarded;
}

export function csvFormat(columns: readonly ExportColumn[], options: CsvOptions): TextFormat {
  const { delimiter, listSeparator, quoteAll } = options;
  const header = columns
    .map((column) => csvCell(options.useLabels ? column.label : column.key, delimiter, quoteAll))
    .join(delimiter);
  const count = columns.length;
  return {
    head: `${options.withBom ? '\uFEFF' : ''}${header}\r\n`,
    row(row) {
      let line = '';
      for (let k = 0; k < count; k++) {
        const column = columns[k]!;
        if (k > 0) line += delimiter;
        line += csvCell(cellText(column.value(row), column.kind, listSeparator), delimiter, quoteAll);
      }
      return `${line}\r\n`;
    },
    tail: '',
  };
}
