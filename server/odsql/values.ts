import { type Expr, isPredicate } from '../../common/odsql/ast';
import type { Compiler } from './compile';
import { type Compiled, fail, numeric, unreachable } from './compiled';
import { callValue } from './function-table';
import { literalValue } from './literals';

/**
 * Value expressions (select, order_by, group_by, and the operands of conditions): literals, fields,
 * arithmetic, function calls, and conditions used as values (true or false).
 */
export function compileExpr(compiler: Compiler, expr: Expr): Compiled {
  if (isPredicate(expr)) return { sql: [compiler.condition(expr)], kind: 'boolean', aggregate: false };
  switch (expr.kind) {
    case 'String':
    case 'Number':
    case 'Boolean':
    case 'Null':
    case 'Date':
    case 'Geom':
    case 'Distance':
    case 'Interval':
      return literalValue(compiler, expr);
    case 'Field':
      return compiler.fieldValue(compiler.field(expr));
    case 'Star':
      return fail('* can only be used in select or count(*).');
    case 'Paren':
      return compileExpr(compiler, expr.inner);
    case 'Negate': {
      const operand = numeric(compileExpr(compiler, expr.operand), '-');
      return { sql: [`(-${operand.sql[0]})`], kind: operand.kind, aggregate: operand.aggregate };
    }
    case 'Arithmetic': {
      const left = numeric(compileExpr(compiler, expr.left), expr.op);
      const right = numeric(compileExpr(compiler, expr.right), expr.op);
      const aggregate = left.aggregate || right.aggregate;
      if (expr.op === '/') {
        // Division by zero gives null, as ODSQL says.
        const sql = `(CASE WHEN ${right.sql[0]} = 0 THEN NULL ELSE CAST(${left.sql[0]} AS REAL) / ${right.sql[0]} END)`;
        return { sql: [sql], kind: 'double', aggregate };
      }
      const kind = left.kind === 'int' && right.kind === 'int' ? 'int' : 'double';
      return { sql: [`(${left.sql[0]} ${expr.op} ${right.sql[0]})`], kind, aggregate };
    }
    case 'Call':
      return callValue(compiler, expr);
    default:
      return unreachable(expr);
  }
}
