import type { SelectItem } from '../../common/odsql/ast';
import type { Compiler } from './compile';
import { fail, type GroupKey, notAPosition, unparen } from './compiled';
import { callGroupKey } from './function-table';

/**
 * group_by items (ods-api.md §4.6): fields (one group per value of a multivalued field), the
 * functions only group_by takes (range(), geo_cluster(): group-functions.ts), and any other
 * expression.
 */
export function groupKeyOf(compiler: Compiler, item: SelectItem): GroupKey {
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
  const key = expr.kind === 'Call' ? callGroupKey(compiler, expr) : null;
  if (key) return key;
  const output = compiler.value(expr);
  if (output.aggregate) fail('Aggregations cannot be used in group_by.');
  return { group: output.sql.map(notAPosition), output };
}
