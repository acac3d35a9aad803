import { useMemo } from 'react';
import { isNumericType } from '../../../../common/ods-api/field-types';
import type { DatasetField } from '../../../../common/ods-api/types';
import { RANK_COLUMN } from './grid-columns';
import styles from './records-grid.module.css';

/**
 * Column widths live in one small stylesheet of the grid (a class per column), not in each cell's
 * style attribute: cells without inline styles share their computed style, which keeps the style
 * work of the rows that scroll into view small, and resizing rewrites one rule, not every cell.
 */

/** The title columns, pinned while the grid scrolls sideways: the row number and the first field. */
export const PINNED_COLUMNS = 2;

export function columnClass(index: number): string {
  return `c${index}`;
}

/**
 * The grid's stylesheet: each visible column's width (in display order, the row numbers first), the
 * pinned columns' left offsets, and the bars of a waiting row.
 */
export function columnRules(
  scope: string,
  widths: readonly [index: number, width: number][],
  placeholderClass: string | undefined,
): string {
  let left = 0;
  const rules = widths.map(([index, width], place) => {
    // A variable, used only while the grid is scrolled sideways: the head cells are positioned
    // (their resize handles), and a plain `left` would shift them all the time.
    const pin = place < PINNED_COLUMNS ? `;--pin-left:${left}px` : '';
    left += width;
    return `#${scope} .${columnClass(index)}{width:${width}px${pin}}`;
  });
  // A waiting row is one cell after its number; its bars line up with the columns, drawn as
  // backgrounds (one element per row instead of one per cell, for the rows a jump brings at once).
  const bars = widths.slice(1);
  let x = 0;
  const images: string[] = [];
  const positions: string[] = [];
  const sizes: string[] = [];
  for (const [, width] of bars) {
    images.push('linear-gradient(var(--skeleton),var(--skeleton))');
    positions.push(`${x + 8}px 50%`);
    sizes.push(`${Math.max(0, Math.round((width - 16) * 0.7))}px 10px`);
    x += width;
  }
  if (placeholderClass && images.length) {
    rules.push(
      `#${scope} .${placeholderClass}{background-image:${images.join(',')};background-position:${positions.join(',')};background-size:${sizes.join(',')};background-repeat:no-repeat}`,
    );
  }
  return rules.join('\n');
}

/** The class of the cells of a pinned column ('' for the others); the last pinned one has the edge. */
export function pinClass(place: number, visibleCount: number): string {
  if (place >= PINNED_COLUMNS) return '';
  const last = place === Math.min(PINNED_COLUMNS, visibleCount) - 1;
  return [styles.pinned, last && styles.pinEdge].filter(Boolean).join(' ');
}

/**
 * Each column's cell class: the base, its width class, its alignment, and its pin. One map for all
 * rows, rebuilt only when the columns or the pinned ones change, so memoized rows stay as they are.
 */
export function useCellClasses(
  columnIndex: ReadonlyMap<string, number>,
  fieldById: ReadonlyMap<string, DatasetField>,
  visibleIds: readonly string[],
): Map<string, string> {
  const pinnedKey = visibleIds.slice(0, PINNED_COLUMNS).join(',');
  const visibleCount = visibleIds.length;
  return useMemo(() => {
    const pinned = pinnedKey.split(',');
    const classes = new Map<string, string>();
    for (const [id, index] of columnIndex) {
      const field = fieldById.get(id);
      const numeric = id === RANK_COLUMN || (field !== undefined && isNumericType(field.type));
      const place = pinned.indexOf(id);
      classes.set(
        id,
        [
          styles.cell,
          columnClass(index),
          numeric && styles.numeric,
          id === RANK_COLUMN && styles.rank,
          place !== -1 && pinClass(place, visibleCount),
        ]
          .filter(Boolean)
          .join(' '),
      );
    }
    return classes;
  }, [columnIndex, fieldById, pinnedKey, visibleCount]);
}
