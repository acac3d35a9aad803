import { afterEach, describe, expect, it } from 'vitest';
import { setCurrentLocale } from '../../../i18n/locale';
import { type ChartState, measureLabel } from '../charts/chart-state';
import { chartTable, toCsv } from './chart-csv';
import { type GroupedData, rangeLabel } from './chart-data';
import { groupedOption, scatterOption } from './chart-option';
import { CHART_PALETTES } from './chart-theme';

const STATE: ChartState = {
  type: 'column',
  x: 'country_code',
  measures: [{ fn: 'count', field: null }],
  by: null,
  top: 10,
  interval: 'month',
  bins: { count: 20 },
  sort: '-value',
  log: false,
  labels: false,
  legend: true,
  stack: true,
};

const DATA: GroupedData = {
  kind: 'grouped',
  buckets: [
    { kind: 'value', label: 'US', value: 'US' },
    { kind: 'value', label: 'FR, "metro"', value: 'FR' },
    { kind: 'others', label: 'Others' },
  ],
  series: [{ name: 'Count of records', values: [16_677, 0, 58_000] }],
};

type Option = {
  xAxis: { type: string; data?: string[] };
  yAxis: { type: string; data?: string[]; inverse?: boolean };
  series: { type: string; stack?: string; data: unknown[]; radius?: unknown; areaStyle?: unknown }[];
};

describe('the ECharts option', () => {
  const light = CHART_PALETTES.light;

  it('columns: categories along x, Others in its own grey, no animation', () => {
    const option = groupedOption(DATA, STATE, light) as unknown as Option & { animation: boolean };
    expect(option.animation).toBe(false);
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['US', 'FR, "metro"', 'Others'] });
    expect(option.series[0]!.data).toEqual([
      16_677,
      0,
      { value: 58_000, itemStyle: { color: light.others } },
    ]);
  });

  it('bars lie down; a log scale leaves out what it cannot place; a breakdown stacks unless told not to', () => {
    const bar = groupedOption(DATA, { ...STATE, type: 'bar', log: true }, light) as unknown as Option;
    expect(bar.yAxis).toMatchObject({ type: 'category', inverse: true });
    expect(bar.xAxis.type).toBe('log');
    expect(bar.series[0]!.data[1]).toBeNull();
    const crossed: GroupedData = { ...DATA, series: [DATA.series[0]!, { name: 'PPLC', values: [1, 2, 3] }] };
    const stacked = groupedOption(crossed, { ...STATE, by: 'feature_code' }, light) as unknown as Option;
    expect(stacked.series.map((s) => s.stack)).toEqual(['total', 'total']);
    const side = groupedOption(
      crossed,
      { ...STATE, by: 'feature_code', stack: false },
      light,
    ) as unknown as Option;
    expect(side.series.map((s) => s.stack)).toEqual([undefined, undefined]);
  });

  it('a donut is a pie with a hole; an area fills under its line', () => {
    const donut = groupedOption(DATA, { ...STATE, type: 'donut' }, light) as unknown as Option;
    expect(donut.series[0]).toMatchObject({ type: 'pie', radius: ['45%', '72%'] });
    const area = groupedOption(DATA, { ...STATE, type: 'area' }, light) as unknown as Option;
    expect(area.series[0]).toMatchObject({ type: 'line', areaStyle: { opacity: 0.3 } });
  });
});

describe('the chart as a table and a CSV', () => {
  it('lists the very numbers charted, quoting what CSV must', () => {
    const table = chartTable(DATA, 'Country code');
    expect(table).toEqual({
      header: ['Country code', 'Count of records'],
      rows: [
        ['US', 16_677],
        ['FR, "metro"', 0],
        ['Others', 58_000],
      ],
    });
    expect(toCsv(table)).toBe(
      'Country code,Count of records\r\nUS,16677\r\n"FR, ""metro""",0\r\nOthers,58000\r\n',
    );
  });
});

describe('the chart in French', () => {
  afterEach(() => setCurrentLocale('en'));
  const fields = [
    { name: 'population', label: 'Population', type: 'int' as const, annotations: {}, description: null },
  ];

  it('names measures, bins and values in the language in force', () => {
    const p90 = { fn: 'percentile' as const, field: 'population', p: 90 };
    expect(measureLabel(p90, fields)).toBe('90th percentile of Population');
    expect(measureLabel({ fn: 'percentile', field: 'population', p: 1 }, fields)).toBe(
      '1st percentile of Population',
    );
    expect(rangeLabel(1000, 2500.5)).toBe('1,000 – 2,500.5');
    setCurrentLocale('fr');
    expect(measureLabel(p90, fields)).toBe('Population (90e centile)');
    expect(measureLabel({ fn: 'percentile', field: 'population', p: 1 }, fields)).toBe(
      'Population (1er centile)',
    );
    expect(measureLabel({ fn: 'avg', field: 'population' }, fields)).toBe('Population (moyenne)');
    expect(measureLabel({ fn: 'count', field: null }, fields)).toBe('Nombre d’enregistrements');
    expect(rangeLabel(1000, 2500.5)).toBe('1\u202f000 – 2\u202f500,5');
  });

  it('formats axes and tooltips with French numbers and typography', () => {
    setCurrentLocale('fr');
    const option = scatterOption(
      { kind: 'scatter', points: [[1234.5, 2]], total: 1 },
      { ...STATE, type: 'scatter' },
      { x: 'Surface', y: 'Population' },
      CHART_PALETTES.light,
    ) as unknown as {
      tooltip: { formatter: (p: { value: [number, number] }) => string };
      xAxis: { axisLabel: { formatter: (v: number) => string } };
    };
    expect(option.tooltip.formatter({ value: [1234.5, 2] })).toBe(
      'Surface\u202f: 1\u202f234,5<br>Population\u202f: 2',
    );
    // Intl's French compact notation puts a no-break space before the unit.
    expect(option.xAxis.axisLabel.formatter(15_000)).toBe('15\u00a0k');
  });
});
