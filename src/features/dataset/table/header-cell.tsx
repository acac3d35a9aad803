import type { Header } from '@tanstack/react-table';
import { ArrowDown, ArrowUp, ArrowUpDown, GripVertical } from 'lucide-react';
import { useRef } from 'react';
import { isNumericType, isSortable } from '../../../../common/ods-api/field-types';
import type { DatasetField } from '../../../../common/ods-api/types';
import { t } from '../../../i18n/translate';
import type { SortSpec } from '../dataset-search-params';
import { type Features, RANK_COLUMN } from './grid-columns';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from './grid-layout';
import styles from './records-grid.module.css';
import type { GridRow } from './use-grid-windows';

/** The sort a header click leads to: ascending, then descending, then none (the default order). */
export function nextSortFor(
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
  /** The column's classes from the grid's stylesheet (its width, its pin). */
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

export function HeaderCell({
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
      title={
        field?.description ? t('table.header.described', { label, description: field.description }) : label
      }
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
                ? t('table.header.sortedDescending', { label })
                : t('table.header.sortedAscending', { label })
              : t('table.header.sortBy', { label })
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
          aria-label={t('table.header.resize', { label })}
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
