import type { Virtualizer } from '@tanstack/react-virtual';
import {
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { HEADER_HEIGHT, ROW_HEIGHT } from './grid-metrics';
import type { GridRow, GridWindows } from './use-grid-windows';

interface ActiveRowOptions {
  total: number;
  /** The rendered ranks: [firstRank, lastRank). */
  firstRank: number;
  lastRank: number;
  /** The rows rendered now, to find the row of a record. */
  rows: readonly GridRow[];
  windows: GridWindows;
  /** Changes with the view: a new view starts at its top, with no row active. */
  planKey: string;
  revealRank: number | null;
  selectedRecordId: string | null;
  onOpenRecord: (recordId: string, rank: number) => void;
  virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>;
  scrollRef: RefObject<HTMLDivElement | null>;
  gridRef: RefObject<HTMLTableElement | null>;
}

/**
 * The grid's active row: moved by the keys on the focused grid (arrows, pages, Home/End), opened by
 * Enter or a click, set by the record panel's previous/next, and given the focus back when the
 * record panel closes.
 */
export function useActiveRow({
  total,
  firstRank,
  lastRank,
  rows,
  windows,
  planKey,
  revealRank,
  selectedRecordId,
  onOpenRecord,
  virtualizer,
  scrollRef,
  gridRef,
}: ActiveRowOptions) {
  const [activeRank, setActiveRank] = useState<number | null>(null);
  const previousPlanKey = useRef(planKey);
  useEffect(() => {
    if (previousPlanKey.current === planKey) return;
    previousPlanKey.current = planKey;
    scrollRef.current?.scrollTo({ top: 0 });
    setActiveRank(null);
  }, [planKey, scrollRef]);

  useEffect(() => {
    if (revealRank === null || revealRank >= total) return;
    setActiveRank(revealRank);
    virtualizer.scrollToIndex(revealRank, { align: 'auto' });
  }, [revealRank, total, virtualizer]);

  // The record panel closed (Escape, its close button, the browser's back): the focus it held comes
  // back to the grid, on that record's row when it is drawn. A close that left the focus somewhere
  // else keeps it there. No scrolling: the rows stay where the user left them.
  const previousSelected = useRef(selectedRecordId);
  useEffect(() => {
    const closed = previousSelected.current;
    previousSelected.current = selectedRecordId;
    if (closed === null || selectedRecordId !== null) return;
    const focused = document.activeElement;
    if (focused && focused !== document.body) return;
    const row = rows.find((r) => r.state === 'loaded' && r.record.id === closed);
    if (row) setActiveRank(row.rank);
    gridRef.current?.focus({ preventScroll: true });
  }, [selectedRecordId, rows, gridRef]);

  const openRow = useCallback(
    (rank: number) => {
      const row = windows.rowAt(rank);
      setActiveRank(rank);
      if (row.state === 'loaded') onOpenRecord(row.record.id, rank);
    },
    [windows, onOpenRecord],
  );

  const moveActive = (rank: number) => {
    const next = Math.min(total - 1, Math.max(0, rank));
    setActiveRank(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (event.target !== event.currentTarget || total === 0) return;
    const pageRows = Math.max(
      1,
      Math.floor(((scrollRef.current?.clientHeight ?? 400) - HEADER_HEIGHT) / ROW_HEIGHT) - 1,
    );
    const current = activeRank ?? firstRank;
    let next: number | null = null;
    switch (event.key) {
      case 'ArrowDown':
        next = activeRank === null ? firstRank : current + 1;
        break;
      case 'ArrowUp':
        next = current - 1;
        break;
      case 'PageDown':
        next = current + pageRows;
        break;
      case 'PageUp':
        next = current - pageRows;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = total - 1;
        break;
      case 'Enter':
        if (activeRank === null) return;
        event.preventDefault();
        openRow(activeRank);
        return;
      default:
        return;
    }
    event.preventDefault();
    moveActive(next);
  };

  // A grid reached with Tab shows where the keys will act: its first row in view becomes active,
  // so the focus is visible from the first moment (the grid's own outline is the active row's).
  const onFocus = (event: FocusEvent<HTMLTableElement>) => {
    if (event.target === event.currentTarget && total > 0) setActiveRank((current) => current ?? firstRank);
  };

  const activeRendered = activeRank !== null && activeRank >= firstRank && activeRank < lastRank;
  return { activeRank, activeRendered, openRow, onKeyDown, onFocus };
}
