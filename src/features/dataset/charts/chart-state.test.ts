import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DatasetField } from '../../../../common/ods-api/types';
import { parseSearchString, stringifySearchObject } from '../../../lib/search-codec';
import { parseDatasetSearch, serializeDatasetSearch } from '../dataset-search-params';
import { CHART_SORTS, CHART_TYPES, INTERVALS, type Measure, parseMeasure } from './chart-params';
import {
  aggregationsFor,
  type ChartState,
  chartParamChecks,
  chartSearch,
  readChart,
  withChart,
} from './chart-state';
import { defaultChart } from './default-chart';

const field = (name: string, type: DatasetField['type'], facet = false): DatasetField => ({
  name,
  label: name,
  type,
  annotations: facet ? { facet: [] } : {},
  description: null,
});

const CITIES: DatasetField[] = [
  field('name', 'text'),
  field('feature_code', 'text', true),
  field('country_code', 'text', true),
  field('capital', 'boolean', true),
  field('population', 'int'),
  field('elevation', 'double'),
  field('modified', 'datetime'),
  field('coordinates', 'geo_point_2d'),
];

/** Through the address bar and back: the search as the router would write it, then read it. */
function throughUrl(state: ChartState, fields: readonly DatasetField[]): ChartState {
  const search = withChart(parseDatasetSearch({ tab: 'analyze' }), state, fields);
  const url = `?${serializeDatasetSearch(search).toString()}`;
  const again = parseDatasetSearch(parseSearchString(stringifySearchObject(parseSearchString(url))));
  return readChart(again, fields);
}

const names = (pred: (f: DatasetField) => boolean) => CITIES.filter(pred).map((f) => f.name);
const numbers = names((f) => f.type === 'int' || f.type === 'double');
const categories = names((f) => f.type === 'text' || f.type === 'boolean');
const axes = names((f) => f.type !== 'geo_point_2d');

const aggregate = fc.oneof(
  fc.constant<Measure>({ fn: 'count', field: null }),
  fc
    .constantFrom(...CITIES.filter((f) => f.type !== 'geo_point_2d'))
    .chain((f) =>
      fc
        .constantFrom(...aggregationsFor(f))
        .chain((fn) =>
          fn === 'percentile'
            ? fc.integer({ min: 0, max: 100 }).map((p): Measure => ({ fn, field: f.name, p }))
            : fc.constant<Measure>({ fn, field: f.name }),
        ),
    ),
);

/** A valid, complete state: what the view can be in after any sequence of choices. */
const chartState: fc.Arbitrary<ChartState> = fc
  .record({
    type: fc.constantFrom(...CHART_TYPES),
    x: fc.constantFrom(...axes),
    scatterX: fc.constantFrom(...numbers),
    scatterY: fc.constantFrom(...numbers),
    measures: fc.uniqueArray(aggregate, { minLength: 1, maxLength: 3, selector: (m) => JSON.stringify(m) }),
    by: fc.option(fc.constantFrom(...categories), { nil: null }),
    top: fc.integer({ min: 1, max: 50 }),
    interval: fc.constantFrom('auto' as const, ...INTERVALS),
    bins: fc.oneof(
      fc.integer({ min: 1, max: 100 }).map((count) => ({ count })),
      fc
        .uniqueArray(fc.integer({ min: -1000, max: 100_000 }), { minLength: 2, maxLength: 6 })
        .map((edges) => ({ edges: [...edges].sort((a, b) => a - b) })),
    ),
    sort: fc.constantFrom(...CHART_SORTS),
    log: fc.boolean(),
    labels: fc.boolean(),
    legend: fc.boolean(),
    stack: fc.boolean(),
  })
  .map(({ scatterX, scatterY, ...s }): ChartState => {
    if (s.type === 'scatter')
      return { ...s, x: scatterX, by: null, measures: [{ fn: 'value', field: scatterY }] };
    if (s.type === 'kpi') return { ...s, x: null, by: null };
    const pie = s.type === 'pie' || s.type === 'donut';
    const by = pie || s.by === s.x ? null : s.by;
    return { ...s, by, measures: by ? s.measures.slice(0, 1) : s.measures };
  });

describe('chart state ↔ URL', () => {
  it('any valid state survives the address bar unchanged', () => {
    fc.assert(
      fc.property(chartState, (state) => {
        expect(throughUrl(state, CITIES)).toEqual(state);
      }),
      { numRuns: 400 },
    );
  });

  it('writes nothing for the default chart, and reads it back from an empty URL', () => {
    const state = readChart({}, CITIES);
    expect(chartSearch(state, CITIES)).toEqual({});
    expect(state).toMatchObject({ type: 'column', x: 'modified', measures: [{ fn: 'count', field: null }] });
    expect(state.sort).toBe('label');
  });

  it('reads the URL the issue shows', () => {
    const search = parseDatasetSearch(
      parseSearchString(
        '?chart.type=column&chart.x=country_code&chart.y=count(*)&chart.y=avg(population)&chart.by=feature_code&chart.top=10&chart.interval=month',
      ),
    );
    const state = readChart(search, CITIES);
    // A breakdown keeps one series: the first.
    expect(state).toMatchObject({ type: 'column', x: 'country_code', by: 'feature_code', top: 10 });
    expect(state.measures).toEqual([
      { fn: 'count', field: null },
      { fn: 'avg', field: 'population' },
    ]);
  });

  it('drops what the fields cannot use, and the notice names it with the reason', () => {
    const raw = {
      'chart.x': 'coordinates',
      'chart.y': ['sum(name)', 'avg(population)'],
      'chart.by': 'population',
    };
    const state = readChart(parseDatasetSearch(raw), CITIES);
    expect(state.x).toBe('modified');
    expect(state.measures).toEqual([{ fn: 'avg', field: 'population' }]);
    expect(state.by).toBeNull();
    const checks = chartParamChecks(CITIES, undefined);
    expect(checks['chart.x']!('coordinates')).toMatch(/cannot be an axis/);
    expect(checks['chart.y']!('sum(name)')).toMatch(/does not apply to a text field/);
    expect(checks['chart.y']!('avg(population)')).toBeNull();
    expect(checks['chart.by']!('population')).toMatch(/text or boolean/);
    expect(checks['chart.top']!('500')).toMatch(/1 to 50/);
    expect(checks['chart.type']!('radar')).toMatch(/not a chart type/);
    expect(parseDatasetSearch({ 'chart.type': 'radar', 'chart.top': '500' })).toMatchObject({
      'chart.type': undefined,
      'chart.top': undefined,
    });
  });

  it('measures read in canonical form, spaces or not', () => {
    expect(parseMeasure('percentile( population , 90 )')).toEqual({
      fn: 'percentile',
      field: 'population',
      p: 90,
    });
    expect(parseMeasure('sum(*)')).toBeNull();
    expect(parseMeasure('percentile(population,101)')).toBeNull();
    expect(parseMeasure('temp_max')).toEqual({ fn: 'value', field: 'temp_max' });
  });

  it('picks a first chart for every kind of dataset', () => {
    expect(defaultChart(CITIES).x).toBe('modified');
    expect(defaultChart(CITIES.filter((f) => f.type !== 'datetime')).x).toBe('feature_code');
    expect(defaultChart([field('population', 'int'), field('name', 'text')]).x).toBe('population');
    expect(defaultChart([field('name', 'text')])).toEqual({
      type: 'kpi',
      x: null,
      measures: [{ fn: 'count', field: null }],
    });
  });
});
