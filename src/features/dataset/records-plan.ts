import { isSortable } from '../../../common/ods-api/field-types';
import { MAX_LIMIT, MAX_WINDOW } from '../../../common/ods-api/params';
import type { DatasetField, FieldType } from '../../../common/ods-api/types';
import type { Expr } from '../../../common/odsql/ast';
import { field, isNull } from '../../../common/odsql/build';

/**
 * How the grid reaches any row of a filtered result although the API serves only
 * `offset + limit ≤ 10,000` (ods-api.md §2.5). Pure functions; grid-queries.ts runs the plans, plan-queries.ts writes their ODSQL.
 *
 * The grid always shows a total order. Without a sort and with at most 10,000 rows it is the
 * portal's own order, read by offset. Otherwise it is a key (the user's sort, or a default key)
 * then `recordid` as tie-breaker, nulls last (ODS sorts nulls last both ways). That order is cut in
 * two *sequences*: the rows whose key has a value, ordered by (key, recordid), then the rows whose
 * key is null, ordered by recordid. Each sequence can be read
 *   - forward by offset (its first 10,000 rows),
 *   - backward by offset, in the opposite order (its last 10,000 rows),
 *   - after an *anchor*: the row at position 9,999 of a segment gives (key, recordid), and
 *     `key > v OR (key = v AND recordid > id)` (written `key >= v AND (key > v OR recordid > id)`,
 *     which an index can serve) starts the next segment at offset 0. Anchors chain, one small request
 *     each, forward from the start or backward from the end, whichever is fewer hops.
 * Rows before 10,000 always come from the plain query. The first 10,000 rows need no recordid;
 * a portal that refuses recordid gets forward and backward reads only (see `reachable`).
 */

/** ODS's technical field: the record id, usable in where and order_by. */
export const RECORD_ID = 'recordid';
/** Rows per grid window: the API's largest page. */
export const WINDOW_ROWS = MAX_LIMIT;

export interface OrderKey {
  field: string;
  type: FieldType;
  descending: boolean;
}

export type GridOrder =
  /** The portal's own order, no order_by: only when every row is within the first 10,000. */
  | { kind: 'natural' }
  /** order_by the key alone: within the first 10,000, or when the portal refuses recordid. */
  | { kind: 'sorted'; key: OrderKey }
  /** The key then recordid (or recordid alone when key is null): every row is reachable. */
  | { kind: 'keyset'; key: OrderKey | null };

/** The key of the default order: the field annotated `id`, else the first sortable field. */
export function defaultKeyField(fields: readonly DatasetField[]): DatasetField | null {
  return fields.find((f) => f.annotations.id && isSortable(f)) ?? fields.find(isSortable) ?? null;
}

export interface OrderChoice {
  /** The user's sort, already checked against the schema (null: none). */
  sort: { field: string; descending: boolean } | null;
  fields: readonly DatasetField[];
  total: number;
  /** Whether the portal accepts recordid in where and order_by; null when not asked yet. */
  recordIdOrder: boolean | null;
  cap?: number;
}

/** Whether a view's order needs to know if the portal sorts by recordid (more rows than offsets reach). */
export function needsRecordIdOrder(total: number, cap = MAX_WINDOW): boolean {
  return total > cap;
}

export function chooseOrder({
  sort,
  fields,
  total,
  recordIdOrder,
  cap = MAX_WINDOW,
}: OrderChoice): GridOrder {
  const sortField = sort ? fields.find((f) => f.name === sort.field && isSortable(f)) : undefined;
  const key = (f: DatasetField, descending: boolean): OrderKey => ({
    field: f.name,
    type: f.type,
    descending,
  });
  if (total <= cap)
    return sortField ? { kind: 'sorted', key: key(sortField, sort!.descending) } : { kind: 'natural' };
  const keyField = sortField ?? defaultKeyField(fields);
  const orderKey = keyField ? key(keyField, sortField ? sort!.descending : false) : null;
  if (recordIdOrder) return { kind: 'keyset', key: orderKey };
  return orderKey ? { kind: 'sorted', key: orderKey } : { kind: 'natural' };
}

export interface SortTerm {
  field: string;
  type: FieldType;
  descending: boolean;
}

export type SequenceId = 'all' | 'values' | 'nulls';

export interface Sequence {
  id: SequenceId;
  /** Global rank of its first row. */
  start: number;
  length: number;
  /** Its order, read forward; empty for the portal's own order. */
  terms: SortTerm[];
  /** What narrows the view to this sequence (null: nothing). */
  condition: Expr | null;
  /** Anchors work: the terms are a total order ending with recordid. */
  keyset: boolean;
  /** Reading it backward is its exact reverse. */
  reversible: boolean;
}

export interface GridPlan {
  total: number;
  cap: number;
  order: GridOrder;
  /** The order of the plain query, which serves ranks below `cap`. */
  headTerms: SortTerm[];
  /** Sequences for ranks at `cap` and beyond (empty when total ≤ cap). */
  sequences: Sequence[];
}

export const RECORD_ID_TERM: SortTerm = { field: RECORD_ID, type: 'text', descending: false };

export function orderTerms(order: GridOrder): SortTerm[] {
  switch (order.kind) {
    case 'natural':
      return [];
    case 'sorted':
      return [{ ...order.key }];
    case 'keyset':
      return order.key ? [{ ...order.key }, RECORD_ID_TERM] : [RECORD_ID_TERM];
    default: {
      const unreachable: never = order;
      return unreachable;
    }
  }
}

export interface PlanInput {
  order: GridOrder;
  total: number;
  /** How many rows have a null key; needed when the order has a key and total > cap. */
  nulls?: number;
  cap?: number;
}

/** Whether a plan needs the count of null keys before it can be made. */
export function needsNullCount(order: GridOrder, total: number, cap = MAX_WINDOW): boolean {
  return total > cap && order.kind !== 'natural' && order.key !== null;
}

export function planGrid({ order, total, nulls = 0, cap = MAX_WINDOW }: PlanInput): GridPlan {
  const headTerms = orderTerms(order);
  const plan: GridPlan = { total, cap, order, headTerms, sequences: [] };
  if (total <= cap) return plan;
  if (order.kind === 'natural') {
    plan.sequences = [
      { id: 'all', start: 0, length: total, terms: [], condition: null, keyset: false, reversible: false },
    ];
    return plan;
  }
  const key = order.key;
  if (!key) {
    plan.sequences = [
      {
        id: 'all',
        start: 0,
        length: total,
        terms: headTerms,
        condition: null,
        keyset: true,
        reversible: true,
      },
    ];
    return plan;
  }
  const keyset = order.kind === 'keyset';
  const nullRows = Math.min(Math.max(0, nulls), total);
  const valued = total - nullRows;
  const sequences: Sequence[] = [];
  if (valued > 0) {
    sequences.push({
      id: 'values',
      start: 0,
      length: valued,
      terms: headTerms,
      condition: isNull(field(key.field), true),
      keyset,
      // Without recordid, ties may come back in another order: the reverse is close, not exact.
      reversible: true,
    });
  }
  if (nullRows > 0) {
    sequences.push({
      id: 'nulls',
      start: valued,
      length: nullRows,
      terms: keyset ? [RECORD_ID_TERM] : [],
      condition: isNull(field(key.field)),
      keyset,
      reversible: keyset,
    });
  }
  plan.sequences = sequences;
  return plan;
}

export type Direction = 'forward' | 'backward';

/** Where a row comes from: the plain query, or a sequence read in a direction after `anchor` hops. */
export type Source =
  | { kind: 'head' }
  | { kind: 'sequence'; sequence: SequenceId; direction: Direction; anchor: number };

export interface Piece {
  /** Global rank of the piece's first row; rows run start … start + count − 1. */
  start: number;
  count: number;
  source: Source;
  /** Offset of the request (for a backward piece, of its *last* row). */
  offset: number;
  /** The request returns the rows in the opposite order: reverse them. */
  reversed: boolean;
}

export interface Unreachable {
  start: number;
  count: number;
}

interface RankSource {
  source: Source | null;
  offset: number;
}

function locate(plan: GridPlan, rank: number): RankSource {
  if (rank < plan.cap) return { source: { kind: 'head' }, offset: rank };
  const sequence = plan.sequences.find((s) => rank >= s.start && rank < s.start + s.length);
  if (!sequence) return { source: null, offset: 0 };
  const position = rank - sequence.start;
  const fromEnd = sequence.length - 1 - position;
  const forwardHops = Math.floor(position / plan.cap);
  const backwardHops = Math.floor(fromEnd / plan.cap);
  const at = (direction: Direction, anchor: number, offset: number): RankSource => ({
    source: { kind: 'sequence', sequence: sequence.id, direction, anchor },
    offset,
  });
  if (forwardHops === 0) return at('forward', 0, position);
  if (sequence.reversible && backwardHops === 0) return at('backward', 0, fromEnd);
  if (!sequence.keyset) return { source: null, offset: 0 };
  if (sequence.reversible && backwardHops < forwardHops) {
    return at('backward', backwardHops, fromEnd - backwardHops * plan.cap);
  }
  return at('forward', forwardHops, position - forwardHops * plan.cap);
}

function sameSource(a: Source, b: Source): boolean {
  if (a.kind === 'head' || b.kind === 'head') return a.kind === b.kind;
  return a.sequence === b.sequence && a.direction === b.direction && a.anchor === b.anchor;
}

/**
 * The requests that fill ranks `start … end − 1` (at most WINDOW_ROWS of them), and the ranks no
 * request can reach (only when the portal refuses recordid).
 */
export function planWindow(
  plan: GridPlan,
  start: number,
  end: number,
): { pieces: Piece[]; unreachable: Unreachable[] } {
  const pieces: Piece[] = [];
  const unreachable: Unreachable[] = [];
  const last = Math.min(end, plan.total);
  for (let rank = Math.max(0, start); rank < last; rank++) {
    const { source, offset } = locate(plan, rank);
    if (!source) {
      const previous = unreachable.at(-1);
      if (previous && previous.start + previous.count === rank) previous.count++;
      else unreachable.push({ start: rank, count: 1 });
      continue;
    }
    const backward = source.kind === 'sequence' && source.direction === 'backward';
    const previous = pieces.at(-1);
    if (
      previous &&
      previous.start + previous.count === rank &&
      sameSource(previous.source, source) &&
      previous.count < MAX_LIMIT &&
      (backward ? previous.offset - 1 === offset : previous.offset + previous.count === offset)
    ) {
      previous.count++;
      if (backward) previous.offset = offset;
      continue;
    }
    pieces.push({ start: rank, count: 1, source, offset, reversed: backward });
  }
  return { pieces, unreachable };
}

/** Which ranks the plan can reach: all of them, or some ranges (a portal that refuses recordid). */
export function reachable(plan: GridPlan): { all: boolean; ranges: Unreachable[] } {
  if (plan.total <= plan.cap || plan.sequences.every((s) => s.keyset)) {
    return { all: true, ranges: [{ start: 0, count: plan.total }] };
  }
  const ranges: Unreachable[] = [{ start: 0, count: Math.min(plan.cap, plan.total) }];
  for (const s of plan.sequences) {
    const spans: Unreachable[] = [{ start: s.start, count: Math.min(plan.cap, s.length) }];
    if (s.reversible) {
      const from = Math.max(s.start, s.start + s.length - plan.cap);
      spans.push({ start: from, count: s.start + s.length - from });
    }
    ranges.push(...spans);
  }
  ranges.sort((a, b) => a.start - b.start);
  const merged: Unreachable[] = [];
  for (const range of ranges) {
    const previous = merged.at(-1);
    if (previous && range.start <= previous.start + previous.count) {
      previous.count = Math.max(previous.count, range.start + range.count - previous.start);
    } else merged.push({ ...range });
  }
  return { all: false, ranges: merged };
}
