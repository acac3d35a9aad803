import type { FieldType } from '../../common/ods-api/types';
import type { Expr, FieldRef, SelectItem } from '../../common/odsql/ast';
import type { FieldLayout } from '../store/layout';
import { quoteIdent } from '../store/sql-ident';
import { type Compiled, type CompileOptions, fail, type GroupKey, type ValueKind } from './compiled';
import { conditionSql, operand } from './conditions';
import { groupKeyOf } from './group-keys';
import { compileExpr } from './values';

/**
 * ODSQL AST → SQLite SQL over a dataset's layout (server/store/layout.ts). Values only ever enter
 * the SQL as named parameters (`@p0`, `@p1` …); identifiers only from the layout, after the name
 * was found in the dataset's schema. The records table is always aliased `t`. The Compiler holds
 * what one statement's clauses share (its parameters, its joins, the fields); each kind of clause is
 * compiled in its own module beside this one: literals, values, conditions, the table of functions
 * (function-table.ts) and their handlers, full text, geo, group keys, select and order_by.
 */

function technicalField(name: string, type: FieldType, column: string): FieldLayout {
  return {
    field: { name, label: name, type, description: null, annotations: {} },
    column,
    latColumn: null,
    lonColumn: null,
    valuesTable: null,
    separator: null,
    rtreeTable: null,
    fullText: false,
    ftsColumn: null,
  };
}

/**
 * ODS's technical fields (ods-api.md §3.4): usable in every clause, never part of `select=*`. A
 * dataset field of the same name wins. `recordid` with a sort key gives clients a keyset to page past
 * the 10,000th record.
 */
const TECHNICAL_FIELDS: readonly FieldLayout[] = [
  technicalField('recordid', 'text', 'record_id'),
  technicalField('record_timestamp', 'text', 'record_timestamp'),
  technicalField('record_size', 'int', 'record_size'),
];

export class Compiler {
  readonly params: Record<string, string | number | null> = {};
  private counter = 0;
  /** Multivalued fields grouped by, joined one row per value: field name → join alias. */
  readonly valueJoins = new Map<string, string>();
  /** Set while an aggregation's arguments compile, where another aggregation is refused. */
  inAggregate = false;

  constructor(readonly options: CompileOptions) {}

  bind(value: string | number | boolean | null): string {
    const name = `p${this.counter++}`;
    this.params[name] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
    return `@${name}`;
  }

  field(ref: FieldRef): FieldLayout {
    const name = ref.name.startsWith('default.') ? ref.name.slice('default.'.length) : ref.name;
    const layout = this.options.layout.fields.find((f) => f.field.name === name);
    return (
      layout ?? TECHNICAL_FIELDS.find((f) => f.field.name === name) ?? fail(`Unknown field: ${ref.name}.`)
    );
  }

  column(field: FieldLayout): string {
    if (field.field.type === 'geo_point_2d')
      fail(`Field ${field.field.name} is a geo point; use a geo function on it.`);
    return `t.${quoteIdent(field.column)}`;
  }

  fieldValue(field: FieldLayout): Compiled {
    const type = field.field.type;
    if (type === 'geo_point_2d') {
      return {
        sql: [`t.${quoteIdent(field.latColumn!)}`, `t.${quoteIdent(field.lonColumn!)}`],
        kind: type,
        aggregate: false,
        field,
      };
    }
    const joined = this.valueJoins.get(field.field.name);
    if (joined) return { sql: [`${joined}.value`], kind: 'text', aggregate: false, field };
    return {
      sql: [this.column(field)],
      kind: type,
      aggregate: false,
      field,
      list: field.valuesTable !== null,
    };
  }

  /** A value expression (values.ts). */
  value(expr: Expr): Compiled {
    return compileExpr(this, expr);
  }

  /** An operand read in the type of what it meets, `kind` (conditions.ts). */
  operand(expr: Expr, kind: ValueKind): string {
    return operand(this, expr, kind);
  }

  /** SQL that is 1 when the condition holds, 0 or NULL when not (conditions.ts). */
  condition(expr: Expr): string {
    return conditionSql(this, expr);
  }

  /** A group_by item: what to GROUP BY, and the value written out for the group (group-keys.ts). */
  groupKey(item: SelectItem): GroupKey {
    return groupKeyOf(this, item);
  }
}
