import type { Cell, Row } from '@tanstack/react-table';
import { memo, useRef } from 'react';
import { t } from '../../../i18n/translate';
import { type Features, RANK_COLUMN } from './grid-columns';
import { ROW_HEIGHT } from './grid-metrics';
import styles from './records-grid.module.css';
import type { GridRow } from './use-grid-windows';

/** Rows a frame above which new rows are sketched, and below which sketching stops. */
const SKETCH_ROWS = 6;
const SLOW_ROWS = 2;
/** How long after a fast movement the sketching lasts (the scroll's end redraws rows in full). */
const SKETCH_HOLD_MS = 150;

/**
 * Faster than SKETCH_ROWS rows a frame nobody reads: rows that come into view are sketched (their
 * number and column-aligned bars, one cell) and drawn in full as soon as the scroll slows or stops.
 * Renders that are not scrolls (a window arriving) keep the mode of the last movement.
 */
export function useSketching(offset: number, isScrolling: boolean): boolean {
  const motion = useRef({ offset, fastAt: Number.NEGATIVE_INFINITY });
  const travelled = Math.abs(offset - motion.current.offset);
  motion.current.offset = offset;
  const now = performance.now();
  if (travelled > SKETCH_ROWS * ROW_HEIGHT) motion.current.fastAt = now;
  else if (travelled > 0 && travelled < SLOW_ROWS * ROW_HEIGHT)
    motion.current.fastAt = Number.NEGATIVE_INFINITY;
  return isScrolling && now - motion.current.fastAt < SKETCH_HOLD_MS;
}

interface GridRowViewProps {
  row: Row<Features, GridRow>;
  rowId: string;
  top: number;
  columnsKey: string;
  active: boolean;
  selected: boolean;
  /** Each column's cell class (its width, its alignment). */
  classes: Map<string, string>;
  /** Draw a loaded row as its number and bars (the grid is scrolling too fast to read). */
  sketch: boolean;
  onOpen: (rank: number) => void;
}

/** One row; it renders again only when its record, its place, its columns or its highlight change. */
export const GridRowView = memo(
  function GridRowView({ row, rowId, top, active, selected, classes, sketch, onOpen }: GridRowViewProps) {
    const gridRow = row.original;
    const cells = row.getVisibleCells();
    return (
      // Rows are chosen with the grid's own keys (arrows and Enter on the focused grid), or a click.
      <tr
        id={rowId}
        aria-rowindex={gridRow.rank + 2}
        aria-selected={selected || undefined}
        aria-busy={gridRow.state === 'loading' || undefined}
        className={`${styles.row} ${gridRow.rank % 2 ? styles.odd : ''} ${active ? styles.active : ''} ${selected ? styles.selected : ''} ${gridRow.state === 'loaded' ? '' : styles.pending}`}
        style={{ transform: `translateY(${top}px)` }}
        onClick={() => onOpen(gridRow.rank)}
      >
        {gridRow.state === 'loading' || sketch ? (
          <>
            <GridCellView cell={cells[0]!} classes={classes} />
            <td className={styles.waiting} colSpan={cells.length - 1} />
          </>
        ) : gridRow.state === 'unreachable' || gridRow.state === 'error' ? (
          <>
            <GridCellView cell={cells[0]!} classes={classes} />
            <td className={styles.message} colSpan={cells.length - 1}>
              {gridRow.state === 'unreachable' ? t('table.row.unreachable') : t('table.row.failed')}
            </td>
          </>
        ) : (
          cells.map((cell) => <GridCellView key={cell.id} cell={cell} classes={classes} />)
        )}
      </tr>
    );
  },
  (previous, next) =>
    previous.row.original === next.row.original &&
    previous.top === next.top &&
    previous.columnsKey === next.columnsKey &&
    previous.active === next.active &&
    previous.selected === next.selected &&
    previous.classes === next.classes &&
    // A row drawn in full stays so while the grid sketches; a sketched one is drawn when it stops.
    !(previous.sketch && !next.sketch) &&
    previous.onOpen === next.onOpen,
);

/** The whole value on hover: the raw text of a long or numeric value (the cell may cut it). */
function cellTitle(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' && value.length > 12) return value;
  if (Array.isArray(value) && value.length) return value.join(', ');
  return undefined;
}

function GridCellView({
  cell,
  classes,
}: {
  cell: Cell<Features, GridRow, unknown>;
  classes: Map<string, string>;
}) {
  const id = cell.column.id;
  const isRank = id === RANK_COLUMN;
  const loaded = cell.row.original.state === 'loaded' || isRank;
  const render = cell.column.columnDef.cell;
  const base = classes.get(id) ?? styles.cell;
  return (
    <td
      className={loaded ? base : `${base} ${styles.placeholder}`}
      title={loaded && !isRank ? cellTitle(cell.getValue()) : undefined}
    >
      {loaded && typeof render === 'function' ? render(cell.getContext()) : null}
    </td>
  );
}
