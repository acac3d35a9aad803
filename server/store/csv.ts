import { closeSync, openSync, readSync } from 'node:fs';
import { completeLength, firstInvalidUtf8 } from './utf8';

/**
 * CSV reading for portal folders (RFC 4180: quoted fields, doubled quotes, CRLF or LF, newlines
 * inside quotes). The delimiter is sniffed from the header line; a UTF-8 BOM is dropped.
 *
 * Leniency, as spreadsheets write CSV: a quote opens a quoted cell only at the start of the cell; a
 * quote in the middle of an unquoted cell is kept as text; text after a closing quote is appended.
 *
 * Strict rules (the default for portal folders, `--lenient` lifts them) refuse what only a broken
 * file contains: a quote left open at the end of the file, a NUL character, invalid UTF-8. A cell
 * over `maxCellBytes` is refused in both modes, before it is read whole, so that one runaway cell
 * (an open quote swallowing the rest of a file) cannot take hundreds of megabytes.
 */

export interface CsvRules {
  strict: boolean;
  maxCellBytes: number;
}

/** The rules of `--max-cell` and `--lenient` when neither is given. */
export const DEFAULT_MAX_CELL_BYTES = 1 << 20;
export const STRICT_CSV: CsvRules = { strict: true, maxCellBytes: DEFAULT_MAX_CELL_BYTES };
const LENIENT_CSV: CsvRules = { strict: false, maxCellBytes: Number.POSITIVE_INFINITY };

/** A file that breaks the rules; `row` counts rows as a spreadsheet does (the header is row 1). */
export class CsvFormatError extends Error {
  constructor(
    readonly row: number,
    readonly reason: string,
  ) {
    super(`row ${row}: ${reason}`);
  }
}

function cellTooLarge(cell: string, limit: number): boolean {
  // A character is 1 to 3 UTF-8 bytes (a surrogate pair, 4 bytes, is 2 characters).
  return cell.length * 3 > limit && (cell.length > limit || Buffer.byteLength(cell) > limit);
}

function describeBytes(bytes: number): string {
  return bytes % (1 << 20) === 0 ? `${bytes / (1 << 20)} MiB` : `${bytes.toLocaleString('en-US')} bytes`;
}

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

/** The candidate that splits the header line into the most columns, outside quotes. */
export function sniffDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const header = end === -1 ? text : text.slice(0, end);
  let best: string = ',';
  let bestCount = 0;
  for (const candidate of CANDIDATE_DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const char of header) {
      if (char === '"') quoted = !quoted;
      else if (char === candidate && !quoted) count++;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * An incremental CSV parser: text goes in by pieces of any size, complete rows come out. A row cut by
 * the end of a piece waits for the next piece, so memory stays the size of one piece plus one row.
 */
export class CsvParser {
  private pending = '';
  private readonly delimiter: number;
  /** Rows completed so far, the header included. */
  rowCount = 0;
  /** Whether the text being parsed has a NUL (checked once per piece, then per cell). */
  private nul = false;

  constructor(
    delimiter: string,
    private readonly rules: CsvRules = LENIENT_CSV,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Adds text; returns the rows it completed. */
  push(text: string): string[][] {
    const input = this.pending === '' ? text : this.pending + text;
    const rows: string[][] = [];
    this.nul = this.rules.strict && input.includes('\0');
    const consumed = this.parse(input, rows, false);
    this.pending = input.slice(consumed);
    this.rowCount += rows.length;
    return rows;
  }

  /** Ends the input; returns the last row when the text did not end with a newline. */
  end(): string[][] {
    const rows: string[][] = [];
    this.nul = this.rules.strict && this.pending.includes('\0');
    if (this.pending !== '') this.parse(this.pending, rows, true);
    this.pending = '';
    this.rowCount += rows.length;
    return rows;
  }

  private fail(reason: string, rows: string[][]): never {
    throw new CsvFormatError(this.rowCount + rows.length + 1, reason);
  }

  /** A cell still open at the end of a piece: refused as soon as it is over the limit. */
  private checkOpen(length: number, rows: string[][]): void {
    if (length > this.rules.maxCellBytes) this.tooLarge(rows);
  }

  private tooLarge(rows: string[][]): never {
    return this.fail(`a cell is larger than ${describeBytes(this.rules.maxCellBytes)} (--max-cell)`, rows);
  }

  private checkCell(cell: string, rows: string[][]): void {
    if (cellTooLarge(cell, this.rules.maxCellBytes)) this.tooLarge(rows);
    if (this.nul && cell.includes('\0')) this.fail('a cell holds a NUL character', rows);
  }

  /** Parses whole rows from `text` into `rows`; returns how many characters it consumed. */
  private parse(text: string, rows: string[][], final: boolean): number {
    const delimiter = this.delimiter;
    const length = text.length;
    let rowStart = 0;
    let i = 0;
    let row: string[] = [];
    while (i < length) {
      // One cell starts at i.
      let cell: string;
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let j = i + 1;
        for (;;) {
          const close = text.indexOf('"', j);
          if (close === -1) {
            if (!final) {
              this.checkOpen(length - i, rows);
              return rowStart;
            }
            if (this.rules.strict) this.fail('a quoted cell is never closed (a quote is missing)', rows);
            // An unterminated quote at the end of the file: keep what was read.
            value += text.slice(j);
            j = length;
            break;
          }
          if (close + 1 === length && !final) return rowStart;
          value += text.slice(j, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            j = close + 2;
            continue;
          }
          j = close + 1;
          break;
        }
        // Text between the closing quote and the next delimiter is kept, as spreadsheets do.
        let k = j;
        while (k < length) {
          const code = text.charCodeAt(k);
          if (code === delimiter || code === LF || code === CR) break;
          k++;
        }
        if (k === length && !final) {
          this.checkOpen(k - i, rows);
          return rowStart;
        }
        cell = k > j ? value + text.slice(j, k) : value;
        i = k;
      } else {
        let k = i;
        while (k < length) {
          const code = text.charCodeAt(k);
          if (code === delimiter || code === LF || code === CR) break;
          k++;
        }
        if (k === length && !final) {
          this.checkOpen(k - i, rows);
          return rowStart;
        }
        cell = text.slice(i, k);
        i = k;
      }
      this.checkCell(cell, rows);
      row.push(cell);
      if (i >= length) {
        rows.push(row);
        return length;
      }
      const code = text.charCodeAt(i);
      if (code === delimiter) {
        i++;
        if (i === length) {
          if (!final) return rowStart;
          row.push('');
          rows.push(row);
          return length;
        }
        continue;
      }
      // A line break ends the row; CR LF counts as one.
      if (code === CR) {
        if (i + 1 === length && !final) return rowStart;
        i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      } else {
        i++;
      }
      rows.push(row);
      row = [];
      rowStart = i;
    }
    return rowStart;
  }
}

/** Parses a whole CSV text into rows of cells. An empty trailing line is not a row. */
export function parseCsv(input: string, delimiter = sniffDelimiter(stripBom(input))): string[][] {
  const parser = new CsvParser(delimiter);
  return [...parser.push(stripBom(input)), ...parser.end()];
}

export interface CsvFileReader {
  delimiter: string;
  /** The rows, header first, read piece by piece: the file is never held whole in memory. */
  rows: Generator<string[], void, undefined>;
}

const CHUNK_BYTES = 1 << 20;

/** A piece of the file as text; `invalid` is the byte strict rules stopped at, if any. */
interface Decoded {
  text: string;
  invalid: number | null;
}

/**
 * Streams a CSV file synchronously (so that ingest can run inside one SQLite transaction). Under
 * strict rules the file must be UTF-8: the rows before an invalid byte are read, then a
 * CsvFormatError names the row it is in; lenient rules read it as U+FFFD.
 */
export function readCsvFile(file: string, rules: CsvRules = STRICT_CSV, delimiter?: string): CsvFileReader {
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  // Pieces are cut between characters here, so each decodes alone; the BOM is dropped once, below.
  const decoder = new TextDecoder('utf-8', { fatal: rules.strict, ignoreBOM: true });
  let carry: Buffer = Buffer.alloc(0);
  let done = false;
  const readPiece = (): Decoded => {
    const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
    done = read === 0;
    const bytes =
      carry.length > 0 ? Buffer.concat([carry, buffer.subarray(0, read)]) : buffer.subarray(0, read);
    const cut = done ? bytes.length : completeLength(bytes);
    const body = bytes.subarray(0, cut);
    carry = Buffer.from(bytes.subarray(cut));
    try {
      return { text: decoder.decode(body), invalid: null };
    } catch {
      const at = firstInvalidUtf8(body);
      return { text: decoder.decode(body.subarray(0, at)), invalid: body[at]! };
    }
  };
  let first: Decoded;
  try {
    first = readPiece();
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  first.text = stripBom(first.text);
  const chosen = delimiter ?? sniffDelimiter(first.text);
  function* rows(): Generator<string[], void, undefined> {
    const parser = new CsvParser(chosen, rules);
    try {
      let piece: Decoded | null = first;
      while (piece) {
        yield* parser.push(piece.text);
        if (piece.invalid !== null) {
          const byte = piece.invalid.toString(16).toUpperCase().padStart(2, '0');
          throw new CsvFormatError(parser.rowCount + 1, `not valid UTF-8 (byte 0x${byte})`);
        }
        piece = done ? null : readPiece();
      }
      yield* parser.end();
    } finally {
      closeSync(fd);
    }
  }
  return { delimiter: chosen, rows: rows() };
}
