import type { Geometry } from 'geojson';

/**
 * The GeoJSON geometry of a geo value as the API writes it: a `geo_point_2d` is `{lat, lon}`; a
 * `geo_shape` is a GeoJSON Feature (ods-api.md §5) or, from some portals and computed
 * expressions, a bare geometry. The portal's geo exports and the explorer's maps read values the
 * same way.
 */
export function geometryOfValue(value: unknown, kind: 'point' | 'shape'): Geometry | null {
  if (value === null || value === undefined || typeof value !== 'object') return null;
  if (kind === 'point') {
    const { lat, lon } = value as { lat?: unknown; lon?: unknown };
    return typeof lat === 'number' && typeof lon === 'number'
      ? { type: 'Point', coordinates: [lon, lat] }
      : null;
  }
  const feature = value as { type?: unknown; geometry?: Geometry | null };
  if (feature.type === 'Feature') return feature.geometry ?? null;
  return typeof feature.type === 'string' ? (value as Geometry) : null;
}
