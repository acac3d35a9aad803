import { isDateType, isNumericType } from '../../../../common/ods-api/field-types';
import type { DatasetField } from '../../../../common/ods-api/types';
import { perLocale } from '../../../i18n/locale';
import { type MessageKey, t } from '../../../i18n/translate';
import type { ParamCheck } from '../../../lib/ignored-params';
import { type DatasetSearch, parseDatasetSearch } from '../dataset-search-params';
import {
  type Bins,
  CHART_SYNTAX_CHECKS,
  type ChartSearch,
  type ChartSort,
  type ChartType,
  formatBins,
  formatMeasure,
  type Interval,
  type Measure,
  parseBins,
  parseMeasure,
} from './chart-params';
import { defaultChart } from './default-chart';

/**
 * A chart as the Analyze view draws it: the URL's chart keys checked against the dataset's fields,
 * with the defaults filled in. `readChart` and `chartSearch` are inverses on valid states, so a
 * reload or a shared link draws the same chart.
 */
export interface ChartState {
  type: ChartType;
  /** The category, time or number axis; for a scatter, the horizontal field. Null for a KPI. */
  x: string | null;
  measures: Measure[];
  by: string | null;
  top: number;
  /** 'auto' (the URL's default): chosen from the field's span when the chart is asked for. */
  interval: Interval | 'auto';
  bins: Bins;
  sort: ChartSort;
  log: boolean;
  labels: boolean;
  legend: boolean;
  stack: boolean;
}

export type AxisKind = 'category' | 'time' | 'number';

export const DEFAULT_TOP = 10;
export const DEFAULT_BINS: Bins = { count: 20 };
export const DEFAULT_INTERVAL = 'auto' as const;

/** How a field can stand on the x axis, or null when it cannot (geo, files, JSON). */
export function axisKind(field: DatasetField): AxisKind | null {
  if (isDateType(field.type)) return 'time';
  if (isNumericType(field.type)) return 'number';
  if (field.type === 'text' || field.type === 'boolean') return 'category';
  return null;
}

/** The aggregations a field's type allows (ods-api.md §4.5); count applies to every field. */
export function aggregationsFor(field: DatasetField): Measure['fn'][] {
  if (isNumericType(field.type)) return ['sum', 'avg', 'min', 'max', 'median', 'percentile', 'count'];
  if (isDateType(field.type)) return ['min', 'max', 'count'];
  return ['count'];
}

/** Why a measure does not fit the fields and the chart type, or null when it does. */
export function measureProblem(
  measure: Measure,
  fields: readonly DatasetField[],
  type: ChartType | undefined,
): string | null {
  if (measure.field === null) return type === 'scatter' ? 'a scatter plots fields, not counts' : null;
  const field = fields.find((f) => f.name === measure.field);
  if (!field) return 'no such field';
  if (measure.fn === 'value') {
    if (type !== 'scatter') return 'only a scatter plots raw values; use an aggregation such as sum(…)';
    return isNumericType(field.type) ? null : 'a scatter needs a numeric field';
  }
  if (type === 'scatter') return 'a scatter plots raw values, not aggregations';
  return aggregationsFor(field).includes(measure.fn)
    ? null
    : `${measure.fn}() does not apply to a ${field.type} field`;
}

function xProblem(name: string, fields: readonly DatasetField[], type: ChartType | undefined): string | null {
  const field = fields.find((f) => f.name === name);
  if (!field) return 'no such field';
  const kind = axisKind(field);
  if (!kind) return `a ${field.type} field cannot be an axis`;
  if (type === 'scatter' && kind !== 'number') return 'a scatter needs a numeric field';
  return null;
}

function byProblem(name: string, fields: readonly DatasetField[]): string | null {
  const field = fields.find((f) => f.name === name);
  if (!field) return 'no such field';
  return axisKind(field) === 'category' ? null : 'a breakdown needs a text or boolean field';
}

/**
 * The checks the dataset page hands to the ignored-params notice, once the fields are known; the
 * same ones readChart applies, so what the notice names is exactly what the chart left out.
 */
export function chartParamChecks(
  fields: readonly DatasetField[],
  type: ChartType | undefined,
): Record<string, ParamCheck> {
  return {
    ...CHART_SYNTAX_CHECKS,
    'chart.x': (value) => CHART_SYNTAX_CHECKS['chart.x']!(value) ?? xProblem(value, fields, type),
    'chart.y': (value) => {
      const measure = parseMeasure(value);
      return measure
        ? measureProblem(measure, fields, type)
        : 'not an aggregation such as count(*) or avg(field)';
    },
    'chart.by': (value) => CHART_SYNTAX_CHECKS['chart.by']!(value) ?? byProblem(value, fields),
  };
}

/** The chart the URL asks for, checked against the fields; what is missing or refused is the default. */
export function readChart(search: ChartSearch, fields: readonly DatasetField[]): ChartState {
  const fallback = defaultChart(fields);
  const type = search['chart.type'] ?? fallback.type;
  const given = search['chart.x'];
  const x = given && !xProblem(given, fields, type) ? given : type === fallback.type ? fallback.x : null;
  const measures = (search['chart.y'] ?? [])
    .map(parseMeasure)
    .filter((m): m is Measure => m !== null && measureProblem(m, fields, type) === null);
  const by = search['chart.by'] && !byProblem(search['chart.by'], fields) ? search['chart.by'] : null;
  const completedState = completed(
    {
      type,
      x,
      measures: measures.length ? measures : type === fallback.type ? fallback.measures : [],
      by: by !== x ? by : null,
      top: Number(search['chart.top'] ?? DEFAULT_TOP),
      interval: search['chart.interval'] ?? DEFAULT_INTERVAL,
      bins: (search['chart.bins'] && parseBins(search['chart.bins'])) || DEFAULT_BINS,
      sort: '-value',
      log: search['chart.scale'] === 'log',
      labels: search['chart.labels'] === 'on',
      legend: search['chart.legend'] !== 'off',
      stack: search['chart.stack'] !== 'off',
    },
    fields,
  );
  // The default order depends on the axis, known once the state is complete.
  const sort = search['chart.sort'] ?? defaultSort(completedState.type, completedState.x, fields);
  return { ...completedState, sort };
}

/** A chart type switched to without its own choices gets working ones (a scatter needs two numbers). */
function completed(state: ChartState, fields: readonly DatasetField[]): ChartState {
  const numbers = fields.filter((f) => isNumericType(f.type));
  if (state.type === 'scatter') {
    const x = state.x ?? numbers[0]?.name ?? null;
    const y = state.measures[0] ?? numbers.find((f) => f.name !== x) ?? numbers[0];
    const measure: Measure | null = y ? ('fn' in y ? y : { fn: 'value', field: y.name }) : null;
    return { ...state, x, by: null, measures: measure ? [measure] : [] };
  }
  const measures = state.measures.length ? state.measures : [{ fn: 'count' as const, field: null }];
  if (state.type === 'kpi') return { ...state, x: null, by: null, measures };
  const x = state.x ?? defaultChart(fields).x ?? fields.find((f) => axisKind(f) !== null)?.name ?? null;
  // A pie has one ring: no breakdown.
  const by = state.type === 'pie' || state.type === 'donut' ? null : state.by;
  return { ...state, x, by, measures };
}

/** Time and number axes read in order; categories biggest first. */
function defaultSort(type: ChartType, x: string | null, fields: readonly DatasetField[]): ChartSort {
  const field = fields.find((f) => f.name === x);
  if (type === 'scatter' || (field && axisKind(field) !== 'category')) return 'label';
  return '-value';
}

/** The URL's chart keys for a state: everything the default would give left out. */
export function chartSearch(state: ChartState, fields: readonly DatasetField[]): ChartSearch {
  const fallback = defaultChart(fields);
  const sameType = state.type === fallback.type;
  const sameX = sameType && state.x === fallback.x;
  const measures = state.measures.map(formatMeasure);
  const sameMeasures = sameType && measures.join('|') === fallback.measures.map(formatMeasure).join('|');
  const search: ChartSearch = {};
  if (!sameType) search['chart.type'] = state.type;
  if (state.x && !sameX) search['chart.x'] = state.x;
  if (!sameMeasures && measures.length) search['chart.y'] = measures;
  if (state.by) search['chart.by'] = state.by;
  if (state.top !== DEFAULT_TOP) search['chart.top'] = String(state.top);
  if (state.interval !== DEFAULT_INTERVAL) search['chart.interval'] = state.interval;
  if (formatBins(state.bins) !== formatBins(DEFAULT_BINS)) search['chart.bins'] = formatBins(state.bins);
  if (state.sort !== defaultSort(state.type, state.x, fields)) search['chart.sort'] = state.sort;
  if (state.log) search['chart.scale'] = 'log';
  if (state.labels) search['chart.labels'] = 'on';
  if (!state.legend) search['chart.legend'] = 'off';
  if (!state.stack) search['chart.stack'] = 'off';
  return search;
}

/** The page's search with the chart replaced (the other keys kept). */
export function withChart(
  search: DatasetSearch,
  state: ChartState,
  fields: readonly DatasetField[],
): DatasetSearch {
  const cleared: Record<string, unknown> = { ...search };
  for (const key of Object.keys(cleared)) if (key.startsWith('chart.')) delete cleared[key];
  return parseDatasetSearch({ ...cleared, ...chartSearch(state, fields) });
}

const MEASURE_KEYS = {
  count: 'analyze.measure.count',
  sum: 'analyze.measure.sum',
  avg: 'analyze.measure.avg',
  min: 'analyze.measure.min',
  max: 'analyze.measure.max',
  median: 'analyze.measure.median',
} as const satisfies Record<Exclude<Measure['fn'], 'value' | 'percentile'>, MessageKey>;

const ordinalRules = perLocale((locale) => new Intl.PluralRules(locale, { type: 'ordinal' }));

/** `90th`, `1st` (`90e`, `1er`): the ordinal forms of the language in force. */
function ordinal(n: number): string {
  const rule = ordinalRules().select(n);
  return t(`analyze.ordinal.${rule === 'one' || rule === 'two' || rule === 'few' ? rule : 'other'}`, { n });
}

/** A measure in words, with the field's label: "Count of records", "90th percentile of Population". */
export function measureLabel(measure: Measure, fields: readonly DatasetField[]): string {
  const field = fields.find((f) => f.name === measure.field);
  const name = field ? field.label || field.name : (measure.field ?? t('analyze.measure.records'));
  if (measure.fn === 'value') return name;
  if (measure.field === null) return t('analyze.measure.countOfRecords');
  if (measure.fn === 'percentile')
    return t('analyze.measure.percentile', { rank: ordinal(measure.p ?? 50), field: name });
  return t(MEASURE_KEYS[measure.fn], { field: name });
}

/** The default order of a state's axis, which a change of axis or type goes back to. */
export function defaultSortFor(state: ChartState, fields: readonly DatasetField[]): ChartSort {
  return defaultSort(state.type, state.x, fields);
}
