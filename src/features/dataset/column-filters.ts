import type { DatasetField, FieldType } from '../../../common/ods-api/types';
import type { Expr } from '../../../common/odsql/ast';
import {
  bool,
  call,
  cmp,
  date,
  field as fieldRef,
  inList,
  inRange,
  isNull,
  like,
  num,
  str,
} from '../../../common/odsql/build';
import { t } from '../../i18n/translate';

/**
 * Per-column filters: a field, an operator and its value(s), written compactly in the URL as
 * `f=<field>:<op>[:<value>]` (repeatable), and compiled to ODSQL trees with common/odsql's builders,
 * so no value can change a query's structure.
 *
 * `f=population:gt:1000`, `f=population:between:1000..5000`, `f=country_code:in:FR,DE`,
 * `f=name:starts:Saint`, `f=admin1_code:empty`. In an `in` list a value containing `,` or `\`
 * escapes it with `\`.
 */

export const FILTER_OPS = [
  'eq',
  'ne',
  'lt',
  'gt',
  'between',
  'contains',
  'starts',
  'in',
  'empty',
  'notempty',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export interface ColumnFilter {
  field: string;
  op: FilterOp;
  /** One value for eq/ne/lt/gt/contains/starts, two for between, any number for in, none for (not)empty. */
  values: string[];
}

/** How an operator reads in the filter builder's list: a symbol, or words of the language in force. */
export function opLabel(op: FilterOp): string {
  switch (op) {
    case 'eq':
      return '=';
    case 'ne':
      return '≠';
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    default:
      return t(`dataset.op.${op}`);
  }
}

/** How many values an operator takes: a fixed count, or 'list' for one or more. */
export function valueArity(op: FilterOp): number | 'list' {
  switch (op) {
    case 'empty':
    case 'notempty':
      return 0;
    case 'between':
      return 2;
    case 'in':
      return 'list';
    default:
      return 1;
  }
}

/** The operators that make sense for a field type. */
export function opsForType(type: FieldType): FilterOp[] {
  switch (type) {
    case 'text':
      return ['eq', 'ne', 'contains', 'starts', 'in', 'empty', 'notempty'];
    case 'int':
    case 'double':
      return ['eq', 'ne', 'lt', 'gt', 'between', 'in', 'empty', 'notempty'];
    case 'date':
      return ['eq', 'lt', 'gt', 'between', 'empty', 'notempty'];
    case 'datetime':
      return ['lt', 'gt', 'between', 'empty', 'notempty'];
    case 'boolean':
      return ['eq', 'empty', 'notempty'];
    default:
      return ['empty', 'notempty'];
  }
}

function escapeListItem(value: string): string {
  return value.replace(/[\\,]/g, '\\$&');
}

function splitList(text: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\' && i + 1 < text.length) {
      current += text[++i];
    } else if (char === ',') {
      items.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  items.push(current);
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

const FIELD_NAME = /^[A-Za-z0-9_.]+$/;

/** `population:gt:1000` → a filter; null for anything malformed. */
export function decodeColumnFilter(text: string): ColumnFilter | null {
  const first = text.indexOf(':');
  if (first <= 0) return null;
  const field = text.slice(0, first);
  if (!FIELD_NAME.test(field)) return null;
  const rest = text.slice(first + 1);
  const second = rest.indexOf(':');
  const op = (second === -1 ? rest : rest.slice(0, second)) as FilterOp;
  if (!FILTER_OPS.includes(op)) return null;
  const raw = second === -1 ? '' : rest.slice(second + 1);
  const arity = valueArity(op);
  if (arity === 0) return second === -1 || raw === '' ? { field, op, values: [] } : null;
  if (arity === 'list') {
    const values = splitList(raw);
    return values.length ? { field, op, values } : null;
  }
  if (arity === 2) {
    const at = raw.indexOf('..');
    if (at === -1) return null;
    const low = raw.slice(0, at).trim();
    const high = raw.slice(at + 2).trim();
    return low && high ? { field, op, values: [low, high] } : null;
  }
  const value = raw.trim();
  return value ? { field, op, values: [value] } : null;
}

export function encodeColumnFilter({ field, op, values }: ColumnFilter): string {
  switch (valueArity(op)) {
    case 0:
      return `${field}:${op}`;
    case 'list':
      return `${field}:${op}:${values.map(escapeListItem).join(',')}`;
    case 2:
      return `${field}:${op}:${values[0]}..${values[1]}`;
    default:
      return `${field}:${op}:${values[0]}`;
  }
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const DATE = /^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/** A value of the field's type as an ODSQL literal, or null when the text is not one. */
function literal(type: FieldType, text: string): Expr | null {
  switch (type) {
    case 'int':
    case 'double': {
      if (!NUMBER.test(text)) return null;
      const value = Number(text);
      return Number.isFinite(value) ? num(value) : null;
    }
    case 'date':
    case 'datetime':
      return DATE.test(text) ? date(text.replace(' ', 'T')) : null;
    case 'boolean':
      if (/^(true|false)$/i.test(text)) return bool(text.toLowerCase() === 'true');
      return null;
    default:
      return str(text);
  }
}

/**
 * The filter as an ODSQL condition over the dataset's schema, or null when the field is not in
 * the schema, the operator does not fit its type, or a value does not read as that type.
 */
export function compileColumnFilter(filter: ColumnFilter, fields: readonly DatasetField[]): Expr | null {
  const schemaField = fields.find((f) => f.name === filter.field);
  if (!schemaField || !opsForType(schemaField.type).includes(filter.op)) return null;
  const target = fieldRef(filter.field);
  const values = filter.values.map((value) => literal(schemaField.type, value));
  if (values.some((value) => value === null)) return null;
  const [a, b] = values as Expr[];
  switch (filter.op) {
    case 'eq':
      return cmp('=', target, a!);
    case 'ne':
      return cmp('!=', target, a!);
    case 'lt':
      return cmp('<', target, a!);
    case 'gt':
      return cmp('>', target, a!);
    case 'between':
      return inRange(target, a!, b!);
    case 'contains':
      return like(target, a!);
    case 'starts':
      return call('startswith', target, a!);
    case 'in':
      return inList(target, values as Expr[]);
    case 'empty':
      return isNull(target);
    case 'notempty':
      return isNull(target, true);
    default: {
      const unreachable: never = filter.op;
      return unreachable;
    }
  }
}

/** `Population > 1,000`-style text for a chip: the field's label, the operator, the values. */
export function describeColumnFilter(filter: ColumnFilter, fields: readonly DatasetField[]): string {
  const label = fields.find((f) => f.name === filter.field)?.label || filter.field;
  const [first = '', second = ''] = filter.values;
  switch (filter.op) {
    case 'empty':
    case 'notempty':
      return t(`dataset.columnFilter.${filter.op}`, { label });
    case 'in':
      return t('dataset.columnFilter.in', { label, values: filter.values.join(', ') });
    case 'between':
      return t('dataset.columnFilter.between', { label, from: first, to: second });
    case 'contains':
    case 'starts':
      return t(`dataset.columnFilter.${filter.op}`, { label, value: first });
    default:
      return t('dataset.columnFilter.compare', { label, op: opLabel(filter.op), value: first });
  }
}
