import { useQuery } from '@tanstack/react-query';
import { Check, ChevronDown, ChevronUp, Copy, Link2, PencilLine, X } from 'lucide-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { DatasetField } from '../../../../common/ods-api/types';
import type { PortalTarget } from '../../../api/client';
import type { OdsRecord } from '../../../api/model';
import { Button } from '../../../components/button';
import { ApiErrorState, Skeleton } from '../../../components/states';
import { t } from '../../../i18n/translate';
import { datasetQueries } from '../dataset-queries';
import { formatValue, plainText } from '../field-format';
import { FieldValue } from '../field-value';
import type { ListOrder } from '../view-props';
import styles from './record-panel.module.css';

/** The panel's kicker, a whole sentence for each order the record was opened in. */
const POSITION_KEYS = {
  grid: 'record.panel.position',
  'in-view': 'record.panel.positionInView',
  nearest: 'record.panel.positionNearest',
} as const;

export interface RecordPanelProps {
  target: PortalTarget;
  datasetId: string;
  recordId: string;
  fields: readonly DatasetField[];
  timeZone: string;
  /** Where the record stands in the grid's order, when known. */
  /** Where the record stands in the sequence of the view that opened it (the table's order, the map's records). */
  position: { rank: number; total: number; order?: ListOrder } | null;
  onPrevious: (() => void) | null;
  onNext: (() => void) | null;
  /** A link to this record's own page (`/datasets/…/records/…`). */
  permalink: (children: ReactNode, className: string | undefined) => ReactNode;
  onClose: () => void;
  /** Whether the panel sits over the grid (false: the page shows the record alone). */
  overlay: boolean;
  /** Drawn above the fields once the record is loaded (a small map of a geo record). */
  preview?: ((record: OdsRecord) => ReactNode) | undefined;
  /**
   * "Suggest a correction": the button's label (read at each render, as it says whether a draft
   * waits) and the form that takes the fields' place.
   */
  correction?:
    | { label: () => string; render: (record: OdsRecord, done: () => void) => ReactNode }
    | undefined;
}

const CORRECT_BUTTON_ID = 'record-correct-button';

/** The record's name: its first text value, or its id. */
export function recordTitle(record: OdsRecord | undefined, fields: readonly DatasetField[]): string | null {
  if (!record) return null;
  const preferred =
    fields.find((f) => f.name === 'name' || f.name === 'title') ?? fields.find((f) => f.type === 'text');
  const value = preferred ? record.values[preferred.name] : null;
  return typeof value === 'string' && value.trim() ? value : null;
}

/**
 * One record, every field formatted (images drawn, geo as text), with previous and next through the
 * grid's order, copy as JSON, and a permalink. A complementary region with its own heading.
 */
export function RecordPanel({
  target,
  datasetId,
  recordId,
  fields,
  timeZone,
  position,
  onPrevious,
  onNext,
  permalink,
  onClose,
  overlay,
  preview,
  correction,
}: RecordPanelProps) {
  const query = useQuery(datasetQueries.record(target, datasetId, recordId));
  const record = query.data;
  const title = recordTitle(record, fields) ?? t('common.untitledRecord');
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const [correcting, setCorrecting] = useState(false);

  // The panel takes the focus when it opens on a record, so a screen reader reads it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new record takes the focus.
  useEffect(() => {
    setCorrecting(false);
    heading.current?.focus({ preventScroll: true });
  }, [recordId]);

  const doneCorrecting = () => {
    setCorrecting(false);
    // The form that had the focus is gone: give it back to the button that opened it.
    requestAnimationFrame(() => document.getElementById(CORRECT_BUTTON_ID)?.focus());
  };

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    if (!record) return;
    try {
      await navigator.clipboard.writeText(JSON.stringify(record, null, 2));
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <aside
      className={overlay ? `${styles.panel} ${styles.overlay}` : styles.panel}
      aria-labelledby="record-heading"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <header className={styles.header}>
        <div className={styles.titleBlock}>
          <p className={styles.kicker}>
            {position
              ? t(POSITION_KEYS[position.order ?? 'grid'], { rank: position.rank + 1, total: position.total })
              : t('record.panel.kicker')}
          </p>
          <h2 id="record-heading" ref={heading} tabIndex={-1} className={styles.title}>
            {query.isPending ? t('record.panel.loading') : query.error ? t('record.panel.notFound') : title}
          </h2>
        </div>
        <Button
          size="small"
          variant="ghost"
          iconOnly
          aria-label={t('record.panel.close')}
          title={t('record.panel.closeTitle')}
          onClick={onClose}
        >
          <X aria-hidden size={16} />
        </Button>
      </header>
      <div className={styles.toolbar}>
        <Button
          size="small"
          disabled={!onPrevious}
          onClick={onPrevious ?? undefined}
          aria-label={t('record.panel.previous')}
        >
          <ChevronUp aria-hidden size={14} />
          {t('common.previous')}
        </Button>
        <Button
          size="small"
          disabled={!onNext}
          onClick={onNext ?? undefined}
          aria-label={t('record.panel.next')}
        >
          <ChevronDown aria-hidden size={14} />
          {t('common.next')}
        </Button>
        <span className={styles.spacer} />
        {correction && (
          <Button
            id={CORRECT_BUTTON_ID}
            size="small"
            disabled={!record}
            aria-pressed={correcting}
            onClick={() => (correcting ? doneCorrecting() : setCorrecting(true))}
          >
            <PencilLine aria-hidden size={14} />
            {correction.label()}
          </Button>
        )}
        <Button size="small" disabled={!record} onClick={copy}>
          {copied === 'copied' ? <Check aria-hidden size={14} /> : <Copy aria-hidden size={14} />}
          {copied === 'copied'
            ? t('common.copied')
            : copied === 'failed'
              ? t('record.panel.copyFailed')
              : t('record.panel.copyJson')}
        </Button>
        {permalink(
          <>
            <Link2 aria-hidden size={14} />
            {t('record.panel.permalink')}
          </>,
          styles.permalink,
        )}
      </div>
      <output className="sr-only" aria-live="polite">
        {copied === 'copied'
          ? t('record.panel.copiedAnnounce')
          : copied === 'failed'
            ? t('record.panel.copyFailedAnnounce')
            : ''}
      </output>
      {/* The fields scroll on their own; the keyboard must be able to scroll them too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: see above */}
      <section className={styles.body} aria-label={t('record.panel.fields')} tabIndex={0}>
        {record && !correcting && preview?.(record)}
        {record && correcting && correction ? (
          correction.render(record, doneCorrecting)
        ) : record ? (
          <dl className={styles.fields}>
            {fields.map((field) => {
              const formatted = formatValue(record.values[field.name], field, { timeZone });
              return (
                <div key={field.name} className={styles.field}>
                  <dt title={field.name}>
                    {field.label || field.name}
                    {field.description && <span className={styles.fieldHelp}>{field.description}</span>}
                  </dt>
                  <dd
                    title={formatted.kind === 'text' && formatted.numeric ? plainText(formatted) : undefined}
                  >
                    <FieldValue value={formatted} variant="detail" />
                  </dd>
                </div>
              );
            })}
            <div className={styles.field}>
              <dt>{t('record.panel.recordId')}</dt>
              <dd>
                <code className={styles.id}>{record.id}</code>
              </dd>
            </div>
          </dl>
        ) : query.error ? (
          <ApiErrorState
            compact
            error={query.error}
            notFound={t('record.panel.notFoundAdvice', { id: recordId })}
            onRetry={() => query.refetch()}
          />
        ) : (
          <div role="status" aria-label={t('record.panel.loadingRecord')}>
            {[0, 1, 2, 3, 4].map((row) => (
              <div key={row} className={styles.field}>
                <Skeleton width="35%" height="0.75rem" />
                <Skeleton width="70%" style={{ marginTop: '0.3rem' }} />
              </div>
            ))}
          </div>
        )}
      </section>
    </aside>
  );
}
