import type {
  Call,
  DateLiteral,
  Expr,
  IntervalLiteral,
  NumberLiteral,
  StringLiteral,
} from '../../common/odsql/ast';
import { partialDateStart } from '../../common/time/zoned-time';
import { quoteIdent } from '../store/sql-ident';
import type { Compiler } from './compile';
import { dateValue, describeCompiled, fail, type GroupKey, isNumeric, numberArg } from './compiled';
import { callRangeBound } from './function-table';
import { geoField } from './geo';
import { partialDate } from './literals';
import { truncSql } from './native-dates';

/**
 * The functions only group_by takes (ods-api.md §4.6): `range()` buckets (widths, static bounds,
 * v2.0's brackets and `equi()` bounds) and `geo_cluster()` cells. Each is the handler of its entry
 * in function-table.ts, which has checked the number of arguments.
 */

/** More buckets than any chart can show: equi() beyond this is a mistake in the step. */
const MAX_EQUI_BUCKETS = 1000;

/**
 * v2.0's `equi(step, low, high)` bounds as the edges they stand for: `range(f, equi(5, 10, 30))` is
 * `range(f, *, 10, 15, 20, 25, 30, *)`: open at both ends, as the 2020 docs show, whatever brackets
 * surround it (`[equi(…)]` and `equi(…)` parse alike, so they cannot differ).
 */
export function equiEdges(_compiler: Compiler, call: Call): NumberLiteral[] {
  const [step, low, high] = call.args.map((arg) => numberArg(arg, 'equi'));
  if (!(step! > 0) || !(high! > low!))
    fail('equi() needs a positive step and a lower bound below the upper one.');
  const count = Math.ceil((high! - low!) / step!);
  if (count > MAX_EQUI_BUCKETS) fail(`equi() makes at most ${MAX_EQUI_BUCKETS} buckets; use a larger step.`);
  const values = Array.from({ length: count }, (_, k) => low! + k * step!).concat(high!);
  return values.map((value) => ({ kind: 'Number', value, raw: String(value), loc: call.loc }));
}

/** range()'s bounds with every function bound (equi()) replaced by its edges, open at both ends. */
function expandEqui(compiler: Compiler, bounds: readonly Expr[]): Expr[] {
  const parts = bounds.map((bound) => ({
    bound,
    edges: bound.kind === 'Call' ? callRangeBound(compiler, bound) : null,
  }));
  const equi = parts.find((part) => part.edges !== null);
  if (!equi) return [...bounds];
  const open: Expr = { kind: 'Star', loc: equi.bound.loc };
  const expanded = parts.flatMap((part): Expr[] => part.edges ?? [part.bound]);
  return [
    ...(expanded[0]!.kind === 'Star' ? [] : [open]),
    ...expanded,
    ...(expanded.at(-1)!.kind === 'Star' ? [] : [open]),
  ];
}

function isoBucket(start: unknown): string | null {
  return start === null || start === undefined ? null : new Date(Number(start)).toISOString();
}

/** A range() key: the bucket's SQL both groups and is written out, through its label. */
function bucketKey(group: string, label: (value: unknown) => unknown): GroupKey {
  return { group: [group], output: { sql: [group], kind: 'bucket', aggregate: false, label } };
}

function intervalUnit(interval: IntervalLiteral): string {
  if (['week', 'month', 'quarter', 'year'].includes(interval.unit) && interval.value !== 1) {
    fail(`range() allows only 1 ${interval.unit}.`);
  }
  if (!(interval.value > 0) || !Number.isInteger(interval.value))
    fail('range() width must be a positive integer.');
  return interval.unit;
}

/** geo_cluster(point, zoom): one group per cell of a grid 360 / 2^zoom degrees wide. */
export function geoClusterKey(compiler: Compiler, call: Call): GroupKey {
  const field = geoField(compiler, call.args[0]!, 'geo_cluster');
  if (field.field.type !== 'geo_point_2d') fail('geo_cluster() needs a geo_point_2d field.');
  const zoom = numberArg(call.args[1]!, 'geo_cluster');
  if (!Number.isInteger(zoom) || zoom < 0 || zoom > 25)
    fail('geo_cluster() zoom must be an integer from 0 to 25.');
  const cell = compiler.bind(360 / 2 ** zoom);
  const lat = `t.${quoteIdent(field.latColumn!)}`;
  const lon = `t.${quoteIdent(field.lonColumn!)}`;
  return {
    group: [
      `CAST(floor((${lon} + 180) / ${cell}) AS INTEGER)`,
      `CAST(floor((${lat} + 90) / ${cell}) AS INTEGER)`,
    ],
    output: { sql: [`avg(${lat})`, `avg(${lon})`], kind: 'cluster', aggregate: true },
  };
}

/** range(f, width) and range(f, bound, bound, …): buckets of a number or a date. */
export function rangeKey(compiler: Compiler, call: Call): GroupKey {
  const value = compiler.value(call.args[0]!);
  const isDate = value.kind === 'date' || value.kind === 'datetime';
  if (!isDate && !isNumeric(value.kind))
    fail(`range() needs a number or date field, got ${describeCompiled(value)}.`);
  const bounds = expandEqui(compiler, call.args.slice(1));
  const integerLabels = value.kind === 'int';
  if (bounds.length === 1 && bounds[0]!.kind !== 'Star') {
    const width = bounds[0]!;
    if (isDate) {
      if (width.kind !== 'Interval')
        return fail('range() on a date needs a width such as 1 day or 3 months.');
      const { ms, timezone } = dateValue(compiler, value, 'range');
      const unit = intervalUnit(width);
      const step = compiler.bind(width.value);
      const group = truncSql(
        value,
        timezone,
        unit,
        `CAST(${step} AS INTEGER)`,
        `ods_trunc(${ms}, ${compiler.bind(timezone)}, '${unit}', ${step})`,
      );
      return bucketKey(group, isoBucket);
    }
    const step = numberArg(width, 'range');
    if (!(step > 0)) fail('range() width must be positive.');
    const group = `(floor(${value.sql[0]} / ${compiler.bind(step)}) * ${compiler.bind(step)})`;
    return bucketKey(group, (start) =>
      start === null
        ? null
        : integerLabels && Number.isInteger(step)
          ? `[${start}, ${Number(start) + step - 1}]`
          : `[${start}, ${Number(start) + step}[`,
    );
  }
  // Static ranges: range(f, *, 10, 50, *). Each bucket includes its lower bound.
  const edges: (number | null)[] = bounds.map((bound, k) => {
    if (bound.kind === 'Star') {
      if (k !== 0 && k !== bounds.length - 1) fail('range() takes * only as its first or last bound.');
      return null;
    }
    if (isDate) {
      if (bound.kind !== 'Date' && bound.kind !== 'String') fail("range() on a date takes date'…' bounds.");
      return partialDateStart(partialDate(bound as DateLiteral | StringLiteral), compiler.options.timezone);
    }
    return numberArg(bound, 'range');
  });
  for (let k = 1; k < edges.length; k++) {
    if (edges[k] !== null && edges[k - 1] !== null && edges[k]! <= edges[k - 1]!)
      fail('range() bounds must increase.');
  }
  const subject = isDate ? dateValue(compiler, value, 'range').ms : value.sql[0]!;
  const cases: string[] = [];
  const labels: string[] = [];
  const show = (edge: number) => (isDate ? new Date(edge).toISOString() : String(edge));
  for (let k = 0; k < edges.length - 1; k++) {
    const low = edges[k] ?? null;
    const high = edges[k + 1] ?? null;
    const conditions = [
      low === null ? null : `${subject} >= ${compiler.bind(low)}`,
      high === null ? null : `${subject} < ${compiler.bind(high)}`,
    ].filter(Boolean);
    cases.push(`WHEN ${conditions.join(' AND ') || '1'} THEN ${k}`);
    const lowText = low === null ? '*' : show(low);
    const highText = high === null ? '*' : integerLabels && !isDate ? String(high - 1) : show(high);
    labels.push(
      integerLabels && !isDate
        ? `[${lowText}, ${highText}]`
        : `[${lowText}, ${highText}${high === null ? ']' : '['}`,
    );
  }
  const group = `(CASE ${cases.join(' ')} END)`;
  return bucketKey(group, (index) => (index === null ? null : labels[Number(index)]));
}
