import { Check, FileText, Minus } from 'lucide-react';
import { t } from '../../i18n/translate';
import type { FormattedValue } from './field-format';
import styles from './field-value.module.css';

export interface FieldValueProps {
  value: FormattedValue;
  /** `cell`: one line, truncated, the whole value on hover. `detail`: everything, wrapped. */
  variant: 'cell' | 'detail';
}

/** A formatted record value, drawn the same way in the grid and in the record panel. */
export function FieldValue({ value, variant }: FieldValueProps) {
  switch (value.kind) {
    case 'empty':
      // An empty cell stays empty: no element at all (the grid draws thousands of cells a second).
      return variant === 'detail' ? <span className={styles.empty}>{t('dataset.value.none')}</span> : null;
    case 'boolean':
      return (
        <span className={value.value ? styles.true : styles.false}>
          {value.value ? <Check aria-hidden size={13} /> : <Minus aria-hidden size={13} />}
          {value.text}
        </span>
      );
    case 'list':
      return (
        <span
          className={variant === 'cell' ? styles.chipsLine : styles.chips}
          title={variant === 'cell' ? value.items.join(', ') : undefined}
        >
          {value.items.map((item, index) => (
            // Values of a multivalued field may repeat; their position is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <span key={index} className={styles.chip}>
              {item}
            </span>
          ))}
        </span>
      );
    case 'image':
      return (
        <img
          className={variant === 'cell' ? styles.thumbnail : styles.image}
          src={value.url}
          alt={value.alt}
          width={value.width}
          height={value.height}
          loading="lazy"
          decoding="async"
        />
      );
    case 'file':
      return value.url ? (
        <a href={value.url} target="_blank" rel="noopener noreferrer" className={styles.file}>
          <FileText aria-hidden size={13} />
          {value.text}
        </a>
      ) : (
        <span className={styles.file}>{value.text}</span>
      );
    default:
      if (value.url) {
        return (
          <a
            href={value.url}
            target="_blank"
            rel="noopener noreferrer"
            title={variant === 'cell' ? value.text : undefined}
          >
            {value.text}
          </a>
        );
      }
      return (
        <span
          className={value.numeric ? styles.number : undefined}
          title={variant === 'cell' ? (value.title ?? value.text) : undefined}
        >
          {value.text}
        </span>
      );
  }
}
