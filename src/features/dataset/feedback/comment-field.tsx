import type { Ref } from 'react';
import { MAX_FEEDBACK_COMMENT } from '../../../../common/ods-api/params';
import { t } from '../../../i18n/translate';
import styles from './feedback.module.css';

/** Within this many characters of the cap, the count is read out as it changes. */
const ANNOUNCE_WITHIN = 500;

export function commentTooLong(comment: string): boolean {
  return comment.length > MAX_FEEDBACK_COMMENT;
}

/** The comment, with a live count against the portal's cap and the portal's message when it refused it. */
export function CommentField({
  id,
  label,
  hint,
  value,
  onChange,
  error,
  textareaRef,
}: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  textareaRef?: Ref<HTMLTextAreaElement>;
}) {
  const over = value.length - MAX_FEEDBACK_COMMENT;
  const described = [`${id}-hint`, `${id}-count`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {label}
      </label>
      <p id={`${id}-hint`} className={styles.hint}>
        {hint}
      </p>
      <textarea
        id={id}
        ref={textareaRef}
        className={styles.textarea}
        value={value}
        rows={5}
        aria-invalid={error !== null || over > 0}
        aria-describedby={described}
        onChange={(event) => onChange(event.target.value)}
      />
      <p
        id={`${id}-count`}
        className={over > 0 ? styles.countOver : styles.count}
        aria-live={over > -ANNOUNCE_WITHIN ? 'polite' : 'off'}
      >
        {over > 0
          ? t('record.feedback.countOver', { length: value.length, max: MAX_FEEDBACK_COMMENT, count: over })
          : t('record.feedback.count', { length: value.length, count: MAX_FEEDBACK_COMMENT })}
      </p>
      {error && (
        <p id={`${id}-error`} className={styles.error}>
          {error}
        </p>
      )}
    </div>
  );
}
