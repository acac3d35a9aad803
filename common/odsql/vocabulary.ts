/**
 * The names ODSQL knows (ods-api.md §4.4–§4.6): the functions the parser accepts (it refuses any
 * other name) and the words a field name must back-quote. Kept apart from the tree (ast.ts) because
 * the lexer, the parser, the builders and the compiler read these tables, not the node shapes.
 */

export const AGGREGATE_FUNCTIONS = [
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'median',
  'percentile',
  'envelope',
  'bbox',
] as const;

/** Functions that take one part of a date: `year(d)` … `second(d)`, `quarter(d)`, `dayofweek(d)`. */
export const DATE_PART_FUNCTIONS = [
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
  'millisecond',
  'quarter',
  'dayofweek',
] as const;

export const SCALAR_FUNCTIONS = [
  'length',
  'lower',
  'upper',
  'ifnull',
  'now',
  ...DATE_PART_FUNCTIONS,
  'date_format',
  'distance',
  'random',
  'range',
  /** v2.0's equal steps as a range() bound: `range(f, equi(5, 10, 30))`. */
  'equi',
  'geo_cluster',
  'json_format',
] as const;

export const PREDICATE_FUNCTIONS = [
  'search',
  'suggest',
  'startswith',
  'within_distance',
  'distance',
  'in_bbox',
  'bbox',
  'intersects',
  'disjoint',
  'within',
  'geometry',
  'polygon',
] as const;

/** Names that must be back-quoted when used as field names (v2.1 reserved list). */
export const RESERVED_WORDS = [
  'and',
  'as',
  'asc',
  'avg',
  'by',
  'count',
  'date_format',
  'day',
  'dayofweek',
  'desc',
  'distinct',
  'equi',
  'false',
  'group',
  'hour',
  'ifnull',
  'in',
  'is',
  'like',
  'or',
  'limit',
  'lower',
  'max',
  'millisecond',
  'min',
  'minute',
  'month',
  'not',
  'null',
  'quarter',
  'range',
  'search',
  'second',
  'select',
  'sum',
  'to',
  'top',
  'true',
  'upper',
  'where',
  'year',
] as const;

/** A function ODSQL knows: the server's table of functions has one entry for each. */
export type FunctionName =
  | (typeof AGGREGATE_FUNCTIONS)[number]
  | (typeof SCALAR_FUNCTIONS)[number]
  | (typeof PREDICATE_FUNCTIONS)[number];

/** Every function name the parser and the builders accept; anything else is an unknown function. */
export const KNOWN_FUNCTIONS: ReadonlySet<string> = new Set<FunctionName>([
  ...AGGREGATE_FUNCTIONS,
  ...SCALAR_FUNCTIONS,
  ...PREDICATE_FUNCTIONS,
]);
