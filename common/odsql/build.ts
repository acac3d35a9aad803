/**
 * Builders for ODSQL trees made in code (the explorer's filter builder). Each returns a node with
 * `loc: NO_LOC` that the printer prints and the parser reads back as the same node: operands that
 * bind too loosely for their place are wrapped in a Paren node here, so `and(a, or(b, c))` is
 * `a AND (b OR c)` both as a tree and as text.
 *
 * Value positions (the right of a comparison, list items, range bounds, LIKE patterns) also take
 * plain JavaScript values: a string is a string literal (never a field), a number a number literal,
 * a boolean a boolean literal, null the null literal.
 */

import { type ComparisonOp, type DistanceUnit, type Expr, type FieldRef, NO_LOC } from './ast';
import { needsBackQuotes } from './lexer';
import { PRECEDENCE, plainNumber, precedence } from './printer';
import { KNOWN_FUNCTIONS } from './vocabulary';

export type Value = Expr | string | number | boolean | null;

function wrap(e: Expr, min: number): Expr {
  return precedence(e) < min ? { kind: 'Paren', inner: e, loc: NO_LOC } : e;
}

/** The where parser reads a string standing as a condition as full-text search; so do the builders. */
function condition(e: Expr, min: number): Expr {
  if (e.kind === 'String') return { kind: 'FullText', text: e.value, loc: e.loc };
  if (e.kind === 'Paren') return { ...e, inner: condition(e.inner, PRECEDENCE.or) };
  return wrap(e, min);
}

export function value(v: Value): Expr {
  if (v === null) return { kind: 'Null', loc: NO_LOC };
  switch (typeof v) {
    case 'string':
      return str(v);
    case 'number':
      return num(v);
    case 'boolean':
      return bool(v);
    default:
      return v;
  }
}

function operand(v: Value): Expr {
  return wrap(value(v), PRECEDENCE.additive);
}

/** Back-quoted only when it has to be, which is also how the parser will read it back. */
export function field(name: string): FieldRef {
  return { kind: 'Field', name, quoted: needsBackQuotes(name), loc: NO_LOC };
}

export function str(v: string): Expr {
  return { kind: 'String', value: v, loc: NO_LOC };
}

/** Throws RangeError for NaN and ±Infinity, which ODSQL cannot write. */
export function num(v: number): Expr {
  return { kind: 'Number', value: v, raw: plainNumber(v), loc: NO_LOC };
}

export function bool(v: boolean): Expr {
  return { kind: 'Boolean', value: v, loc: NO_LOC };
}

/** A Date is written as its UTC ISO text; a string is kept as given (`'2017'`, `'2018/04/01'`). */
export function date(v: string | Date): Expr {
  return { kind: 'Date', value: typeof v === 'string' ? v : v.toISOString(), loc: NO_LOC };
}

/** WKT (`POINT(2.26 48.84)`, lon before lat) or GeoJSON text. */
export function geom(v: string): Expr {
  return { kind: 'Geom', value: v, loc: NO_LOC };
}

export function distance(v: number, unit: DistanceUnit): Expr {
  if (v < 0) throw new RangeError('A distance cannot be negative');
  return { kind: 'Distance', value: v, raw: plainNumber(v), unit, loc: NO_LOC };
}

export function star(): Expr {
  return { kind: 'Star', loc: NO_LOC };
}

export function paren(e: Expr): Expr {
  return { kind: 'Paren', inner: e, loc: NO_LOC };
}

/**
 * `a AND b AND c`, left-nested as the parser builds it. Throws on zero operands: ODSQL has no empty
 * condition. and(), or() and not() build where conditions: a string operand becomes FullText.
 */
export function and(...exprs: Expr[]): Expr {
  const [first, ...rest] = exprs;
  if (first === undefined) throw new RangeError('and() needs at least one condition');
  return rest.reduce<Expr>(
    (left, right) => ({ kind: 'And', left, right: condition(right, PRECEDENCE.not), loc: NO_LOC }),
    condition(first, PRECEDENCE.and),
  );
}

/** `a OR b OR c`, left-nested. Throws on zero operands. */
export function or(...exprs: Expr[]): Expr {
  const [first, ...rest] = exprs;
  if (first === undefined) throw new RangeError('or() needs at least one condition');
  return rest.reduce<Expr>(
    (left, right) => ({ kind: 'Or', left, right: condition(right, PRECEDENCE.and), loc: NO_LOC }),
    condition(first, PRECEDENCE.or),
  );
}

export function not(e: Expr): Expr {
  return { kind: 'Not', operand: condition(e, PRECEDENCE.not), loc: NO_LOC };
}

export function cmp(op: ComparisonOp, left: Expr, right: Value): Expr {
  return { kind: 'Comparison', op, left: operand(left), right: operand(right), loc: NO_LOC };
}

/** Throws on an empty list, which ODSQL cannot write (`IN ()` is a syntax error). */
export function inList(left: Expr, items: readonly Value[]): Expr {
  if (items.length === 0) throw new RangeError('inList() needs at least one item');
  return { kind: 'InList', left: operand(left), items: items.map(operand), loc: NO_LOC };
}

export function inRange(
  left: Expr,
  low: Value,
  high: Value,
  lowInclusive = true,
  highInclusive = true,
): Expr {
  return {
    kind: 'InRange',
    left: operand(left),
    low: operand(low),
    high: operand(high),
    lowInclusive,
    highInclusive,
    separator: '..',
    loc: NO_LOC,
  };
}

/** `"Paris" IN multivalued_field`. */
export function inField(v: Value, f: FieldRef): Expr {
  return { kind: 'InField', value: operand(v), field: f, loc: NO_LOC };
}

export function isNull(e: Expr, negated = false): Expr {
  return { kind: 'IsNull', operand: operand(e), negated, loc: NO_LOC };
}

export function isBoolean(e: Expr, v: boolean): Expr {
  return { kind: 'IsBoolean', operand: operand(e), value: v, loc: NO_LOC };
}

export function like(left: Expr, pattern: Value): Expr {
  return { kind: 'Like', left: operand(left), pattern: operand(pattern), loc: NO_LOC };
}

/** Throws on a name that is not an ODSQL function, since the printed text would not parse. */
export function call(name: string, ...args: Value[]): Expr {
  const lower = name.toLowerCase();
  if (!KNOWN_FUNCTIONS.has(lower)) throw new RangeError(`Unknown ODSQL function: ${name}`);
  return {
    kind: 'Call',
    name: lower,
    rawName: name,
    args: args.map(value),
    namedArgs: [],
    distinct: false,
    loc: NO_LOC,
  };
}

/** Full-text search over every text field; `"film*"` is a prefix search. */
export function fullText(s: string): Expr {
  return { kind: 'FullText', text: s, loc: NO_LOC };
}
