import { addToInstant, formatDate, zonedToUtc } from '../../common/time/zoned-time';
import type { Compiler } from '../odsql/compile';
import { OdsqlSemanticError, unreachable } from '../odsql/compiled';
import type { FieldLayout } from '../store/layout';
import { quoteIdent } from '../store/sql-ident';

/**
 * `refine=field:value` and `exclude=field:value` (ods-api.md §4.8): a facet's value, compared the
 * way the facet shows it. Dates take paths (`2019`, `2019/12`, `2019/12/25`) and hierarchical
 * fields take their path (`Europe/Paris` also matches `Europe/Paris/…`).
 */

export interface RefineTerm {
  readonly field: string;
  readonly value: string;
}

/** Reads `field:value`, `` `field`:value `` and `field:"value"`. Returns null when there is no `:`. */
export function parseRefineTerm(raw: string): RefineTerm | null {
  const quotedField = /^`((?:[^`\\]|\\.)*)`:(.*)$/s.exec(raw);
  const match = quotedField ?? /^([^:]+):(.*)$/s.exec(raw);
  if (!match) return null;
  const field = quotedField ? match[1]!.replace(/\\`/g, '`') : match[1]!.trim();
  let value = match[2]!;
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    value = value.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
  return { field, value };
}

export function hierarchySeparator(field: FieldLayout): string | null {
  return field.field.annotations.hierarchical?.[0] ?? null;
}

/** The instants [start, end) a date path names, in the query's time zone. */
export function datePathRange(path: string, timezone: string): [number, number] | null {
  const match = /^(\d{4})(?:[/-](\d{1,2})(?:[/-](\d{1,2}))?)?$/.exec(path.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const month = match[2] ? Number(match[2]) : null;
  const day = match[3] ? Number(match[3]) : null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null && (day < 1 || day > 31)) return null;
  const start = zonedToUtc(year, month ?? 1, day ?? 1, 0, 0, 0, 0, timezone);
  const end = addToInstant(
    start,
    day !== null ? { day: 1 } : month !== null ? { month: 1 } : { year: 1 },
    timezone,
  );
  return [start, end];
}

function dateTextRange(path: string): [string, string] | null {
  const range = datePathRange(path, 'UTC');
  if (!range) return null;
  const text = (ms: number) => {
    const d = new Date(ms);
    return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  };
  return [text(range[0]), text(range[1])];
}

/** SQL that holds for records whose field has the facet value. */
export function compileRefine(compiler: Compiler, term: RefineTerm): string {
  const field = compiler.options.layout.fields.find((f) => f.field.name === term.field);
  if (!field) throw new OdsqlSemanticError(`Unknown field: ${term.field}.`);
  const column = compiler.column(field);
  const value = term.value;
  switch (field.field.type) {
    case 'date': {
      const range = dateTextRange(value);
      if (!range)
        throw new OdsqlSemanticError(
          `Invalid date path "${value}" for ${term.field}; use 2019, 2019/12 or 2019/12/25.`,
        );
      return `(${column} >= ${compiler.bind(range[0])} AND ${column} < ${compiler.bind(range[1])})`;
    }
    case 'datetime': {
      const range = datePathRange(value, compiler.options.timezone);
      if (!range)
        throw new OdsqlSemanticError(
          `Invalid date path "${value}" for ${term.field}; use 2019, 2019/12 or 2019/12/25.`,
        );
      return `(${column} >= ${compiler.bind(range[0])} AND ${column} < ${compiler.bind(range[1])})`;
    }
    case 'int':
    case 'double': {
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number)) {
        throw new OdsqlSemanticError(`Field ${term.field} is numeric; "${value}" is not a number.`);
      }
      return `(${column} = ${compiler.bind(number)})`;
    }
    case 'boolean': {
      const normalized = value.toLowerCase();
      if (!['true', 'false', '1', '0'].includes(normalized)) {
        throw new OdsqlSemanticError(`Field ${term.field} is a boolean; use true or false.`);
      }
      return `(${column} = ${normalized === 'true' || normalized === '1' ? 1 : 0})`;
    }
    case 'text': {
      const separator = hierarchySeparator(field);
      const bound = compiler.bind(value);
      const matches = (sql: string) =>
        separator
          ? `(${sql} = ${bound} OR substr(${sql}, 1, length(${bound}) + ${separator.length}) = ${bound} || ${compiler.bind(separator)})`
          : `${sql} = ${bound}`;
      if (field.valuesTable) {
        return `EXISTS (SELECT 1 FROM ${quoteIdent(field.valuesTable)} v WHERE v.rid = t.rid AND ${matches('v.value')})`;
      }
      return `(${matches(column)})`;
    }
    case 'geo_point_2d':
    case 'geo_shape':
    case 'file':
    case 'json_blob':
      throw new OdsqlSemanticError(`Field ${term.field} (${field.field.type}) cannot be refined.`);
    default:
      return unreachable(field.field.type);
  }
}
