import { Plus, X as Remove } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { isNumericType } from '../../../../common/ods-api/field-types';
import type { DatasetField } from '../../../../common/ods-api/types';
import { Button } from '../../../components/button';
import styles from './analyze-view.module.css';
import {
  AGGREGATIONS,
  type Aggregation,
  type ChartSort,
  type ChartType,
  formatBins,
  INTERVALS,
  type Interval,
  MAX_TOP,
  type Measure,
  parseBins,
} from './chart-params';
import { aggregationsFor, axisKind, type ChartState, defaultSortFor } from './chart-state';

export interface ChartControlsProps {
  state: ChartState;
  fields: readonly DatasetField[];
  onChange: (next: ChartState) => void;
}

const TYPE_LABELS: Record<ChartType, string> = {
  column: 'Column',
  bar: 'Bar',
  line: 'Line',
  area: 'Area',
  pie: 'Pie',
  donut: 'Donut',
  scatter: 'Scatter',
  kpi: 'Number',
};

const FN_LABELS: Record<Aggregation, string> = {
  count: 'Count',
  sum: 'Sum',
  avg: 'Average',
  min: 'Minimum',
  max: 'Maximum',
  median: 'Median',
  percentile: 'Percentile',
};

const SORT_LABELS: Record<ChartSort, string> = {
  '-value': 'Value, high to low',
  value: 'Value, low to high',
  label: 'Label, ascending',
  '-label': 'Label, descending',
};

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
    ...(fn === 'count' ? [{ value: '*', label: 'records' }] : []),
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
      <legend className="sr-only">Series {n}</legend>
      <Select
        label={`Series ${n}`}
        value={fn}
        options={AGGREGATIONS.filter(
          (a) => a === 'count' || fields.some((f) => aggregationsFor(f).includes(a)),
        ).map((a) => ({ value: a, label: FN_LABELS[a] }))}
        onChange={changeFn}
      />
      <Select
        label={`Series ${n} field`}
        value={measure.field ?? '*'}
        options={fieldOptions}
        onChange={(name) => onChange({ ...measure, fn, field: name === '*' ? null : name })}
      />
      {fn === 'percentile' && (
        <CommitInput
          label="Percent"
          width="4em"
          value={String(measure.p ?? 90)}
          onCommit={(text) => {
            const p = Number(text);
            if (text.trim() !== '' && p >= 0 && p <= 100) onChange({ ...measure, p });
          }}
        />
      )}
      {onRemove && (
        <Button size="small" variant="ghost" iconOnly aria-label={`Remove series ${n}`} onClick={onRemove}>
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
    <fieldset className={styles.controls} aria-label="Chart">
      <Select
        label="Chart type"
        value={state.type}
        options={Object.entries(TYPE_LABELS).map(([value, label]) => ({ value: value as ChartType, label }))}
        onChange={(type) => set({ type, ...(type === 'scatter' ? { x: null, measures: [] } : {}) })}
      />
      {state.type !== 'kpi' && state.x && (
        <Select
          label={scatter ? 'X axis' : pie ? 'Slices' : 'X axis'}
          value={state.x}
          options={xChoices}
          onChange={(x) => set({ x })}
        />
      )}
      {grouped && xKind === 'time' && (
        <Select<Interval | 'auto'>
          label="Interval"
          value={state.interval}
          options={[
            { value: 'auto' as const, label: 'Automatic' },
            ...INTERVALS.map((i) => ({ value: i, label: i[0]!.toUpperCase() + i.slice(1) })),
          ]}
          onChange={(interval) => set({ interval })}
        />
      )}
      {grouped && xKind === 'number' && (
        <CommitInput
          label="Bins (a count, or bounds)"
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
            label="Y axis"
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
              Add a series
            </Button>
          )}
        </>
      )}
      {grouped && !pie && categories.length > 0 && (
        <Select
          label="Break down by"
          value={state.by ?? ''}
          options={[
            { value: '', label: 'None' },
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
          label="Top"
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
          label="Sort"
          value={state.sort}
          options={(Object.keys(SORT_LABELS) as ChartSort[]).map((s) => ({
            value: s,
            label: SORT_LABELS[s],
          }))}
          onChange={(sort) => set({ sort })}
        />
      )}
      {state.type !== 'kpi' && (
        <div className={styles.toggles}>
          {!pie && (
            <label>
              <input type="checkbox" checked={state.log} onChange={() => set({ log: !state.log })} /> Log
              scale
            </label>
          )}
          {grouped && (
            <label>
              <input type="checkbox" checked={state.labels} onChange={() => set({ labels: !state.labels })} />{' '}
              Labels
            </label>
          )}
          {grouped && (
            <label>
              <input type="checkbox" checked={state.legend} onChange={() => set({ legend: !state.legend })} />{' '}
              Legend
            </label>
          )}
          {state.by && state.type !== 'line' && (
            <label>
              <input type="checkbox" checked={state.stack} onChange={() => set({ stack: !state.stack })} />{' '}
              Stacked
            </label>
          )}
        </div>
      )}
    </fieldset>
  );
}
