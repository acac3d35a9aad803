import {
  type Cell,
  type ColumnDef,
  type ColumnOrderState,
  type ColumnSizingState,
  type ColumnVisibilityState,
  columnOrderingFeature,
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  type Header,
  type Row,
  tableFeatures,
  type Updater,
  useTable,
} from '@tanstack/react-table';
import {
  elementScroll,
  observeElementOffset,
  useVirtualizer,
  type Virtualizer,
} from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, ArrowUpDown, GripVertical } from 'lucide-react';
import {
  type KeyboardEvent,
  memo,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { isNumericType, isSortable } from '../../../../common/ods-api/field-types';
import type { DatasetField } from '../../../../common/ods-api/types';
import type { PortalTarget } from '../../../api/client';
import type { ViewFilter } from '../../../api/params';
import { formatCount } from '../../../lib/format';
import type { SortSpec } from '../dataset-search-params';
import { type FormatContext, formatValue } from '../field-format';
import { FieldValue } from '../field-value';
import type { GridPlanInput } from '../grid-queries';
import { ColumnMenu } from './column-menu';
import {
  clearLayout,
  fitLayout,
  type GridLayout,
  layoutKey,
  MAX_COLUMN_WIDTH,
  MIN_COLUMN_WIDTH,
  moveColumn,
  readLayout,
  saveLayout,
} from './grid-layout';
import styles from './records-grid.module.css';
import { type GridRow, useGridWindows, useSettledWindows } from './use-grid-windows';

/** Fixed row height: the scrollbar's length is total × ROW_HEIGHT, so every row has its place. */
export const ROW_HEIGHT = 32;
const HEADER_HEIGHT = 36;
const MIN_GRID_HEIGHT = 320;
/** Rows a frame above which new rows are sketched, and below which sketching stops. */
const SKETCH_ROWS = 6;
const SLOW_ROWS = 2;
/** How long after a fast movement the sketching lasts (the scroll's end redraws rows in full). */
const SKETCH_HOLD_MS = 150;
const RANK_COLUMN = '__rank';
/**
 * Browsers cap an element's height (Chromium near 33.5 million px, Firefox near 17.9 million).
 * Past this height the scroll space is scaled: the scrollbar maps linearly onto the rows, and the
 * rows are drawn at their place relative to the viewport.
 */
const MAX_SCROLL_HEIGHT = 15_000_000;

const features = tableFeatures({
  columnVisibilityFeature,
  columnOrderingFeature,
  columnSizingFeature,
  columnResizingFeature,
});
type Features = typeof features;

export interface RecordsGridProps {
  target: PortalTarget;
  datasetId: string;
  fields: readonly DatasetField[];
  filter: ViewFilter;
  plan: GridPlanInput;
  /** The rows on screen belong to a view that is being replaced (dimmed, not interactive). */
  stale: boolean;
  sort: SortSpec | null;
  /** The order's key when the user chose none (shown faintly in its header). */
  defaultKey: { field: string; descending: boolean } | null;
  onSortChange: (sort: SortSpec | null) => void;
  timeZone: string;
  selectedRecordId: string | null;
  onOpenRecord: (recordId: string, rank: number) => void;
  /** What the bar above the grid shows on its left (the count, notes). */
  status?: ReactNode;
  /** A message above the grid (rows this portal cannot reach). */
  notice?: ReactNode;
  /** A rank to scroll into view and make active (the record panel's previous and next). */
  revealRank: number | null;
}

/** A first width from the type, widened to fit the label and its sort arrow. */
function defaultWidth(field: DatasetField): number {
  let width: number;
  if (field.annotations.multivalued) width = 190;
  else {
    switch (field.type) {
      case 'int':
      case 'double':
      case 'date':
      case 'boolean':
        width = 96;
        break;
      case 'datetime':
        width = 176;
        break;
      case 'geo_point_2d':
        width = 164;
        break;
      case 'geo_shape':
        width = 150;
        break;
      case 'file':
        width = 80;
        break;
      default:
        width = 150;
    }
  }
  const label = field.label || field.name;
  return Math.min(320, Math.max(width, Math.round(label.length * 7.8 + 58)));
}

/**
 * Column widths live in one small stylesheet of the grid (a class per column), not in each cell's
 * style attribute: cells without inline styles share their computed style, which keeps the style
 * work of the rows that scroll into view small, and resizing rewrites one rule, not every cell.
 */
function columnClass(index: number): string {
  return `c${index}`;
}

function widthRules(
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

function buildColumns(
  fields: readonly DatasetField[],
  format: FormatContext,
  rankWidth: number,
): ColumnDef<Features, GridRow>[] {
  const rank: ColumnDef<Features, GridRow> = {
    id: RANK_COLUMN,
    header: '#',
    size: rankWidth,
    enableHiding: false,
    enableResizing: false,
    cell: ({ row }) => formatCount(row.original.rank + 1),
  };
  return [
    rank,
    ...fields.map(
      (field): ColumnDef<Features, GridRow> => ({
        id: field.name,
        header: field.label || field.name,
        size: defaultWidth(field),
        minSize: MIN_COLUMN_WIDTH,
        maxSize: MAX_COLUMN_WIDTH,
        accessorFn: (row: GridRow) => (row.state === 'loaded' ? row.record.values[field.name] : undefined),
        cell: ({ row }) =>
          row.original.state === 'loaded' ? (
            <FieldValue
              value={formatValue(row.original.record.values[field.name], field, format)}
              variant="cell"
            />
          ) : null,
      }),
    ),
  ];
}

function useLayout(storageKey: string, columnIds: readonly string[]) {
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
  return { layout, setLayout, reset };
}

function apply<T>(updater: Updater<T>, previous: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(previous) : updater;
}

/**
 * The records grid: one row per record of the view, over the whole result. TanStack Table owns the
 * columns (visibility, order, sizes); TanStack Virtual draws only the rows in view, placed with
 * `transform` in one scroll container whose height stands for the total; rows load in windows of
 * 100 as they come into view (use-grid-windows.ts), through the plan that reaches past row 10,000.
 */
export function RecordsGrid({
  target,
  datasetId,
  fields,
  filter,
  plan,
  stale,
  sort,
  defaultKey,
  onSortChange,
  timeZone,
  selectedRecordId,
  onOpenRecord,
  status,
  notice,
  revealRank,
}: RecordsGridProps) {
  const gridId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const format = useMemo<FormatContext>(() => ({ timeZone }), [timeZone]);
  // The row numbers' column fits the largest one.
  const rankWidth = Math.max(52, Math.round(formatCount(plan.total).length * 7.2 + 24));
  const columns = useMemo(() => buildColumns(fields, format, rankWidth), [fields, format, rankWidth]);
  const columnIds = useMemo(() => fields.map((f) => f.name), [fields]);
  const fieldById = useMemo(() => new Map(fields.map((f) => [f.name, f])), [fields]);
  const { layout, setLayout, reset } = useLayout(layoutKey(target.portal, datasetId), columnIds);

  const columnOrder = useMemo<ColumnOrderState>(() => [RANK_COLUMN, ...layout.order], [layout.order]);
  const columnVisibility = useMemo<ColumnVisibilityState>(
    () => Object.fromEntries(layout.hidden.map((id) => [id, false])),
    [layout.hidden],
  );
  const columnSizing = layout.widths as ColumnSizingState;

  const total = plan.total;
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

  const items = virtualizer.getVirtualItems();
  const firstRank = items[0]?.index ?? 0;
  const lastRank = (items.at(-1)?.index ?? -1) + 1;
  const planKey = useMemo(() => JSON.stringify([datasetId, filter, plan]), [datasetId, filter, plan]);
  const range = useSettledWindows(firstRank, lastRank, planKey);
  const windows = useGridWindows(target, datasetId, filter, plan, range);

  // A new view starts at its top, with no row active.
  const [activeRank, setActiveRank] = useState<number | null>(null);
  const previousPlanKey = useRef(planKey);
  useEffect(() => {
    if (previousPlanKey.current === planKey) return;
    previousPlanKey.current = planKey;
    scrollRef.current?.scrollTo({ top: 0 });
    setActiveRank(null);
  }, [planKey]);

  useEffect(() => {
    if (revealRank === null || revealRank >= total) return;
    setActiveRank(revealRank);
    virtualizer.scrollToIndex(revealRank, { align: 'auto' });
  }, [revealRank, total, virtualizer]);

  // `items` is new on every scroll; the rows change only with the range and the windows.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  const data = useMemo(() => items.map((item) => windows.rowAt(item.index)), [firstRank, lastRank, windows]);

  const table = useTable(
    {
      features,
      columns,
      data,
      getRowId: (row) => String(row.rank),
      state: { columnOrder, columnVisibility, columnSizing },
      onColumnOrderChange: (updater) =>
        setLayout((previous) => ({
          ...previous,
          order: apply(updater, [RANK_COLUMN, ...previous.order]).filter((id) => id !== RANK_COLUMN),
        })),
      onColumnVisibilityChange: (updater) =>
        setLayout((previous) => {
          const next = apply(updater, Object.fromEntries(previous.hidden.map((id) => [id, false])));
          return { ...previous, hidden: Object.keys(next).filter((id) => next[id] === false) };
        }),
      onColumnSizingChange: (updater) =>
        setLayout((previous) => ({ ...previous, widths: apply(updater, previous.widths) })),
      columnResizeMode: 'onChange',
    },
    (state) => ({
      columnOrder: state.columnOrder,
      columnVisibility: state.columnVisibility,
      columnSizing: state.columnSizing,
      columnResizing: state.columnResizing,
    }),
  );

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const visibleColumns = table.getVisibleLeafColumns();
  const columnsKey = visibleColumns.map((column) => column.id).join(',');
  const columnIndex = useMemo(
    () =>
      new Map<string, number>([[RANK_COLUMN, 0], ...columnIds.map((id, i): [string, number] => [id, i + 1])]),
    [columnIds],
  );
  const scope = `grid-${gridId.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const cellClasses = useMemo(() => {
    const classes = new Map<string, string>();
    for (const [id, index] of columnIndex) {
      const field = fieldById.get(id);
      const numeric = id === RANK_COLUMN || (field !== undefined && isNumericType(field.type));
      classes.set(
        id,
        [styles.cell, columnClass(index), numeric && styles.numeric, id === RANK_COLUMN && styles.rank]
          .filter(Boolean)
          .join(' '),
      );
    }
    return classes;
  }, [columnIndex, fieldById]);
  const widths = widthRules(
    scope,
    visibleColumns.map((column) => [columnIndex.get(column.id) ?? 0, column.getSize()]),
    styles.waiting,
  );
  const totalWidth = table.getTotalSize();

  const rows = table.getRowModel().rows;
  // Scaled scroll space (see MAX_SCROLL_HEIGHT): the virtualizer places rows in the full-size
  // space; each row moves by the gap between the real scroll position and the full-size one.
  const virtualOffset = virtualizer.scrollOffset ?? 0;
  const shift = scaled ? virtualOffset / scale.current.ratio - virtualOffset : 0;

  // Faster than SKETCH_ROWS rows a frame nobody reads: rows that come into view are sketched (their
  // number and column-aligned bars, one cell) and drawn in full as soon as the scroll slows or stops.
  // Renders that are not scrolls (a window arriving) keep the mode of the last movement.
  const motion = useRef({ offset: virtualOffset, fastAt: Number.NEGATIVE_INFINITY });
  const travelled = Math.abs(virtualOffset - motion.current.offset);
  motion.current.offset = virtualOffset;
  const now = performance.now();
  if (travelled > SKETCH_ROWS * ROW_HEIGHT) motion.current.fastAt = now;
  else if (travelled > 0 && travelled < SLOW_ROWS * ROW_HEIGHT)
    motion.current.fastAt = Number.NEGATIVE_INFINITY;
  const sketch = virtualizer.isScrolling && now - motion.current.fastAt < SKETCH_HOLD_MS;

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

  const pageRows = Math.max(
    1,
    Math.floor(((scrollRef.current?.clientHeight ?? 400) - HEADER_HEIGHT) / ROW_HEIGHT) - 1,
  );
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || total === 0) return;
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

  // The grid fills the window below its top. Measured when the view or the window changes, never
  // while scrolling (reading the layout each frame would force it each frame).
  const [height, setHeight] = useState<number | null>(null);
  const [windowSize, setWindowSize] = useState(0);
  const hasNotice = Boolean(notice);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the view, the notice and the window move the grid's top.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const top = element.getBoundingClientRect().top + window.scrollY;
    setHeight(Math.max(MIN_GRID_HEIGHT, Math.round(window.innerHeight - top - 12)));
  }, [planKey, hasNotice, windowSize]);
  useEffect(() => {
    const onResize = () => setWindowSize(window.innerWidth * 100_000 + window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const dragged = useRef<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const activeRendered = activeRank !== null && activeRank >= firstRank && activeRank < lastRank;

  return (
    <div className={styles.frame}>
      <div className={styles.toolbar}>
        <div className={styles.status}>{status}</div>
        <ColumnMenu
          columns={fields.map((f) => ({ id: f.name, label: f.label || f.name }))}
          layout={layout}
          onChange={(update) => setLayout(update)}
          onReset={reset}
        />
      </div>
      {notice}
      <style>{widths}</style>
      <div
        ref={scrollRef}
        className={`${styles.scroller} ${stale ? styles.stale : ''}`}
        id={scope}
        style={{ height: height ?? undefined }}
      >
        {/* An ARIA grid over table markup: the arrow keys, Home/End and Enter work on its rows. */}
        <table
          id={gridId}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: see above
          role="grid"
          aria-label="Records"
          aria-rowcount={total + 1}
          aria-colcount={visibleColumns.length}
          aria-busy={stale || undefined}
          aria-activedescendant={activeRendered ? `${gridId}-row-${activeRank}` : undefined}
          // The grid takes the focus and moves its active row itself (arrows, pages, Home/End, Enter).
          tabIndex={0}
          className={styles.table}
          style={{ width: totalWidth }}
          onKeyDown={onKeyDown}
        >
          <thead className={styles.head}>
            <tr aria-rowindex={1} className={styles.headRow}>
              {headers.map((header, index) => (
                <HeaderCell
                  key={header.id}
                  header={header}
                  columnClassName={columnClass(columnIndex.get(header.column.id) ?? 0)}
                  index={index}
                  field={fieldById.get(header.column.id)}
                  sort={sort}
                  defaultKey={defaultKey}
                  dropTarget={dropTarget === header.column.id}
                  onSort={(field) => onSortChange(nextSortFor(sort, defaultKey, field))}
                  onDragStart={(id) => {
                    dragged.current = id;
                  }}
                  onDragOver={(id) => setDropTarget(id)}
                  onDrop={(id) => {
                    const from = dragged.current;
                    dragged.current = null;
                    setDropTarget(null);
                    if (from && from !== id)
                      setLayout((previous) => ({ ...previous, order: moveColumn(previous.order, from, id) }));
                  }}
                  onDragEnd={() => {
                    dragged.current = null;
                    setDropTarget(null);
                  }}
                  onResizeBy={(delta) =>
                    table.setColumnSizing((previous) => ({
                      ...previous,
                      [header.column.id]: Math.min(
                        MAX_COLUMN_WIDTH,
                        Math.max(MIN_COLUMN_WIDTH, header.column.getSize() + delta),
                      ),
                    }))
                  }
                />
              ))}
            </tr>
          </thead>
          <tbody className={styles.body} style={{ height: scaled ? MAX_SCROLL_HEIGHT : contentHeight }}>
            {rows.map((row, i) => {
              const item = items[i];
              if (!item) return null;
              return (
                <GridRowView
                  key={item.key}
                  row={row}
                  rowId={`${gridId}-row-${row.original.rank}`}
                  top={item.start - HEADER_HEIGHT + shift}
                  columnsKey={columnsKey}
                  active={activeRank === row.original.rank}
                  selected={row.original.state === 'loaded' && row.original.record.id === selectedRecordId}
                  classes={cellClasses}
                  sketch={sketch}
                  onOpen={openRow}
                />
              );
            })}
          </tbody>
        </table>
        {total === 0 && <p className={styles.empty}>No record matches these filters.</p>}
      </div>
      {windows.error ? (
        <p className={styles.windowError} role="alert">
          Some rows could not be loaded:{' '}
          {windows.error instanceof Error ? windows.error.message : String(windows.error)}{' '}
          <button type="button" className={styles.linkButton} onClick={windows.refetch}>
            Try again
          </button>
        </p>
      ) : null}
    </div>
  );
}

/** The sort a header click leads to: ascending, then descending, then none (the default order). */
function nextSortFor(
  sort: SortSpec | null,
  defaultKey: { field: string; descending: boolean } | null,
  field: string,
): SortSpec | null {
  // A click on the default key's header starts where the default order already is: it goes to descending.
  if (!sort && defaultKey?.field === field && !defaultKey.descending) return { field, descending: true };
  if (!sort || sort.field !== field) return { field, descending: false };
  return sort.descending ? null : { field, descending: true };
}

interface HeaderCellProps {
  header: Header<Features, GridRow, unknown>;
  /** The column's width class. */
  columnClassName: string;
  index: number;
  field: DatasetField | undefined;
  sort: SortSpec | null;
  defaultKey: { field: string; descending: boolean } | null;
  dropTarget: boolean;
  onSort: (field: string) => void;
  onDragStart: (id: string) => void;
  onDragOver: (id: string) => void;
  onDrop: (id: string) => void;
  onDragEnd: () => void;
  onResizeBy: (delta: number) => void;
}

function HeaderCell({
  header,
  columnClassName,
  index,
  field,
  sort,
  defaultKey,
  dropTarget,
  onSort,
  onDragStart,
  onDragOver,
  onDrop,
  onDragEnd,
  onResizeBy,
}: HeaderCellProps) {
  const id = header.column.id;
  const label = typeof header.column.columnDef.header === 'string' ? header.column.columnDef.header : id;
  const sortable = field ? isSortable(field) : false;
  const active = sort?.field === id ? sort : !sort && defaultKey?.field === id ? defaultKey : null;
  const ariaSort = active ? (active.descending ? 'descending' : 'ascending') : sortable ? 'none' : undefined;
  const numeric = field ? isNumericType(field.type) : id === RANK_COLUMN;
  const movable = id !== RANK_COLUMN;
  const resizeHandler = header.getResizeHandler();
  // A press on the resize handle must not start dragging the whole header (reordering).
  const onHandle = useRef(false);
  const SortIcon = active ? (active.descending ? ArrowDown : ArrowUp) : ArrowUpDown;
  return (
    <th
      scope="col"
      aria-colindex={index + 1}
      aria-sort={ariaSort}
      className={`${styles.headCell} ${columnClassName} ${numeric ? styles.numeric : ''} ${dropTarget ? styles.dropTarget : ''}`}
      title={field?.description ? `${label}: ${field.description}` : label}
      draggable={movable}
      onDragStart={(event) => {
        if (onHandle.current) {
          event.preventDefault();
          return;
        }
        if (!movable) return;
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', id);
        onDragStart(id);
      }}
      onDragOver={(event) => {
        if (!movable) return;
        event.preventDefault();
        onDragOver(id);
      }}
      onDrop={(event) => {
        event.preventDefault();
        if (movable) onDrop(id);
      }}
      onDragEnd={onDragEnd}
    >
      {movable && <GripVertical aria-hidden size={12} className={styles.grip} />}
      {sortable ? (
        <button
          type="button"
          className={styles.sortButton}
          onClick={() => onSort(id)}
          title={
            sort?.field === id
              ? sort.descending
                ? `Sorted by ${label}, descending. Click to remove the sort`
                : `Sorted by ${label}, ascending. Click to sort descending`
              : `Sort by ${label}`
          }
        >
          <span className={styles.headLabel}>{label}</span>
          <SortIcon
            aria-hidden
            size={13}
            className={
              sort?.field === id ? styles.sortIcon : active ? styles.sortIconDefault : styles.sortIconIdle
            }
          />
        </button>
      ) : (
        <span className={styles.headLabel}>{label}</span>
      )}
      {header.column.getCanResize() && (
        // A focusable splitter: dragged with the mouse or touch, moved with the arrow keys.
        // biome-ignore lint/a11y/useSemanticElements: an <hr> cannot be dragged or focused.
        <div
          role="separator"
          aria-orientation="vertical"
          aria-label={`Resize ${label}`}
          aria-valuenow={header.getSize()}
          aria-valuemin={MIN_COLUMN_WIDTH}
          aria-valuemax={MAX_COLUMN_WIDTH}
          tabIndex={0}
          className={`${styles.resizer} ${header.column.getIsResizing() ? styles.resizing : ''}`}
          onMouseDown={(event) => {
            onHandle.current = true;
            window.addEventListener('mouseup', () => (onHandle.current = false), { once: true });
            resizeHandler(event);
          }}
          onTouchStart={resizeHandler}
          onDoubleClick={() => header.column.resetSize()}
          onClick={(event) => event.stopPropagation()}
          onKeyDown={(event) => {
            if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
              event.preventDefault();
              onResizeBy((event.key === 'ArrowLeft' ? -1 : 1) * (event.shiftKey ? 40 : 10));
            }
          }}
        />
      )}
    </th>
  );
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
const GridRowView = memo(
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
              {gridRow.state === 'unreachable'
                ? 'This row cannot be reached on this portal (see above).'
                : 'Could not load this row.'}
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

export type { Virtualizer };
