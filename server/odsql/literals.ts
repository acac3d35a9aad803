import type { Literal } from '../../common/odsql/ast';
import {
  formatDate,
  type PartialDate,
  parsePartialDate,
  partialDateStart,
  zonedParts,
} from '../../common/time/zoned-time';
import type { Compiler } from './compile';
import { type Compiled, describeExpr, fail, unreachable, type ValueKind } from './compiled';

/**
 * Literals → bound SQL parameters. A literal alone is a value of its own kind; compared with a field
 * or another value, it is read in that side's type (`born > 2020` is the year 2020 as a date,
 * `name = 75` the text "75"), as ODS reads it.
 */

export function partialDate(literal: Literal): PartialDate {
  if (literal.kind === 'Number' && Number.isInteger(literal.value)) {
    return parsePartialDate(String(literal.value)) ?? fail(`Invalid date: ${literal.raw}.`);
  }
  if (literal.kind === 'String' || literal.kind === 'Date') {
    return parsePartialDate(literal.value) ?? fail(`Invalid date: ${literal.value}.`);
  }
  return fail(`Expected a date, got ${describeExpr(literal)}.`);
}

/** A literal as a value of its own kind (select, arithmetic, function arguments). */
export function literalValue(compiler: Compiler, literal: Literal): Compiled {
  switch (literal.kind) {
    case 'String':
      return { sql: [compiler.bind(literal.value)], kind: 'string', aggregate: false, literal };
    case 'Number':
      return { sql: [compiler.bind(literal.value)], kind: 'number', aggregate: false, literal };
    case 'Boolean':
      return { sql: [compiler.bind(literal.value)], kind: 'boolean', aggregate: false, literal };
    case 'Null':
      return { sql: ['NULL'], kind: 'null', aggregate: false, literal };
    case 'Date':
      return {
        sql: [compiler.bind(partialDateStart(partialDate(literal), compiler.options.timezone))],
        kind: 'datetime',
        aggregate: false,
        literal,
      };
    case 'Geom':
    case 'Distance':
    case 'Interval':
      return fail(`${describeExpr(literal)} can only be an argument of a function.`);
    default:
      return unreachable(literal);
  }
}

/** SQL for a literal read as a value of `kind` (a date column compares with 'YYYY-MM-DD' text…). */
export function literalAs(compiler: Compiler, literal: Literal, kind: ValueKind): string {
  if (literal.kind === 'Null') return 'NULL';
  const { timezone } = compiler.options;
  switch (kind) {
    case 'date': {
      if (literal.kind === 'Number' && !Number.isInteger(literal.value)) return fail('Expected a date.');
      const date = partialDate(literal);
      if (date.hour !== null || date.offset !== null) {
        const p = zonedParts(partialDateStart(date, timezone), timezone);
        return compiler.bind(formatDate(p.year, p.month, p.day));
      }
      return compiler.bind(formatDate(date.year, date.month ?? 1, date.day ?? 1));
    }
    case 'datetime':
      return compiler.bind(partialDateStart(partialDate(literal), timezone));
    case 'boolean':
      if (literal.kind === 'Boolean') return compiler.bind(literal.value);
      if (literal.kind === 'String' && /^(true|false)$/i.test(literal.value)) {
        return compiler.bind(literal.value.toLowerCase() === 'true');
      }
      if (literal.kind === 'Number' && (literal.value === 0 || literal.value === 1))
        return compiler.bind(literal.value);
      return fail(`Expected a boolean, got ${describeExpr(literal)}.`);
    case 'int':
    case 'double':
    case 'number':
    case 'datepart':
      if (literal.kind === 'Number') return compiler.bind(literal.value);
      if (
        literal.kind === 'String' &&
        literal.value.trim() !== '' &&
        Number.isFinite(Number(literal.value))
      ) {
        return compiler.bind(Number(literal.value));
      }
      if (literal.kind === 'Boolean') return compiler.bind(literal.value);
      return fail(`Expected a number, got ${describeExpr(literal)}.`);
    case 'text':
    case 'string':
      if (literal.kind === 'String' || literal.kind === 'Date') return compiler.bind(literal.value);
      if (literal.kind === 'Number') return compiler.bind(literal.raw);
      if (literal.kind === 'Boolean') return compiler.bind(String(literal.value));
      return fail(`Expected text, got ${describeExpr(literal)}.`);
    case 'geo_point_2d':
    case 'geo_shape':
    case 'file':
    case 'json_blob':
    case 'null':
    case 'geometry':
    case 'cluster':
    case 'bucket':
      return ownKind(compiler, literal);
    default:
      return unreachable(kind);
  }
}

/** A literal met by a value that gives it no type of its own to be read in. */
function ownKind(compiler: Compiler, literal: Literal): string {
  switch (literal.kind) {
    case 'String':
    case 'Number':
    case 'Boolean':
      return compiler.bind(literal.value);
    case 'Null':
      return 'NULL';
    case 'Date':
      return compiler.bind(partialDateStart(partialDate(literal), compiler.options.timezone));
    case 'Geom':
    case 'Distance':
    case 'Interval':
      return fail(`${describeExpr(literal)} cannot be used here.`);
    default:
      return unreachable(literal);
  }
}
