import { ArrowLeft, Send, Trash2 } from 'lucide-react';
import { type FormEvent, type ReactNode, useEffect, useMemo, useRef } from 'react';
import type { DatasetField } from '../../../../common/ods-api/types';
import { type PortalTarget, targetKey } from '../../../api/client';
import type { OdsRecord } from '../../../api/model';
import { Button } from '../../../components/button';
import { t } from '../../../i18n/translate';
import { CommentField } from './comment-field';
import {
  type Change,
  changesOf,
  correctionFields,
  correctionPayload,
  type EditableField,
  type InputKind,
} from './correction-fields';
import styles from './feedback.module.css';
import { draftKey, EMPTY_DRAFT } from './feedback-draft';
import { FeedbackStatus } from './feedback-status';
import { useFeedbackForm } from './use-feedback-send';

export interface RecordCorrectionProps {
  target: PortalTarget;
  datasetId: string;
  record: OdsRecord;
  fields: readonly DatasetField[];
  /** Back to the record's fields; the draft stays. */
  onDone: () => void;
}

export function correctionDraftKey(target: PortalTarget, datasetId: string, recordId: string): string {
  return draftKey(targetKey(target), datasetId, recordId);
}

const inputId = (name: string) => `correction-${name}`;

/** An input's text as the diff shows it. */
function shown(text: string, kind: InputKind): string {
  if (text.trim() === '') return t('record.feedback.empty');
  if (kind === 'datetime') return t('record.feedback.utcValue', { value: text.replace('T', ' ') });
  if (kind === 'list') return text.split('\n').filter(Boolean).join(', ');
  return text;
}

function FieldInput({
  item,
  value,
  error,
  onChange,
}: {
  item: EditableField;
  value: string;
  error: string | null;
  onChange: (text: string) => void;
}) {
  const { field, kind } = item;
  const id = inputId(field.name);
  const common = {
    id,
    value,
    'aria-invalid': error !== null,
    'aria-describedby': error ? `${id}-error` : undefined,
    className: styles.input,
  };
  const change = (event: { target: { value: string } }) => onChange(event.target.value);
  let input: ReactNode;
  if (kind === 'boolean') {
    input = (
      <select {...common} onChange={change}>
        <option value="">{t('record.feedback.noValue')}</option>
        <option value="true">{t('record.feedback.true')}</option>
        <option value="false">{t('record.feedback.false')}</option>
      </select>
    );
  } else if (kind === 'long-text' || kind === 'list') {
    input = <textarea {...common} rows={kind === 'list' ? 3 : 4} onChange={change} />;
  } else {
    const type = {
      integer: 'number',
      decimal: 'number',
      date: 'date',
      datetime: 'datetime-local',
      text: 'text',
    }[kind];
    const step =
      kind === 'integer' ? '1' : kind === 'decimal' ? 'any' : kind === 'datetime' ? '1' : undefined;
    input = <input {...common} type={type} step={step} onChange={change} />;
  }
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {kind === 'datetime'
          ? t('record.feedback.utcLabel', { label: field.label || field.name })
          : field.label || field.name}
        {kind === 'list' && <span className={styles.hint}> {t('record.feedback.onePerLine')}</span>}
      </label>
      {input}
      {error && (
        <p id={`${id}-error`} className={styles.error}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Old → new, each change one list item; screen readers hear "from … to …", not the arrow. */
function ChangeList({ changes }: { changes: readonly Change[] }) {
  if (changes.length === 0) {
    return <p className={styles.hint}>{t('record.feedback.noChange')}</p>;
  }
  return (
    <ul className={styles.diff}>
      {changes.map((change) => (
        <li key={change.field.name}>
          <span className={styles.diffField}>
            {t('record.feedback.changeField', { field: change.field.label || change.field.name })}
          </span>{' '}
          <del className={styles.before}>
            <span className="sr-only">{t('record.feedback.from')} </span>
            {shown(change.before, change.kind)}
          </del>
          <span aria-hidden> → </span>
          <ins className={styles.after}>
            <span className="sr-only"> {t('record.feedback.to')} </span>
            {shown(change.after, change.kind)}
          </ins>
        </li>
      ))}
    </ul>
  );
}

/**
 * "Suggest a correction", in the record panel: every editable value pre-filled in an input that
 * fits its type, the changes as old → new, a comment, and the draft kept until it is sent. The form
 * does not repeat the portal's rules (`noValidate`): the portal owns them, and its refusal is shown
 * at the field it names.
 */
export function RecordCorrection({ target, datasetId, record, fields, onDone }: RecordCorrectionProps) {
  const key = correctionDraftKey(target, datasetId, record.id);
  const form = useFeedbackForm(target, datasetId, key, t('record.feedback.correctionNoComment'));
  const { draft, update, support, sending, sent, problem, now, waiting } = form;
  const { editable, readOnly } = useMemo(
    () => correctionFields(fields, record.values),
    [fields, record.values],
  );
  const heading = useRef<HTMLHeadingElement>(null);

  const inputs: Record<string, string> = {};
  for (const item of editable) inputs[item.field.name] = draft.inputs[item.field.name] ?? item.initial;
  const changes = changesOf(editable, inputs);

  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);

  // A refusal that names an input moves the focus there, so its message is read with it.
  useEffect(() => {
    if (problem?.kind !== 'invalid' || !problem.at) return;
    const id = 'comment' in problem.at ? 'correction-comment' : inputId(problem.at.field);
    document.getElementById(id)?.focus();
  }, [problem]);

  const setInput = (item: EditableField, text: string) => {
    const next = { ...draft.inputs };
    if (text === item.initial) delete next[item.field.name];
    else next[item.field.name] = text;
    update({ ...draft, inputs: next });
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    form.submit({
      comment: draft.comment,
      recordId: record.id,
      ...(changes.length ? correctionPayload(changes) : {}),
    });
  };

  if (sent) {
    return (
      <div className={styles.form}>
        <FeedbackStatus
          problem={null}
          sent
          now={now}
          onRetry={submit}
          sentMessage={t('record.feedback.correctionSent')}
        />
        <Button size="small" onClick={onDone}>
          <ArrowLeft aria-hidden size={14} />
          {t('record.feedback.back')}
        </Button>
      </div>
    );
  }

  if (support === 'absent') {
    return (
      <div className={styles.form}>
        <FeedbackStatus
          problem={{ kind: 'absent', message: t('record.feedback.absent') }}
          sent={false}
          sentMessage=""
          now={now}
          onRetry={submit}
        />
        <Button size="small" onClick={onDone}>
          <ArrowLeft aria-hidden size={14} />
          {t('record.feedback.back')}
        </Button>
      </div>
    );
  }

  const fieldError = (name: string) =>
    problem?.kind === 'invalid' && problem.at && 'field' in problem.at && problem.at.field === name
      ? problem.message
      : null;

  return (
    <form
      className={styles.form}
      onSubmit={submit}
      noValidate
      aria-labelledby="correction-heading"
      // Escape leaves the form for the record (the draft stays), rather than closing the whole panel.
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onDone();
      }}
    >
      <h3 id="correction-heading" ref={heading} tabIndex={-1} className={styles.formHeading}>
        {t('record.feedback.suggest')}
      </h3>
      <p className={styles.hint}>{t('record.feedback.intro')}</p>
      {editable.map((item) => (
        <FieldInput
          key={item.field.name}
          item={item}
          value={inputs[item.field.name]!}
          error={fieldError(item.field.name)}
          onChange={(text) => setInput(item, text)}
        />
      ))}
      {readOnly.length > 0 && (
        <ul className={styles.readOnly} aria-label={t('record.feedback.readOnly')}>
          {readOnly.map(({ field, reason }) => (
            <li key={field.name}>
              <span className={styles.diffField}>{field.label || field.name}</span> {reason}
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="correction-changes" className={styles.changes}>
        <h4 id="correction-changes" className={styles.changesHeading}>
          {t('record.feedback.changes', { count: changes.length })}
        </h4>
        <ChangeList changes={changes} />
      </section>
      <CommentField
        id="correction-comment"
        label={t('record.feedback.commentHeading')}
        hint={t('record.feedback.correctionHint')}
        value={draft.comment}
        onChange={form.setComment}
        error={form.commentError}
        textareaRef={form.comment}
      />
      <FeedbackStatus problem={problem} sent={false} sentMessage="" now={now} onRetry={submit} />
      <div className={styles.actions}>
        <Button type="submit" variant="primary" size="small" disabled={sending || waiting}>
          <Send aria-hidden size={14} />
          {sending ? t('common.sending') : t('record.feedback.sendCorrection')}
        </Button>
        <Button size="small" onClick={onDone}>
          <ArrowLeft aria-hidden size={14} />
          {t('record.feedback.back')}
        </Button>
        <Button
          size="small"
          variant="ghost"
          disabled={draft.comment === '' && changes.length === 0}
          onClick={() => {
            update(EMPTY_DRAFT);
            heading.current?.focus();
          }}
        >
          <Trash2 aria-hidden size={14} />
          {t('record.feedback.discard')}
        </Button>
      </div>
      <p className={styles.hint}>{t('record.feedback.draftKept')}</p>
    </form>
  );
}
