import { createHash } from 'node:crypto';
import { cellText, type ExportColumn, isDateKind, numberText } from './columns';
import { nameColumn } from './ov2';
import type { TextFormat } from './text-export';

/**
 * iCalendar (RFC 5545): one VEVENT per record that has a start. DTSTART is the selection's first
 * date or datetime field and DTEND the next field of the same type when there is one (a date end is inclusive in
 * the data and exclusive in iCalendar, so it moves one day later; an end before the start is left
 * out). Datetimes are written in UTC, which needs no VTIMEZONE. SUMMARY is the `name`/`title` or
 * first text field, DESCRIPTION lists every other field (start and end too, to the millisecond) as "Label: value" lines, GEO comes from a
 * geo point. Text is escaped (\\ ; , and newlines) and lines are folded at 75 octets, CRLF.
 */

export interface IcalOptions {
  /** Names the calendar (X-WR-CALNAME) and is the summary when there is no text field. */
  title: string;
  /** The portal's host: UIDs are `<record id>@<host>`. */
  host: string;
  /** The raw row's record id position, or null for grouped rows (their UID is a hash). */
  idAt: number | null;
  now?: Date;
}

export function escapeText(text: string): string {
  return text.replace(/\r\n|[\\;,\n\r]/g, (c) =>
    c === '\r\n' || c === '\n' || c === '\r' ? '\\n' : `\\${c}`,
  );
}

/** A content line folded so no line exceeds 75 octets, never inside a UTF-8 character; CRLF ends. */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line) <= 75) return `${line}\r\n`;
  const out: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const char of line) {
    const bytes = Buffer.byteLength(char);
    if (size + bytes > limit) {
      out.push(current);
      current = '';
      size = 0;
      // A continuation line starts with a space, which counts in its 75 octets.
      limit = 74;
    }
    current += char;
    size += bytes;
  }
  out.push(current);
  return `${out.join('\r\n ')}\r\n`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function utcStamp(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

type Moment = { kind: 'date'; date: string } | { kind: 'datetime'; ms: number };

function momentOf(value: unknown, column: ExportColumn): Moment | null {
  if (typeof value !== 'string') return null;
  if (column.kind === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? { kind: 'date', date: value } : null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : { kind: 'datetime', ms };
}

function momentLine(name: string, moment: Moment): string {
  return moment.kind === 'date'
    ? `${name};VALUE=DATE:${moment.date.replaceAll('-', '')}`
    : `${name}:${utcStamp(moment.ms)}`;
}

export function icalFormat(columns: readonly ExportColumn[], options: IcalOptions): TextFormat {
  const start = columns.find((column) => isDateKind(column.kind))!;
  // DTEND has DTSTART's value type (RFC 5545 §3.8.2.2): a date ends a date, a datetime a datetime.
  const end = columns.find((column) => column !== start && column.kind === start.kind);
  const summary = nameColumn(columns);
  const geo = columns.find((column) => column.kind === 'geo_point_2d');
  // The start too: iCalendar times stop at the second, and are in UTC here; the text keeps it all.
  const described = columns.filter((column) => column !== summary);
  const stamp = utcStamp((options.now ?? new Date()).getTime());
  return {
    head: [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//ODS Explorer//Embedded portal//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      `X-WR-CALNAME:${escapeText(options.title)}`,
    ]
      .map(foldLine)
      .join(''),
    row(row) {
      const begin = momentOf(start.value(row), start);
      if (!begin) return '';
      const id =
        options.idAt === null
          ? createHash('sha1').update(JSON.stringify(row)).digest('hex')
          : String(row[options.idAt]);
      const lines = ['BEGIN:VEVENT', `UID:${escapeText(`${id}@${options.host}`)}`, `DTSTAMP:${stamp}`];
      lines.push(momentLine('DTSTART', begin));
      const finish = end ? momentOf(end.value(row), end) : null;
      if (finish?.kind === 'date' && begin.kind === 'date' && finish.date >= begin.date) {
        lines.push(momentLine('DTEND', { kind: 'date', date: dayAfter(finish.date) }));
      } else if (finish?.kind === 'datetime' && begin.kind === 'datetime' && finish.ms > begin.ms) {
        lines.push(momentLine('DTEND', finish));
      }
      const title = summary ? cellText(summary.value(row), summary.kind, ', ') : '';
      lines.push(`SUMMARY:${escapeText(title || options.title)}`);
      const description = described
        .map((column) => {
          const value = column.value(row);
          return value === null ? null : `${column.label}: ${cellText(value, column.kind, ', ')}`;
        })
        .filter((line): line is string => line !== null)
        .join('\n');
      if (description) lines.push(`DESCRIPTION:${escapeText(description)}`);
      const point = geo?.value(row) as { lat: number; lon: number } | null | undefined;
      if (point) lines.push(`GEO:${numberText(point.lat)};${numberText(point.lon)}`);
      lines.push('END:VEVENT');
      return lines.map(foldLine).join('');
    },
    tail: foldLine('END:VCALENDAR'),
  };
}
