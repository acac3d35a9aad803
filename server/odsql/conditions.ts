import type { ComparisonOp, Expr, Literal } from '../../common/odsql/ast';
import { quoteIdent } from '../store/sql-ident';
import type { Compiler } from './compile';
import {
  type Compiled,
  describeExpr,
  fail,
  isLiteral,
  unparen,
  unreachable,
  type ValueKind,
} from './compiled';
import { fullTextSql } from './full-text';
import { callCondition } from './function-table';
import { literalAs } from './literals';

/**
 * Conditions (where, refine and exclude): boolean logic, comparisons read in the type of the field
 * they compare, LIKE, IN lists and ranges, null and boolean tests. Function calls go through the table of
 * functions (function-table.ts).
 */

const SQL_OPERATORS: Record<ComparisonOp, string> = {
  '=': '=',
  ':': '=',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

const FLIPPED: Record<ComparisonOp, ComparisonOp> = {
  '=': '=',
  ':': ':',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};

/** SQL that is 1 when the condition holds, 0 or NULL when not. */
export function conditionSql(compiler: Compiler, expr: Expr): string {
  switch (expr.kind) {
    case 'And':
      return `(${conditionSql(compiler, expr.left)} AND ${conditionSql(compiler, expr.right)})`;
    case 'Or':
      return `(${conditionSql(compiler, expr.left)} OR ${conditionSql(compiler, expr.right)})`;
    case 'Not':
      // NOT keeps the records where the inner condition is unknown (a null field), as ODS does.
      return `(NOT coalesce(${conditionSql(compiler, expr.operand)}, 0))`;
    case 'Paren':
      return conditionSql(compiler, expr.inner);
    case 'FullText':
      return fullTextSql(compiler, expr.text, null);
    case 'Boolean':
      return expr.value ? '1' : '0';
    case 'Field': {
      const field = compiler.field(expr);
      if (field.field.type !== 'boolean') fail(`Field ${expr.name} is not a boolean; compare it to a value.`);
      return `(${compiler.column(field)} = 1)`;
    }
    case 'Comparison':
      return comparison(compiler, expr.op, expr.left, expr.right);
    case 'Like':
      return like(compiler, expr.left, expr.pattern);
    case 'InList':
      return inList(compiler, expr.left, expr.items);
    case 'InRange':
      return inRange(compiler, expr);
    case 'InField': {
      const field = compiler.field(expr.field);
      if (!field.valuesTable) return comparison(compiler, '=', expr.field, expr.value);
      return `EXISTS (SELECT 1 FROM ${quoteIdent(field.valuesTable)} v WHERE v.rid = t.rid AND v.value = ${operand(compiler, expr.value, 'text')})`;
    }
    case 'IsNull': {
      const operand = compiler.value(expr.operand);
      return `(${operand.sql[0]} IS ${expr.negated ? 'NOT ' : ''}NULL)`;
    }
    case 'IsBoolean': {
      const operand = compiler.value(expr.operand);
      if (operand.kind !== 'boolean') fail(`IS ${expr.value ? 'TRUE' : 'FALSE'} needs a boolean field.`);
      return `(${operand.sql[0]} = ${expr.value ? 1 : 0})`;
    }
    case 'Call':
      return callCondition(compiler, expr);
    case 'String':
    case 'Number':
    case 'Null':
    case 'Date':
    case 'Geom':
    case 'Distance':
    case 'Interval':
    case 'Star':
    case 'Negate':
    case 'Arithmetic': {
      const compiled = compiler.value(expr);
      if (compiled.kind !== 'boolean') fail(`${describeExpr(expr)} is not a condition.`);
      return compiled.sql[0]!;
    }
    default:
      return unreachable(expr);
  }
}

export function comparison(compiler: Compiler, op: ComparisonOp, leftExpr: Expr, rightExpr: Expr): string {
  let operator = op;
  let [leftSide, rightSide] = [unparen(leftExpr), unparen(rightExpr)];
  if (isLiteral(leftSide) && !isLiteral(rightSide)) {
    [leftSide, rightSide] = [rightSide, leftSide];
    operator = FLIPPED[op];
  }
  const left = compiler.value(leftSide);
  const right = isLiteral(rightSide) ? null : compiler.value(rightSide);
  if (left.aggregate || right?.aggregate) fail('Aggregations cannot be used in where.');
  if (['geo_point_2d', 'geo_shape', 'file', 'geometry'].includes(left.kind)) {
    fail(
      `Field ${left.field?.field.name ?? ''} cannot be compared with ${op}; use a geo function.`.replace(
        '  ',
        ' ',
      ),
    );
  }
  const rightSql = right ? coerced(right, left.kind) : literalAs(compiler, rightSide as Literal, left.kind);
  const sqlOp = SQL_OPERATORS[operator];
  const field = left.field;
  if (field?.valuesTable && !compiler.valueJoins.has(field.field.name)) {
    // A multivalued field matches when one of its values does.
    const values = quoteIdent(field.valuesTable);
    const exists = (cmp: string) =>
      `EXISTS (SELECT 1 FROM ${values} v WHERE v.rid = t.rid AND v.value ${cmp} ${rightSql})`;
    if (operator === '!=') return `(${compiler.column(field)} IS NOT NULL AND NOT ${exists('=')})`;
    return exists(sqlOp);
  }
  return `(${left.sql[0]} ${sqlOp} ${rightSql})`;
}

/** An operand read in the type of what it meets: a literal is bound as that type. */
export function operand(compiler: Compiler, expr: Expr, kind: ValueKind): string {
  const inner = unparen(expr);
  return isLiteral(inner) ? literalAs(compiler, inner, kind) : coerced(compiler.value(inner), kind);
}

/** A non-literal compared with a value of `kind`: dates and datetimes meet as milliseconds. */
function coerced(compiled: Compiled, kind: ValueKind): string {
  if (kind === 'datetime' && compiled.kind === 'date') return `ods_date_ms(${compiled.sql[0]})`;
  if (kind === 'date' && compiled.kind === 'datetime') {
    return `strftime('%Y-%m-%d', ${compiled.sql[0]} / 1000, 'unixepoch')`;
  }
  return compiled.sql[0]!;
}

export function like(compiler: Compiler, leftExpr: Expr, patternExpr: Expr): string {
  if (leftExpr.kind !== 'Field') return fail('LIKE needs a field on its left.');
  const field = compiler.field(leftExpr);
  if (patternExpr.kind !== 'String') return fail('LIKE needs a string on its right.');
  if (['geo_point_2d', 'geo_shape', 'file', 'json_blob'].includes(field.field.type)) {
    fail(`LIKE needs a text field, and ${field.field.name} is ${field.field.type}.`);
  }
  const pattern = patternExpr.value;
  if (field.fullText) {
    // SQL wildcards are tolerated: a trailing % on a word makes it a prefix.
    const words = pattern.replace(/%(?=\s|$)/g, '*').replace(/%/g, ' ');
    return fullTextSql(compiler, words, [field]);
  }
  const value = field.valuesTable
    ? `(SELECT group_concat(value, ' ') FROM ${quoteIdent(field.valuesTable)} WHERE rid = t.rid)`
    : compiler.column(field);
  return `(instr(ods_lower(${value}), ${compiler.bind(pattern.replace(/%/g, '').toLowerCase())}) > 0)`;
}

export function inList(compiler: Compiler, leftExpr: Expr, items: readonly Expr[]): string {
  const left = compiler.value(leftExpr);
  if (items.length === 0) return '0';
  const values = items.map((item) => operand(compiler, item, left.kind));
  const field = left.field;
  if (field?.valuesTable && !compiler.valueJoins.has(field.field.name)) {
    return `EXISTS (SELECT 1 FROM ${quoteIdent(field.valuesTable)} v WHERE v.rid = t.rid AND v.value IN (${values.join(', ')}))`;
  }
  return `(${left.sql[0]} IN (${values.join(', ')}))`;
}

export function inRange(compiler: Compiler, expr: Extract<Expr, { kind: 'InRange' }>): string {
  const parts: string[] = [];
  if (expr.low.kind !== 'Star') {
    parts.push(comparison(compiler, expr.lowInclusive ? '>=' : '>', expr.left, expr.low));
  }
  if (expr.high.kind !== 'Star') {
    parts.push(comparison(compiler, expr.highInclusive ? '<=' : '<', expr.left, expr.high));
  }
  return parts.length === 0
    ? `(${compiler.value(expr.left).sql[0]} IS NOT NULL)`
    : `(${parts.join(' AND ')})`;
}
