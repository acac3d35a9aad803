import type {
  Call,
  DateLiteral,
  Expr,
  IntervalLiteral,
  SelectItem,
  StringLiteral,
} from '../../common/odsql/ast';
import { partialDateStart } from '../../common/time/zoned-time';
import type { Compiler } from './compile';
import {
  type Compiled,
  describeCompiled,
  fail,
  isNumeric,
  notAPosition,
  numberArg,
  unparen,
} from './compiled';
import { geoField } from './geo';
import { truncSql } from './native-dates';

/**
 * group_by items (ods-api.md §4.6): fields (one group per value of a multivalued field),
 * `range()` buckets (widths, static bounds, v2.0's brackets and `equi()`), `geo_cluster()` cells,
 * and any other expression.
 */

/** More buckets than any chart can show: equi() beyond this is a mistake in the step. */
const MAX_EQUI_BUCKETS = 1000;

/**
 * v2.0's `equi(step, low, high)` bounds as the edges they stand for: `range(f, equi(5, 10, 30))` is
 * `range(f, *, 10, 15, 20, 25, 30, *)`: open at both ends, as the 2020 docs show, whatever brackets
 * surround it (`[equi(…)]` and `equi(…)` parse alike, so they cannot differ).
 */
function expandEqui(bounds: readonly Expr[]): Expr[] {
  const edges = (call: Call): Expr[] => {
    if (call.args.length !== 3) fail('equi() takes a step, a lower bound and an upper bound.');
    const [step, low, high] = call.args.map((arg) => numberArg(arg, 'equi'));
    if (!(step! > 0) || !(high! > low!))
      fail('equi() needs a positive step and a lower bound below the upper one.');
    const count = Math.ceil((high! - low!) / step!);
    if (count > MAX_EQUI_BUCKETS)
      fail(`equi() makes at most ${MAX_EQUI_BUCKETS} buckets; use a larger step.`);
    const values = Array.from({ length: count }, (_, k) => low! + k * step!).concat(high!);
    return values.map((value) => ({ kind: 'Number', value, raw: String(value), loc: call.loc }));
  };
  const isEqui = (bound: Expr): bound is Call => bound.kind === 'Call' && bound.name === 'equi';
  const equi = bounds.find(isEqui);
  if (!equi) return [...bounds];
  const open: Expr = { kind: 'Star', loc: equi.loc };
  const expanded = bounds.flatMap((bound) => (isEqui(bound) ? edges(bound) : [bound]));
  return [
    ...(expanded[0]!.kind === 'Star' ? [] : [open]),
    ...expanded,
    ...(expanded.at(-1)!.kind === 'Star' ? [] : [open]),
  ];
}

function isoBucket(start: unknown): string | null {
  return start === null || start === undefined ? null : new Date(Number(start)).toISOString();
}

function intervalUnit(interval: IntervalLiteral): string {
  if (['week', 'month', 'quarter', 'year'].includes(interval.unit) && interval.value !== 1) {
    fail(`range() allows only 1 ${interval.unit}.`);
  }
  if (!(interval.value > 0) || !Number.isInteger(interval.value))
    fail('range() width must be a positive integer.');
  return interval.unit;
}

/** A group_by item: what to GROUP BY, and the value written out for the group. */
export function groupKeyOf(compiler: Compiler, item: SelectItem): { group: string[]; output: Compiled } {
  const expr = unparen(item.expr);
  if (expr.kind === 'Field') {
    const field = compiler.field(expr);
    if (field.valuesTable) {
      // One group per value of a multivalued field.
      const alias = `mv${compiler.valueJoins.size}`;
      compiler.valueJoins.set(field.field.name, alias);
    }
    const output = compiler.fieldValue(field);
    if (field.field.type === 'geo_shape' || field.field.type === 'file') {
      fail(`Grouping by ${field.field.type} field ${field.field.name} is not supported; use geo_cluster().`);
    }
    return { group: [...output.sql], output };
  }
  if (expr.kind === 'Call' && expr.name === 'range') return rangeKey(compiler, expr);
  if (expr.kind === 'Call' && expr.name === 'geo_cluster') {
    const args = compiler.args(expr, 2);
    const field = geoField(compiler, args[0]!, 'geo_cluster');
    if (field.field.type !== 'geo_point_2d') fail('geo_cluster() needs a geo_point_2d field.');
    const zoom = numberArg(args[1]!, 'geo_cluster');
    if (!Number.isInteger(zoom) || zoom < 0 || zoom > 25)
      fail('geo_cluster() zoom must be an integer from 0 to 25.');
    const cell = compiler.bind(360 / 2 ** zoom);
    const lat = `t."${field.latColumn}"`;
    const lon = `t."${field.lonColumn}"`;
    return {
      group: [
        `CAST(floor((${lon} + 180) / ${cell}) AS INTEGER)`,
        `CAST(floor((${lat} + 90) / ${cell}) AS INTEGER)`,
      ],
      output: { sql: [`avg(${lat})`, `avg(${lon})`], kind: 'cluster', aggregate: true },
    };
  }
  const output = compiler.value(expr);
  if (output.aggregate) fail('Aggregations cannot be used in group_by.');
  return { group: output.sql.map(notAPosition), output };
}

function rangeKey(compiler: Compiler, call: Call): { group: string[]; output: Compiled } {
  if (call.args.length < 2) fail('range() takes a field and bounds, or a field and a width.');
  const value = compiler.value(call.args[0]!);
  const isDate = value.kind === 'date' || value.kind === 'datetime';
  if (!isDate && !isNumeric(value.kind))
    fail(`range() needs a number or date field, got ${describeCompiled(value)}.`);
  const bounds = expandEqui(call.args.slice(1));
  const integerLabels = value.kind === 'int';
  if (bounds.length === 1 && bounds[0]!.kind !== 'Star') {
    const width = bounds[0]!;
    if (isDate) {
      if (width.kind !== 'Interval')
        return fail('range() on a date needs a width such as 1 day or 3 months.');
      const { ms, timezone } = compiler.dateValue(value, 'range');
      const unit = intervalUnit(width);
      const step = compiler.bind(width.value);
      const group = truncSql(
        value,
        timezone,
        unit,
        `CAST(${step} AS INTEGER)`,
        `ods_trunc(${ms}, ${compiler.bind(timezone)}, '${unit}', ${step})`,
      );
      return {
        group: [group],
        output: { sql: [group], kind: 'bucket', aggregate: false, label: (start) => isoBucket(start) },
      };
    }
    const step = numberArg(width, 'range');
    if (!(step > 0)) fail('range() width must be positive.');
    const group = `(floor(${value.sql[0]} / ${compiler.bind(step)}) * ${compiler.bind(step)})`;
    return {
      group: [group],
      output: {
        sql: [group],
        kind: 'bucket',
        aggregate: false,
        label: (start) =>
          start === null
            ? null
            : integerLabels && Number.isInteger(step)
              ? `[${start}, ${Number(start) + step - 1}]`
              : `[${start}, ${Number(start) + step}[`,
      },
    };
  }
  // Static ranges: range(f, *, 10, 50, *). Each bucket includes its lower bound.
  const edges: (number | null)[] = bounds.map((bound, k) => {
    if (bound.kind === 'Star') {
      if (k !== 0 && k !== bounds.length - 1) fail('range() takes * only as its first or last bound.');
      return null;
    }
    if (isDate) {
      if (bound.kind !== 'Date' && bound.kind !== 'String') fail("range() on a date takes date'…' bounds.");
      return partialDateStart(
        compiler.partialDate(bound as DateLiteral | StringLiteral),
        compiler.options.timezone,
      );
    }
    return numberArg(bound, 'range');
  });
  for (let k = 1; k < edges.length; k++) {
    if (edges[k] !== null && edges[k - 1] !== null && edges[k]! <= edges[k - 1]!)
      fail('range() bounds must increase.');
  }
  const subject = isDate ? compiler.dateValue(value, 'range').ms : value.sql[0]!;
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
  return {
    group: [group],
    output: {
      sql: [group],
      kind: 'bucket',
      aggregate: false,
      label: (index) => (index === null ? null : labels[Number(index)]),
    },
  };
}
