import type { Theme } from '../../../lib/theme-in-force';
/**
 * The chart's colours in each theme. ECharts paints from values, not CSS variables (global.css's
 * `light-dark()` pairs do not resolve through getComputedStyle), so the pairs are written here to
 * match: the page's text, borders and surface, and a categorical palette that keeps 3:1 contrast
 * against the surface of its theme. The first colour is the accent, as on the map.
 */
export type ChartTheme = Theme;

export interface ChartPalette {
  background: string;
  text: string;
  muted: string;
  axis: string;
  grid: string;
  series: readonly string[];
  others: string;
}

export const CHART_PALETTES: Record<ChartTheme, ChartPalette> = {
  light: {
    background: '#ffffff',
    text: '#1a1f24',
    muted: '#58616b',
    axis: '#b9c1ca',
    grid: '#e4e8ed',
    series: [
      '#0b5fcc',
      '#d9480f',
      '#2b8a3e',
      '#9c36b5',
      '#c2255c',
      '#0c8599',
      '#a66a00',
      '#5f3dc4',
      '#538a0c',
      '#495057',
    ],
    others: '#767e86',
  },
  dark: {
    background: '#181c20',
    text: '#e4e8ec',
    muted: '#a3acb5',
    axis: '#46505a',
    grid: '#2e353c',
    series: [
      '#6ea8ff',
      '#ffa94d',
      '#69db7c',
      '#e599f7',
      '#ff8fab',
      '#3bc9db',
      '#ffd43b',
      '#b197fc',
      '#a9e34b',
      '#ced4da',
    ],
    others: '#6c757d',
  },
};
