import type { Call } from '../../common/odsql/ast';
import { DATE_PART_FUNCTIONS } from '../../common/odsql/vocabulary';
import { addToInstant, zonedParts, zonedToUtc } from '../../common/time/zoned-time';
import type { Compiler } from './compile';
import { type Compiled, fail, numberArg, stringArg, type ValueKind } from './compiled';
import { conditionSql, operand } from './conditions';
import { geoArgs, geoField, queryPoint } from './geo';
import { dateFormatSql, datePartSql, strftimeFormat } from './native-dates';
import type { DatePart } from './sql-functions';

/**
 * Function calls as values (ods-api.md §4.4, §4.5): date parts, date_format(), now(), text and
 * number functions, ifnull(), distance(), and aggregations.
 */

export function callValue(compiler: Compiler, call: Call): Compiled {
  const name = call.name;
  if ((DATE_PART_FUNCTIONS as readonly string[]).includes(name)) {
    const [arg] = compiler.args(call, 1);
    const compiled = compiler.value(arg!);
    const part = name as DatePart;
    if (compiled.kind === 'date') {
      return {
        sql: [datePartSql(compiled, 'UTC', part, `ods_date_part(${compiled.sql[0]}, '${name}')`)],
        kind: 'datepart',
        aggregate: compiled.aggregate,
      };
    }
    const { ms, timezone } = compiler.dateValue(compiled, name);
    return {
      sql: [datePartSql(compiled, timezone, part, `ods_part(${ms}, ${compiler.bind(timezone)}, '${name}')`)],
      kind: 'datepart',
      aggregate: compiled.aggregate,
    };
  }
  switch (name) {
    case 'count': {
      if (call.args.length === 1 && call.args[0]!.kind === 'Star' && !call.distinct) {
        return { sql: ['count(*)'], kind: 'int', aggregate: true };
      }
      const [arg] = compiler.args(call, 1);
      const compiled = compiler.value(arg!);
      if (compiled.aggregate) fail('Aggregations cannot be nested.');
      return {
        sql: [`count(${call.distinct ? 'DISTINCT ' : ''}${compiled.sql[0]})`],
        kind: 'int',
        aggregate: true,
      };
    }
    case 'sum':
    case 'avg':
    case 'min':
    case 'max': {
      const [arg] = compiler.args(call, 1);
      const compiled = compiler.value(arg!);
      if (compiled.aggregate) fail('Aggregations cannot be nested.');
      const orderable = ['date', 'datetime'].includes(compiled.kind) && (name === 'min' || name === 'max');
      if (!orderable) compiler.numeric(compiled, `${name}()`);
      const kind: ValueKind = orderable
        ? compiled.kind
        : name === 'avg'
          ? 'double'
          : compiled.kind === 'int'
            ? 'int'
            : 'double';
      return { sql: [`${name}(${compiled.sql[0]})`], kind, aggregate: true };
    }
    case 'median':
    case 'percentile': {
      const args = compiler.args(call, name === 'median' ? 1 : 2);
      const compiled = compiler.numeric(compiler.value(args[0]!), `${name}()`);
      const p = name === 'median' ? 50 : numberArg(args[1]!, 'percentile');
      if (p < 0 || p > 100) fail('percentile() needs a percentage between 0 and 100.');
      return {
        sql: [`ods_percentile(${compiled.sql[0]}, ${compiler.bind(p)})`],
        kind: 'double',
        aggregate: true,
      };
    }
    case 'envelope':
    case 'bbox': {
      const [arg] = compiler.args(call, 1);
      const field = geoField(compiler, arg!, name);
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
    case 'length': {
      const [arg] = compiler.args(call, 1);
      const compiled = compiler.value(arg!);
      return { sql: [`length(${compiled.sql[0]})`], kind: 'int', aggregate: compiled.aggregate };
    }
    case 'lower':
    case 'upper': {
      const [arg] = compiler.args(call, 1);
      const compiled = compiler.value(arg!);
      return { sql: [`ods_${name}(${compiled.sql[0]})`], kind: 'text', aggregate: compiled.aggregate };
    }
    case 'ifnull': {
      const [first, second] = compiler.args(call, 2);
      const a = compiler.value(first!);
      return {
        sql: [`ifnull(${a.sql[0]}, ${operand(compiler, second!, a.kind)})`],
        kind: a.kind,
        aggregate: a.aggregate,
      };
    }
    case 'now':
      return { sql: [compiler.bind(nowMs(compiler, call))], kind: 'datetime', aggregate: false };
    case 'date_format': {
      const [dateArg, patternArg] = compiler.args(call, 2);
      const compiled = compiler.value(dateArg!);
      const { ms, timezone } = compiler.dateValue(compiled, 'date_format');
      const pattern = stringArg(patternArg!, 'date_format');
      const fallback = `ods_date_format(${ms}, ${compiler.bind(timezone)}, ${compiler.bind(pattern)}, ${compiler.bind(compiler.options.lang)})`;
      const format = () => compiler.bind(strftimeFormat(pattern));
      return {
        sql: [dateFormatSql(compiled, timezone, pattern, format, fallback)],
        kind: 'string',
        aggregate: compiled.aggregate,
      };
    }
    case 'distance':
      if (call.args.length === 2) {
        const field = geoField(compiler, call.args[0]!, 'distance');
        const point = queryPoint(call.args[1]!, 'distance');
        const sql =
          field.field.type === 'geo_point_2d'
            ? `ods_distance(t."${field.latColumn}", t."${field.lonColumn}", ${compiler.bind(point.lat)}, ${compiler.bind(point.lon)})`
            : `ods_shape_distance(${compiler.column(field)}, ${compiler.bind(point.lat)}, ${compiler.bind(point.lon)})`;
        return { sql: [sql], kind: 'double', aggregate: false };
      }
      return { sql: [conditionSql(compiler, call)], kind: 'boolean', aggregate: false };
    case 'json_format': {
      const [arg] = compiler.args(call, 1, 2);
      return compiler.value(arg!);
    }
    case 'random':
    case 'range':
    case 'equi':
    case 'geo_cluster':
      return fail(`${call.rawName}() cannot be used here.`);
    default:
      return { sql: [conditionSql(compiler, call)], kind: 'boolean', aggregate: false };
  }
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
  if (call.args.length > 0) fail('now() takes only named arguments, such as now(days=-1).');
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
