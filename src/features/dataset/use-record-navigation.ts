import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { MAX_WINDOW } from '../../../common/ods-api/params';
import { type PortalTarget, targetKey } from '../../api/client';
import { type GridView, type GridWindowData, gridQueries } from './grid-queries';
import { WINDOW_ROWS } from './records-plan';
import type { ListOrder, NavigateOptions, RecordSequence } from './view-props';

/**
 * Previous and next in the record panel, whichever view opened it: the table's order (the grid's
 * rank), or a list the view made (the map's records, nearest first). A permalink opened on its
 * own takes the table's order: its rank is found from the cache of loaded windows, else asked of
 * the portal (grid-queries `recordRank`).
 */
export interface RecordNavigation {
  position: { rank: number; total: number; order?: ListOrder } | null;
  onPrevious: (() => void) | null;
  onNext: (() => void) | null;
  /** A rank the grid scrolls into view (a permalink's, or previous/next). */
  revealRank: number | null;
  open: (recordId: string, sequence: RecordSequence, options?: NavigateOptions) => void;
  close: () => void;
}

const EMPTY_PLAN = { order: { kind: 'natural' as const }, total: 0, nulls: 0, cap: MAX_WINDOW };

/** The rank of a record in the grid's loaded windows, if it is there. */
function rankInCache(
  client: QueryClient,
  target: PortalTarget,
  datasetId: string,
  view: GridView | null,
  recordId: string,
): number | null {
  if (!view) return null;
  const prefix = ['dataset', 'grid-window', targetKey(target), datasetId, view.filter, view.plan];
  for (const [, data] of client.getQueriesData<GridWindowData>({ queryKey: prefix })) {
    const index = data?.records.findIndex((record) => record?.id === recordId) ?? -1;
    if (data && index !== -1) return data.start + index;
  }
  return null;
}

export function useRecordNavigation({
  target,
  datasetId,
  recordId,
  gridView,
  onOpenRecord,
  onCloseRecord,
}: {
  target: PortalTarget;
  datasetId: string;
  recordId: string | null;
  /** The table's current view, when the Table view is shown (null elsewhere or while it loads). */
  gridView: GridView | null;
  onOpenRecord: (recordId: string, options?: NavigateOptions) => void;
  onCloseRecord: () => void;
}): RecordNavigation {
  const client = useQueryClient();
  const [opened, setOpened] = useState<{ id: string; sequence: RecordSequence } | null>(null);
  const [revealRank, setRevealRank] = useState<number | null>(null);
  const [stepping, setStepping] = useState(false);
  // The sequence holds for the record it was opened with; Back or a typed URL leaves it.
  const sequence = opened && opened.id === recordId ? opened.sequence : null;

  const cachedRank =
    recordId !== null && sequence === null
      ? rankInCache(client, target, datasetId, gridView, recordId)
      : null;
  const counted = useQuery({
    ...gridQueries.recordRank(
      target,
      datasetId,
      gridView?.filter ?? { where: null },
      gridView?.plan ?? EMPTY_PLAN,
      recordId ?? '',
    ),
    enabled: recordId !== null && sequence === null && cachedRank === null && gridView !== null,
  });
  const gridRank =
    sequence?.kind === 'grid'
      ? sequence.rank
      : sequence === null
        ? (cachedRank ?? counted.data ?? null)
        : null;
  useEffect(() => {
    if (sequence === null && cachedRank === null && typeof counted.data === 'number')
      setRevealRank(counted.data);
  }, [sequence, cachedRank, counted.data]);

  const open = (id: string, next: RecordSequence, options?: NavigateOptions) => {
    setOpened({ id, sequence: next });
    if (next.kind === 'grid') setRevealRank(next.rank);
    onOpenRecord(id, options);
  };

  const stepGrid = async (rank: number, delta: -1 | 1) => {
    if (!gridView || stepping) return;
    const next = rank + delta;
    if (next < 0 || next >= gridView.plan.total) return;
    setStepping(true);
    try {
      const data = await client.ensureQueryData(
        gridQueries.gridWindow(
          target,
          datasetId,
          gridView.filter,
          gridView.plan,
          Math.floor(next / WINDOW_ROWS),
        ),
      );
      const record = data.records[next - data.start];
      if (record) open(record.id, { kind: 'grid', rank: next }, { replace: true });
    } finally {
      setStepping(false);
    }
  };

  let position: RecordNavigation['position'] = null;
  let onPrevious: (() => void) | null = null;
  let onNext: (() => void) | null = null;
  if (sequence?.kind === 'list') {
    const { ids, index, order } = sequence;
    position = { rank: index, total: ids.length, order };
    if (index > 0)
      onPrevious = () => open(ids[index - 1]!, { ...sequence, index: index - 1 }, { replace: true });
    if (index < ids.length - 1)
      onNext = () => open(ids[index + 1]!, { ...sequence, index: index + 1 }, { replace: true });
  } else if (gridRank !== null && gridView) {
    const total = gridView.plan.total;
    position = { rank: gridRank, total };
    if (gridRank > 0 && !stepping) onPrevious = () => void stepGrid(gridRank, -1);
    if (gridRank < total - 1 && !stepping) onNext = () => void stepGrid(gridRank, 1);
  }

  return {
    position,
    onPrevious,
    onNext,
    revealRank,
    open,
    close: () => {
      setOpened(null);
      onCloseRecord();
    },
  };
}
