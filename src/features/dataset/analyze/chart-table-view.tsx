import { Download, Table2 } from 'lucide-react';
import { useState } from 'react';
import { saveFile } from '../../../api/download';
import { Button } from '../../../components/button';
import { formatPrecise } from '../../../i18n/format';
import { t } from '../../../i18n/translate';
import styles from './analyze-view.module.css';
import { chartTable, toCsv } from './chart-csv';
import type { ChartData } from './chart-data';

export interface ChartTableViewProps {
  data: ChartData;
  xLabel: string;
  yLabel: string | undefined;
  /** The CSV file's name, without extension. */
  name: string;
}

const format = (value: string | number | null) =>
  value === null ? '–' : typeof value === 'number' ? formatPrecise(value) : value;

/** "Show as table": the very numbers charted, in a real table, and the same as a CSV file. */
export function ChartTableView({ data, xLabel, yLabel, name }: ChartTableViewProps) {
  const [open, setOpen] = useState(false);
  const table = chartTable(data, xLabel, yLabel);
  return (
    <>
      <Button size="small" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Table2 aria-hidden size={14} />
        {open ? t('analyze.table.hide') : t('analyze.table.show')}
      </Button>
      <Button
        size="small"
        onClick={() =>
          saveFile({
            blob: new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }),
            filename: `${name}.csv`,
          })
        }
      >
        <Download aria-hidden size={14} />
        {t('analyze.table.download')}
      </Button>
      {open && (
        <div className={styles.tableWrap}>
          <table className={styles.table} aria-label={t('analyze.table.label')}>
            <thead>
              <tr>
                {table.header.map((cell) => (
                  <th key={cell} scope="col">
                    {cell}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, k) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are the chart's buckets, in order.
                <tr key={k}>
                  {row.map((cell, j) =>
                    j === 0 ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells are columns, in order.
                      <th key={j} scope="row">
                        {format(cell)}
                      </th>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells are columns, in order.
                      <td key={j}>{format(cell)}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
