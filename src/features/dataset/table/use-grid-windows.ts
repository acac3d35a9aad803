import { useQueries } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { PortalTarget } from '../../../api/client';
import type { OdsRecord } from '../../../api/model';
import type { ViewFilter } from '../../../api/params';
import { type GridPlanInput, type GridWindowData, gridQueries } from '../grid-queries';
import { WINDOW_ROWS } from '../records-plan';

/**
 * Which windows of 100 rows the grid loads, and the rows they hold. Windows follow the visible
 * range, but a fast drag does not load every window it crosses: a range far from the last one
 * loaded waits until the scroll settles (SETTLE_MS without a new range). A window that leaves the
 * range loses its observer, and TanStack Query cancels its request (the fetchers take `signal`).
 */

const SETTLE_MS = 120;

export type GridRow =
  | { rank: number; state: 'loaded'; record: OdsRecord }
  | { rank: number; state: 'loading' | 'unreachable' | 'error' };

interface WindowRange {
  first: number;
  last: number;
}

function windowRange(start: number, end: number): WindowRange {
  return { first: Math.floor(start / WINDOW_ROWS), last: Math.floor(Math.max(start, end - 1) / WINDOW_ROWS) };
}

/** The windows to load: the visible ones at once when the scroll moves gently, after a pause when it jumps. */
export function useSettledWindows(start: number, end: number, resetKey: string): WindowRange {
  const wanted = windowRange(start, end);
  const [settled, setSettled] = useState<WindowRange & { key: string }>({ ...wanted, key: resetKey });
  const { first, last } = wanted;
  useEffect(() => {
    if (settled.key === resetKey && settled.first === first && settled.last === last) return;
    const near = settled.key === resetKey && first <= settled.last + 1 && last >= settled.first - 1;
    if (near || settled.key !== resetKey) {
      setSettled({ first, last, key: resetKey });
      return;
    }
    const timer = setTimeout(() => setSettled({ first, last, key: resetKey }), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [first, last, resetKey, settled]);
  return settled.key === resetKey ? settled : wanted;
}

export interface GridWindows {
  rowAt: (rank: number) => GridRow;
  /** Changes whenever a window arrives, fails or goes; rows built from `rowAt` follow it. */
  version: string;
  error: unknown;
  refetch: () => void;
}

const rowsCache = new WeakMap<GridWindowData, GridRow[]>();

function rowsOf(data: GridWindowData): GridRow[] {
  let rows = rowsCache.get(data);
  if (!rows) {
    const unreachable = new Set<number>();
    for (const span of data.unreachable) for (let i = 0; i < span.count; i++) unreachable.add(span.start + i);
    rows = data.records.map((record, i): GridRow => {
      const rank = data.start + i;
      if (record) return { rank, state: 'loaded', record };
      return { rank, state: unreachable.has(rank) ? 'unreachable' : 'loading' };
    });
    rowsCache.set(data, rows);
  }
  return rows;
}

export function useGridWindows(
  target: PortalTarget,
  datasetId: string,
  filter: ViewFilter,
  plan: GridPlanInput,
  range: WindowRange,
): GridWindows {
  // One window more on each side: rows scrolling into view are usually loaded before they show,
  // so they are drawn once, not as a placeholder and then again.
  const indexes = useMemo(() => {
    const list: number[] = [];
    const lastWindow = Math.max(0, Math.ceil(plan.total / WINDOW_ROWS) - 1);
    for (let i = Math.max(0, range.first - 1); i <= Math.min(range.last + 1, lastWindow); i++) list.push(i);
    return list;
  }, [range.first, range.last, plan.total]);

  const results = useQueries({
    queries:
      plan.total === 0
        ? []
        : indexes.map((index) => gridQueries.gridWindow(target, datasetId, filter, plan, index)),
    combine: (queries) => {
      const windows = new Map<number, { data: GridWindowData | undefined; error: unknown }>();
      const parts: string[] = [];
      queries.forEach((query, i) => {
        const index = indexes[i]!;
        windows.set(index, { data: query.data, error: query.error });
        parts.push(`${index}:${query.data ? 'd' : query.error ? 'e' : 'p'}${query.dataUpdatedAt}`);
      });
      return {
        windows,
        version: parts.join(','),
        refetch: () => {
          for (const query of queries) if (query.error) void query.refetch();
        },
      };
    },
  });

  // Placeholder rows keep their identity while they wait, so memoized rows do not redraw.
  const placeholders = useMemo(() => new Map<number, GridRow>(), []);
  const { windows, version, refetch } = results;
  // `version` stands for `windows` and `refetch`: it changes exactly when a window's state does.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  return useMemo(() => {
    const placeholder = (rank: number, state: 'loading' | 'error'): GridRow => {
      const key = state === 'error' ? -rank - 1 : rank;
      let row = placeholders.get(key);
      if (!row) {
        row = { rank, state };
        placeholders.set(key, row);
      }
      return row;
    };
    let error: unknown = null;
    for (const window of windows.values()) if (window.error) error = window.error;
    return {
      version,
      error,
      refetch,
      rowAt: (rank: number) => {
        const window = windows.get(Math.floor(rank / WINDOW_ROWS));
        if (window?.data)
          return rowsOf(window.data)[rank - window.data.start] ?? placeholder(rank, 'loading');
        return placeholder(rank, window?.error ? 'error' : 'loading');
      },
    };
  }, [version, placeholders]);
}
