import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { cellText, type ExportColumn, guardFormula } from './columns';
import { type ExportSink, forEachRow, type RowQuery } from './stream';

/**
 * XLSX through exceljs's streaming WorkbookWriter: rows are committed as they are read and the zip
 * comes out of a PassThrough that feeds the response. exceljs does not pass backpressure on, so
 * the producer watches both ends, the deflater's input and the PassThrough, and waits while either
 * lags.
 *
 * Cells: numbers and booleans keep their type; everything else is text as in CSV (dates and
 * datetimes as ISO text, which keeps years before 1900 and time zone offsets that Excel's date
 * cells cannot hold). Text goes through the formula guard, and is cut at 32,767 characters, the
 * most an Excel cell holds (Excel declares a longer cell a corrupt file).
 */

export interface XlsxOptions {
  sheetName: string;
  useLabels: boolean;
  listSeparator: string;
}

export const XLSX_MAX_CELL = 32_767;

/** Bytes of finished zip output allowed to wait for the client before rows stop being added. */
const MAX_PENDING = 1 << 20;

function fitCell(text: string): string {
  if (text.length <= XLSX_MAX_CELL) return guardFormula(text);
  let cut = XLSX_MAX_CELL;
  // Never split a surrogate pair.
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return guardFormula(text.slice(0, cut));
}

/** A worksheet name: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetNameOf(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'records';
}

export function xlsxCell(value: unknown, column: ExportColumn, listSeparator: string): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' && column.kind !== 'json_blob') return value;
  return fitCell(cellText(value, column.kind, listSeparator));
}

/** A stream's buffered bytes, whether it is Node's or the `readable-stream` copy archiver uses. */
interface StreamState {
  writableLength?: unknown;
  readableLength?: unknown;
  _writableState?: { length?: unknown };
  _readableState?: { length?: unknown };
}

function buffered(stream: StreamState): number | null {
  const writable = stream.writableLength ?? stream._writableState?.length;
  const readable = stream.readableLength ?? stream._readableState?.length;
  if (typeof writable !== 'number' || typeof readable !== 'number') return null;
  return writable + readable;
}

/**
 * Bytes of sheet XML that exceljs handed towards the zip and that wait to be compressed, or null
 * when exceljs is not built as this expects. exceljs passes no backpressure from the sheet's buffer
 * to the archiver: when deflating is slower than writing rows, the XML piles up in between
 * (hundreds of MB for a million rows). This reads exceljs 4.4's internals: the worksheet's StreamBuf
 * keeps in `pipes` the stream archiver reads it through, which buffers what deflate has not taken.
 */
export function pendingDeflate(sheet: ExcelJS.Worksheet): number | null {
  const pipes = (sheet as unknown as { stream?: { pipes?: StreamState[] } }).stream?.pipes;
  if (!Array.isArray(pipes) || pipes.length === 0) return null;
  let pending = 0;
  for (const pipe of pipes) {
    const bytes = buffered(pipe);
    if (bytes === null) return null;
    pending += bytes;
  }
  return pending;
}

export function xlsxProducer(
  query: RowQuery,
  columns: readonly ExportColumn[],
  options: XlsxOptions,
): (sink: ExportSink) => Promise<void> {
  return async (sink) => {
    const pass = new PassThrough();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: pass,
      useStyles: false,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet(sheetNameOf(options.sheetName));
    sheet.addRow(columns.map((c) => fitCell(options.useLabels ? c.label : c.key))).commit();

    let pump: Promise<void> | null = null;
    // The zip starts flowing after the first batch, so a query failing at once still gets a JSON error.
    const startPump = () => {
      pump ??= (async () => {
        for await (const chunk of pass) await sink.write(chunk as Buffer);
      })();
      pump.catch(() => {});
      return pump;
    };
    let finished = false;
    try {
      await forEachRow(
        query,
        sink,
        (row) => {
          sheet.addRow(columns.map((c) => xlsxCell(c.value(row), c, options.listSeparator))).commit();
          return false;
        },
        async () => {
          startPump();
          // Wait for the deflater (its input) and for the client (the zip it made).
          while (
            !sink.cancelled &&
            (pass.readableLength > MAX_PENDING || (pendingDeflate(sheet) ?? 0) > MAX_PENDING)
          ) {
            await sleep(2);
          }
        },
      );
      sheet.commit();
      // If the client goes away during the commit, the pump fails and this stops waiting on it.
      await Promise.all([workbook.commit(), startPump()]);
      finished = true;
    } finally {
      if (!finished) {
        // The archiver behind the workbook writes into `pass`; stop both.
        (workbook as unknown as { zip?: { abort?: () => void } }).zip?.abort?.();
        pass.destroy();
      }
    }
  };
}
