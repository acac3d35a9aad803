import type { Theme } from '../../../lib/theme-in-force';
/**
 * The map's colours in each theme. MapLibre paints from values, not CSS variables, so the palette
 * lives here, chosen to sit with global.css: a quiet basemap, the accent for records, and a
 * categorical palette whose ten colours keep 3:1 contrast against the land of their theme.
 */
export type MapTheme = Theme;

export interface MapPalette {
  water: string;
  land: string;
  border: string;
  coast: string;
  graticule: string;
  record: string;
  recordStroke: string;
  highlight: string;
  shapeOpacity: number;
  drawFill: string;
  drawLine: string;
  /** For colouring by a facet: ten categories, then `others`. */
  categories: readonly string[];
  others: string;
}

export const PALETTES: Record<MapTheme, MapPalette> = {
  light: {
    water: '#d7e4ef',
    land: '#f6f4ee',
    border: '#c2bcae',
    coast: '#9fb3c6',
    graticule: 'rgba(40, 60, 80, 0.08)',
    record: '#0b5fcc',
    recordStroke: '#ffffff',
    highlight: '#d9480f',
    shapeOpacity: 0.35,
    drawFill: 'rgba(217, 72, 15, 0.12)',
    drawLine: '#d9480f',
    categories: [
      '#1f6fd1',
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
    water: '#0d1822',
    land: '#1d2329',
    border: '#3b444d',
    coast: '#34506a',
    graticule: 'rgba(200, 220, 240, 0.07)',
    record: '#6ea8ff',
    recordStroke: '#0b1320',
    highlight: '#ffa94d',
    shapeOpacity: 0.4,
    drawFill: 'rgba(255, 169, 77, 0.14)',
    drawLine: '#ffa94d',
    categories: [
      '#74b0ff',
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
