import type { FieldType } from '../../common/ods-api/types';
import type { Call, Expr, FieldRef, Literal, SelectItem } from '../../common/odsql/ast';
import {
  formatDate,
  type PartialDate,
  parsePartialDate,
  partialDateStart,
  zonedParts,
} from '../../common/time/zoned-time';
import type { FieldLayout } from '../store/layout';
import {
  type Compiled,
  type CompileOptions,
  describeCompiled,
  describeExpr,
  fail,
  isNumeric,
  type ValueKind,
} from './compiled';
import { conditionSql } from './conditions';
import { callValue } from './functions';
import { groupKeyOf } from './group-keys';

/**
 * ODSQL AST → SQLite SQL over a dataset's layout (server/store/layout.ts). Values only ever enter
 * the SQL as named parameters (`@p0`, `@p1` …); identifiers only from the layout, after the name
 * was found in the dataset's schema. The records table is always aliased `t`.
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

  constructor(readonly options: CompileOptions) {}

  bind(value: string | number | boolean | null): string {
    const name = `p${this.counter++}`;
    this.params[name] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
    return `@${name}`;
  }

  // ---------------------------------------------------------------------------------------------
  // Fields

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
    return `t."${field.column}"`;
  }

  fieldValue(field: FieldLayout): Compiled {
    const type = field.field.type;
    if (type === 'geo_point_2d') {
      return {
        sql: [`t."${field.latColumn}"`, `t."${field.lonColumn}"`],
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

  // ---------------------------------------------------------------------------------------------
  // Literals read in the type of what they are compared with

  partialDate(literal: Literal): PartialDate {
    if (literal.kind === 'Number' && Number.isInteger(literal.value)) {
      return parsePartialDate(String(literal.value)) ?? fail(`Invalid date: ${literal.raw}.`);
    }
    if (literal.kind === 'String' || literal.kind === 'Date') {
      return parsePartialDate(literal.value) ?? fail(`Invalid date: ${literal.value}.`);
    }
    return fail(`Expected a date, got ${describeExpr(literal)}.`);
  }

  /** SQL for a literal read as a value of `kind` (a date column compares with 'YYYY-MM-DD' text…). */
  literalAs(literal: Literal, kind: ValueKind): string {
    if (literal.kind === 'Null') return 'NULL';
    switch (kind) {
      case 'date': {
        if (literal.kind === 'Number' && !Number.isInteger(literal.value)) return fail('Expected a date.');
        const date = this.partialDate(literal);
        if (date.hour !== null || date.offset !== null) {
          const p = zonedParts(partialDateStart(date, this.options.timezone), this.options.timezone);
          return this.bind(formatDate(p.year, p.month, p.day));
        }
        return this.bind(formatDate(date.year, date.month ?? 1, date.day ?? 1));
      }
      case 'datetime':
        return this.bind(partialDateStart(this.partialDate(literal), this.options.timezone));
      case 'boolean':
        if (literal.kind === 'Boolean') return this.bind(literal.value);
        if (literal.kind === 'String' && /^(true|false)$/i.test(literal.value)) {
          return this.bind(literal.value.toLowerCase() === 'true');
        }
        if (literal.kind === 'Number' && (literal.value === 0 || literal.value === 1))
          return this.bind(literal.value);
        return fail(`Expected a boolean, got ${describeExpr(literal)}.`);
      case 'int':
      case 'double':
      case 'number':
      case 'datepart':
        if (literal.kind === 'Number') return this.bind(literal.value);
        if (
          literal.kind === 'String' &&
          literal.value.trim() !== '' &&
          Number.isFinite(Number(literal.value))
        ) {
          return this.bind(Number(literal.value));
        }
        if (literal.kind === 'Boolean') return this.bind(literal.value);
        return fail(`Expected a number, got ${describeExpr(literal)}.`);
      case 'text':
      case 'string':
        if (literal.kind === 'String' || literal.kind === 'Date') return this.bind(literal.value);
        if (literal.kind === 'Number') return this.bind(literal.raw);
        if (literal.kind === 'Boolean') return this.bind(String(literal.value));
        return fail(`Expected text, got ${describeExpr(literal)}.`);
      default:
        return this.plainLiteral(literal);
    }
  }

  private plainLiteral(literal: Literal): string {
    switch (literal.kind) {
      case 'String':
      case 'Number':
      case 'Boolean':
        return this.bind(literal.value);
      case 'Null':
        return 'NULL';
      case 'Date':
        return this.bind(partialDateStart(this.partialDate(literal), this.options.timezone));
      default:
        return fail(`${describeExpr(literal)} cannot be used here.`);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Value expressions

  value(expr: Expr): Compiled {
    switch (expr.kind) {
      case 'String':
        return { sql: [this.bind(expr.value)], kind: 'string', aggregate: false, literal: expr };
      case 'Number':
        return { sql: [this.bind(expr.value)], kind: 'number', aggregate: false, literal: expr };
      case 'Boolean':
        return { sql: [this.bind(expr.value)], kind: 'boolean', aggregate: false, literal: expr };
      case 'Null':
        return { sql: ['NULL'], kind: 'null', aggregate: false, literal: expr };
      case 'Date':
        return {
          sql: [this.bind(partialDateStart(this.partialDate(expr), this.options.timezone))],
          kind: 'datetime',
          aggregate: false,
          literal: expr,
        };
      case 'Geom':
      case 'Distance':
      case 'Interval':
        return fail(`${describeExpr(expr)} can only be an argument of a function.`);
      case 'Field':
        return this.fieldValue(this.field(expr));
      case 'Star':
        return fail('* can only be used in select or count(*).');
      case 'Paren':
        return this.value(expr.inner);
      case 'Negate': {
        const operand = this.numeric(this.value(expr.operand), '-');
        return { sql: [`(-${operand.sql[0]})`], kind: operand.kind, aggregate: operand.aggregate };
      }
      case 'Arithmetic': {
        const left = this.numeric(this.value(expr.left), expr.op);
        const right = this.numeric(this.value(expr.right), expr.op);
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
        return callValue(this, expr);
      default:
        return { sql: [conditionSql(this, expr)], kind: 'boolean', aggregate: false };
    }
  }

  numeric(compiled: Compiled, op: string): Compiled {
    if (isNumeric(compiled.kind)) return compiled;
    if (compiled.literal?.kind === 'Number') return compiled;
    return fail(
      `Operator ${op} needs numbers, got ${compiled.field ? compiled.field.field.name : compiled.kind}.`,
    );
  }

  args(call: Call, min: number, max = min): readonly Expr[] {
    if (call.args.length < min || call.args.length > max) {
      const expected = min === max ? `${min}` : `${min} to ${max}`;
      fail(`${call.name}() takes ${expected} argument${max === 1 ? '' : 's'}, got ${call.args.length}.`);
    }
    return call.args;
  }

  dateValue(compiled: Compiled, name: string): { ms: string; timezone: string } {
    if (compiled.kind === 'datetime') return { ms: compiled.sql[0]!, timezone: this.options.timezone };
    if (compiled.kind === 'date') return { ms: `ods_date_ms(${compiled.sql[0]})`, timezone: 'UTC' };
    return fail(`${name}() needs a date or datetime, got ${describeCompiled(compiled)}.`);
  }

  // ---------------------------------------------------------------------------------------------
  // The other clauses, compiled in their own modules over this compiler

  /** SQL that is 1 when the condition holds, 0 or NULL when not (conditions.ts). */
  condition(expr: Expr): string {
    return conditionSql(this, expr);
  }

  /** A group_by item: what to GROUP BY, and the value written out for the group (group-keys.ts). */
  groupKey(item: SelectItem): { group: string[]; output: Compiled } {
    return groupKeyOf(this, item);
  }
}
