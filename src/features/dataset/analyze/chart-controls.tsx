import { Plus, X as Remove } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { isNumericType } from '../../../../common/ods-api/field-types';
import type { DatasetField } from '../../../../common/ods-api/types';
import { Button } from '../../../components/button';
import { t } from '../../../i18n/translate';
import {
  AGGREGATIONS,
  type Aggregation,
  CHART_TYPES,
  type ChartSort,
  formatBins,
  INTERVALS,
  type Interval,
  MAX_TOP,
  type Measure,
  parseBins,
} from '../charts/chart-params';
import { aggregationsFor, axisKind, type ChartState, defaultSortFor } from '../charts/chart-state';
import styles from './analyze-view.module.css';

export interface ChartControlsProps {
  state: ChartState;
  fields: readonly DatasetField[];
  onChange: (next: ChartState) => void;
}

/** The sort menu's order: by value first, as a chart is most often read. */
const SORT_ORDER: readonly ChartSort[] = ['-value', 'value', 'label', '-label'];

const labelOf = (f: DatasetField) => f.label || f.name;

function Select<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  // A label beside the control, not around it: the control's name is then the label alone.
  const id = useId();
  return (
    <div className={styles.control}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A text box that applies its value on Enter or when it loses focus (bins, a percentage). */
function CommitInput({
  label,
  value,
  onCommit,
  width,
}: {
  label: string;
  value: string;
  onCommit: (text: string) => void;
  width: string;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const id = useId();
  return (
    <div className={styles.control}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={text}
        style={{ width }}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => onCommit(text)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') onCommit(text);
        }}
      />
    </div>
  );
}

function MeasureEditor({
  measure,
  index,
  fields,
  onChange,
  onRemove,
}: {
  measure: Measure;
  index: number;
  fields: readonly DatasetField[];
  onChange: (next: Measure) => void;
  onRemove: (() => void) | null;
}) {
  const fn = measure.fn === 'value' ? 'count' : measure.fn;
  const fitting = fields.filter((f) => aggregationsFor(f).includes(fn));
  const fieldOptions = [
    ...(fn === 'count' ? [{ value: '*', label: t('analyze.measure.records') }] : []),
    ...fitting.map((f) => ({ value: f.name, label: labelOf(f) })),
  ];
  const changeFn = (next: Aggregation) => {
    const keep =
      measure.field && fields.find((f) => f.name === measure.field && aggregationsFor(f).includes(next));
    const first = fields.find((f) => aggregationsFor(f).includes(next));
    const field =
      next === 'count' ? (keep ? measure.field : null) : keep ? measure.field : (first?.name ?? null);
    if (next !== 'count' && field === null) return;
    onChange({ fn: next, field, ...(next === 'percentile' ? { p: measure.p ?? 90 } : {}) });
  };
  const n = index + 1;
  return (
    <fieldset className={styles.measure}>
      <legend className="sr-only">{t('analyze.controls.series', { n })}</legend>
      <Select
        label={t('analyze.controls.series', { n })}
        value={fn}
        options={AGGREGATIONS.filter(
          (a) => a === 'count' || fields.some((f) => aggregationsFor(f).includes(a)),
        ).map((a) => ({ value: a, label: t(`analyze.fn.${a}`) }))}
        onChange={changeFn}
      />
      <Select
        label={t('analyze.controls.seriesField', { n })}
        value={measure.field ?? '*'}
        options={fieldOptions}
        onChange={(name) => onChange({ ...measure, fn, field: name === '*' ? null : name })}
      />
      {fn === 'percentile' && (
        <CommitInput
          label={t('analyze.controls.percent')}
          width="4em"
          value={String(measure.p ?? 90)}
          onCommit={(text) => {
            const p = Number(text);
            if (text.trim() !== '' && p >= 0 && p <= 100) onChange({ ...measure, p });
          }}
        />
      )}
      {onRemove && (
        <Button
          size="small"
          variant="ghost"
          iconOnly
          aria-label={t('analyze.controls.removeSeries', { n })}
          onClick={onRemove}
        >
          <Remove aria-hidden size={14} />
        </Button>
      )}
    </fieldset>
  );
}

/** Every choice of the chart, each written to the URL as soon as it is made. */
export function ChartControls({ state, fields, onChange }: ChartControlsProps) {
  const set = (patch: Partial<ChartState>) => {
    const next = { ...state, ...patch };
    // A new axis or chart type starts from its own default order (time in order, categories biggest first).
    const reordered = patch.x !== undefined || patch.type !== undefined;
    onChange(reordered ? { ...next, sort: defaultSortFor(next, fields) } : next);
  };
  const numbers = fields.filter((f) => isNumericType(f.type));
  const categories = fields.filter((f) => axisKind(f) === 'category');
  const xField = fields.find((f) => f.name === state.x);
  const xKind = xField ? axisKind(xField) : null;
  const scatter = state.type === 'scatter';
  const pie = state.type === 'pie' || state.type === 'donut';
  const grouped = !scatter && state.type !== 'kpi';
  const xChoices = (scatter ? numbers : fields.filter((f) => axisKind(f) !== null)).map((f) => ({
    value: f.name,
    label: labelOf(f),
  }));
  const oneSeries = scatter || pie || state.by !== null;
  const measures = oneSeries ? state.measures.slice(0, 1) : state.measures;

  return (
    <fieldset className={styles.controls} aria-label={t('analyze.controls.label')}>
      <Select
        label={t('analyze.controls.type')}
        value={state.type}
        options={CHART_TYPES.map((type) => ({ value: type, label: t(`analyze.type.${type}`) }))}
        onChange={(type) => set({ type, ...(type === 'scatter' ? { x: null, measures: [] } : {}) })}
      />
      {state.type !== 'kpi' && state.x && (
        <Select
          label={pie ? t('analyze.controls.slices') : t('analyze.controls.xAxis')}
          value={state.x}
          options={xChoices}
          onChange={(x) => set({ x })}
        />
      )}
      {grouped && xKind === 'time' && (
        <Select<Interval | 'auto'>
          label={t('analyze.controls.interval')}
          value={state.interval}
          options={[
            { value: 'auto' as const, label: t('analyze.interval.auto') },
            ...INTERVALS.map((i) => ({ value: i, label: t(`analyze.interval.${i}`) })),
          ]}
          onChange={(interval) => set({ interval })}
        />
      )}
      {grouped && xKind === 'number' && (
        <CommitInput
          label={t('analyze.controls.bins')}
          width="9em"
          value={formatBins(state.bins)}
          onCommit={(text) => {
            const bins = parseBins(text.replace(/\s+/g, ''));
            if (bins) set({ bins });
          }}
        />
      )}
      {scatter ? (
        numbers.length > 0 && (
          <Select
            label={t('analyze.controls.yAxis')}
            value={state.measures[0]?.field ?? numbers[0]!.name}
            options={numbers.map((f) => ({ value: f.name, label: labelOf(f) }))}
            onChange={(y) => set({ measures: [{ fn: 'value', field: y }] })}
          />
        )
      ) : (
        <>
          {measures.map((measure, k) => (
            <MeasureEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: a series is its place in the list.
              key={k}
              measure={measure}
              index={k}
              fields={fields}
              onChange={(next) => set({ measures: measures.map((m, j) => (j === k ? next : m)) })}
              onRemove={
                measures.length > 1 ? () => set({ measures: measures.filter((_, j) => j !== k) }) : null
              }
            />
          ))}
          {!oneSeries && state.type !== 'kpi' && (
            <Button
              size="small"
              onClick={() => set({ measures: [...measures, { fn: 'count', field: null }] })}
            >
              <Plus aria-hidden size={14} />
              {t('analyze.controls.addSeries')}
            </Button>
          )}
        </>
      )}
      {grouped && !pie && categories.length > 0 && (
        <Select
          label={t('analyze.controls.breakDown')}
          value={state.by ?? ''}
          options={[
            { value: '', label: t('analyze.controls.none') },
            ...categories
              .filter((f) => f.name !== state.x)
              .map((f) => ({ value: f.name, label: labelOf(f) })),
          ]}
          onChange={(by) =>
            set({ by: by || null, measures: by ? state.measures.slice(0, 1) : state.measures })
          }
        />
      )}
      {grouped && (xKind === 'category' || state.by) && (
        <CommitInput
          label={t('analyze.controls.top')}
          width="3.5em"
          value={String(state.top)}
          onCommit={(text) => {
            const top = Number(text);
            if (Number.isInteger(top) && top >= 1 && top <= MAX_TOP) set({ top });
          }}
        />
      )}
      {grouped && (
        <Select<ChartSort>
          label={t('analyze.controls.sort')}
          value={state.sort}
          options={SORT_ORDER.map((s) => ({ value: s, label: t(`analyze.sort.${s}`) }))}
          onChange={(sort) => set({ sort })}
        />
      )}
      {state.type !== 'kpi' && (
        <div className={styles.toggles}>
          {!pie && (
            <label>
              <input type="checkbox" checked={state.log} onChange={() => set({ log: !state.log })} />{' '}
              {t('analyze.controls.log')}
            </label>
          )}
          {grouped && (
            <label>
              <input type="checkbox" checked={state.labels} onChange={() => set({ labels: !state.labels })} />{' '}
              {t('analyze.controls.labels')}
            </label>
          )}
          {grouped && (
            <label>
              <input type="checkbox" checked={state.legend} onChange={() => set({ legend: !state.legend })} />{' '}
              {t('analyze.controls.legend')}
            </label>
          )}
          {state.by && state.type !== 'line' && (
            <label>
              <input type="checkbox" checked={state.stack} onChange={() => set({ stack: !state.stack })} />{' '}
              {t('analyze.controls.stacked')}
            </label>
          )}
        </div>
      )}
    </fieldset>
  );
}
