import { cellText, type ExportColumn } from './columns';
import { centroidOf, geometryOf } from './geometry';
import { type ExportSink, forEachRow, type RowQuery } from './stream';

/**
 * TomTom POI files (.ov2): one "simple POI" record (type 2) per record with a position:
 * type byte 2, the record's length, longitude and latitude × 100,000 as little-endian int32, then
 * the name, UTF-8, zero-terminated. A shape is placed at its centroid; a record without a
 * geometry has no place in the file and is left out. The name is the field called `name` or
 * `title` when the selection has one, else its first text field.
 */

export function nameColumn(columns: readonly ExportColumn[]): ExportColumn | undefined {
  const texts = columns.filter((column) => column.kind === 'text');
  return texts.find((c) => /^(name|title)$/i.test(c.key)) ?? texts[0];
}

export function ov2Record(lon: number, lat: number, name: string): Buffer {
  const text = Buffer.from(name.replaceAll('\0', ''), 'utf8');
  const record = Buffer.alloc(13 + text.length + 1);
  record.writeUInt8(2, 0);
  record.writeInt32LE(record.length, 1);
  record.writeInt32LE(Math.round(lon * 100_000), 5);
  record.writeInt32LE(Math.round(lat * 100_000), 9);
  text.copy(record, 13);
  return record;
}

export function ov2Producer(
  query: RowQuery,
  columns: readonly ExportColumn[],
  geo: ExportColumn,
): (sink: ExportSink) => Promise<void> {
  const name = nameColumn(columns);
  return async (sink) => {
    let records: Buffer[] = [];
    await forEachRow(
      query,
      sink,
      (row) => {
        const geometry = geometryOf(geo.value(row), geo.kind);
        const position = geometry ? centroidOf(geometry) : null;
        if (!position) return false;
        const label = name ? cellText(name.value(row), name.kind, ', ') : '';
        records.push(ov2Record(position[0], position[1], label));
        return false;
      },
      async () => {
        if (records.length === 0) return;
        const chunk = Buffer.concat(records);
        records = [];
        await sink.write(chunk);
      },
    );
  };
}
