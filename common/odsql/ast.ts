/**
 * The ODSQL abstract syntax tree (ods-api.md §4). The parser (parser.ts) builds it from the text of
 * one clause, the printer (printer.ts) turns it back into text that parses to the same tree, and the
 * embedded portal compiles it to SQLite (server/odsql). The explorer's filter builder builds trees
 * and prints them, so a where clause is never made by string concatenation.
 *
 * Every node is readonly, discriminated on `kind`, and carries `loc`: offsets into the clause text
 * (`end` exclusive). Nodes built by code rather than parsed carry `loc: NO_LOC`.
 */

export interface Loc {
  readonly start: number;
  readonly end: number;
}

export const NO_LOC: Loc = { start: 0, end: 0 };

// ---------------------------------------------------------------------------------------------
// Literals

export interface StringLiteral {
  readonly kind: 'String';
  readonly value: string;
  readonly loc: Loc;
}

export interface NumberLiteral {
  readonly kind: 'Number';
  readonly value: number;
  /** The digits as written, so `1.50` prints back as `1.50`. */
  readonly raw: string;
  readonly loc: Loc;
}

export interface BooleanLiteral {
  readonly kind: 'Boolean';
  readonly value: boolean;
  readonly loc: Loc;
}

export interface NullLiteral {
  readonly kind: 'Null';
  readonly loc: Loc;
}

/** `date'2017-04-03T08:02'`, `date'2018/04/01'`, `date'1972'`: the text between the quotes, unparsed. */
export interface DateLiteral {
  readonly kind: 'Date';
  readonly value: string;
  readonly loc: Loc;
}

/** `geom'POINT(2.26 48.84)'` or `geom'{"type":"Point",…}'`: the text between the quotes (WKT or GeoJSON). */
export interface GeomLiteral {
  readonly kind: 'Geom';
  readonly value: string;
  readonly loc: Loc;
}

export const DISTANCE_UNITS = ['mi', 'yd', 'ft', 'm', 'cm', 'km', 'mm'] as const;
export type DistanceUnit = (typeof DISTANCE_UNITS)[number];

/** `800m`, `1.5km`: a number immediately followed by a distance unit (no space). */
export interface DistanceLiteral {
  readonly kind: 'Distance';
  readonly value: number;
  /** The number as written, without the unit: `1.50` for `1.50km`. */
  readonly raw: string;
  readonly unit: DistanceUnit;
  readonly loc: Loc;
}

/**
 * Units of equal-width date ranges, `range(date, 1 day)`. Case matters for the one-letter forms:
 * `m` is minutes, `M` is months. The parser normalizes every spelling to these names.
 */
export const INTERVAL_UNITS = [
  'millisecond',
  'second',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'quarter',
  'year',
] as const;
export type IntervalUnit = (typeof INTERVAL_UNITS)[number];

/** `1 day`, `3 hours`, `1 M`. `raw` keeps the unit as written, for printing. */
export interface IntervalLiteral {
  readonly kind: 'Interval';
  readonly value: number;
  readonly unit: IntervalUnit;
  readonly rawUnit: string;
  readonly loc: Loc;
}

export type Literal =
  | StringLiteral
  | NumberLiteral
  | BooleanLiteral
  | NullLiteral
  | DateLiteral
  | GeomLiteral
  | DistanceLiteral
  | IntervalLiteral;

// ---------------------------------------------------------------------------------------------
// Value expressions

/**
 * A field name: `population`, `` `12` ``, `` `and` ``, or a dotted catalog name such as
 * `default.modified`. `name` is the name without back-quotes.
 */
export interface FieldRef {
  readonly kind: 'Field';
  readonly name: string;
  /** Whether the source wrote it in back-quotes; the printer quotes whenever it must anyway. */
  readonly quoted: boolean;
  readonly loc: Loc;
}

/** `*`: in `select=*`, `count(*)`, and as an open bound in `range(f, *, 10, *)`. */
export interface Star {
  readonly kind: 'Star';
  readonly loc: Loc;
}

/**
 * A function call. `name` is lower-case (ODSQL is case-insensitive); `rawName` is as written.
 * Named arguments appear only in `now(days=-1, hour=0)` and `geo_cluster(f, 5, radius=40)`.
 * `distinct` is set for `count(distinct f)`. The mode of `geometry(f, geom'…', INTERSECTS)` is a
 * FieldRef named as written (compare it case-insensitively).
 */
export interface Call {
  readonly kind: 'Call';
  readonly name: string;
  readonly rawName: string;
  readonly args: readonly Expr[];
  readonly namedArgs: readonly NamedArg[];
  readonly distinct: boolean;
  readonly loc: Loc;
}

export interface NamedArg {
  /** Lower-case, like Call.name. */
  readonly name: string;
  readonly value: Expr;
  readonly loc: Loc;
}

export type ArithmeticOp = '+' | '-' | '*' | '/';

export interface Arithmetic {
  readonly kind: 'Arithmetic';
  readonly op: ArithmeticOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly loc: Loc;
}

/** Unary minus on a non-literal: `-population`. A negative number literal is a NumberLiteral. */
export interface Negate {
  readonly kind: 'Negate';
  readonly operand: Expr;
  readonly loc: Loc;
}

// ---------------------------------------------------------------------------------------------
// Boolean expressions (where, and filters built by the explorer)

/** `:` is the legacy equality operator (`field: "value"`), kept so it prints back as written. */
export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | ':';

export interface Comparison {
  readonly kind: 'Comparison';
  readonly op: ComparisonOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly loc: Loc;
}

/** `field LIKE "star wars"`: the field contains the word(s). */
export interface Like {
  readonly kind: 'Like';
  readonly left: Expr;
  readonly pattern: Expr;
  readonly loc: Loc;
}

/** `field IN ("Paris", "Nantes")`. */
export interface InList {
  readonly kind: 'InList';
  readonly left: Expr;
  readonly items: readonly Expr[];
  readonly loc: Loc;
}

/**
 * `field IN [1..10]`, `]1..10[`, `[date'2017' TO date'2018']`. A bracket facing the values
 * (`[` on the left, `]` on the right) includes the bound. `separator` keeps `..` or `TO` for printing.
 * A bound may be a Star, which leaves that side open: `[* TO 10]`. The legacy `field:[1..10]` parses
 * to this node too (and prints with IN).
 */
export interface InRange {
  readonly kind: 'InRange';
  readonly left: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly lowInclusive: boolean;
  readonly highInclusive: boolean;
  readonly separator: '..' | 'TO';
  readonly loc: Loc;
}

/** `"Paris" IN multivalued_field`: membership of a value in a multivalued field. */
export interface InField {
  readonly kind: 'InField';
  readonly value: Expr;
  readonly field: FieldRef;
  readonly loc: Loc;
}

/** `field IS NULL`, `field IS NOT NULL`. */
export interface IsNull {
  readonly kind: 'IsNull';
  readonly operand: Expr;
  readonly negated: boolean;
  readonly loc: Loc;
}

/** `bool_field IS TRUE`, `bool_field IS FALSE`. */
export interface IsBoolean {
  readonly kind: 'IsBoolean';
  readonly operand: Expr;
  readonly value: boolean;
  readonly loc: Loc;
}

/**
 * A bare string used as a condition: full-text search over every text field, `"tree"`,
 * `"film*"` (prefix). Only the where parser builds it.
 */
export interface FullText {
  readonly kind: 'FullText';
  readonly text: string;
  readonly loc: Loc;
}

export interface And {
  readonly kind: 'And';
  readonly left: Expr;
  readonly right: Expr;
  readonly loc: Loc;
}

export interface Or {
  readonly kind: 'Or';
  readonly left: Expr;
  readonly right: Expr;
  readonly loc: Loc;
}

/** `NOT expr`; `not(expr)` parses as a Not over a Paren. */
export interface Not {
  readonly kind: 'Not';
  readonly operand: Expr;
  readonly loc: Loc;
}

/** Parentheses, kept so that printing reproduces the user's grouping. */
export interface Paren {
  readonly kind: 'Paren';
  readonly inner: Expr;
  readonly loc: Loc;
}

export type Expr =
  | Literal
  | FieldRef
  | Star
  | Call
  | Arithmetic
  | Negate
  | Comparison
  | Like
  | InList
  | InRange
  | InField
  | IsNull
  | IsBoolean
  | FullText
  | And
  | Or
  | Not
  | Paren;

/** The expressions that are true or false by themselves: what a where clause is made of. */
export type Predicate =
  | Comparison
  | Like
  | InList
  | InRange
  | InField
  | IsNull
  | IsBoolean
  | FullText
  | And
  | Or
  | Not;

// A record, not a list, so a kind added to Predicate fails typecheck until it is named here.
const PREDICATE_KINDS: Record<Predicate['kind'], true> = {
  Comparison: true,
  Like: true,
  InList: true,
  InRange: true,
  InField: true,
  IsNull: true,
  IsBoolean: true,
  FullText: true,
  And: true,
  Or: true,
  Not: true,
};

export function isPredicate(expr: Expr): expr is Predicate {
  return Object.hasOwn(PREDICATE_KINDS, expr.kind);
}

// ---------------------------------------------------------------------------------------------
// Clauses

/** The where clause: one boolean expression. Repeated `where` parameters are ANDed by the caller. */
export interface WhereClause {
  readonly kind: 'Where';
  readonly condition: Expr;
  readonly loc: Loc;
}

/**
 * One item of select or group_by. `text` is the expression's source text exactly as written
 * (trimmed), which is the output key when there is no alias.
 */
export interface SelectItem {
  readonly kind: 'SelectItem';
  readonly expr: Expr;
  readonly alias: string | null;
  readonly text: string;
  readonly loc: Loc;
}

/** `include(pop*)` / `exclude(pop)` in select: field-name patterns, `*` a wildcard. No alias. */
export interface SelectFieldPattern {
  readonly kind: 'SelectInclude' | 'SelectExclude';
  readonly patterns: readonly string[];
  readonly loc: Loc;
}

export interface SelectClause {
  readonly kind: 'Select';
  readonly items: readonly (SelectItem | SelectFieldPattern)[];
  readonly loc: Loc;
}

export interface GroupByClause {
  readonly kind: 'GroupBy';
  readonly items: readonly SelectItem[];
  readonly loc: Loc;
}

export interface OrderItem {
  readonly kind: 'OrderItem';
  readonly expr: Expr;
  /** null when the source gave no direction (ascending). */
  readonly direction: 'ASC' | 'DESC' | null;
  readonly loc: Loc;
}

export interface OrderByClause {
  readonly kind: 'OrderBy';
  readonly items: readonly OrderItem[];
  readonly loc: Loc;
}

export type Clause = WhereClause | SelectClause | GroupByClause | OrderByClause;
export type ClauseName = 'select' | 'where' | 'group_by' | 'order_by';
