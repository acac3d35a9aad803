/**
 * The ODSQL printer: AST → clause text. The contract is that parsing the printed text gives back the
 * same tree, `loc` aside (and SelectItem.text, which becomes the printed text), for every tree the
 * parser can produce and every tree the builders in build.ts make.
 *
 * For trees made by hand it keeps the meaning rather than the shape: where an operand binds more
 * loosely than its position needs (an OR under an AND with no Paren node), the printer adds the
 * parentheses, and the reparsed tree has a Paren there.
 *
 * Spelling: keywords in upper case, function names as written (`rawName`) so that `RANGE(capacity,15)`
 * keeps its case, strings as `JSON.stringify` writes them (the ODS SDK's habit), numbers by their
 * `raw` text, field names bare unless they must be (or were) back-quoted.
 */

import type {
  Call,
  Clause,
  Expr,
  GroupByClause,
  OrderByClause,
  SelectClause,
  SelectFieldPattern,
  SelectItem,
  WhereClause,
} from './ast';
import { backQuote, intervalUnitOf, needsBackQuotes } from './lexer';

/**
 * Binding strength, loosest first; an operand printed where a stronger one is expected gets
 * parentheses. Mirrors the parser's call chain.
 */
export const PRECEDENCE = {
  or: 1,
  and: 2,
  not: 3,
  predicate: 4,
  additive: 5,
  multiplicative: 6,
  unary: 7,
  primary: 8,
} as const;

export function precedence(e: Expr): number {
  switch (e.kind) {
    case 'Or':
      return PRECEDENCE.or;
    case 'And':
      return PRECEDENCE.and;
    case 'Not':
      return PRECEDENCE.not;
    case 'Comparison':
    case 'Like':
    case 'InList':
    case 'InRange':
    case 'InField':
    case 'IsNull':
    case 'IsBoolean':
      return PRECEDENCE.predicate;
    case 'Arithmetic':
      return e.op === '+' || e.op === '-' ? PRECEDENCE.additive : PRECEDENCE.multiplicative;
    case 'Negate':
      return PRECEDENCE.unary;
    default:
      return PRECEDENCE.primary;
  }
}

export function printExpr(e: Expr): string {
  return print(e, PRECEDENCE.or);
}

export function printWhere(clause: WhereClause): string {
  return printExpr(clause.condition);
}

export function printSelect(clause: SelectClause): string {
  return clause.items
    .map((item) => (item.kind === 'SelectItem' ? printItem(item) : printPatterns(item)))
    .join(', ');
}

export function printGroupBy(clause: GroupByClause): string {
  return clause.items.map(printItem).join(', ');
}

export function printOrderBy(clause: OrderByClause): string {
  return clause.items
    .map((item) =>
      item.direction === null ? printExpr(item.expr) : `${printExpr(item.expr)} ${item.direction}`,
    )
    .join(', ');
}

export function printClause(clause: Clause): string {
  switch (clause.kind) {
    case 'Where':
      return printWhere(clause);
    case 'Select':
      return printSelect(clause);
    case 'GroupBy':
      return printGroupBy(clause);
    case 'OrderBy':
      return printOrderBy(clause);
    default: {
      const unreachable: never = clause;
      return unreachable;
    }
  }
}

/** A field name or alias, back-quoted when it must be to lex back as that one name. */
export function printName(name: string, quoted = false): string {
  return quoted || needsBackQuotes(name) ? backQuote(name) : name;
}

/**
 * A number as ODSQL digits. ODSQL has no exponent notation, so `1e21` is written out in full;
 * NaN and the infinities have no literal at all.
 */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`ODSQL has no literal for ${value}`);
  if (Object.is(value, -0)) return '-0';
  const text = String(value);
  if (!text.includes('e')) return text;
  const sign = value < 0 ? '-' : '';
  const [mantissa = '', exponent = '0'] = String(Math.abs(value)).split('e');
  const [whole = '', fraction = ''] = mantissa.split('.');
  const digits = whole + fraction;
  const point = whole.length + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const NUMBER_RAW = /^-?[0-9]+(?:\.[0-9]+)?$/;

function printNumber(raw: string, value: number): string {
  return NUMBER_RAW.test(raw) ? raw : plainNumber(value);
}

/** `date'…'` and `geom'…'` keep ODS's single quotes; GeoJSON inside then needs no escaping. */
function singleQuoted(value: string): string {
  return `'${value.replace(/[\\']/g, '\\$&')}'`;
}

function printItem(item: SelectItem): string {
  const expr = printExpr(item.expr);
  return item.alias === null ? expr : `${expr} AS ${printName(item.alias)}`;
}

function printPatterns(item: SelectFieldPattern): string {
  const word = item.kind === 'SelectInclude' ? 'include' : 'exclude';
  return `${word}(${item.patterns.map(printPattern).join(', ')})`;
}

/** `pop*`: the parts between wildcards are names, back-quoted when they must be. */
function printPattern(pattern: string): string {
  return pattern
    .split('*')
    .map((part) => (part === '' ? '' : printName(part)))
    .join('*');
}

function print(e: Expr, min: number): string {
  const text = printBare(e);
  return precedence(e) < min ? `(${text})` : text;
}

function printBare(e: Expr): string {
  switch (e.kind) {
    case 'String':
      return JSON.stringify(e.value);
    case 'Number':
      return printNumber(e.raw, e.value);
    case 'Boolean':
      return e.value ? 'TRUE' : 'FALSE';
    case 'Null':
      return 'NULL';
    case 'Date':
      return `date${singleQuoted(e.value)}`;
    case 'Geom':
      return `geom${singleQuoted(e.value)}`;
    case 'Distance':
      return `${printNumber(e.raw, e.value)}${e.unit}`;
    case 'Interval':
      return `${plainNumber(e.value)} ${intervalUnitOf(e.rawUnit) === e.unit ? e.rawUnit : e.unit}`;
    case 'Field':
      return printName(e.name, e.quoted);
    case 'Star':
      return '*';
    case 'Call':
      return printCall(e);
    case 'Arithmetic': {
      const own = precedence(e);
      return `${print(e.left, own)} ${e.op} ${print(e.right, own + 1)}`;
    }
    case 'Negate':
      return `-${print(e.operand, PRECEDENCE.unary)}`;
    case 'Comparison': {
      const left = print(e.left, PRECEDENCE.additive);
      const right = print(e.right, PRECEDENCE.additive);
      return e.op === ':' ? `${left}: ${right}` : `${left} ${e.op} ${right}`;
    }
    case 'Like':
      return `${print(e.left, PRECEDENCE.additive)} LIKE ${print(e.pattern, PRECEDENCE.additive)}`;
    case 'InList':
      return `${print(e.left, PRECEDENCE.additive)} IN (${e.items.map((i) => print(i, PRECEDENCE.additive)).join(', ')})`;
    case 'InRange': {
      const open = e.lowInclusive ? '[' : ']';
      const close = e.highInclusive ? ']' : '[';
      const separator = e.separator === 'TO' ? ' TO ' : '..';
      const low = print(e.low, PRECEDENCE.additive);
      const high = print(e.high, PRECEDENCE.additive);
      return `${print(e.left, PRECEDENCE.additive)} IN ${open}${low}${separator}${high}${close}`;
    }
    case 'InField':
      return `${print(e.value, PRECEDENCE.additive)} IN ${printName(e.field.name, e.field.quoted)}`;
    case 'IsNull':
      return `${print(e.operand, PRECEDENCE.additive)} IS ${e.negated ? 'NOT NULL' : 'NULL'}`;
    case 'IsBoolean':
      return `${print(e.operand, PRECEDENCE.additive)} IS ${e.value ? 'TRUE' : 'FALSE'}`;
    case 'FullText':
      return JSON.stringify(e.text);
    case 'And':
      return `${print(e.left, PRECEDENCE.and)} AND ${print(e.right, PRECEDENCE.not)}`;
    case 'Or':
      return `${print(e.left, PRECEDENCE.or)} OR ${print(e.right, PRECEDENCE.and)}`;
    case 'Not':
      return `NOT ${print(e.operand, PRECEDENCE.not)}`;
    case 'Paren':
      return `(${print(e.inner, PRECEDENCE.or)})`;
    default: {
      const unreachable: never = e;
      return unreachable;
    }
  }
}

function printCall(e: Call): string {
  // rawName keeps the user's spelling, unless code set a rawName that does not match the name.
  const name = e.rawName.toLowerCase() === e.name ? e.rawName : e.name;
  const args = e.args.map((a) => print(a, PRECEDENCE.or));
  if (e.distinct && args.length > 0) args[0] = `DISTINCT ${args[0]}`;
  const named = e.namedArgs.map((a) => `${a.name}=${print(a.value, PRECEDENCE.additive)}`);
  return `${name}(${[...args, ...named].join(', ')})`;
}
