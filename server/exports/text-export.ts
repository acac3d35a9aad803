import { ChunkBuilder, type ExportSink, forEachRow, type RowQuery } from './stream';

/**
 * Text formats (CSV, JSON, JSON Lines, GeoJSON, KML, GPX, iCalendar) are a head, one piece of text
 * per row, and a tail. Rows are encoded as they are read and handed on batch by batch; the head
 * travels with the first batch, so a query that fails on its first rows still gets a JSON error
 * instead of a broken file.
 */
export interface TextFormat {
  readonly head: string;
  /** The text of one raw SQL row; `index` counts the rows written before it (JSON needs commas). */
  row(row: readonly unknown[], index: number): string;
  readonly tail: string;
}

/** Gathered text handed on before the batch ends, so rows of big shapes never pile up. */
const FLUSH_BYTES = 1 << 20;

export async function writeText(sink: ExportSink, query: RowQuery, format: TextFormat): Promise<void> {
  const out = new ChunkBuilder();
  out.add(format.head);
  let index = 0;
  await forEachRow(
    query,
    sink,
    (row) => {
      const text = format.row(row, index);
      if (text === '') return false;
      out.add(text);
      index++;
      return out.pending > FLUSH_BYTES;
    },
    () => out.flush(sink),
  );
  out.add(format.tail);
  await out.flush(sink);
}
