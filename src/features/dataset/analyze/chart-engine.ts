import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, type EChartsType, init, registerLocale, use } from 'echarts/core';
import langFR from 'echarts/lib/i18n/langFR.js';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { currentLocale, type Locale } from '../../../i18n/locale';

/**
 * ECharts, from its modular entry points, with only the charts, components and renderers the
 * Analyze view draws; this module is in the view's own lazy chunk, never the catalog's.
 */
use([
  BarChart,
  LineChart,
  PieChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
  SVGRenderer,
]);

// ECharts ships English and Chinese; French comes from its own locale file, bundled (no network).
registerLocale('FR', langFR);
const ECHARTS_LOCALES: Record<Locale, string> = { en: 'EN', fr: 'FR' };

/** The performance mark each drawn chart leaves (the bench reads it). */
export const DRAWN_MARK = 'analyze:chart-drawn';

export interface ChartClickEvent {
  dataIndex: number;
  seriesIndex: number;
}

export interface ChartEngine {
  draw: (option: EChartsCoreOption) => void;
  resize: () => void;
  /** PNG as a data URL, at twice the pixels for sharp prints. */
  png: (background: string) => string;
  /** The same chart drawn by the SVG renderer, as a standalone document. */
  svg: (option: EChartsCoreOption, background: string) => string;
  dispose: () => void;
}

export function createChartEngine(
  container: HTMLElement,
  onClick: (event: ChartClickEvent) => void,
): ChartEngine {
  const locale = ECHARTS_LOCALES[currentLocale()];
  const chart: EChartsType = init(container, null, { renderer: 'canvas', locale });
  let pending = false;
  chart.on('click', (params) => {
    const { dataIndex, seriesIndex } = params as { dataIndex?: number; seriesIndex?: number };
    if (typeof dataIndex === 'number') onClick({ dataIndex, seriesIndex: seriesIndex ?? 0 });
  });
  // `finished` fires once the chart is fully drawn; only the first after a draw is the one timed.
  chart.on('finished', () => {
    if (!pending) return;
    pending = false;
    performance.mark(DRAWN_MARK);
  });
  return {
    draw: (option) => {
      pending = true;
      chart.setOption(option, { notMerge: true });
    },
    resize: () => chart.resize(),
    png: (background) => chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background }),
    svg: (option, background) => {
      const width = container.clientWidth || 800;
      const height = container.clientHeight || 400;
      const offscreen = init(null, null, { renderer: 'svg', ssr: true, width, height, locale });
      offscreen.setOption({ ...option, backgroundColor: background });
      const text = offscreen.renderToSVGString();
      offscreen.dispose();
      return text;
    },
    dispose: () => chart.dispose(),
  };
}
