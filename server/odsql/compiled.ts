import type Database from 'better-sqlite3';
import type { FieldType } from '../../common/ods-api/types';
import { type Expr, isPredicate, type Literal } from '../../common/odsql/ast';
import type { DatasetLayout, FieldLayout } from '../store/layout';
import type { Compiler } from './compile';

/**
 * What every part of the ODSQL compiler shares: the compiled value of an expression and its kind,
 * the semantic error (ODS's 400 ODSQLError), and small readers of literal arguments.
 */

/** A semantic error in a clause (unknown field, wrong type…): ODS answers 400 ODSQLError. */
export class OdsqlSemanticError extends Error {}

export const fail = (detail: string): never => {
  throw new OdsqlSemanticError(detail);
};

/**
 * The `default` of a switch over a closed set (an AST node's kind, a ValueKind): a new member left
 * out of the switch is a type error here, rather than a query that silently takes another branch.
 */
export function unreachable(value: never): never {
  throw new Error(`Unexpected ${JSON.stringify(value)}`);
}

/** What a compiled expression holds, which decides how its values are compared and written out. */
export type ValueKind =
  | FieldType
  | 'number'
  | 'string'
  | 'null'
  | 'datepart'
  | 'geometry'
  | 'cluster'
  | 'bucket';

export interface Compiled {
  /** One SQL expression, or two (lat, lon) for a geo_point_2d. */
  readonly sql: readonly string[];
  readonly kind: ValueKind;
  readonly aggregate: boolean;
  /** The field, when the expression is a plain field reference. */
  readonly field?: FieldLayout;
  /** The literal, when the expression is one: comparisons read it in the other side's type. */
  readonly literal?: Literal;
  /** A multivalued field's column: a JSON array of its values. */
  readonly list?: boolean;
  /** How a bucket index becomes its key, for range() groups. */
  readonly label?: (value: unknown) => unknown;
}

/** A group_by item: what to GROUP BY, and the value written out for the group. */
export interface GroupKey {
  readonly group: string[];
  readonly output: Compiled;
}

/** One column a query writes out: its key in the answer and the value compiled for it. */
export interface OutputColumn {
  /** The key in the record's fields: the alias, or the expression text as the client wrote it. */
  readonly key: string;
  readonly compiled: Compiled;
}

export interface CompileOptions {
  readonly layout: DatasetLayout;
  readonly db: Database.Database;
  /** The `timezone` parameter: how date literals are read and datetimes written. */
  readonly timezone: string;
  readonly lang: string;
}

const NUMERIC: readonly ValueKind[] = ['int', 'double', 'number', 'datepart'];

export const isNumeric = (kind: ValueKind) => NUMERIC.includes(kind);

const LITERAL_KINDS: readonly Expr['kind'][] = ['String', 'Number', 'Boolean', 'Null', 'Date'];

export function isLiteral(expr: Expr): expr is Literal {
  return LITERAL_KINDS.includes(expr.kind);
}

/** The value, when it is a number; an error naming the operator or function otherwise. */
export function numeric(compiled: Compiled, op: string): Compiled {
  if (isNumeric(compiled.kind)) return compiled;
  if (compiled.literal?.kind === 'Number') return compiled;
  return fail(
    `Operator ${op} needs numbers, got ${compiled.field ? compiled.field.field.name : compiled.kind}.`,
  );
}

/**
 * A date or datetime as the milliseconds our date functions take, and the zone to read them in: a
 * date is a calendar day, read in UTC; a datetime is read in the request's timezone.
 */
export function dateValue(
  compiler: Compiler,
  compiled: Compiled,
  name: string,
): { ms: string; timezone: string } {
  if (compiled.kind === 'datetime') return { ms: compiled.sql[0]!, timezone: compiler.options.timezone };
  if (compiled.kind === 'date') return { ms: `ods_date_ms(${compiled.sql[0]})`, timezone: 'UTC' };
  return fail(`${name}() needs a date or datetime, got ${describeCompiled(compiled)}.`);
}

export function unparen(expr: Expr): Expr {
  return expr.kind === 'Paren' ? unparen(expr.inner) : expr;
}

export function numberArg(expr: Expr, name: string): number {
  if (expr.kind === 'Number') return expr.value;
  if (expr.kind === 'Negate' && expr.operand.kind === 'Number') return -expr.operand.value;
  return fail(`${name}() needs a number here, got ${describeExpr(expr)}.`);
}

export function stringArg(expr: Expr, name: string): string {
  if (expr.kind === 'String') return expr.value;
  return fail(`${name}() needs a quoted text here, got ${describeExpr(expr)}.`);
}

export function describeExpr(expr: Expr): string {
  if (isPredicate(expr)) return 'this expression';
  switch (expr.kind) {
    case 'String':
      return `"${expr.value}"`;
    case 'Number':
      return expr.raw;
    case 'Boolean':
      return String(expr.value);
    case 'Null':
      return 'null';
    case 'Date':
      return `date'${expr.value}'`;
    case 'Geom':
      return 'a geometry';
    case 'Distance':
      return `${expr.raw}${expr.unit}`;
    case 'Interval':
      return `${expr.value} ${expr.rawUnit}`;
    case 'Field':
      return expr.name;
    case 'Call':
      return `${expr.rawName}()`;
    case 'Star':
    case 'Arithmetic':
    case 'Negate':
    case 'Paren':
      return 'this expression';
    default:
      return unreachable(expr);
  }
}

export function describeCompiled(compiled: Compiled): string {
  return compiled.field ? `${compiled.field.field.name} (${compiled.field.field.type})` : compiled.kind;
}

/**
 * SQLite reads an integer literal in GROUP BY or ORDER BY as a column position (`GROUP BY 1` is the
 * first selected column, `GROUP BY 0` an error). A condition that folds to a constant
 * (`name like "%"` is `1`) must stay a value: wrapped in a function call it is one, the same for
 * every row, so it makes one group or leaves the order alone.
 */
export function notAPosition(sql: string): string {
  return /^[\s()+-]*\d+[\s()]*$/.test(sql) ? `ifnull(${sql}, NULL)` : sql;
}
