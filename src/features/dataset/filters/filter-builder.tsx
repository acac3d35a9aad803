import { ListFilter } from 'lucide-react';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { DatasetField } from '../../../../common/ods-api/types';
import { Button } from '../../../components/button';
import { t } from '../../../i18n/translate';
import {
  type ColumnFilter,
  compileColumnFilter,
  type FilterOp,
  opLabel,
  opsForType,
  valueArity,
} from '../column-filters';
import styles from './filters.module.css';

export interface FilterBuilderProps {
  fields: readonly DatasetField[];
  onAdd: (filter: ColumnFilter) => void;
}

function inputType(field: DatasetField | undefined): string {
  switch (field?.type) {
    case 'int':
    case 'double':
      return 'number';
    case 'date':
    case 'datetime':
      return 'date';
    default:
      return 'text';
  }
}

/**
 * "Add a filter": a column, an operator that fits its type, the value(s). The filter joins the URL
 * (`f=population:gt:1000000`) and is compiled to ODSQL with common/odsql's builders.
 */
export function FilterBuilder({ fields, onAdd }: FilterBuilderProps) {
  const usable = fields.filter((f) => opsForType(f.type).length > 0);
  const [open, setOpen] = useState(false);
  const [fieldName, setFieldName] = useState(usable[0]?.name ?? '');
  const field = usable.find((f) => f.name === fieldName) ?? usable[0];
  const ops = field ? opsForType(field.type) : [];
  const [op, setOp] = useState<FilterOp>(ops[0] ?? 'eq');
  const currentOp = ops.includes(op) ? op : (ops[0] ?? 'eq');
  const [values, setValues] = useState<string[]>(['', '']);
  const [list, setList] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const firstControl = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    if (!open) return;
    firstControl.current?.focus();
    const onDown = (event: MouseEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  if (!field) return null;
  const arity = valueArity(currentOp);
  const type = inputType(field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const filterValues =
      arity === 'list'
        ? list
            .split(',')
            .map((v) => v.trim())
            .filter(Boolean)
        : values.slice(0, arity).map((v) => v.trim());
    const filter: ColumnFilter = { field: field.name, op: currentOp, values: filterValues };
    if (filterValues.some((v) => v === '') || (arity === 'list' && filterValues.length === 0)) {
      setProblem(t('dataset.builder.needValue'));
      return;
    }
    if (!compileColumnFilter(filter, fields)) {
      setProblem(
        t(
          type === 'number'
            ? 'dataset.builder.badNumber'
            : type === 'date'
              ? 'dataset.builder.badDate'
              : 'dataset.builder.badValue',
        ),
      );
      return;
    }
    setProblem(null);
    setValues(['', '']);
    setList('');
    setOpen(false);
    onAdd(filter);
  };

  const valueInput = (label: string, index: 0 | 1) => (
    <label className={styles.control}>
      <span>{label}</span>
      <input
        type={type}
        step="any"
        value={values[index]}
        onChange={(event) =>
          setValues(index === 0 ? [event.target.value, values[1]!] : [values[0]!, event.target.value])
        }
      />
    </label>
  );

  return (
    <div ref={wrapper} className={styles.popoverAnchor}>
      <Button aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        <ListFilter aria-hidden size={15} />
        {t('dataset.builder.open')}
      </Button>
      {open && (
        <form
          id={panelId}
          className={styles.popover}
          aria-label={t('dataset.builder.label')}
          onSubmit={submit}
        >
          <div className={styles.builderRow}>
            <label className={styles.control}>
              <span>{t('dataset.builder.column')}</span>
              <select
                ref={firstControl}
                value={field.name}
                onChange={(event) => setFieldName(event.target.value)}
              >
                {usable.map((f) => (
                  <option key={f.name} value={f.name}>
                    {f.label || f.name}
                  </option>
                ))}
              </select>
            </label>
            <label className={styles.control}>
              <span>{t('dataset.builder.operator')}</span>
              <select value={currentOp} onChange={(event) => setOp(event.target.value as FilterOp)}>
                {ops.map((o) => (
                  <option key={o} value={o}>
                    {opLabel(o)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {arity === 'list' ? (
            <label className={styles.control}>
              <span>{t('dataset.builder.list')}</span>
              <input type="text" value={list} onChange={(event) => setList(event.target.value)} />
            </label>
          ) : arity === 2 ? (
            <div className={styles.builderRow}>
              {valueInput(t('dataset.builder.from'), 0)}
              {valueInput(t('dataset.builder.to'), 1)}
            </div>
          ) : arity === 1 ? (
            field.type === 'boolean' ? (
              <label className={styles.control}>
                <span>{t('dataset.builder.value')}</span>
                <select value={values[0] || ''} onChange={(event) => setValues([event.target.value, ''])}>
                  <option value="">{t('dataset.builder.choose')}</option>
                  <option value="true">{t('common.yes')}</option>
                  <option value="false">{t('common.no')}</option>
                </select>
              </label>
            ) : (
              valueInput(t('dataset.builder.value'), 0)
            )
          ) : null}
          {problem && (
            <p className={styles.problem} role="alert">
              {problem}
            </p>
          )}
          <div className={styles.actions}>
            <Button size="small" variant="ghost" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button size="small" variant="primary" type="submit">
              {t('dataset.builder.apply')}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
