import type Database from 'better-sqlite3';
import type { Geometry, Position } from 'geojson';
import { bboxOf, bboxPolygon } from '../../common/geo/bbox';
import type { DATE_PART_FUNCTIONS } from '../../common/odsql/vocabulary';
import { addToInstant, utc, zonedParts, zonedToUtc } from '../../common/time/zoned-time';
import { formatDateTimePattern } from './date-format';
import {
  containsPoint,
  convexHull,
  distanceToGeometry,
  haversineMetres,
  intersects,
  parseGeometry,
  within,
} from './geometry';

/**
 * The SQL functions the ODSQL compiler calls, registered on every connection. They carry what
 * SQLite lacks: time zones, ODS's date formats, geometry, fuzzy matching, percentiles, and a
 * deadline check that bounds the time any one query can take.
 */

export class QueryTimeoutError extends Error {
  constructor(readonly limitMs: number) {
    super(`The query took longer than ${limitMs / 1000} s and was stopped.`);
  }
}

let deadline = Number.POSITIVE_INFINITY;
let deadlineLimit = 0;

/**
 * The deadline of the whole job a query worker runs (server/pool): set when the job starts, so
 * that every statement of it, and withDeadline inside it, stops by then; null clears it.
 */
export function setJobDeadline(limitMs: number | null): void {
  deadline = limitMs === null ? Number.POSITIVE_INFINITY : Date.now() + limitMs;
  deadlineLimit = limitMs ?? 0;
}

/** Whether a statement failed because ods_deadline() found its time up. */
export function isDeadlineError(error: unknown): boolean {
  return error instanceof Error && error.message.includes('ods_query_timeout');
}

/**
 * Runs `work` with a time limit. Compiled queries call `ods_deadline()` every 1024 rows they
 * examine, which throws once the limit has passed; better-sqlite3 then abandons the statement.
 * An earlier deadline already set (the job's) is kept.
 */
export function withDeadline<T>(limitMs: number, work: () => T): T {
  const previous = deadline;
  const previousLimit = deadlineLimit;
  if (Date.now() + limitMs < deadline) {
    deadline = Date.now() + limitMs;
    deadlineLimit = limitMs;
  }
  try {
    return work();
  } catch (error) {
    if (isDeadlineError(error)) throw new QueryTimeoutError(deadlineLimit);
    throw error;
  } finally {
    deadline = previous;
    deadlineLimit = previousLimit;
  }
}

const geometryCache = new Map<string, Geometry>();

/** Query geometries repeat for every row of a statement: parse each text once. */
function cachedGeometry(text: string): Geometry {
  let geometry = geometryCache.get(text);
  if (!geometry) {
    geometry = parseGeometry(text);
    if (geometryCache.size > 200) geometryCache.clear();
    geometryCache.set(text, geometry);
  }
  return geometry;
}

/** A part of a date that a function of the same name takes: `year(d)` … `dayofweek(d)`. */
export type DatePart = (typeof DATE_PART_FUNCTIONS)[number];

function partOf(ms: number, timezone: string, part: DatePart): number {
  const p = zonedParts(ms, timezone);
  switch (part) {
    case 'quarter':
      return Math.ceil(p.month / 3);
    case 'dayofweek':
      return p.weekday;
    default:
      return p[part];
  }
}

/** A date column's text `YYYY-MM-DD` as the UTC milliseconds of its midnight. */
export function dateTextToMs(text: string): number {
  return utc(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
}

export type IntervalUnitName =
  | 'millisecond'
  | 'second'
  | 'minute'
  | 'hour'
  | 'day'
  | 'week'
  | 'month'
  | 'quarter'
  | 'year';

/** The start of the `step`-wide bucket of `unit` that holds `ms`, in the zone. */
export function truncateInstant(ms: number, timezone: string, unit: IntervalUnitName, step: number): number {
  const p = zonedParts(ms, timezone);
  const fixed: Record<string, number> = { millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000 };
  if (unit in fixed) {
    const width = fixed[unit]! * step;
    // Fixed-width units count from the zone's midnight so that `range(t, 6 hours)` gives 0h, 6h, ….
    const midnight = zonedToUtc(p.year, p.month, p.day, 0, 0, 0, 0, timezone);
    return midnight + Math.floor((ms - midnight) / width) * width;
  }
  if (unit === 'day') {
    const epochDays = Math.floor(utc(p.year, p.month, p.day) / 86_400_000);
    const start = epochDays - (((epochDays % step) + step) % step);
    const d = new Date(start * 86_400_000);
    return zonedToUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, 0, 0, 0, timezone);
  }
  if (unit === 'week') {
    const monday = zonedToUtc(p.year, p.month, p.day, 0, 0, 0, 0, timezone);
    return addToInstant(monday, { day: -(p.weekday - 1) }, timezone);
  }
  if (unit === 'month' || unit === 'quarter') {
    const months = unit === 'quarter' ? 3 : 1;
    return zonedToUtc(p.year, Math.floor((p.month - 1) / months) * months + 1, 1, 0, 0, 0, 0, timezone);
  }
  return zonedToUtc(p.year, 1, 1, 0, 0, 0, 0, timezone);
}

export function levenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** A well-mixed 32-bit hash of (rid, seed), for `random(seed)` orderings that repeat. */
function mix(rid: number, seed: number): number {
  let h = (rid ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export function percentileOf(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  values.sort((x, y) => x - y);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (values.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return values[low]! + (values[high]! - values[low]!) * (rank - low);
}

/** A geo value as SQL hands it to a function: a shape's GeoJSON text, or a point's lat/lon. */
function geometryOf(shape: string | null, lat: number | null, lon: number | null): Geometry | null {
  if (shape !== null) return JSON.parse(shape) as Geometry;
  if (lat === null || lon === null) return null;
  return { type: 'Point', coordinates: [lon, lat] };
}

export function registerSqlFunctions(db: Database.Database): void {
  const aggregate = db.aggregate.bind(db) as unknown as (
    name: string,
    options: Record<string, unknown>,
  ) => void;
  const deterministic = { deterministic: true };
  db.function('ods_deadline', { varargs: false }, () => {
    if (Date.now() > deadline) throw new Error('ods_query_timeout');
    return 1;
  });

  db.function('ods_part', deterministic, (ms: number | null, timezone: string, part: string) =>
    ms === null ? null : partOf(ms, timezone, part as DatePart),
  );
  db.function('ods_date_part', deterministic, (text: string | null, part: string) =>
    text === null ? null : partOf(dateTextToMs(text), 'UTC', part as DatePart),
  );
  db.function('ods_date_ms', deterministic, (text: string | null) =>
    text === null ? null : dateTextToMs(text),
  );
  db.function(
    'ods_date_format',
    deterministic,
    (ms: number | null, timezone: string, pattern: string, lang: string) =>
      ms === null ? null : formatDateTimePattern(ms, timezone, pattern, lang),
  );
  db.function(
    'ods_trunc',
    deterministic,
    (ms: number | null, timezone: string, unit: string, step: number) =>
      ms === null ? null : truncateInstant(ms, timezone, unit as IntervalUnitName, step),
  );

  db.function(
    'ods_box_polygon',
    deterministic,
    (west: number | null, south: number | null, east: number | null, north: number | null) =>
      west === null || south === null || east === null || north === null
        ? null
        : JSON.stringify(bboxPolygon([west, south, east, north])),
  );
  db.function('ods_lower', deterministic, (text: unknown) =>
    typeof text === 'string' ? text.toLowerCase() : text,
  );
  db.function('ods_upper', deterministic, (text: unknown) =>
    typeof text === 'string' ? text.toUpperCase() : text,
  );
  db.function('ods_levenshtein', deterministic, (a: string, b: string, max: number) =>
    levenshtein(a, b, max),
  );
  db.function('ods_random', deterministic, (rid: number, seed: number) => mix(rid, seed));

  db.function(
    'ods_distance',
    deterministic,
    (lat1: number | null, lon1: number | null, lat2: number, lon2: number) =>
      lat1 === null || lon1 === null ? null : haversineMetres(lat1, lon1, lat2, lon2),
  );
  db.function('ods_shape_distance', deterministic, (shape: string | null, lat: number, lon: number) =>
    shape === null ? null : distanceToGeometry(JSON.parse(shape) as Geometry, lon, lat),
  );
  db.function(
    'ods_geo_relation',
    deterministic,
    (shape: string | null, lat: number | null, lon: number | null, query: string, relation: string) => {
      const value = geometryOf(shape, lat, lon);
      if (!value) return null;
      const other = cachedGeometry(query);
      switch (relation) {
        case 'intersects':
          return intersects(value, other) ? 1 : 0;
        case 'disjoint':
          return intersects(value, other) ? 0 : 1;
        case 'within':
          return within(value, other) ? 1 : 0;
        default:
          throw new Error(`unknown geo relation ${relation}`);
      }
    },
  );
  db.function('ods_point_in', deterministic, (lat: number | null, lon: number | null, query: string) =>
    lat === null || lon === null ? null : containsPoint(cachedGeometry(query), lon, lat) ? 1 : 0,
  );

  // result() receives only the accumulator, so p travels in it.
  aggregate('ods_percentile', {
    start: () => ({ values: [] as number[], p: 50 }),
    step: (state: { values: number[]; p: number }, value: number | null, p: number) => {
      if (typeof value === 'number') state.values.push(value);
      state.p = p;
      return state;
    },
    result: (state: { values: number[]; p: number }) => percentileOf(state.values, state.p),
  });
  aggregate('ods_envelope', {
    start: () => [] as Position[],
    step: (points: Position[], shape: string | null, lat: number | null, lon: number | null) => {
      const geometry = geometryOf(shape, lat, lon);
      if (geometry) {
        if (geometry.type === 'Point') points.push(geometry.coordinates);
        else {
          const [minLon, minLat, maxLon, maxLat] = bboxOf(geometry);
          points.push([minLon, minLat], [maxLon, maxLat], [minLon, maxLat], [maxLon, minLat]);
        }
      }
      return points;
    },
    result: (points: Position[]) => (points.length === 0 ? null : JSON.stringify(convexHull(points))),
  });
  aggregate('ods_bbox', {
    start: () => null as [number, number, number, number] | null,
    step: (
      box: [number, number, number, number] | null,
      shape: string | null,
      lat: number | null,
      lon: number | null,
    ) => {
      const geometry = geometryOf(shape, lat, lon);
      if (!geometry) return box;
      const [minLon, minLat, maxLon, maxLat] = bboxOf(geometry);
      if (!box) return [minLon, minLat, maxLon, maxLat];
      return [
        Math.min(box[0], minLon),
        Math.min(box[1], minLat),
        Math.max(box[2], maxLon),
        Math.max(box[3], maxLat),
      ];
    },
    result: (box: [number, number, number, number] | null) => (box ? JSON.stringify(bboxPolygon(box)) : null),
  });
}
