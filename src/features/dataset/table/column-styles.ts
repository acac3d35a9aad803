import { useMemo } from 'react';
import type { DatasetField } from '../../../../common/ods-api/types';
import { isNumericField } from '../field-format';
import { RANK_COLUMN } from './grid-columns';
import styles from './records-grid.module.css';

/**
 * Column widths live in one small stylesheet of the grid (a class per column), not in each cell's
 * style attribute: cells without inline styles share their computed style, which keeps the style
 * work of the rows that scroll into view small, and resizing rewrites one rule, not every cell.
 */

export function columnClass(index: number): string {
  return `c${index}`;
}

/**
 * The grid's stylesheet: each visible column's width (in display order, the row numbers first), and
 * the bars of a waiting row.
 */
export function columnRules(
  scope: string,
  widths: readonly [index: number, width: number][],
  placeholderClass: string | undefined,
): string {
  const rules = widths.map(([index, width]) => `#${scope} .${columnClass(index)}{width:${width}px}`);
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

/**
 * Each column's cell class: the base, its width class, its alignment. One map for all rows, rebuilt
 * only when the columns change, so memoized rows stay as they are.
 */
export function useCellClasses(
  columnIndex: ReadonlyMap<string, number>,
  fieldById: ReadonlyMap<string, DatasetField>,
): Map<string, string> {
  return useMemo(() => {
    const classes = new Map<string, string>();
    for (const [id, index] of columnIndex) {
      const field = fieldById.get(id);
      const numeric = id === RANK_COLUMN || (field !== undefined && isNumericField(field));
      classes.set(
        id,
        [styles.cell, columnClass(index), numeric && styles.numeric, id === RANK_COLUMN && styles.rank]
          .filter(Boolean)
          .join(' '),
      );
    }
    return classes;
  }, [columnIndex, fieldById]);
}
