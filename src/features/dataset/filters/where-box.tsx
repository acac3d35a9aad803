import { useQueryClient } from '@tanstack/react-query';
import { AlertTriangle, Code2 } from 'lucide-react';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { PortalTarget } from '../../../api/client';
import { OdsApiError } from '../../../api/errors';
import { Button } from '../../../components/button';
import { t } from '../../../i18n/translate';
import { datasetQueries } from '../dataset-queries';
import styles from './filters.module.css';

/** An ODSQL clause as the box's example: code, the same in every language. */
const EXAMPLE_CLAUSE = 'population > 100000 AND country_code = "FR"';

export interface WhereBoxProps {
  target: PortalTarget;
  datasetId: string;
  /** The clause in the URL. */
  value: string;
  /** The portal's error about the clause in the URL (a shared link with a broken where). */
  error: unknown;
  onApply: (where: string) => void;
}

/** The position an ODSQL error names ("… at position 8 in garbage==."), 0-based, or null. */
export function errorPosition(message: string): number | null {
  const match = /\bat position (\d+)\b/.exec(message);
  return match ? Number(match[1]) : null;
}

interface Problem {
  message: string;
  position: number | null;
  text: string;
}

function problemOf(error: unknown, text: string): Problem | null {
  if (!(error instanceof OdsApiError) || error.status !== 400) return null;
  return { message: error.message, position: errorPosition(error.message), text };
}

/**
 * The advanced filter: a raw ODSQL where clause. The portal checks it before it applies (one
 * `limit=0` request with the clause alone); its error shows under the box, the character it names
 * marked, the user's text kept, and the grid keeps the previous results until the clause is valid.
 */
export function WhereBox({ target, datasetId, value, error, onApply }: WhereBoxProps) {
  const client = useQueryClient();
  const [open, setOpen] = useState(Boolean(value));
  const [draft, setDraft] = useState(value);
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const applied = useRef(value);
  const inputId = useId();
  const errorId = useId();

  useEffect(() => {
    if (value !== applied.current) {
      applied.current = value;
      setDraft(value);
      setProblem(null);
      if (value) setOpen(true);
    }
  }, [value]);

  const urlProblem = value && draft === value ? problemOf(error, value) : null;
  const shown = problem ?? urlProblem;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (text === '') {
      setProblem(null);
      applied.current = '';
      onApply('');
      return;
    }
    setChecking(true);
    try {
      await client.fetchQuery({
        ...datasetQueries.recordsCount(target, datasetId, { where: null, unparsedWhere: text }),
        staleTime: 60_000,
      });
      setProblem(null);
      applied.current = text;
      onApply(text);
    } catch (failure) {
      setProblem(
        problemOf(failure, text) ?? {
          message: failure instanceof Error ? failure.message : String(failure),
          position: null,
          text,
        },
      );
    } finally {
      setChecking(false);
    }
  };

  if (!open) {
    return (
      <Button variant="ghost" aria-expanded={false} onClick={() => setOpen(true)}>
        <Code2 aria-hidden size={15} />
        ODSQL
      </Button>
    );
  }

  return (
    <form className={styles.whereBox} onSubmit={submit} aria-label={t('dataset.where.label')}>
      <label htmlFor={inputId} className={styles.whereLabel}>
        <Code2 aria-hidden size={14} /> {t('dataset.where.field')}
      </label>
      <div className={styles.whereRow}>
        <input
          id={inputId}
          className={`${styles.whereInput} ${shown ? styles.invalid : ''}`}
          value={draft}
          placeholder={EXAMPLE_CLAUSE}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? errorId : undefined}
          onChange={(event) => {
            setDraft(event.target.value);
            setProblem(null);
          }}
        />
        <Button type="submit" variant="primary" disabled={checking}>
          {checking ? t('dataset.where.checking') : t('dataset.where.apply')}
        </Button>
        <Button
          variant="ghost"
          onClick={() => {
            setDraft('');
            setProblem(null);
            if (value) {
              applied.current = '';
              onApply('');
            }
            setOpen(false);
          }}
        >
          {value ? t('dataset.where.remove') : t('common.close')}
        </Button>
      </div>
      {shown && (
        <div id={errorId} className={styles.whereError} role="alert">
          <AlertTriangle aria-hidden size={15} />
          <div>
            <p className={styles.whereMessage}>{shown.message}</p>
            {shown.position !== null && shown.position <= shown.text.length && (
              <p className={styles.whereExcerpt}>
                <code>
                  {shown.text.slice(0, shown.position)}
                  <mark
                    className={styles.whereMark}
                    title={t('dataset.where.position', { position: String(shown.position) })}
                  >
                    {shown.text.slice(shown.position, shown.position + 1) || ' '}
                  </mark>
                  {shown.text.slice(shown.position + 1)}
                </code>
                <span className={styles.whereAt}>
                  {t('dataset.where.atPosition', { position: String(shown.position) })}
                </span>
              </p>
            )}
          </div>
        </div>
      )}
    </form>
  );
}
