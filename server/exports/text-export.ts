import { type ExportSink, forEachBatch, type RowQuery } from './stream';

/**
 * Text formats (CSV, JSON, JSON Lines, GeoJSON, KML, GPX, iCalendar) are a head, one piece of text
 * per row, and a tail. Each batch of rows becomes one chunk; the head travels with the first batch,
 * so a query that fails on its first rows still gets a JSON error instead of a broken file.
 */
export interface TextFormat {
  readonly head: string;
  /** The text of one raw SQL row; `index` counts the rows written before it (JSON needs commas). */
  row(row: readonly unknown[], index: number): string;
  readonly tail: string;
}

export async function writeText(sink: ExportSink, query: RowQuery, format: TextFormat): Promise<void> {
  let head = format.head;
  let index = 0;
  await forEachBatch(query, sink, async (rows) => {
    const parts: string[] = [head];
    head = '';
    for (const row of rows) {
      const text = format.row(row, index);
      if (text !== '') {
        parts.push(text);
        index++;
      }
    }
    await sink.write(parts.join(''));
  });
  await sink.write(head + format.tail);
}
