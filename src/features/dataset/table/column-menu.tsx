import { ChartNoAxesColumn, ChevronLeft, ChevronRight, Columns3, RotateCcw } from 'lucide-react';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../../components/button';
import { t } from '../../../i18n/translate';
import styles from './column-menu.module.css';
import { type GridLayout, shiftColumn } from './grid-layout';

export interface ColumnMenuProps {
  columns: readonly { id: string; label: string }[];
  layout: GridLayout;
  onChange: (update: (previous: GridLayout) => GridLayout) => void;
  onReset: () => void;
  /** "Profile this field": the panel for a column, which replaces the list until it goes back. */
  renderProfile?: (id: string, onBack: () => void) => ReactNode;
}

/** Show, hide and reorder the grid's columns (headers can also be dragged and resized). */
export function ColumnMenu({ columns, layout, onChange, onReset, renderProfile }: ColumnMenuProps) {
  const [open, setOpen] = useState(false);
  const [profiled, setProfiled] = useState<string | null>(null);
  const panelId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const labels = new Map(columns.map((c) => [c.id, c.label]));
  const hiddenCount = layout.hidden.length;

  // Closes on a click outside and on Escape.
  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  return (
    <div ref={wrapper} className={styles.columnMenu}>
      <Button size="small" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        <Columns3 aria-hidden size={14} />
        {hiddenCount > 0
          ? t('table.columns.buttonShown', { shown: columns.length - hiddenCount, total: columns.length })
          : t('table.columns.button')}
      </Button>
      {open && profiled !== null && renderProfile && (
        <div id={panelId} className={styles.columnPanel}>
          {renderProfile(profiled, () => setProfiled(null))}
        </div>
      )}
      {open && (profiled === null || !renderProfile) && (
        <section id={panelId} className={styles.columnPanel} aria-label={t('table.columns.label')}>
          <ul className={styles.columnList}>
            {layout.order.map((id, index) => {
              const label = labels.get(id) ?? id;
              const hidden = layout.hidden.includes(id);
              return (
                <li key={id} className={styles.columnItem}>
                  <label className={styles.columnToggle}>
                    <input
                      type="checkbox"
                      checked={!hidden}
                      onChange={() =>
                        onChange((previous) => ({
                          ...previous,
                          hidden: hidden ? previous.hidden.filter((h) => h !== id) : [...previous.hidden, id],
                        }))
                      }
                    />
                    <span className={hidden ? styles.columnHidden : undefined}>{label}</span>
                  </label>
                  <button
                    type="button"
                    className={styles.iconButton}
                    aria-label={t('table.columns.moveLeft', { label })}
                    title={t('table.columns.moveLeft', { label })}
                    disabled={hidden || index === 0}
                    onClick={() =>
                      onChange((previous) => ({
                        ...previous,
                        order: shiftColumn(previous.order, previous.hidden, id, -1),
                      }))
                    }
                  >
                    <ChevronLeft aria-hidden size={14} />
                  </button>
                  <button
                    type="button"
                    className={styles.iconButton}
                    aria-label={t('table.columns.moveRight', { label })}
                    title={t('table.columns.moveRight', { label })}
                    disabled={hidden || index === layout.order.length - 1}
                    onClick={() =>
                      onChange((previous) => ({
                        ...previous,
                        order: shiftColumn(previous.order, previous.hidden, id, 1),
                      }))
                    }
                  >
                    <ChevronRight aria-hidden size={14} />
                  </button>
                  {renderProfile && (
                    <button
                      type="button"
                      className={styles.iconButton}
                      aria-label={t('table.columns.profile', { label })}
                      title={t('table.columns.profileTitle', { label })}
                      onClick={() => setProfiled(id)}
                    >
                      <ChartNoAxesColumn aria-hidden size={14} />
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
          <div className={styles.columnActions}>
            <Button size="small" variant="ghost" onClick={onReset}>
              <RotateCcw aria-hidden size={13} />
              {t('table.columns.reset')}
            </Button>
          </div>
        </section>
      )}
    </div>
  );
}
