import type Database from 'better-sqlite3';
import type { FieldType } from '../../common/ods-api/types';
import {
  type Call,
  type ComparisonOp,
  DATE_PART_FUNCTIONS,
  type DateLiteral,
  type Expr,
  type FieldRef,
  type IntervalLiteral,
  type Literal,
  type SelectItem,
  type StringLiteral,
} from '../../common/odsql/ast';
import type { DatasetLayout, FieldLayout } from '../store/layout';
import {
  addToInstant,
  formatDate,
  type PartialDate,
  parsePartialDate,
  partialDateStart,
  zonedParts,
  zonedToUtc,
} from '../time';
import { bboxAround, bboxOf, GeometryError, parseGeometry } from './geometry';

/**
 * ODSQL AST → SQLite SQL over a dataset's layout (server/store/layout.ts). Values only ever enter
 * the SQL as named parameters (`@p0`, `@p1` …); identifiers only from the layout, after the name
 * was found in the dataset's schema. The records table is always aliased `t`.
 */

/** A semantic error in a clause (unknown field, wrong type…): ODS answers 400 ODSQLError. */
export class OdsqlSemanticError extends Error {}

const fail = (detail: string): never => {
  throw new OdsqlSemanticError(detail);
};

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

export interface CompileOptions {
  readonly layout: DatasetLayout;
  readonly db: Database.Database;
  /** The `timezone` parameter: how date literals are read and datetimes written. */
  readonly timezone: string;
  readonly lang: string;
}

const NUMERIC: readonly ValueKind[] = ['int', 'double', 'number', 'datepart'];
const isNumeric = (kind: ValueKind) => NUMERIC.includes(kind);

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

/** Units of `within_distance(…, 800m)`, in metres. */
const METRES: Record<string, number> = {
  mi: 1609.344,
  yd: 0.9144,
  ft: 0.3048,
  m: 1,
  cm: 0.01,
  km: 1000,
  mm: 0.001,
};

/** FTS5 query text for user words: each word a quoted token; the last a prefix when `prefixLast`. */
function ftsTerms(text: string): string[] {
  return text.normalize('NFC').match(/[\p{L}\p{N}_]+\*?/gu) ?? [];
}

function quoteFtsToken(token: string): string {
  const star = token.endsWith('*');
  const word = star ? token.slice(0, -1) : token;
  return `"${word.replaceAll('"', '""')}"${star ? '*' : ''}`;
}

/** Lower-case, without diacritics: how FTS5's unicode61 tokenizer (remove_diacritics 2) stores terms. */
function normalizeTerm(term: string): string {
  return term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

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

  private partialDate(literal: Literal): PartialDate {
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
        return this.call(expr);
      default:
        return { sql: [this.condition(expr)], kind: 'boolean', aggregate: false };
    }
  }

  private numeric(compiled: Compiled, op: string): Compiled {
    if (isNumeric(compiled.kind)) return compiled;
    if (compiled.literal?.kind === 'Number') return compiled;
    return fail(
      `Operator ${op} needs numbers, got ${compiled.field ? compiled.field.field.name : compiled.kind}.`,
    );
  }

  private args(call: Call, min: number, max = min): readonly Expr[] {
    if (call.args.length < min || call.args.length > max) {
      const expected = min === max ? `${min}` : `${min} to ${max}`;
      fail(`${call.name}() takes ${expected} argument${max === 1 ? '' : 's'}, got ${call.args.length}.`);
    }
    return call.args;
  }

  private dateValue(compiled: Compiled, name: string): { ms: string; timezone: string } {
    if (compiled.kind === 'datetime') return { ms: compiled.sql[0]!, timezone: this.options.timezone };
    if (compiled.kind === 'date') return { ms: `ods_date_ms(${compiled.sql[0]})`, timezone: 'UTC' };
    return fail(`${name}() needs a date or datetime, got ${describeCompiled(compiled)}.`);
  }

  private call(call: Call): Compiled {
    const name = call.name;
    if ((DATE_PART_FUNCTIONS as readonly string[]).includes(name)) {
      const [arg] = this.args(call, 1);
      const compiled = this.value(arg!);
      if (compiled.kind === 'date') {
        return {
          sql: [`ods_date_part(${compiled.sql[0]}, '${name}')`],
          kind: 'datepart',
          aggregate: compiled.aggregate,
        };
      }
      const { ms, timezone } = this.dateValue(compiled, name);
      return {
        sql: [`ods_part(${ms}, ${this.bind(timezone)}, '${name}')`],
        kind: 'datepart',
        aggregate: compiled.aggregate,
      };
    }
    switch (name) {
      case 'count': {
        if (call.args.length === 1 && call.args[0]!.kind === 'Star' && !call.distinct) {
          return { sql: ['count(*)'], kind: 'int', aggregate: true };
        }
        const [arg] = this.args(call, 1);
        const compiled = this.value(arg!);
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
        const [arg] = this.args(call, 1);
        const compiled = this.value(arg!);
        if (compiled.aggregate) fail('Aggregations cannot be nested.');
        const orderable = ['date', 'datetime'].includes(compiled.kind) && (name === 'min' || name === 'max');
        if (!orderable) this.numeric(compiled, `${name}()`);
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
        const args = this.args(call, name === 'median' ? 1 : 2);
        const compiled = this.numeric(this.value(args[0]!), `${name}()`);
        const p = name === 'median' ? 50 : numberArg(args[1]!, 'percentile');
        if (p < 0 || p > 100) fail('percentile() needs a percentage between 0 and 100.');
        return {
          sql: [`ods_percentile(${compiled.sql[0]}, ${this.bind(p)})`],
          kind: 'double',
          aggregate: true,
        };
      }
      case 'envelope':
      case 'bbox': {
        const [arg] = this.args(call, 1);
        const field = this.geoField(arg!, name);
        const [shape, lat, lon] = this.geoArgs(field);
        const fn = name === 'envelope' ? 'ods_envelope' : 'ods_bbox';
        return { sql: [`${fn}(${shape}, ${lat}, ${lon})`], kind: 'geometry', aggregate: true };
      }
      case 'length': {
        const [arg] = this.args(call, 1);
        const compiled = this.value(arg!);
        return { sql: [`length(${compiled.sql[0]})`], kind: 'int', aggregate: compiled.aggregate };
      }
      case 'lower':
      case 'upper': {
        const [arg] = this.args(call, 1);
        const compiled = this.value(arg!);
        return { sql: [`ods_${name}(${compiled.sql[0]})`], kind: 'text', aggregate: compiled.aggregate };
      }
      case 'ifnull': {
        const [first, second] = this.args(call, 2);
        const a = this.value(first!);
        return {
          sql: [`ifnull(${a.sql[0]}, ${this.operand(second!, a.kind)})`],
          kind: a.kind,
          aggregate: a.aggregate,
        };
      }
      case 'now':
        return { sql: [this.bind(this.now(call))], kind: 'datetime', aggregate: false };
      case 'date_format': {
        const [dateArg, patternArg] = this.args(call, 2);
        const compiled = this.value(dateArg!);
        const { ms, timezone } = this.dateValue(compiled, 'date_format');
        const pattern = stringArg(patternArg!, 'date_format');
        return {
          sql: [
            `ods_date_format(${ms}, ${this.bind(timezone)}, ${this.bind(pattern)}, ${this.bind(this.options.lang)})`,
          ],
          kind: 'string',
          aggregate: compiled.aggregate,
        };
      }
      case 'distance':
        if (call.args.length === 2) {
          const field = this.geoField(call.args[0]!, 'distance');
          const point = this.queryPoint(call.args[1]!, 'distance');
          const sql =
            field.field.type === 'geo_point_2d'
              ? `ods_distance(t."${field.latColumn}", t."${field.lonColumn}", ${this.bind(point.lat)}, ${this.bind(point.lon)})`
              : `ods_shape_distance(${this.column(field)}, ${this.bind(point.lat)}, ${this.bind(point.lon)})`;
          return { sql: [sql], kind: 'double', aggregate: false };
        }
        return { sql: [this.condition(call)], kind: 'boolean', aggregate: false };
      case 'json_format': {
        const [arg] = this.args(call, 1, 2);
        return this.value(arg!);
      }
      case 'random':
      case 'range':
      case 'equi':
      case 'geo_cluster':
        return fail(`${call.rawName}() cannot be used here.`);
      default:
        return { sql: [this.condition(call)], kind: 'boolean', aggregate: false };
    }
  }

  /** `now(years=-1, month=1, …)`: singular names set a component, plural names add to it. */
  private now(call: Call): number {
    const timezone = this.options.timezone;
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

  // ---------------------------------------------------------------------------------------------
  // Conditions (where, and refine/exclude)

  /** SQL that is 1 when the condition holds, 0 or NULL when not. */
  condition(expr: Expr): string {
    switch (expr.kind) {
      case 'And':
        return `(${this.condition(expr.left)} AND ${this.condition(expr.right)})`;
      case 'Or':
        return `(${this.condition(expr.left)} OR ${this.condition(expr.right)})`;
      case 'Not':
        // NOT keeps the records where the inner condition is unknown (a null field), as ODS does.
        return `(NOT coalesce(${this.condition(expr.operand)}, 0))`;
      case 'Paren':
        return this.condition(expr.inner);
      case 'FullText':
        return this.fullText(expr.text, null);
      case 'Boolean':
        return expr.value ? '1' : '0';
      case 'Field': {
        const field = this.field(expr);
        if (field.field.type !== 'boolean')
          fail(`Field ${expr.name} is not a boolean; compare it to a value.`);
        return `(${this.column(field)} = 1)`;
      }
      case 'Comparison':
        return this.comparison(expr.op, expr.left, expr.right);
      case 'Like':
        return this.like(expr.left, expr.pattern);
      case 'InList':
        return this.inList(expr.left, expr.items);
      case 'InRange':
        return this.inRange(expr);
      case 'InField': {
        const field = this.field(expr.field);
        if (!field.valuesTable) return this.comparison('=', expr.field, expr.value);
        return `EXISTS (SELECT 1 FROM "${field.valuesTable}" v WHERE v.rid = t.rid AND v.value = ${this.operand(expr.value, 'text')})`;
      }
      case 'IsNull': {
        const operand = this.value(expr.operand);
        return `(${operand.sql[0]} IS ${expr.negated ? 'NOT ' : ''}NULL)`;
      }
      case 'IsBoolean': {
        const operand = this.value(expr.operand);
        if (operand.kind !== 'boolean') fail(`IS ${expr.value ? 'TRUE' : 'FALSE'} needs a boolean field.`);
        return `(${operand.sql[0]} = ${expr.value ? 1 : 0})`;
      }
      case 'Call':
        return this.predicate(expr);
      default: {
        const compiled = this.value(expr);
        if (compiled.kind !== 'boolean') fail(`${describeExpr(expr)} is not a condition.`);
        return compiled.sql[0]!;
      }
    }
  }

  private comparison(op: ComparisonOp, leftExpr: Expr, rightExpr: Expr): string {
    let operator = op;
    let [leftSide, rightSide] = [unparen(leftExpr), unparen(rightExpr)];
    if (isLiteral(leftSide) && !isLiteral(rightSide)) {
      [leftSide, rightSide] = [rightSide, leftSide];
      operator = FLIPPED[op];
    }
    const left = this.value(leftSide);
    const right = isLiteral(rightSide) ? null : this.value(rightSide);
    if (left.aggregate || right?.aggregate) fail('Aggregations cannot be used in where.');
    if (['geo_point_2d', 'geo_shape', 'file', 'geometry'].includes(left.kind)) {
      fail(
        `Field ${left.field?.field.name ?? ''} cannot be compared with ${op}; use a geo function.`.replace(
          '  ',
          ' ',
        ),
      );
    }
    const rightSql = right ? this.coerced(right, left.kind) : this.literalAs(rightSide as Literal, left.kind);
    const sqlOp = SQL_OPERATORS[operator];
    const field = left.field;
    if (field?.valuesTable && !this.valueJoins.has(field.field.name)) {
      // A multivalued field matches when one of its values does.
      const exists = (cmp: string) =>
        `EXISTS (SELECT 1 FROM "${field.valuesTable}" v WHERE v.rid = t.rid AND v.value ${cmp} ${rightSql})`;
      if (operator === '!=') return `(${this.column(field)} IS NOT NULL AND NOT ${exists('=')})`;
      return exists(sqlOp);
    }
    return `(${left.sql[0]} ${sqlOp} ${rightSql})`;
  }

  /** An operand read in the type of what it meets: a literal is bound as that type. */
  private operand(expr: Expr, kind: ValueKind): string {
    const inner = unparen(expr);
    return isLiteral(inner) ? this.literalAs(inner, kind) : this.coerced(this.value(inner), kind);
  }

  /** A non-literal compared with a value of `kind`: dates and datetimes meet as milliseconds. */
  private coerced(compiled: Compiled, kind: ValueKind): string {
    if (kind === 'datetime' && compiled.kind === 'date') return `ods_date_ms(${compiled.sql[0]})`;
    if (kind === 'date' && compiled.kind === 'datetime') {
      return `strftime('%Y-%m-%d', ${compiled.sql[0]} / 1000, 'unixepoch')`;
    }
    return compiled.sql[0]!;
  }

  private like(leftExpr: Expr, patternExpr: Expr): string {
    if (leftExpr.kind !== 'Field') return fail('LIKE needs a field on its left.');
    const field = this.field(leftExpr);
    if (patternExpr.kind !== 'String') return fail('LIKE needs a string on its right.');
    if (['geo_point_2d', 'geo_shape', 'file', 'json_blob'].includes(field.field.type)) {
      fail(`LIKE needs a text field, and ${field.field.name} is ${field.field.type}.`);
    }
    const pattern = patternExpr.value;
    if (field.fullText) {
      // SQL wildcards are tolerated: a trailing % on a word makes it a prefix.
      const words = pattern.replace(/%(?=\s|$)/g, '*').replace(/%/g, ' ');
      return this.fullText(words, [field]);
    }
    const value = field.valuesTable
      ? `(SELECT group_concat(value, ' ') FROM "${field.valuesTable}" WHERE rid = t.rid)`
      : this.column(field);
    return `(instr(ods_lower(${value}), ${this.bind(pattern.replace(/%/g, '').toLowerCase())}) > 0)`;
  }

  private inList(leftExpr: Expr, items: readonly Expr[]): string {
    const left = this.value(leftExpr);
    if (items.length === 0) return '0';
    const values = items.map((item) => this.operand(item, left.kind));
    const field = left.field;
    if (field?.valuesTable && !this.valueJoins.has(field.field.name)) {
      return `EXISTS (SELECT 1 FROM "${field.valuesTable}" v WHERE v.rid = t.rid AND v.value IN (${values.join(', ')}))`;
    }
    return `(${left.sql[0]} IN (${values.join(', ')}))`;
  }

  private inRange(expr: Extract<Expr, { kind: 'InRange' }>): string {
    const parts: string[] = [];
    if (expr.low.kind !== 'Star') {
      parts.push(this.comparison(expr.lowInclusive ? '>=' : '>', expr.left, expr.low));
    }
    if (expr.high.kind !== 'Star') {
      parts.push(this.comparison(expr.highInclusive ? '<=' : '<', expr.left, expr.high));
    }
    return parts.length === 0 ? `(${this.value(expr.left).sql[0]} IS NOT NULL)` : `(${parts.join(' AND ')})`;
  }

  /** Full-text search through FTS5, over every text field or the given ones. */
  fullText(text: string, fields: FieldLayout[] | null, mode: 'all' | 'prefix' | 'fuzzy' = 'all'): string {
    const fts = this.options.layout.ftsTable;
    const terms = ftsTerms(text);
    if (terms.length === 0) return '1';
    if (!fts) return '0';
    const searchable = fields?.filter((f) => f.fullText);
    if (fields && searchable?.length === 0) return '0';
    let query: string;
    if (mode === 'fuzzy') {
      query = terms.map((term, k) => this.fuzzyAlternatives(term, k === terms.length - 1)).join(' AND ');
    } else {
      query = terms
        .map((term) => quoteFtsToken(mode === 'prefix' ? `${term.replace(/\*$/, '')}*` : term))
        .join(' ');
    }
    if (searchable) query = `{${searchable.map((f) => f.ftsColumn).join(' ')}} : (${query})`;
    return `t.rid IN (SELECT rowid FROM "${fts}" WHERE "${fts}" MATCH ${this.bind(query)})`;
  }

  /**
   * `search()` forgives typos: a term longer than 5 characters matches terms within edit distance 2,
   * longer than 2 within 1, and the last term also matches as a prefix (ods-api.md §4.2). Candidates
   * come from the FTS vocabulary, sharing the first letter (an assumption that keeps the lookup
   * fast; documented in ARCHITECTURE.md).
   */
  private fuzzyAlternatives(term: string, prefix: boolean): string {
    const word = normalizeTerm(term.replace(/\*$/, ''));
    const distance = word.length > 5 ? 2 : word.length > 2 ? 1 : 0;
    const exact = quoteFtsToken(prefix ? `${word}*` : word);
    if (distance === 0) return exact;
    const vocab = `${this.options.layout.ftsTable}_vocab`;
    this.options.db.exec(
      `CREATE VIRTUAL TABLE IF NOT EXISTS temp."${vocab}" USING fts5vocab(main, "${this.options.layout.ftsTable}", 'row')`,
    );
    const first = word[0]!;
    const candidates = this.options.db
      .prepare(
        `SELECT term FROM temp."${vocab}" WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?
         AND ods_levenshtein(term, ?, ?) <= ? ORDER BY cnt DESC LIMIT 50`,
      )
      .pluck()
      .all(
        first,
        `${first}\u{10ffff}`,
        word.length - distance,
        word.length + distance,
        word,
        distance,
        distance,
      ) as string[];
    return `(${[exact, ...candidates.filter((c) => c !== word).map(quoteFtsToken)].join(' OR ')})`;
  }

  private textTargets(args: readonly Expr[], name: string): FieldLayout[] | null {
    if (args.length === 1 && args[0]!.kind === 'Star') return null;
    return args.map((arg) => {
      if (arg.kind !== 'Field') return fail(`${name}() takes field names or * before the text.`);
      const field = this.field(arg);
      if (field.field.type !== 'text')
        fail(`${name}() searches text fields, and ${arg.name} is ${field.field.type}.`);
      return field;
    });
  }

  private geoField(expr: Expr, name: string): FieldLayout {
    if (expr.kind !== 'Field') return fail(`${name}() needs a geo field as its first argument.`);
    const field = this.field(expr);
    if (field.field.type !== 'geo_point_2d' && field.field.type !== 'geo_shape') {
      fail(`${name}() needs a geo field, and ${expr.name} is ${field.field.type}.`);
    }
    return field;
  }

  /** The (shape, lat, lon) arguments of the geo SQL functions for a field. */
  private geoArgs(field: FieldLayout): [string, string, string] {
    return field.field.type === 'geo_point_2d'
      ? ['NULL', `t."${field.latColumn}"`, `t."${field.lonColumn}"`]
      : [this.column(field), 'NULL', 'NULL'];
  }

  private geometryArg(expr: Expr, name: string): string {
    if (expr.kind !== 'Geom' && expr.kind !== 'String') return fail(`${name}() needs a geom'…' literal.`);
    try {
      return JSON.stringify(parseGeometry(expr.value));
    } catch (error) {
      if (error instanceof GeometryError) return fail(error.message);
      throw error;
    }
  }

  private queryPoint(expr: Expr, name: string): { lat: number; lon: number } {
    const geometry = JSON.parse(this.geometryArg(expr, name));
    if (geometry.type !== 'Point') fail(`${name}() needs a POINT, got a ${geometry.type}.`);
    const [lon, lat] = geometry.coordinates as [number, number];
    return { lat, lon };
  }

  /** Records whose geo field's box overlaps the box, through the field's R*Tree. */
  private inBox(field: FieldLayout, [minLon, minLat, maxLon, maxLat]: readonly number[]): string {
    if (!field.rtreeTable) {
      const [, lat, lon] = this.geoArgs(field);
      return `(${lat} BETWEEN ${this.bind(minLat!)} AND ${this.bind(maxLat!)} AND ${lon} BETWEEN ${this.bind(minLon!)} AND ${this.bind(maxLon!)})`;
    }
    return `t.rid IN (SELECT id FROM "${field.rtreeTable}" WHERE max_lon >= ${this.bind(minLon!)} AND min_lon <= ${this.bind(maxLon!)} AND max_lat >= ${this.bind(minLat!)} AND min_lat <= ${this.bind(maxLat!)})`;
  }

  private predicate(call: Call): string {
    const name = call.name;
    switch (name) {
      case 'search':
      case 'suggest':
      case 'startswith': {
        if (call.args.length < 2) fail(`${name}() takes field names or * and a text.`);
        const textArg = call.args[call.args.length - 1]!;
        const text = stringArg(textArg, name);
        const fields = this.textTargets(call.args.slice(0, -1), name);
        if (name === 'startswith') {
          const targets = fields ?? this.options.layout.fields.filter((f) => f.field.type === 'text');
          if (targets.length === 0) return '0';
          const prefix = this.bind(text);
          // Case-sensitive, on the whole value: a plain prefix comparison.
          return `(${targets
            .map((f) =>
              f.valuesTable
                ? `EXISTS (SELECT 1 FROM "${f.valuesTable}" v WHERE v.rid = t.rid AND substr(v.value, 1, length(${prefix})) = ${prefix})`
                : `substr(${this.column(f)}, 1, length(${prefix})) = ${prefix}`,
            )
            .join(' OR ')})`;
        }
        return this.fullText(text, fields, name === 'suggest' ? 'prefix' : 'fuzzy');
      }
      case 'within_distance':
      case 'distance': {
        const args = this.args(call, 3);
        const field = this.geoField(args[0]!, name);
        const point = this.queryPoint(args[1]!, name);
        const distance = args[2]!;
        if (distance.kind !== 'Distance') return fail(`${name}() needs a distance such as 800m or 2km.`);
        const metres = distance.value * METRES[distance.unit]!;
        const box = this.inBox(field, bboxAround(point.lat, point.lon, metres));
        const exact =
          field.field.type === 'geo_point_2d'
            ? `ods_distance(t."${field.latColumn}", t."${field.lonColumn}", ${this.bind(point.lat)}, ${this.bind(point.lon)})`
            : `ods_shape_distance(${this.column(field)}, ${this.bind(point.lat)}, ${this.bind(point.lon)})`;
        return `(${box} AND ${exact} <= ${this.bind(metres)})`;
      }
      case 'in_bbox':
      case 'bbox': {
        const args = this.args(call, 5);
        const field = this.geoField(args[0]!, name);
        const [lat1, lon1, lat2, lon2] = args.slice(1).map((a) => numberArg(a, name)) as [
          number,
          number,
          number,
          number,
        ];
        const box = [Math.min(lon1, lon2), Math.min(lat1, lat2), Math.max(lon1, lon2), Math.max(lat1, lat2)];
        if (field.field.type === 'geo_point_2d') return this.inBox(field, box);
        const polygon = JSON.stringify({
          type: 'Polygon',
          coordinates: [
            [
              [box[0], box[1]],
              [box[2], box[1]],
              [box[2], box[3]],
              [box[0], box[3]],
              [box[0], box[1]],
            ],
          ],
        });
        return `(${this.inBox(field, box)} AND ods_geo_relation(${this.column(field)}, NULL, NULL, ${this.bind(polygon)}, 'intersects') = 1)`;
      }
      case 'intersects':
      case 'disjoint':
      case 'within':
      case 'geometry':
      case 'polygon': {
        const args = this.args(call, 2, name === 'geometry' ? 3 : 2);
        const field = this.geoField(args[0]!, name);
        const geometry = this.geometryArg(args[1]!, name);
        let relation: string = name === 'polygon' ? 'within' : name;
        if (name === 'geometry') {
          const mode = args[2];
          const word =
            mode === undefined
              ? 'INTERSECTS'
              : mode.kind === 'Field'
                ? mode.name
                : mode.kind === 'String'
                  ? mode.value
                  : '';
          relation = word.toLowerCase();
          if (!['intersects', 'disjoint', 'within'].includes(relation)) {
            fail('geometry() takes INTERSECTS, DISJOINT or WITHIN as its mode.');
          }
        }
        const [shape, lat, lon] = this.geoArgs(field);
        const exact = `ods_geo_relation(${shape}, ${lat}, ${lon}, ${this.bind(geometry)}, '${relation}') = 1`;
        if (relation === 'disjoint') return `(${exact})`;
        return `(${this.inBox(field, bboxOf(JSON.parse(geometry)))} AND ${exact})`;
      }
      default: {
        const compiled = this.call(call);
        if (compiled.kind !== 'boolean') fail(`${call.rawName}() is not a condition.`);
        return compiled.sql[0]!;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // group_by items: range(), geo_cluster(), and plain expressions

  /** A group_by item: what to GROUP BY, and the value written out for the group. */
  groupKey(item: SelectItem): { group: string[]; output: Compiled } {
    const expr = unparen(item.expr);
    if (expr.kind === 'Field') {
      const field = this.field(expr);
      if (field.valuesTable) {
        // One group per value of a multivalued field.
        const alias = `mv${this.valueJoins.size}`;
        this.valueJoins.set(field.field.name, alias);
      }
      const output = this.fieldValue(field);
      if (field.field.type === 'geo_shape' || field.field.type === 'file') {
        fail(
          `Grouping by ${field.field.type} field ${field.field.name} is not supported; use geo_cluster().`,
        );
      }
      return { group: [...output.sql], output };
    }
    if (expr.kind === 'Call' && expr.name === 'range') return this.range(expr);
    if (expr.kind === 'Call' && expr.name === 'geo_cluster') {
      const args = this.args(expr, 2);
      const field = this.geoField(args[0]!, 'geo_cluster');
      if (field.field.type !== 'geo_point_2d') fail('geo_cluster() needs a geo_point_2d field.');
      const zoom = numberArg(args[1]!, 'geo_cluster');
      if (!Number.isInteger(zoom) || zoom < 0 || zoom > 25)
        fail('geo_cluster() zoom must be an integer from 0 to 25.');
      const cell = this.bind(360 / 2 ** zoom);
      const lat = `t."${field.latColumn}"`;
      const lon = `t."${field.lonColumn}"`;
      return {
        group: [
          `CAST(floor((${lon} + 180) / ${cell}) AS INTEGER)`,
          `CAST(floor((${lat} + 90) / ${cell}) AS INTEGER)`,
        ],
        output: { sql: [`avg(${lat})`, `avg(${lon})`], kind: 'cluster', aggregate: true },
      };
    }
    const output = this.value(expr);
    if (output.aggregate) fail('Aggregations cannot be used in group_by.');
    return { group: [...output.sql], output };
  }

  private range(call: Call): { group: string[]; output: Compiled } {
    if (call.args.length < 2) fail('range() takes a field and bounds, or a field and a width.');
    const value = this.value(call.args[0]!);
    const isDate = value.kind === 'date' || value.kind === 'datetime';
    if (!isDate && !isNumeric(value.kind))
      fail(`range() needs a number or date field, got ${describeCompiled(value)}.`);
    const bounds = expandEqui(call.args.slice(1));
    const integerLabels = value.kind === 'int';
    if (bounds.length === 1 && bounds[0]!.kind !== 'Star') {
      const width = bounds[0]!;
      if (isDate) {
        if (width.kind !== 'Interval')
          return fail('range() on a date needs a width such as 1 day or 3 months.');
        const { ms, timezone } = this.dateValue(value, 'range');
        const unit = intervalUnit(width);
        const group = `ods_trunc(${ms}, ${this.bind(timezone)}, '${unit}', ${this.bind(width.value)})`;
        return {
          group: [group],
          output: { sql: [group], kind: 'bucket', aggregate: false, label: (start) => isoBucket(start) },
        };
      }
      const step = numberArg(width, 'range');
      if (!(step > 0)) fail('range() width must be positive.');
      const group = `(floor(${value.sql[0]} / ${this.bind(step)}) * ${this.bind(step)})`;
      return {
        group: [group],
        output: {
          sql: [group],
          kind: 'bucket',
          aggregate: false,
          label: (start) =>
            start === null
              ? null
              : integerLabels && Number.isInteger(step)
                ? `[${start}, ${Number(start) + step - 1}]`
                : `[${start}, ${Number(start) + step}[`,
        },
      };
    }
    // Static ranges: range(f, *, 10, 50, *). Each bucket includes its lower bound.
    const edges: (number | null)[] = bounds.map((bound, k) => {
      if (bound.kind === 'Star') {
        if (k !== 0 && k !== bounds.length - 1) fail('range() takes * only as its first or last bound.');
        return null;
      }
      if (isDate) {
        if (bound.kind !== 'Date' && bound.kind !== 'String') fail("range() on a date takes date'…' bounds.");
        return partialDateStart(
          this.partialDate(bound as DateLiteral | StringLiteral),
          this.options.timezone,
        );
      }
      return numberArg(bound, 'range');
    });
    for (let k = 1; k < edges.length; k++) {
      if (edges[k] !== null && edges[k - 1] !== null && edges[k]! <= edges[k - 1]!)
        fail('range() bounds must increase.');
    }
    const subject = isDate ? this.dateValue(value, 'range').ms : value.sql[0]!;
    const cases: string[] = [];
    const labels: string[] = [];
    const show = (edge: number) => (isDate ? new Date(edge).toISOString() : String(edge));
    for (let k = 0; k < edges.length - 1; k++) {
      const low = edges[k] ?? null;
      const high = edges[k + 1] ?? null;
      const conditions = [
        low === null ? null : `${subject} >= ${this.bind(low)}`,
        high === null ? null : `${subject} < ${this.bind(high)}`,
      ].filter(Boolean);
      cases.push(`WHEN ${conditions.join(' AND ') || '1'} THEN ${k}`);
      const lowText = low === null ? '*' : show(low);
      const highText = high === null ? '*' : integerLabels && !isDate ? String(high - 1) : show(high);
      labels.push(
        integerLabels && !isDate
          ? `[${lowText}, ${highText}]`
          : `[${lowText}, ${highText}${high === null ? ']' : '['}`,
      );
    }
    const group = `(CASE ${cases.join(' ')} END)`;
    return {
      group: [group],
      output: {
        sql: [group],
        kind: 'bucket',
        aggregate: false,
        label: (index) => (index === null ? null : labels[Number(index)]),
      },
    };
  }
}

const LITERAL_KINDS: readonly Expr['kind'][] = ['String', 'Number', 'Boolean', 'Null', 'Date'];

function isLiteral(expr: Expr): expr is Literal {
  return LITERAL_KINDS.includes(expr.kind);
}

function unparen(expr: Expr): Expr {
  return expr.kind === 'Paren' ? unparen(expr.inner) : expr;
}

/** More buckets than any chart can show: equi() beyond this is a mistake in the step. */
const MAX_EQUI_BUCKETS = 1000;

/**
 * v2.0's `equi(step, low, high)` bounds as the edges they stand for: `range(f, equi(5, 10, 30))` is
 * `range(f, *, 10, 15, 20, 25, 30, *)`: open at both ends, as the 2020 docs show, whatever brackets
 * surround it (`[equi(…)]` and `equi(…)` parse alike, so they cannot differ).
 */
function expandEqui(bounds: readonly Expr[]): Expr[] {
  const edges = (call: Call): Expr[] => {
    if (call.args.length !== 3) fail('equi() takes a step, a lower bound and an upper bound.');
    const [step, low, high] = call.args.map((arg) => numberArg(arg, 'equi'));
    if (!(step! > 0) || !(high! > low!))
      fail('equi() needs a positive step and a lower bound below the upper one.');
    const count = Math.ceil((high! - low!) / step!);
    if (count > MAX_EQUI_BUCKETS)
      fail(`equi() makes at most ${MAX_EQUI_BUCKETS} buckets; use a larger step.`);
    const values = Array.from({ length: count }, (_, k) => low! + k * step!).concat(high!);
    return values.map((value) => ({ kind: 'Number', value, raw: String(value), loc: call.loc }));
  };
  const isEqui = (bound: Expr): bound is Call => bound.kind === 'Call' && bound.name === 'equi';
  const equi = bounds.find(isEqui);
  if (!equi) return [...bounds];
  const open: Expr = { kind: 'Star', loc: equi.loc };
  const expanded = bounds.flatMap((bound) => (isEqui(bound) ? edges(bound) : [bound]));
  return [
    ...(expanded[0]!.kind === 'Star' ? [] : [open]),
    ...expanded,
    ...(expanded.at(-1)!.kind === 'Star' ? [] : [open]),
  ];
}

function isoBucket(start: unknown): string | null {
  return start === null || start === undefined ? null : new Date(Number(start)).toISOString();
}

function intervalUnit(interval: IntervalLiteral): string {
  if (['week', 'month', 'quarter', 'year'].includes(interval.unit) && interval.value !== 1) {
    fail(`range() allows only 1 ${interval.unit}.`);
  }
  if (!(interval.value > 0) || !Number.isInteger(interval.value))
    fail('range() width must be a positive integer.');
  return interval.unit;
}

function numberArg(expr: Expr, name: string): number {
  if (expr.kind === 'Number') return expr.value;
  if (expr.kind === 'Negate' && expr.operand.kind === 'Number') return -expr.operand.value;
  return fail(`${name}() needs a number here, got ${describeExpr(expr)}.`);
}

function stringArg(expr: Expr, name: string): string {
  if (expr.kind === 'String') return expr.value;
  return fail(`${name}() needs a quoted text here, got ${describeExpr(expr)}.`);
}

function describeExpr(expr: Expr): string {
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
    default:
      return 'this expression';
  }
}

function describeCompiled(compiled: Compiled): string {
  return compiled.field ? `${compiled.field.field.name} (${compiled.field.field.type})` : compiled.kind;
}
