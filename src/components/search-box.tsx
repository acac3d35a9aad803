import { Search, X } from 'lucide-react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { t } from '../i18n/translate';
import styles from './search-box.module.css';

/** How long typing must pause before the search runs (and the URL changes). */
const DEBOUNCE_MS = 300;

export interface SearchBoxProps {
  /** The search text in the URL. */
  value: string;
  /** Called with the trimmed text once typing pauses, on Enter, and on clear. */
  onCommit: (text: string) => void;
  /** The accessible name, e.g. "Search datasets". */
  label: string;
  placeholder?: string;
  className?: string;
}

/**
 * A full-text search box. It keeps its own draft while the user types and commits it, debounced, to
 * the URL; when the URL changes from elsewhere (back, a cleared chip) it follows.
 */
export function SearchBox({ value, onCommit, label, placeholder, className }: SearchBoxProps) {
  const [draft, setDraft] = useState(value);
  const committed = useRef(value);
  const inputId = useId();

  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setDraft(value);
    }
  }, [value]);

  const onCommitRef = useRef(onCommit);
  useEffect(() => {
    onCommitRef.current = onCommit;
  });

  const commit = useCallback((text: string) => {
    const trimmed = text.trim();
    if (trimmed === committed.current) return;
    committed.current = trimmed;
    onCommitRef.current(trimmed);
  }, []);

  useEffect(() => {
    if (draft.trim() === committed.current) return;
    const timer = setTimeout(() => commit(draft), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, commit]);

  return (
    <search className={className ? `${styles.box} ${className}` : styles.box}>
      <form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          commit(draft);
        }}
      >
        <label htmlFor={inputId} className="sr-only">
          {label}
        </label>
        <Search aria-hidden size={16} className={styles.icon} />
        <input
          id={inputId}
          type="search"
          className={styles.input}
          placeholder={placeholder}
          value={draft}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && draft) {
              event.preventDefault();
              setDraft('');
              commit('');
            }
          }}
        />
        {draft && (
          <button
            type="button"
            className={styles.clear}
            aria-label={t('common.clearSearch')}
            onClick={() => {
              setDraft('');
              commit('');
            }}
          >
            <X aria-hidden size={15} />
          </button>
        )}
      </form>
    </search>
  );
}
