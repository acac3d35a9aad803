import { numberText } from './columns';

/**
 * dBASE III tables (.dbf), the attribute half of a shapefile. Field names are at most 10 ASCII
 * characters and unique; text is UTF-8 (the archive's .cpg says so) and at most 254 bytes, the
 * format's limit for a character field. Widths are measured on the data, so nothing numeric is cut.
 */

export type DbfType = 'C' | 'N' | 'L' | 'D';

export interface DbfField {
  name: string;
  type: DbfType;
}

/** A cell: text (C), a number (N), a boolean (L), 'YYYY-MM-DD' (D), or null. */
export type DbfValue = string | number | boolean | null;

export const DBF_MAX_TEXT_BYTES = 254;

/** Field names as dBASE allows them: ASCII letters, digits and `_`, 10 at most, unique. */
export function dbfFieldNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 10) || 'field';
    let candidate = base;
    for (let n = 1; taken.has(candidate.toUpperCase()); n++) {
      const suffix = `_${n}`;
      candidate = `${base.slice(0, 10 - suffix.length)}${suffix}`;
    }
    taken.add(candidate.toUpperCase());
    return candidate;
  });
}

/** UTF-8 bytes of a text cut to `max` bytes without splitting a character. */
export function utf8Cut(text: string, max: number): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return bytes;
  let end = max;
  // Step back over continuation bytes (10xxxxxx) to the start of the character cut in two.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

function decimalsOf(text: string): number {
  if (/e/i.test(text)) return 0;
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}

interface Column {
  field: DbfField;
  length: number;
  decimals: number;
  cells: (Buffer | null)[];
}

export function dbfFile(
  fields: readonly DbfField[],
  rows: readonly (readonly DbfValue[])[],
  now = new Date(),
): Buffer {
  const columns: Column[] = fields.map((field, k) => {
    let length = field.type === 'L' ? 1 : field.type === 'D' ? 8 : 1;
    let decimals = 0;
    const cells = rows.map((row) => {
      const value = row[k] ?? null;
      if (value === null) return null;
      switch (field.type) {
        case 'N': {
          const text = numberText(value as number);
          length = Math.max(length, text.length);
          decimals = Math.max(decimals, decimalsOf(text));
          return Buffer.from(text, 'latin1');
        }
        case 'L':
          return Buffer.from(value ? 'T' : 'F', 'latin1');
        case 'D':
          return Buffer.from(String(value).replaceAll('-', '').padStart(8, '0').slice(0, 8), 'latin1');
        default: {
          const bytes = utf8Cut(String(value), DBF_MAX_TEXT_BYTES);
          length = Math.max(length, bytes.length);
          return bytes;
        }
      }
    });
    return { field, length: Math.min(length, 254), decimals: Math.min(decimals, 15), cells };
  });

  const headerLength = 32 + 32 * columns.length + 1;
  const recordLength = 1 + columns.reduce((sum, c) => sum + c.length, 0);
  const file = Buffer.alloc(headerLength + recordLength * rows.length + 1, 0x20);
  file.fill(0, 0, headerLength);
  file.writeUInt8(0x03, 0);
  file.writeUInt8(now.getUTCFullYear() - 1900, 1);
  file.writeUInt8(now.getUTCMonth() + 1, 2);
  file.writeUInt8(now.getUTCDate(), 3);
  file.writeUInt32LE(rows.length, 4);
  file.writeUInt16LE(headerLength, 8);
  file.writeUInt16LE(recordLength, 10);
  columns.forEach((column, k) => {
    const at = 32 + 32 * k;
    file.write(column.field.name, at, 10, 'latin1');
    file.write(column.field.type, at + 11, 1, 'latin1');
    file.writeUInt8(column.length, at + 16);
    file.writeUInt8(column.field.type === 'N' ? column.decimals : 0, at + 17);
  });
  file.writeUInt8(0x0d, headerLength - 1);

  for (let r = 0; r < rows.length; r++) {
    let at = headerLength + r * recordLength + 1; // after the deletion flag, a space
    for (const column of columns) {
      const cell = column.cells[r];
      if (cell === null || cell === undefined) {
        if (column.field.type === 'L') file.write('?', at, 1, 'latin1');
      } else if (column.field.type === 'N') {
        // Numbers are right-aligned in their field.
        cell.copy(file, at + column.length - cell.length);
      } else {
        cell.copy(file, at);
      }
      at += column.length;
    }
  }
  file.writeUInt8(0x1a, file.length - 1);
  return file;
}
