import { queryOptions } from '@tanstack/react-query';
import { type PortalTarget, targetKey } from '../../../api/client';
import { type ExportFormat, exportSize } from '../../../api/exports';
import type { ExportParams } from '../../../api/params';
import { datasetQueries } from '../dataset-queries';

/** Rows in the sample an export's size is estimated from. */
export const SAMPLE_ROWS = 200;

export interface SizeSample {
  /** Bytes of the file without rows (header, document frame). */
  head: number;
  /** Bytes of the file with the first `rows` rows. */
  sample: number;
  rows: number;
}

/**
 * The Export view's own query: the size of a sample of an export, from which the whole file's size
 * is estimated. Beside `datasetQueries` because it is not an endpoint's answer but two exports
 * measured; keys start like the endpoints' so `['dataset']` still invalidates it.
 */
export const exportQueries = {
  sizeSample: (
    target: PortalTarget,
    datasetId: string,
    format: ExportFormat,
    params: ExportParams,
    count: number,
  ) =>
    queryOptions({
      queryKey: [
        ...datasetQueries.all(),
        'export-size-sample',
        targetKey(target),
        datasetId,
        format,
        params,
        count,
      ] as const,
      queryFn: async ({ signal }): Promise<SizeSample> => {
        const rows = Math.min(SAMPLE_ROWS, count);
        const [head, sample] = await Promise.all([
          exportSize(target, datasetId, format, { ...params, limit: 0 }, { signal }),
          exportSize(target, datasetId, format, { ...params, limit: rows }, { signal }),
        ]);
        return { head, sample, rows };
      },
      staleTime: 5 * 60_000,
    }),
};

/** The whole file's size from a sample: the frame once, the rows scaled to `count`. */
export function estimateSize({ head, sample, rows }: SizeSample, count: number): number {
  if (rows === 0) return head;
  return Math.round(head + ((sample - head) / rows) * count);
}
