import { t } from '../../../i18n/translate';
import type { ChartData } from './chart-data';

/**
 * The numbers a chart draws as a table: a header and one row per bucket (a point of a scatter, the
 * totals of a KPI). The "Show as table" view and the CSV download are both this, so the file holds
 * exactly what was shown.
 */
export interface ChartTable {
  header: string[];
  rows: (string | number | null)[][];
}

export function chartTable(data: ChartData, xLabel: string, yLabel?: string): ChartTable {
  if (data.kind === 'kpi') {
    return {
      header: [t('analyze.table.measure'), t('analyze.table.value')],
      rows: data.series.map((s) => [s.name, s.values[0] ?? null]),
    };
  }
  if (data.kind === 'scatter') {
    return { header: [xLabel, yLabel ?? 'y'], rows: data.points.map(([x, y]) => [x, y]) };
  }
  return {
    header: [xLabel, ...data.series.map((s) => s.name)],
    rows: data.buckets.map((bucket, k) => [bucket.label, ...data.series.map((s) => s.values[k] ?? null)]),
  };
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(table: ChartTable): string {
  return `${[table.header, ...table.rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
