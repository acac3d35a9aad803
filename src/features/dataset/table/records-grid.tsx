import { useTable } from '@tanstack/react-table';
import { type ReactNode, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DatasetField } from '../../../../common/ods-api/types';
import type { PortalTarget } from '../../../api/client';
import type { ViewFilter } from '../../../api/params';
import { t } from '../../../i18n/translate';
import { errorSummary } from '../../../lib/error-advice';
import type { SortSpec } from '../dataset-search-params';
import type { FormatContext } from '../field-format';
import type { GridPlanInput } from '../grid-queries';
import { ColumnMenu } from './column-menu';
import { columnClass, columnRules, pinClass, useCellClasses } from './column-styles';
import { FieldProfilePanel } from './field-profile-panel';
import { buildColumns, features, RANK_COLUMN, rankColumnWidth } from './grid-columns';
import { layoutKey, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, moveColumn } from './grid-layout';
import { HEADER_HEIGHT, ROW_HEIGHT } from './grid-metrics';
import { GridRowView, useSketching } from './grid-row';
import { HeaderCell, nextSortFor } from './header-cell';
import styles from './records-grid.module.css';
import { useActiveRow } from './use-active-row';
import { useGridLayout } from './use-grid-layout';
import { useGridWindows, useSettledWindows } from './use-grid-windows';
import { useScaledVirtualizer } from './use-scaled-virtualizer';

export { ROW_HEIGHT };

const MIN_GRID_HEIGHT = 320;

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

/**
 * The records grid: one row per record of the view, over the whole result. TanStack Table owns the
 * columns (visibility, order, sizes; grid-columns.ts, use-grid-layout.ts); TanStack Virtual draws
 * only the rows in view (use-scaled-virtualizer.ts), placed with `transform` in one scroll container
 * whose height stands for the total; rows load in windows of 100 as they come into view
 * (use-grid-windows.ts), through the plan that reaches past row 10,000.
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
  const gridRef = useRef<HTMLTableElement>(null);
  const format = useMemo<FormatContext>(() => ({ timeZone }), [timeZone]);
  const rankWidth = rankColumnWidth(plan.total);
  const columns = useMemo(() => buildColumns(fields, format, rankWidth), [fields, format, rankWidth]);
  const columnIds = useMemo(() => fields.map((f) => f.name), [fields]);
  const fieldById = useMemo(() => new Map(fields.map((f) => [f.name, f])), [fields]);
  const { layout, setLayout, reset, tableOptions } = useGridLayout(
    layoutKey(target.portal, datasetId),
    columnIds,
  );

  const total = plan.total;
  const { virtualizer, offset, shift, bodyHeight } = useScaledVirtualizer(total, scrollRef);
  const items = virtualizer.getVirtualItems();
  const firstRank = items[0]?.index ?? 0;
  const lastRank = (items.at(-1)?.index ?? -1) + 1;
  const planKey = useMemo(() => JSON.stringify([datasetId, filter, plan]), [datasetId, filter, plan]);
  const range = useSettledWindows(firstRank, lastRank, planKey);
  const windows = useGridWindows(target, datasetId, filter, plan, range);

  // `items` is new on every scroll; the rows change only with the range and the windows.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  const data = useMemo(() => items.map((item) => windows.rowAt(item.index)), [firstRank, lastRank, windows]);

  const { activeRank, activeRendered, openRow, onKeyDown, onFocus } = useActiveRow({
    total,
    firstRank,
    lastRank,
    rows: data,
    windows,
    planKey,
    revealRank,
    selectedRecordId,
    onOpenRecord,
    virtualizer,
    scrollRef,
    gridRef,
  });

  const table = useTable(
    {
      features,
      columns,
      data,
      getRowId: (row) => String(row.rank),
      ...tableOptions,
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
  const visibleIds = visibleColumns.map((column) => column.id);
  const columnsKey = visibleIds.join(',');
  const columnIndex = useMemo(
    () =>
      new Map<string, number>([[RANK_COLUMN, 0], ...columnIds.map((id, i): [string, number] => [id, i + 1])]),
    [columnIds],
  );
  const scope = `grid-${gridId.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const cellClasses = useCellClasses(columnIndex, fieldById, visibleIds);
  const rules = columnRules(
    scope,
    visibleColumns.map((column) => [columnIndex.get(column.id) ?? 0, column.getSize()]),
    styles.waiting,
  );
  const totalWidth = table.getTotalSize();
  const rows = table.getRowModel().rows;
  const sketch = useSketching(offset, virtualizer.isScrolling);

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

  // Scrolled sideways: the title columns are pinned (see .sideways in records-grid.module.css).
  const [sideways, setSideways] = useState(false);
  const dragged = useRef<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);

  return (
    <div className={styles.frame}>
      <a
        href={`#${scope}`}
        className={styles.skip}
        onClick={(event) => {
          // The grid itself takes the focus, so the arrows work at once. A plain jump to the
          // container would leave the focus before the grid, and write the id in the URL.
          event.preventDefault();
          scrollRef.current?.scrollIntoView({ block: 'nearest' });
          gridRef.current?.focus({ preventScroll: true });
        }}
      >
        {t('table.grid.skip')}
      </a>
      <div className={styles.toolbar}>
        <div className={styles.status}>{status}</div>
        <ColumnMenu
          columns={fields.map((f) => ({ id: f.name, label: f.label || f.name }))}
          layout={layout}
          onChange={(update) => setLayout(update)}
          onReset={reset}
          renderProfile={(id, onBack) => {
            const field = fields.find((f) => f.name === id);
            return field ? (
              <FieldProfilePanel
                target={target}
                datasetId={datasetId}
                field={field}
                filter={filter}
                timeZone={timeZone}
                onBack={onBack}
              />
            ) : null;
          }}
        />
      </div>
      {notice}
      <style>{rules}</style>
      <div
        ref={scrollRef}
        className={`${styles.scroller} ${stale ? styles.stale : ''} ${sideways ? styles.sideways : ''}`}
        id={scope}
        style={{ height: height ?? undefined }}
        onScroll={(event) => {
          const next = event.currentTarget.scrollLeft > 0;
          if (next !== sideways) setSideways(next);
        }}
      >
        {/* An ARIA grid over table markup: the arrow keys, Home/End and Enter work on its rows. */}
        <table
          ref={gridRef}
          id={gridId}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: see above
          role="grid"
          aria-label={t('table.grid.label')}
          aria-rowcount={total + 1}
          aria-colcount={visibleColumns.length}
          aria-busy={stale || undefined}
          aria-activedescendant={activeRendered ? `${gridId}-row-${activeRank}` : undefined}
          // The grid takes the focus and moves its active row itself (arrows, pages, Home/End, Enter).
          tabIndex={0}
          className={styles.table}
          style={{ width: totalWidth }}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
        >
          <thead className={styles.head}>
            <tr aria-rowindex={1} className={styles.headRow}>
              {headers.map((header, index) => (
                <HeaderCell
                  key={header.id}
                  header={header}
                  columnClassName={`${columnClass(columnIndex.get(header.column.id) ?? 0)} ${pinClass(index, headers.length)}`}
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
          <tbody className={styles.body} style={{ height: bodyHeight }}>
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
        {total === 0 && <p className={styles.empty}>{t('table.grid.noMatch')}</p>}
      </div>
      {windows.error ? (
        <p className={styles.windowError} role="alert">
          {t('table.grid.windowError', {
            message: errorSummary(windows.error),
          })}{' '}
          <button type="button" className={styles.linkButton} onClick={windows.refetch}>
            {t('common.tryAgain')}
          </button>
        </p>
      ) : null}
    </div>
  );
}
