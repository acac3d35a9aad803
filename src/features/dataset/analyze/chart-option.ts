import type { EChartsCoreOption } from 'echarts/core';
import { formatCompact, formatNumber } from '../../../i18n/format';
import { t } from '../../../i18n/translate';
import { escapeHtml } from '../../../lib/html-text';
import type { ChartState } from '../charts/chart-state';
import type { GroupedData, ScatterData } from './chart-data';
import type { ChartPalette } from './chart-theme';

/**
 * The ECharts option of a chart: pure, from the data the portal computed, the state and the
 * theme's palette, so what is drawn can be tested without a canvas. No animation: a chart that
 * changes with every filter should show the numbers at once (and the bench times the drawing).
 */

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif';

function base(palette: ChartPalette, legend: boolean): EChartsCoreOption {
  return {
    animation: false,
    backgroundColor: 'transparent',
    color: [...palette.series],
    textStyle: { color: palette.text, fontFamily: FONT },
    legend: { show: legend, top: 0, type: 'scroll', textStyle: { color: palette.text } },
    tooltip: {
      backgroundColor: palette.background,
      borderColor: palette.axis,
      textStyle: { color: palette.text },
      valueFormatter: (value: unknown) =>
        typeof value === 'number' ? formatNumber(value) : String(value ?? '–'),
    },
  };
}

function valueAxis(palette: ChartPalette, log: boolean) {
  return {
    type: log ? 'log' : 'value',
    axisLabel: { color: palette.muted, formatter: (v: number) => formatCompact(v) },
    splitLine: { lineStyle: { color: palette.grid } },
  };
}

function categoryAxis(palette: ChartPalette, labels: string[], inverse = false) {
  return {
    type: 'category',
    data: labels,
    inverse,
    axisLine: { lineStyle: { color: palette.axis } },
    axisTick: { alignWithLabel: true },
    axisLabel: { color: palette.muted, hideOverlap: true },
  };
}

/** A log axis cannot place zero or less: such values are left out rather than drawn wrong. */
const drawable = (values: readonly (number | null)[], log: boolean) =>
  values.map((v) => (v === null || (log && v <= 0) ? null : v));

export function groupedOption(
  data: GroupedData,
  state: ChartState,
  palette: ChartPalette,
): EChartsCoreOption {
  const labels = data.buckets.map((b) => b.label);
  const breakdown = state.by !== null;
  const many = data.series.length > 1;
  const label = {
    show: state.labels,
    color: palette.text,
    formatter: (p: { value: number }) => formatCompact(p.value),
  };

  if (state.type === 'pie' || state.type === 'donut') {
    const values = data.series[0]?.values ?? [];
    return {
      ...base(palette, state.legend),
      legend: {
        show: state.legend,
        type: 'scroll',
        orient: 'vertical',
        left: 0,
        top: 'middle',
        textStyle: { color: palette.text },
      },
      tooltip: { ...(base(palette, false).tooltip as object), trigger: 'item' },
      series: [
        {
          type: 'pie',
          name: data.series[0]?.name,
          radius: state.type === 'donut' ? ['45%', '72%'] : '72%',
          center: state.legend ? ['60%', '52%'] : ['50%', '52%'],
          label: {
            show: state.labels,
            color: palette.text,
            formatter: (p: { name: string; percent: number }) =>
              t('analyze.chart.slice', { name: p.name, percent: p.percent }),
          },
          itemStyle: { borderColor: palette.background, borderWidth: 1 },
          data: data.buckets.map((b, k) => ({
            name: b.label,
            value: values[k] ?? 0,
            ...(b.kind === 'others' ? { itemStyle: { color: palette.others } } : {}),
          })),
        },
      ],
    };
  }

  const horizontal = state.type === 'bar';
  const line = state.type === 'line' || state.type === 'area';
  const stacked = breakdown && state.stack && state.type !== 'line';
  const series = data.series.map((s) => ({
    type: line ? 'line' : 'bar',
    name: s.name,
    data: drawable(s.values, state.log).map((value, k) =>
      data.buckets[k]?.kind === 'others' && !many ? { value, itemStyle: { color: palette.others } } : value,
    ),
    ...(stacked ? { stack: 'total' } : {}),
    ...(state.type === 'area' ? { areaStyle: { opacity: stacked ? 0.85 : 0.3 } } : {}),
    ...(line ? { showSymbol: labels.length <= 60, connectNulls: false } : { barMaxWidth: 48 }),
    label: { ...label, position: horizontal ? 'right' : 'top' },
    emphasis: { focus: 'series' },
  }));
  const categories = categoryAxis(palette, labels, horizontal);
  const values = valueAxis(palette, state.log);
  return {
    ...base(palette, state.legend && many),
    tooltip: {
      ...(base(palette, false).tooltip as object),
      trigger: 'axis',
      axisPointer: { type: line ? 'line' : 'shadow' },
    },
    grid: { left: 8, right: 24, top: state.legend && many ? 36 : 16, bottom: 8, containLabel: true },
    xAxis: horizontal ? values : categories,
    yAxis: horizontal ? categories : values,
    series,
  };
}

export function scatterOption(
  data: ScatterData,
  state: ChartState,
  names: { x: string; y: string },
  palette: ChartPalette,
): EChartsCoreOption {
  const points = state.log ? data.points.filter(([x, y]) => x > 0 && y > 0) : data.points;
  return {
    ...base(palette, false),
    tooltip: {
      ...(base(palette, false).tooltip as object),
      trigger: 'item',
      formatter: (p: { value: [number, number] }) =>
        [
          // Field labels come from the portal: text, never markup, in ECharts' HTML tooltip.
          escapeHtml(t('analyze.chart.point', { name: names.x, value: p.value[0] })),
          escapeHtml(t('analyze.chart.point', { name: names.y, value: p.value[1] })),
        ].join('<br>'),
    },
    grid: { left: 8, right: 24, top: 16, bottom: 28, containLabel: true },
    xAxis: {
      ...valueAxis(palette, state.log),
      name: names.x,
      nameLocation: 'middle',
      nameGap: 24,
      scale: true,
    },
    yAxis: { ...valueAxis(palette, state.log), name: names.y, scale: true },
    series: [
      {
        type: 'scatter',
        name: names.y,
        symbolSize: 5,
        data: points,
        itemStyle: { opacity: 0.7 },
        large: points.length > 1000,
      },
    ],
  };
}
