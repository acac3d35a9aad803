import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { t } from '../i18n/translate';
import styles from './filter-chips.module.css';

export interface FilterChip {
  key: string;
  /** What the chip shows. */
  content: ReactNode;
  /** The remove button's accessible name, e.g. "Remove the filter Theme: Geography". */
  removeLabel: string;
  /** An exclusion (NOT) reads differently from a refinement. */
  negative?: boolean;
  onRemove: () => void;
}

export interface FilterChipsProps {
  chips: readonly FilterChip[];
  onClearAll: () => void;
  /** Shown before the chips, e.g. a count. */
  children?: ReactNode;
  /** "Clear all" appears from this many chips (one chip is its own clear button). */
  clearAllFrom?: number;
}

/** The filters in force, each removable, and one button to clear them all. */
export function FilterChips({ chips, onClearAll, children, clearAllFrom = 2 }: FilterChipsProps) {
  if (chips.length === 0) return null;
  return (
    <div className={styles.activeFilters}>
      {children}
      <ul className={styles.chips} aria-label={t('common.chips.label')}>
        {chips.map((chip) => (
          <li key={chip.key}>
            <button
              type="button"
              className={chip.negative ? `${styles.chip} ${styles.chipExcluded}` : styles.chip}
              aria-label={chip.removeLabel}
              title={chip.removeLabel}
              onClick={chip.onRemove}
            >
              <span className={styles.chipText}>{chip.content}</span>
              <X aria-hidden size={13} />
            </button>
          </li>
        ))}
      </ul>
      {chips.length >= clearAllFrom && (
        <button type="button" className={styles.clearAll} onClick={onClearAll}>
          {t('common.chips.clearAll')}
        </button>
      )}
    </div>
  );
}

/** A muted prefix inside a chip ("Search:", "Not"). */
export function ChipKind({ children, negative = false }: { children: ReactNode; negative?: boolean }) {
  return (
    <span className={negative ? `${styles.chipKind} ${styles.chipKindNegative}` : styles.chipKind}>
      {children}
    </span>
  );
}
