import { isDateType, isNumericType } from '../../../common/ods-api/field-types';
import type { FieldType } from '../../../common/ods-api/types';
import type { Expr, OrderByClause, OrderItem, SelectClause } from '../../../common/odsql/ast';
import { NO_LOC } from '../../../common/odsql/ast';
import { and, cmp, date, field, isNull, num, or, str } from '../../../common/odsql/build';
import { printOrderBy, printSelect } from '../../../common/odsql/printer';
import {
  type Direction,
  type GridPlan,
  orderTerms,
  RECORD_ID,
  RECORD_ID_TERM,
  type Sequence,
  type SequenceId,
  type SortTerm,
  type Source,
} from './records-plan';

/**
 * The ODSQL of a grid plan's reads (records-plan.ts makes the plan): the condition that starts a
 * segment after an anchor, the order and select of each source, and the counts that find a
 * record's rank. Pure functions; grid-queries.ts sends them.
 */

/** A row that starts a segment: its key value (absent when the terms are recordid alone) and id. */
export interface Anchor {
  id: string;
  value?: unknown;
}

function termsIn(plan: GridPlan, source: Source): SortTerm[] {
  if (source.kind === 'head') return plan.headTerms;
  const sequence = sequenceOf(plan, source.sequence);
  return source.direction === 'forward'
    ? sequence.terms
    : sequence.terms.map((term) => ({ ...term, descending: !term.descending }));
}

export function sequenceOf(plan: GridPlan, id: SequenceId): Sequence {
  const sequence = plan.sequences.find((s) => s.id === id);
  if (!sequence) throw new RangeError(`The plan has no ${id} sequence`);
  return sequence;
}

/** A key value as an ODSQL literal of its field's type. */
export function keyLiteral(type: FieldType, value: unknown): Expr {
  if (isNumericType(type) && typeof value === 'number') return num(value);
  if (isDateType(type) && typeof value === 'string') return date(value);
  if (typeof value === 'string') return str(value);
  throw new TypeError(`A ${type} key cannot start a segment with ${JSON.stringify(value)}`);
}

/**
 * The rows strictly after `anchor` in the order `terms`: for (key, recordid) ascending,
 * `key >= v AND (key > v OR recordid > id)`; descending terms flip the comparisons.
 */
export function afterAnchor(terms: readonly SortTerm[], anchor: Anchor): Expr {
  const [term, ...rest] = terms;
  if (!term) throw new RangeError('An anchor needs an order');
  const value = term.field === RECORD_ID ? str(anchor.id) : keyLiteral(term.type, anchor.value);
  const strict = cmp(term.descending ? '<' : '>', field(term.field), value);
  if (rest.length === 0) return strict;
  const loose = cmp(term.descending ? '<=' : '>=', field(term.field), value);
  return and(loose, or(strict, afterAnchor(rest, anchor)));
}

/** An order as `order_by` text (undefined for the portal's own order). */
export function printTerms(terms: readonly SortTerm[]): string | undefined {
  if (terms.length === 0) return undefined;
  const items: OrderItem[] = terms.map((term) => ({
    kind: 'OrderItem',
    expr: field(term.field),
    direction: term.descending ? 'DESC' : null,
    loc: NO_LOC,
  }));
  const clause: OrderByClause = { kind: 'OrderBy', items, loc: NO_LOC };
  return printOrderBy(clause);
}

export interface SourceQuery {
  /** Conditions ANDed to the view's filters. */
  conditions: Expr[];
  orderBy: string | undefined;
}

/** The query a source reads, given the anchor it starts after (for anchored sources). */
export function sourceQuery(plan: GridPlan, source: Source, anchor: Anchor | null): SourceQuery {
  const terms = termsIn(plan, source);
  if (source.kind === 'head') return { conditions: [], orderBy: printTerms(terms) };
  const sequence = sequenceOf(plan, source.sequence);
  const conditions = sequence.condition ? [sequence.condition] : [];
  if (source.anchor > 0) {
    if (!anchor) throw new RangeError('An anchored source needs its anchor');
    conditions.push(afterAnchor(terms, anchor));
  }
  return { conditions, orderBy: printTerms(terms) };
}

/** Anchor `k` (k ≥ 1) of a sequence and direction: the row at offset cap − 1 after anchor k − 1. */
export function anchorSource(sequence: SequenceId, direction: Direction, k: number): Source {
  if (k < 1) throw new RangeError('Anchors count from 1');
  return { kind: 'sequence', sequence, direction, anchor: k - 1 };
}

/** `select` for an anchor request: the key field only (the record id always comes back). */
export function anchorSelect(plan: GridPlan, sequence: SequenceId): string | undefined {
  const key = sequenceOf(plan, sequence).terms.find((term) => term.field !== RECORD_ID);
  if (!key) return undefined;
  const clause: SelectClause = {
    kind: 'Select',
    items: [{ kind: 'SelectItem', expr: field(key.field), alias: null, text: key.field, loc: NO_LOC }],
    loc: NO_LOC,
  };
  return printSelect(clause);
}

/** The anchor a record makes in a sequence: its id, and its key value when the order has one. */
export function anchorOf(
  plan: GridPlan,
  sequence: SequenceId,
  record: { id: string; values: Record<string, unknown> },
): Anchor {
  const key = sequenceOf(plan, sequence).terms.find((term) => term.field !== RECORD_ID);
  return key ? { id: record.id, value: record.values[key.field] } : { id: record.id };
}

/**
 * How to find a record's rank in the plan's order (a permalink opened without the grid around it):
 * count the rows before it, `start + count`. With recordid in the order the count is exact; with
 * the key alone it is the rank of the first row of its tie, and the record is then looked for in the
 * rows that follow (`exact: false`). Null when the order cannot say (the portal's own order).
 */
export interface RankQuery {
  /** Conditions (ANDed with the view's filter) of the rows before the record. */
  conditions: Expr[];
  /** Ranks before the record's sequence. */
  start: number;
  exact: boolean;
}

export function rankQuery(
  plan: GridPlan,
  record: { id: string; values: Record<string, unknown> },
): RankQuery | null {
  const order = plan.order;
  if (order.kind === 'natural') return null;
  const key = order.key;
  const value = key ? record.values[key.field] : undefined;
  const isNullKey = key !== null && (value === null || value === undefined);
  if (order.kind === 'sorted' && key) {
    // Nulls come last in any direction: before a null come all the rows with a value.
    if (isNullKey) return { conditions: [isNull(field(key.field), true)], start: 0, exact: false };
    const before = cmp(key.descending ? '>' : '<', field(key.field), keyLiteral(key.type, value));
    return { conditions: [before], start: 0, exact: false };
  }
  const terms = orderTerms(order);
  const reversed = (list: readonly SortTerm[]) => list.map((t) => ({ ...t, descending: !t.descending }));
  if (!key) return { conditions: [afterAnchor(reversed(terms), { id: record.id })], start: 0, exact: true };
  if (isNullKey) {
    const nulls = plan.sequences.find((s) => s.id === 'nulls');
    if (!nulls) return null;
    return {
      conditions: [isNull(field(key.field)), afterAnchor(reversed([RECORD_ID_TERM]), { id: record.id })],
      start: nulls.start,
      exact: true,
    };
  }
  return {
    conditions: [afterAnchor(reversed(terms), { id: record.id, value })],
    start: 0,
    exact: true,
  };
}
