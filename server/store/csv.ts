import { closeSync, openSync, readSync } from 'node:fs';

/**
 * CSV reading for portal folders (RFC 4180: quoted fields, doubled quotes, CRLF or LF, newlines
 * inside quotes). The delimiter is sniffed from the header line; a UTF-8 BOM is dropped.
 *
 * Leniency, as spreadsheets write CSV: a quote opens a quoted cell only at the start of the cell; a
 * quote in the middle of an unquoted cell is kept as text; text after a closing quote is appended.
 */

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

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Adds text; returns the rows it completed. */
  push(text: string): string[][] {
    const input = this.pending === '' ? text : this.pending + text;
    const rows: string[][] = [];
    const consumed = this.parse(input, rows, false);
    this.pending = input.slice(consumed);
    return rows;
  }

  /** Ends the input; returns the last row when the text did not end with a newline. */
  end(): string[][] {
    const rows: string[][] = [];
    if (this.pending !== '') this.parse(this.pending, rows, true);
    this.pending = '';
    return rows;
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
            if (!final) return rowStart;
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
        if (k === length && !final) return rowStart;
        cell = k > j ? value + text.slice(j, k) : value;
        i = k;
      } else {
        let k = i;
        while (k < length) {
          const code = text.charCodeAt(k);
          if (code === delimiter || code === LF || code === CR) break;
          k++;
        }
        if (k === length && !final) return rowStart;
        cell = text.slice(i, k);
        i = k;
      }
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

/**
 * Streams a CSV file synchronously (so that ingest can run inside one SQLite transaction). The file
 * must be UTF-8; an invalid byte sequence throws.
 */
export function readCsvFile(file: string, delimiter?: string): CsvFileReader {
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let first: string;
  let done = false;
  try {
    const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
    done = read === 0;
    first = decoder.decode(buffer.subarray(0, read), { stream: !done });
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const chosen = delimiter ?? sniffDelimiter(first);
  function* rows(): Generator<string[], void, undefined> {
    const parser = new CsvParser(chosen);
    try {
      yield* parser.push(first);
      first = '';
      while (!done) {
        const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
        done = read === 0;
        const text = decoder.decode(buffer.subarray(0, read), { stream: !done });
        yield* parser.push(text);
      }
      yield* parser.end();
    } finally {
      closeSync(fd);
    }
  }
  return { delimiter: chosen, rows: rows() };
}
