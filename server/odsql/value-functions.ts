import type { Call } from '../../common/odsql/ast';
import { addToInstant, zonedParts, zonedToUtc } from '../../common/time/zoned-time';
import type { Compiler } from './compile';
import { type Compiled, dateValue, fail, numberArg, numeric, stringArg, type ValueKind } from './compiled';
import { distanceSql, geoArgs, geoField, queryPoint } from './geo';
import { dateFormatSql, datePartSql, strftimeFormat } from './native-dates';
import type { DatePart } from './sql-functions';

/**
 * Function calls as values (ods-api.md §4.4, §4.5): date parts, date_format(), now(), text and
 * number functions, ifnull(), distance(), aggregations, and random() as a sort key. Each is the
 * handler of its entry in function-table.ts, which has checked the number of arguments.
 */

/** `year(d)` … `dayofweek(d)`. */
export function datePart(compiler: Compiler, call: Call): Compiled {
  const compiled = compiler.value(call.args[0]!);
  const part = call.name as DatePart;
  if (compiled.kind === 'date') {
    return {
      sql: [datePartSql(compiled, 'UTC', part, `ods_date_part(${compiled.sql[0]}, '${part}')`)],
      kind: 'datepart',
      aggregate: compiled.aggregate,
    };
  }
  const { ms, timezone } = dateValue(compiler, compiled, part);
  return {
    sql: [datePartSql(compiled, timezone, part, `ods_part(${ms}, ${compiler.bind(timezone)}, '${part}')`)],
    kind: 'datepart',
    aggregate: compiled.aggregate,
  };
}

export function count(compiler: Compiler, call: Call): Compiled {
  const arg = call.args[0]!;
  if (arg.kind === 'Star' && !call.distinct) return { sql: ['count(*)'], kind: 'int', aggregate: true };
  const compiled = compiler.value(arg);
  return {
    sql: [`count(${call.distinct ? 'DISTINCT ' : ''}${compiled.sql[0]})`],
    kind: 'int',
    aggregate: true,
  };
}

/** sum(), avg(), min(), max(): of numbers; min() and max() also of dates. */
export function summary(compiler: Compiler, call: Call): Compiled {
  const name = call.name;
  const compiled = compiler.value(call.args[0]!);
  const orderable = ['date', 'datetime'].includes(compiled.kind) && (name === 'min' || name === 'max');
  if (!orderable) numeric(compiled, `${name}()`);
  const kind: ValueKind = orderable
    ? compiled.kind
    : name === 'avg'
      ? 'double'
      : compiled.kind === 'int'
        ? 'int'
        : 'double';
  return { sql: [`${name}(${compiled.sql[0]})`], kind, aggregate: true };
}

/** median(x) and percentile(x, p). */
export function percentile(compiler: Compiler, call: Call): Compiled {
  const compiled = numeric(compiler.value(call.args[0]!), `${call.name}()`);
  const p = call.name === 'median' ? 50 : numberArg(call.args[1]!, 'percentile');
  if (p < 0 || p > 100) fail('percentile() needs a percentage between 0 and 100.');
  return {
    sql: [`ods_percentile(${compiled.sql[0]}, ${compiler.bind(p)})`],
    kind: 'double',
    aggregate: true,
  };
}

/** envelope(geo) and bbox(geo): the convex hull and the box of a group's geometries. */
export function geoAggregate(compiler: Compiler, call: Call): Compiled {
  const name = call.name;
  const field = geoField(compiler, call.args[0]!, name);
  const [shape, lat, lon] = geoArgs(compiler, field);
  // A point field's box is the columns' extremes: SQLite's own min/max, a few times faster
  // than a JS aggregate called on every row (the map asks for it on every filter).
  if (name === 'bbox' && field.field.type === 'geo_point_2d') {
    return {
      sql: [`ods_box_polygon(min(${lon}), min(${lat}), max(${lon}), max(${lat}))`],
      kind: 'geometry',
      aggregate: true,
    };
  }
  const fn = name === 'envelope' ? 'ods_envelope' : 'ods_bbox';
  return { sql: [`${fn}(${shape}, ${lat}, ${lon})`], kind: 'geometry', aggregate: true };
}

export function length(compiler: Compiler, call: Call): Compiled {
  const compiled = compiler.value(call.args[0]!);
  return { sql: [`length(${compiled.sql[0]})`], kind: 'int', aggregate: compiled.aggregate };
}

/** lower() and upper(), by JavaScript's rules: SQLite's own change ASCII letters only. */
export function letterCase(compiler: Compiler, call: Call): Compiled {
  const compiled = compiler.value(call.args[0]!);
  return { sql: [`ods_${call.name}(${compiled.sql[0]})`], kind: 'text', aggregate: compiled.aggregate };
}

export function ifnull(compiler: Compiler, call: Call): Compiled {
  const [first, second] = call.args;
  const a = compiler.value(first!);
  return {
    sql: [`ifnull(${a.sql[0]}, ${compiler.operand(second!, a.kind)})`],
    kind: a.kind,
    aggregate: a.aggregate,
  };
}

export function now(compiler: Compiler, call: Call): Compiled {
  return { sql: [compiler.bind(nowMs(compiler, call))], kind: 'datetime', aggregate: false };
}

export function dateFormat(compiler: Compiler, call: Call): Compiled {
  const [dateArg, patternArg] = call.args;
  const compiled = compiler.value(dateArg!);
  const { ms, timezone } = dateValue(compiler, compiled, 'date_format');
  const pattern = stringArg(patternArg!, 'date_format');
  const fallback = `ods_date_format(${ms}, ${compiler.bind(timezone)}, ${compiler.bind(pattern)}, ${compiler.bind(compiler.options.lang)})`;
  const format = () => compiler.bind(strftimeFormat(pattern));
  return {
    sql: [dateFormatSql(compiled, timezone, pattern, format, fallback)],
    kind: 'string',
    aggregate: compiled.aggregate,
  };
}

/** `distance(f, geom'POINT(…)')`: metres (with a third argument it is a condition, predicates.ts). */
export function distance(compiler: Compiler, call: Call): Compiled {
  const field = geoField(compiler, call.args[0]!, 'distance');
  const point = queryPoint(call.args[1]!, 'distance');
  return { sql: [distanceSql(compiler, field, point)], kind: 'double', aggregate: false };
}

/** json_format(f[, indent]): the value itself; the indent is how a client would print it. */
export function jsonFormat(compiler: Compiler, call: Call): Compiled {
  return compiler.value(call.args[0]!);
}

/** `order_by=random(seed)`: an order that a seed repeats, one value per record or per group. */
export function randomOrder(compiler: Compiler, call: Call, grouped: boolean): Compiled {
  const seed = call.args[0];
  const value = seed?.kind === 'Number' ? seed.value : 0;
  const rid = grouped ? 'min(t.rid)' : 't.rid';
  return { sql: [`ods_random(${rid}, ${compiler.bind(value)})`], kind: 'int', aggregate: grouped };
}

/** `now(years=-1, month=1, …)`: singular names set a component, plural names add to it. */
function nowMs(compiler: Compiler, call: Call): number {
  const timezone = compiler.options.timezone;
  let ms = Date.now();
  const set: Record<string, number> = {};
  const add: Record<string, number> = {};
  let weekday: number | null = null;
  for (const arg of call.namedArgs) {
    const amount = numberArg(arg.value, 'now');
    const name = arg.name.toLowerCase();
    const unit = name.replace(/s$/, '');
    if (name === 'weekday') weekday = amount;
    else if (
      !['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond', 'week'].includes(unit) ||
      name === 'week'
    ) {
      fail(`now() has no argument ${arg.name}.`);
    } else if (name.endsWith('s')) add[unit] = amount;
    else set[unit] = amount;
  }
  const p = zonedParts(ms, timezone);
  if (Object.keys(set).length > 0) {
    // Set components replace the current ones in the zone; Date.UTC carries any overflow.
    ms = zonedToUtc(
      set.year ?? p.year,
      set.month ?? p.month,
      set.day ?? p.day,
      set.hour ?? p.hour,
      set.minute ?? p.minute,
      set.second ?? p.second,
      set.microsecond === undefined ? p.millisecond : Math.floor(set.microsecond / 1000),
      timezone,
    );
  }
  ms = addToInstant(
    ms,
    {
      year: add.year,
      month: add.month,
      day: (add.day ?? 0) + (add.week ?? 0) * 7,
      hour: add.hour,
      minute: add.minute,
      second: add.second,
      millisecond: add.microsecond === undefined ? undefined : add.microsecond / 1000,
    },
    timezone,
  );
  if (weekday !== null) {
    // weekday=0 is Monday … 6 Sunday: the next such day, today included.
    const current = zonedParts(ms, timezone).weekday - 1;
    ms = addToInstant(ms, { day: (weekday - current + 7) % 7 }, timezone);
  }
  return ms;
}
