import type { GroupRow } from '../../../api/model';
import { formatNumber } from '../../../i18n/format';

/**
 * Server-side clusters: `group_by=geo_cluster(<point field>, <precision>)` with a count. The
 * portal answers one row per cell, its key `{"cluster_centroid": {"lat", "lon"}}` (lat first, as
 * ODS writes it) named by the expression text as sent.
 */
export interface Cluster {
  lat: number;
  lon: number;
  count: number;
}

/** Not `count`: ODSQL reserves it, and an alias may not be a reserved word. */
export const COUNT_ALIAS = 'cluster_count';

/**
 * The cluster precision for a map zoom. The portal's cells are 360 / 2^precision degrees wide; a
 * map tile is 512 px for 360 / 2^zoom degrees, so zoom + 3 gives cells of 64 px: at most a few
 * hundred clusters in a window, far enough apart for their bubbles.
 */
export function clusterPrecision(zoom: number): number {
  return Math.max(0, Math.min(25, Math.floor(zoom) + 3));
}

export function clusterGroupBy(field: string, zoom: number): string {
  return `geo_cluster(${field}, ${clusterPrecision(zoom)})`;
}

function centroid(value: unknown): { lat: number; lon: number } | null {
  if (!value || typeof value !== 'object') return null;
  const inner = (value as { cluster_centroid?: unknown }).cluster_centroid ?? value;
  const { lat, lon } = inner as { lat?: unknown; lon?: unknown };
  return typeof lat === 'number' && typeof lon === 'number' ? { lat, lon } : null;
}

/** The clusters of a grouped answer; rows without a centroid (the null group of v2.1) are skipped. */
export function readClusters(rows: readonly GroupRow[], groupBy: string): Cluster[] {
  const clusters: Cluster[] = [];
  for (const row of rows) {
    const key = row[groupBy] ?? Object.values(row).find((value) => centroid(value) !== null);
    const at = centroid(key);
    const count = Number(row[COUNT_ALIAS]);
    if (at && Number.isFinite(count) && count > 0) clusters.push({ ...at, count });
  }
  return clusters;
}

/**
 * 987 → "987", 1234 → "1.2k" ("1,2k" in French), 15320 → "15k", 2400000 → "2.4M": what fits in a
 * bubble. Rounded down, so a bubble never claims more records than it holds; k and M read the same
 * in both languages.
 */
export function clusterLabel(count: number): string {
  if (count < 1000) return formatNumber(count);
  const [value, unit] = count < 1_000_000 ? [count / 1000, 'k'] : [count / 1_000_000, 'M'];
  return `${formatNumber(value < 10 ? Math.floor(value * 10) / 10 : Math.floor(value))}${unit}`;
}

/** Bubble radius in px: by the square root of the count (area ∝ count), 10 to 32 px. */
export function clusterRadius(count: number, max: number): number {
  return 10 + 22 * Math.sqrt(count / Math.max(1, max));
}
