import type { Expr, OrderItem } from '../../common/odsql/ast';
import type { Compiler } from './compile';
import { type Compiled, fail, notAPosition, type OutputColumn } from './compiled';
import { callOrderKey } from './function-table';

/**
 * The order_by clause: select's aliases and expressions, fields, aggregations (before fields, and
 * only in grouped queries), and random(seed). Nulls sort last in both directions.
 */

export function compileOrderBy(
  compiler: Compiler,
  items: readonly OrderItem[],
  outputs: readonly OutputColumn[],
  grouped: boolean,
  caseInsensitiveText = false,
): string[] {
  let seenPlain = false;
  return items.map((item) => {
    const direction = item.direction === 'DESC' ? 'DESC' : 'ASC';
    const compiled = orderValue(compiler, item.expr, outputs, grouped);
    if (compiled.aggregate && !grouped) {
      fail('Aggregations in order_by need a group_by or an aggregation in select.');
    }
    if (compiled.aggregate && seenPlain) fail('In order_by, aggregations must come before fields.');
    if (!compiled.aggregate) seenPlain = true;
    if (['geo_point_2d', 'geo_shape', 'file', 'geometry', 'cluster'].includes(compiled.kind)) {
      fail(`Cannot sort on ${describeOrder(item.expr)}.`);
    }
    // Nulls sort last both ways; SQLite puts them last only when descending.
    const collate = caseInsensitiveText && compiled.kind === 'text' ? ' COLLATE NOCASE' : '';
    return `${notAPosition(compiled.sql[0]!)}${collate} ${direction}${direction === 'ASC' ? ' NULLS LAST' : ''}`;
  });
}

function describeOrder(expr: Expr): string {
  return expr.kind === 'Field' ? expr.name : 'this expression';
}

function orderValue(
  compiler: Compiler,
  expr: Expr,
  outputs: readonly OutputColumn[],
  grouped: boolean,
): Compiled {
  const key = expr.kind === 'Call' ? callOrderKey(compiler, expr, grouped) : null;
  if (key) return key;
  // An alias or an expression of select (`order_by=count DESC`, `order_by=count(*)`).
  const text = expr.kind === 'Field' ? expr.name : null;
  const byKey = outputs.find((o) => o.key === text);
  if (byKey) return byKey.compiled;
  const compiled = compiler.value(expr);
  if (grouped && !compiled.aggregate && compiled.field) {
    const groupKey = outputs.find((o) => o.compiled.field === compiled.field);
    return (groupKey ?? fail(`Field ${compiled.field.field.name} in order_by must be in group_by.`)).compiled;
  }
  return compiled;
}
