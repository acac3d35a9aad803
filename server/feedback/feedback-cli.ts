import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { csvCell } from '../exports/csv';
import { defaultDbFor } from '../serve';
import { type FeedbackEntry, readFeedback } from './feedback-store';

/**
 * `npm run portal -- feedback [dataset_id] [--since DATE] [--json | --csv] [--data DIR] [--db FILE]`: the portal
 * owner reads what visitors sent. It opens the portal's SQLite file read-only and ingests nothing,
 * so it works while the portal runs. A table by default; JSON or CSV (formula-guarded, since the
 * text comes from anonymous visitors and the CSV is meant for a spreadsheet) for tools. The table
 * shows a correction as `field: old → new`, the old value being the record's when it was sent.
 */

export const FEEDBACK_USAGE = `       portal feedback [dataset_id] [--since DATE] [--json | --csv] [--data DIR] [--db FILE]
  prints the feedback visitors sent (all datasets, or one), oldest first; --since takes
  YYYY-MM-DD (UTC midnight) or an ISO 8601 date and time`;

/** A mistake in the command line (answered with the usage text), as opposed to a missing file. */
export class FeedbackUsageError extends Error {}

const COLUMNS = [
  'id',
  'created_at',
  'dataset_id',
  'record_id',
  'comment',
  'new_values',
  'old_values',
  'user_agent',
] as const;

/** What the table shows in place of the two JSON columns. */
const TABLE_COLUMNS = ['id', 'created_at', 'dataset_id', 'record_id', 'comment', 'changes'] as const;

const json = (value: Record<string, unknown> | null) => (value === null ? '' : JSON.stringify(value));

/** `name: "old" → "new"; …`, values as JSON so that text, numbers and null read apart. */
export function changesText(entry: FeedbackEntry): string {
  if (entry.newValues === null) return '';
  return Object.entries(entry.newValues)
    .map(([name, value]) => {
      const old =
        entry.oldValues && name in entry.oldValues ? JSON.stringify(entry.oldValues[name]) : '(not recorded)';
      return `${name}: ${old} → ${JSON.stringify(value)}`;
    })
    .join('; ');
}

type Column = (typeof COLUMNS)[number] | (typeof TABLE_COLUMNS)[number];

function cells(entry: FeedbackEntry): Record<Column, string> {
  return {
    id: String(entry.id),
    created_at: entry.createdAt,
    dataset_id: entry.datasetId,
    record_id: entry.recordId ?? '',
    comment: entry.comment,
    new_values: json(entry.newValues),
    old_values: json(entry.oldValues),
    changes: changesText(entry),
    user_agent: entry.userAgent ?? '',
  };
}

export function feedbackCsv(entries: readonly FeedbackEntry[]): string {
  const lines = [COLUMNS.join(',')];
  for (const entry of entries) {
    const row = cells(entry);
    lines.push(COLUMNS.map((column) => csvCell(row[column], ',', false)).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function feedbackTable(entries: readonly FeedbackEntry[]): string {
  if (entries.length === 0) return 'No feedback yet.\n';
  const shown = TABLE_COLUMNS;
  // One entry per line: line breaks inside a comment would break the table's rows.
  const rows = entries.map((entry) => {
    const row = cells(entry);
    return shown.map((column) => row[column].replace(/\s+/g, ' ').trim());
  });
  const widths = shown.map((column, k) => Math.max(column.length, ...rows.map((row) => row[k]!.length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, k) => (k === values.length - 1 ? value : value.padEnd(widths[k]!)))
      .join('  ')
      .trimEnd();
  return `${[line(shown), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

/** A day (`2026-12-01`, from UTC midnight) or an instant with its offset (`2026-12-01T09:30:00+01:00`). */
export function parseSince(text: string): Date {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
  const time = day || instant ? Date.parse(day ? `${text}T00:00:00Z` : text) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new FeedbackUsageError(
      `--since takes a date (2026-12-01) or a date and time with its offset (2026-12-01T09:30:00Z), not ${JSON.stringify(text)}`,
    );
  }
  return new Date(time);
}

export function feedbackCommand(
  argv: string[],
  write: (text: string) => void = (t) => process.stdout.write(t),
): void {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean' },
      since: { type: 'string' },
      csv: { type: 'boolean' },
      data: { type: 'string' },
      db: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 1) throw new FeedbackUsageError('feedback takes at most one dataset id');
  if (values.json && values.csv) throw new FeedbackUsageError('choose one of --json and --csv');
  const since = values.since === undefined ? undefined : parseSince(values.since);
  const file = values.db ?? defaultDbFor(values.data);
  if (!existsSync(file))
    throw new Error(`no portal database at ${file} (start the portal once, or pass --db)`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  let entries: FeedbackEntry[];
  try {
    entries = readFeedback(db, { datasetId: positionals[0], since });
  } finally {
    db.close();
  }
  if (values.json) write(`${JSON.stringify(entries, null, 2)}\n`);
  else if (values.csv) write(feedbackCsv(entries));
  else write(feedbackTable(entries));
}
