import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import type { Basemap } from './basemap';
import type { MapPalette } from './map-palette';

/**
 * The map's style: the basemap layers under the records, shapes as a fill and an outline, points
 * as circles, clusters as circles (their counts are not MapLibre's: cluster-counts.ts). Colours
 * come from the palette only, so a theme change repaints the same layers (`paintOf`) without
 * rebuilding the style.
 */

/** Colouring records by a facet field: its top values get the palette's categories, the rest `others`. */
export interface ColorRule {
  field: string;
  values: readonly string[];
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const POLYGONS: ExpressionSpecification = [
  'match',
  ['geometry-type'],
  ['Polygon', 'MultiPolygon'],
  true,
  false,
];
const LINES: ExpressionSpecification = [
  'match',
  ['geometry-type'],
  ['LineString', 'MultiLineString'],
  true,
  false,
];
const POINTS: ExpressionSpecification = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false];

/** A value that grows with the zoom, linearly between the given stops. */
function byZoom(...stops: number[]): ExpressionSpecification {
  return ['interpolate', ['linear'], ['zoom'], ...stops] as ExpressionSpecification;
}

/** The style with its colours already in (the first frame is painted right, not repainted). */
export function styleOf(basemap: Basemap, palette: MapPalette, color: ColorRule | null): StyleSpecification {
  const style = baseStyle(basemap);
  for (const [layerId, property, value] of paintOf(palette, color)) {
    const layer = style.layers.find((l) => l.id === layerId) as { paint?: Record<string, unknown> };
    layer.paint = { ...layer.paint, [property]: value };
  }
  return style;
}

function baseStyle(basemap: Basemap): StyleSpecification {
  return {
    version: 8,
    sources: {
      land: { type: 'geojson', data: basemap.land },
      borders: { type: 'geojson', data: basemap.borders },
      coastlines: { type: 'geojson', data: basemap.coastlines },
      graticule: { type: 'geojson', data: basemap.graticule },
      records: { type: 'geojson', data: EMPTY, generateId: true },
      area: { type: 'geojson', data: EMPTY },
      clusters: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'water', type: 'background' },
      { id: 'graticule', type: 'line', source: 'graticule' },
      { id: 'land', type: 'fill', source: 'land' },
      { id: 'coastlines', type: 'line', source: 'coastlines' },
      { id: 'borders', type: 'line', source: 'borders', paint: { 'line-dasharray': [3, 2] } },
      { id: 'records-fill', type: 'fill', source: 'records', filter: POLYGONS },
      { id: 'records-line', type: 'line', source: 'records', filter: ['any', POLYGONS, LINES] },
      { id: 'records-point', type: 'circle', source: 'records', filter: POINTS },
      { id: 'area', type: 'line', source: 'area', paint: { 'line-width': 2 } },
      // Their counts are written over the map's canvas (cluster-counts.ts).
      { id: 'clusters', type: 'circle', source: 'clusters' },
    ],
  };
}

function recordColor(palette: MapPalette, color: ColorRule | null): ExpressionSpecification | string {
  if (!color || color.values.length === 0) return palette.record;
  const pairs = color.values.flatMap((value, i) => [value, palette.categories[i] ?? palette.others]);
  return ['match', ['to-string', ['get', color.field]], ...pairs, palette.others] as ExpressionSpecification;
}

/** Every colour-bearing paint property of the style, for a palette and a colour rule. */
export type PaintEntry = [layer: string, property: string, value: unknown];

export function paintOf(palette: MapPalette, color: ColorRule | null): PaintEntry[] {
  const base = recordColor(palette, color);
  const hovered: ExpressionSpecification = [
    'case',
    ['boolean', ['feature-state', 'hover'], false],
    palette.highlight,
    base,
  ];
  return [
    ['water', 'background-color', palette.water],
    ['graticule', 'line-color', palette.graticule],
    ['land', 'fill-color', palette.land],
    ['coastlines', 'line-color', palette.coast],
    ['borders', 'line-color', palette.border],
    ['area', 'line-color', palette.drawLine],
    ['records-fill', 'fill-color', hovered],
    ['records-fill', 'fill-opacity', palette.shapeOpacity],
    ['records-line', 'line-color', hovered],
    ['records-line', 'line-width', byZoom(0, 0.6, 6, 1.2, 12, 2)],
    ['records-point', 'circle-color', hovered],
    ['records-point', 'circle-radius', byZoom(0, 2.5, 6, 3.5, 12, 6)],
    ['records-point', 'circle-stroke-color', palette.recordStroke],
    ['records-point', 'circle-stroke-width', byZoom(0, 0.4, 8, 1)],
    ['clusters', 'circle-color', palette.record],
    ['clusters', 'circle-opacity', 0.85],
    ['clusters', 'circle-radius', ['get', 'radius']],
    ['clusters', 'circle-stroke-color', palette.recordStroke],
    ['clusters', 'circle-stroke-width', 1.5],
  ];
}
