import type { Virtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { HEADER_HEIGHT, ROW_HEIGHT } from './grid-metrics';
import type { GridWindows } from './use-grid-windows';

interface ActiveRowOptions {
  total: number;
  /** The rendered ranks: [firstRank, lastRank). */
  firstRank: number;
  lastRank: number;
  windows: GridWindows;
  /** Changes with the view: a new view starts at its top, with no row active. */
  planKey: string;
  revealRank: number | null;
  onOpenRecord: (recordId: string, rank: number) => void;
  virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>;
  scrollRef: RefObject<HTMLDivElement | null>;
}

/**
 * The grid's active row: moved by the keys on the focused grid (arrows, pages, Home/End), opened by
 * Enter or a click, set by the record panel's previous/next.
 */
export function useActiveRow({
  total,
  firstRank,
  lastRank,
  windows,
  planKey,
  revealRank,
  onOpenRecord,
  virtualizer,
  scrollRef,
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

  const activeRendered = activeRank !== null && activeRank >= firstRank && activeRank < lastRank;
  return { activeRank, activeRendered, openRow, onKeyDown };
}
