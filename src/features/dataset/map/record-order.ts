import type { Feature } from 'geojson';
import { bboxOf } from '../../../../common/geo/bbox';
import type { RecordSequence } from '../view-props';

/** The record id a feature carries (`select=recordid`), when the portal sent it. */
export function recordIdOf(feature: Feature): string | null {
  const id = feature.properties?.recordid;
  return typeof id === 'string' && id ? id : null;
}

/** A feature's place for distances: its box's centre (a point is its own). */
function placeOf(feature: Feature): [number, number] | null {
  if (!feature.geometry) return null;
  const [w, s, e, n] = bboxOf(feature.geometry);
  return Number.isFinite(w) ? [(w + e) / 2, (s + n) / 2] : null;
}

/**
 * The records drawn, nearest to the clicked one first (itself at index 0): what previous and next
 * mean in the record panel opened from the map. Distances are in degrees with longitude shrunk
 * by the latitude, which orders neighbours well enough at any scale a map shows at once.
 */
export function neighbours(drawn: readonly Feature[], clicked: Feature): RecordSequence {
  const origin = placeOf(clicked);
  const clickedId = recordIdOf(clicked);
  const scale = origin ? Math.cos((origin[1] * Math.PI) / 180) : 1;
  const ranked: { id: string; distance: number }[] = [];
  for (const feature of drawn) {
    const id = recordIdOf(feature);
    const place = placeOf(feature);
    if (!id || !place || id === clickedId) continue;
    const distance = origin ? Math.hypot((place[0] - origin[0]) * scale, place[1] - origin[1]) : 0;
    ranked.push({ id, distance });
  }
  ranked.sort((a, b) => a.distance - b.distance);
  const ids = [...(clickedId ? [clickedId] : []), ...ranked.map((r) => r.id)];
  return { kind: 'list', ids, index: 0, order: 'nearest' };
}
