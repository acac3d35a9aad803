import type {
  ColumnOrderState,
  ColumnSizingState,
  ColumnVisibilityState,
  Updater,
} from '@tanstack/react-table';
import { useCallback, useMemo, useState } from 'react';
import { RANK_COLUMN } from './grid-columns';
import { clearLayout, fitLayout, type GridLayout, readLayout, saveLayout } from './grid-layout';

function apply<T>(updater: Updater<T>, previous: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(previous) : updater;
}

/**
 * The grid's column layout, kept per portal and dataset (grid-layout.ts), as the table's state:
 * every change the table makes (order, visibility, sizes) goes through `setLayout`, which saves it.
 */
export function useGridLayout(storageKey: string, columnIds: readonly string[]) {
  const [layout, setLayoutState] = useState<GridLayout>(() => fitLayout(readLayout(storageKey), columnIds));
  const [loadedFor, setLoadedFor] = useState({ storageKey, columnIds });
  if (loadedFor.storageKey !== storageKey || loadedFor.columnIds !== columnIds) {
    // Another dataset or schema: its own saved layout.
    setLoadedFor({ storageKey, columnIds });
    setLayoutState(fitLayout(readLayout(storageKey), columnIds));
  }
  const setLayout = useCallback(
    (update: (previous: GridLayout) => GridLayout) =>
      setLayoutState((previous) => {
        const next = update(previous);
        saveLayout(storageKey, next);
        return next;
      }),
    [storageKey],
  );
  const reset = useCallback(() => {
    clearLayout(storageKey);
    setLayoutState(fitLayout(null, columnIds));
  }, [storageKey, columnIds]);

  const columnOrder = useMemo<ColumnOrderState>(() => [RANK_COLUMN, ...layout.order], [layout.order]);
  const columnVisibility = useMemo<ColumnVisibilityState>(
    () => Object.fromEntries(layout.hidden.map((id) => [id, false])),
    [layout.hidden],
  );
  const columnSizing = layout.widths as ColumnSizingState;

  const tableOptions = {
    state: { columnOrder, columnVisibility, columnSizing },
    onColumnOrderChange: (updater: Updater<ColumnOrderState>) =>
      setLayout((previous) => ({
        ...previous,
        order: apply(updater, [RANK_COLUMN, ...previous.order]).filter((id) => id !== RANK_COLUMN),
      })),
    onColumnVisibilityChange: (updater: Updater<ColumnVisibilityState>) =>
      setLayout((previous) => {
        const next = apply(updater, Object.fromEntries(previous.hidden.map((id) => [id, false])));
        return { ...previous, hidden: Object.keys(next).filter((id) => next[id] === false) };
      }),
    onColumnSizingChange: (updater: Updater<ColumnSizingState>) =>
      setLayout((previous) => ({ ...previous, widths: apply(updater, previous.widths) })),
  };
  return { layout, setLayout, reset, tableOptions };
}
