import type { Call, Expr } from '../../common/odsql/ast';
import type { FunctionName } from '../../common/odsql/vocabulary';
import type { Compiler } from './compile';
import { type Compiled, fail, type GroupKey } from './compiled';
import { equiEdges, geoClusterKey, rangeKey } from './group-functions';
import { geoRelation, inBboxCondition, textSearch, withinDistance } from './predicates';
import {
  count,
  dateFormat,
  datePart,
  distance,
  geoAggregate,
  ifnull,
  jsonFormat,
  length,
  letterCase,
  now,
  percentile,
  randomOrder,
  summary,
} from './value-functions';

/**
 * The table of ODSQL functions: for each name the parser knows (common/odsql/vocabulary.ts), where
 * the function may appear, how many arguments it takes there, and the handler that compiles it. A
 * wrong count is refused here, before any handler runs, so every function says it alike.
 */

/** An exact count, or [least, most]. */
type Arity = number | readonly [min: number, max: number];

interface Use<Handler> {
  readonly arity: Arity;
  /** What the arguments are, when their count alone does not say it ("field names or * and a text"). */
  readonly expected?: string;
  readonly compile: Handler;
}

interface ValueUse extends Use<(compiler: Compiler, call: Call) => Compiled> {
  /** An aggregation: one value per group, and no aggregation in its arguments. */
  readonly aggregate?: true;
}

interface FunctionEntry {
  /** A value: in select, order_by, group_by, and as an operand of a condition. */
  readonly value?: ValueUse;
  /** A condition of where (elsewhere, a value that is true or false). */
  readonly condition?: Use<(compiler: Compiler, call: Call) => string>;
  /** Only as a group_by item. */
  readonly groupKey?: Use<(compiler: Compiler, call: Call) => GroupKey>;
  /** Only as an order_by item. */
  readonly orderKey?: Use<(compiler: Compiler, call: Call, grouped: boolean) => Compiled>;
  /** Only as a bound of range(): the edges it stands for. */
  readonly rangeBound?: Use<(compiler: Compiler, call: Call) => Expr[]>;
}

const datePartEntry: FunctionEntry = { value: { arity: 1, compile: datePart } };
const summaryEntry: FunctionEntry = { value: { arity: 1, aggregate: true, compile: summary } };
const textSearchEntry: FunctionEntry = {
  condition: {
    arity: [2, Number.POSITIVE_INFINITY],
    expected: 'field names or * and a text',
    compile: textSearch,
  },
};

const FUNCTIONS: Readonly<Record<FunctionName, FunctionEntry>> = {
  count: { value: { arity: 1, aggregate: true, compile: count } },
  sum: summaryEntry,
  avg: summaryEntry,
  min: summaryEntry,
  max: summaryEntry,
  median: { value: { arity: 1, aggregate: true, compile: percentile } },
  percentile: { value: { arity: 2, aggregate: true, compile: percentile } },
  envelope: { value: { arity: 1, aggregate: true, compile: geoAggregate } },
  bbox: {
    value: { arity: 1, aggregate: true, compile: geoAggregate },
    condition: { arity: 5, compile: inBboxCondition },
  },
  year: datePartEntry,
  month: datePartEntry,
  day: datePartEntry,
  hour: datePartEntry,
  minute: datePartEntry,
  second: datePartEntry,
  millisecond: datePartEntry,
  quarter: datePartEntry,
  dayofweek: datePartEntry,
  length: { value: { arity: 1, compile: length } },
  lower: { value: { arity: 1, compile: letterCase } },
  upper: { value: { arity: 1, compile: letterCase } },
  ifnull: { value: { arity: 2, compile: ifnull } },
  now: { value: { arity: 0, expected: 'only named arguments, such as now(days=-1)', compile: now } },
  date_format: { value: { arity: 2, compile: dateFormat } },
  distance: {
    value: { arity: 2, compile: distance },
    condition: { arity: 3, compile: withinDistance },
  },
  random: { orderKey: { arity: [0, 1], compile: randomOrder } },
  range: {
    groupKey: {
      arity: [2, Number.POSITIVE_INFINITY],
      expected: 'a field and bounds, or a field and a width',
      compile: rangeKey,
    },
  },
  equi: {
    rangeBound: { arity: 3, expected: 'a step, a lower bound and an upper bound', compile: equiEdges },
  },
  geo_cluster: { groupKey: { arity: 2, compile: geoClusterKey } },
  json_format: { value: { arity: [1, 2], compile: jsonFormat } },
  search: textSearchEntry,
  suggest: textSearchEntry,
  startswith: textSearchEntry,
  within_distance: { condition: { arity: 3, compile: withinDistance } },
  in_bbox: { condition: { arity: 5, compile: inBboxCondition } },
  intersects: { condition: { arity: 2, compile: geoRelation } },
  disjoint: { condition: { arity: 2, compile: geoRelation } },
  within: { condition: { arity: 2, compile: geoRelation } },
  geometry: { condition: { arity: [2, 3], compile: geoRelation } },
  polygon: { condition: { arity: 2, compile: geoRelation } },
};

function entryOf(call: Call): FunctionEntry {
  // The parser accepts only the names of the table; a tree built by hand may hold another.
  return Object.hasOwn(FUNCTIONS, call.name)
    ? FUNCTIONS[call.name as FunctionName]
    : fail(`Unknown function: ${call.rawName}().`);
}

function bounds(arity: Arity): readonly [number, number] {
  return typeof arity === 'number' ? [arity, arity] : arity;
}

function fits(use: Use<unknown>, call: Call): boolean {
  const [min, max] = bounds(use.arity);
  return call.args.length >= min && call.args.length <= max;
}

function countText(arity: Arity): string {
  const [min, max] = bounds(arity);
  if (min === max) return `${min}`;
  if (max === min + 1) return `${min} or ${max}`;
  return max === Number.POSITIVE_INFINITY ? `${min} or more` : `${min} to ${max}`;
}

/** `year() takes 1 argument, got 2.`; for a name with two uses, both: `bbox() takes 1 or 5 arguments…`. */
function wrongCount(call: Call, uses: readonly Use<unknown>[]): never {
  const phrases = uses.map((use) => use.expected).filter((text) => text !== undefined);
  const most = bounds(uses.at(-1)!.arity)[1];
  const expected =
    phrases.length > 0
      ? phrases.join(', or ')
      : `${uses.map((use) => countText(use.arity)).join(' or ')} argument${most === 1 ? '' : 's'}`;
  return fail(`${call.name}() takes ${expected}, got ${call.args.length}.`);
}

function checked<U extends Use<unknown>>(call: Call, use: U): U {
  return fits(use, call) ? use : wrongCount(call, [use]);
}

function compileValue(compiler: Compiler, call: Call, use: ValueUse): Compiled {
  if (!use.aggregate) return use.compile(compiler, call);
  if (compiler.inAggregate) fail('Aggregations cannot be nested.');
  compiler.inAggregate = true;
  try {
    return use.compile(compiler, call);
  } finally {
    compiler.inAggregate = false;
  }
}

/**
 * A call as a value: its value use, or its condition's truth when the arguments fit that instead
 * (`distance(f, p)` is metres, `distance(f, p, 1km)` true or false).
 */
export function callValue(compiler: Compiler, call: Call): Compiled {
  const { value, condition } = entryOf(call);
  if (value && fits(value, call)) return compileValue(compiler, call, value);
  if (condition && fits(condition, call)) {
    return { sql: [condition.compile(compiler, call)], kind: 'boolean', aggregate: false };
  }
  const uses = [value, condition].filter((use) => use !== undefined);
  return uses.length > 0 ? wrongCount(call, uses) : fail(`${call.rawName}() cannot be used here.`);
}

/** A call as a condition of where: its condition use, or a value that is true or false. */
export function callCondition(compiler: Compiler, call: Call): string {
  const { condition } = entryOf(call);
  if (condition) return checked(call, condition).compile(compiler, call);
  const compiled = callValue(compiler, call);
  if (compiled.kind !== 'boolean') fail(`${call.rawName}() is not a condition.`);
  return compiled.sql[0]!;
}

/** A group_by item that is a function only group_by takes; null for any other call. */
export function callGroupKey(compiler: Compiler, call: Call): GroupKey | null {
  const { groupKey } = entryOf(call);
  return groupKey ? checked(call, groupKey).compile(compiler, call) : null;
}

/** An order_by item that is a function only order_by takes; null for any other call. */
export function callOrderKey(compiler: Compiler, call: Call, grouped: boolean): Compiled | null {
  const { orderKey } = entryOf(call);
  return orderKey ? checked(call, orderKey).compile(compiler, call, grouped) : null;
}

/** A bound of range() that is a function of bounds (equi()): its edges; null for any other call. */
export function callRangeBound(compiler: Compiler, call: Call): Expr[] | null {
  const { rangeBound } = entryOf(call);
  return rangeBound ? checked(call, rangeBound).compile(compiler, call) : null;
}
