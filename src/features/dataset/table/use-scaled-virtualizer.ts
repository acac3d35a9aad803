import { elementScroll, observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import { type RefObject, useCallback, useRef } from 'react';
import { HEADER_HEIGHT, ROW_HEIGHT } from './grid-metrics';

/**
 * Browsers cap an element's height (Chromium near 33.5 million px, Firefox near 17.9 million).
 * Past this height the scroll space is scaled: the scrollbar maps linearly onto the rows, and the
 * rows are drawn at their place relative to the viewport.
 */
export const MAX_SCROLL_HEIGHT = 15_000_000;

/**
 * TanStack Virtual over `total` rows of ROW_HEIGHT in the scroll container, in a scroll space that
 * is scaled down past MAX_SCROLL_HEIGHT. The virtualizer always works in the full-size space: the
 * offset it observes is the real one times the ratio, and the offsets it scrolls to are divided by it.
 */
export function useScaledVirtualizer(total: number, scrollRef: RefObject<HTMLDivElement | null>) {
  const contentHeight = total * ROW_HEIGHT;
  const scaled = contentHeight > MAX_SCROLL_HEIGHT;
  const scale = useRef({ scaled, ratio: 1 });
  scale.current.scaled = scaled;
  const ratioFor = useCallback(
    (element: HTMLElement) => {
      const viewport = Math.max(0, element.clientHeight - HEADER_HEIGHT);
      return (contentHeight - viewport) / Math.max(1, MAX_SCROLL_HEIGHT - viewport);
    },
    [contentHeight],
  );

  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    observeElementOffset: (instance, callback) =>
      observeElementOffset(instance, (offset, isScrolling) => {
        const element = instance.scrollElement;
        if (!scale.current.scaled || !element) return callback(offset, isScrolling);
        scale.current.ratio = ratioFor(element);
        callback(offset * scale.current.ratio, isScrolling);
      }),
    scrollToFn: (offset, options, instance) => {
      const element = instance.scrollElement;
      const real = scale.current.scaled && element ? offset / ratioFor(element) : offset;
      elementScroll(real, options, instance);
    },
  });

  // The virtualizer places rows in the full-size space; each row moves by the gap between the real
  // scroll position and the full-size one.
  const offset = virtualizer.scrollOffset ?? 0;
  const shift = scaled ? offset / scale.current.ratio - offset : 0;
  return {
    virtualizer,
    /** The full-size scroll offset (the rows' space). */
    offset,
    /** Added to a row's place to draw it in the scaled space (0 when not scaled). */
    shift,
    bodyHeight: scaled ? MAX_SCROLL_HEIGHT : contentHeight,
  };
}
