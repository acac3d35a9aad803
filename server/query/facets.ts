import type Database from 'better-sqlite3';
import { isDateType } from '../../common/ods-api/field-types';
import type { FacetGroup, FacetState, FacetValue } from '../../common/ods-api/types';
import { Compiler } from '../odsql/compile';
import { OdsqlSemanticError } from '../odsql/compiled';
import type { DatasetLayout, FieldLayout } from '../store/layout';
import { quoteIdent } from '../store/sql-ident';
import { compileFilters, inClause, type QuerySpec, whereSql } from './plan';
import { prepareCached } from './read';
import { hierarchySeparator } from './refine';

/**
 * Facet counts (ods-api.md §3.3): for each facet field, its values and how many records matching
 * the request's where, refine and exclude have each. A disjunctive facet ignores its own refines,
 * so its other values keep their counts and can be added to the selection. Dates nest
 * year → month → day and hierarchical fields nest by their separator; a level below the top is
 * listed under the values the request refines, the way a facet panel opens.
 */

export const FACET_SORTS = ['count', '-count', 'alphanum', '-alphanum', 'num', '-num'] as const;
export type FacetSort = (typeof FACET_SORTS)[number];

export interface FacetRequest {
  readonly name: string;
  readonly disjunctive?: boolean;
  readonly sort?: FacetSort;
  readonly limit?: number;
}

/** Values listed per facet level at most; refined and excluded values are always listed. */
export const MAX_FACET_VALUES = 1000;

/** Reads `facet=name` or the v2.1 form `facet(name="x", disjunctive=true, sort="-count", limit=10)`. */
export function parseFacetParam(raw: string): FacetRequest {
  const call = /^\s*facet\s*\((.*)\)\s*$/is.exec(raw);
  if (!call) return { name: raw.trim() };
  const options: Record<string, string> = {};
  for (const match of call[1]!.matchAll(/(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^,\s)]+))/g)) {
    options[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? match[4]!;
  }
  if (!options.name) throw new OdsqlSemanticError(`facet() needs a name: ${raw}`);
  const sort = options.sort as FacetSort | undefined;
  if (sort !== undefined && !FACET_SORTS.includes(sort)) {
    throw new OdsqlSemanticError(`Unknown facet sort "${sort}"; use ${FACET_SORTS.join(', ')}.`);
  }
  const limit = options.limit === undefined ? undefined : Number(options.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    throw new OdsqlSemanticError(`facet() limit must be a positive integer, got ${options.limit}.`);
  }
  return {
    name: options.name,
    disjunctive: options.disjunctive === undefined ? undefined : options.disjunctive.toLowerCase() === 'true',
    sort,
    limit,
  };
}

export function defaultFacets(layout: DatasetLayout): FacetRequest[] {
  return layout.fields
    .filter((f) => f.field.annotations.facet !== undefined)
    .map((f) => ({ name: f.field.name }));
}

interface Counted {
  path: string;
  count: number;
}

interface Level {
  /** SQL of the level's key for a record (its path text, e.g. '2020/11'). */
  key: string;
  /** Extra condition restricting the records to one parent path. */
  within?: string;
}

function isDateField(field: FieldLayout): boolean {
  return isDateType(field.field.type);
}

export function computeFacets(
  layout: DatasetLayout,
  db: Database.Database,
  spec: QuerySpec,
  requests: readonly FacetRequest[],
): FacetGroup[] {
  return requests.map((request) => {
    const field = layout.fields.find((f) => f.field.name === request.name);
    if (!field) {
      return inClause('facet', () => {
        throw new OdsqlSemanticError(`Unknown field: ${request.name}.`);
      });
    }
    if (['geo_point_2d', 'geo_shape', 'file', 'json_blob'].includes(field.field.type)) {
      return inClause('facet', () => {
        throw new OdsqlSemanticError(`Field ${request.name} (${field.field.type}) cannot be a facet.`);
      });
    }
    const disjunctive = request.disjunctive ?? field.field.annotations.disjunctive !== undefined;
    const refined = (spec.refine ?? []).filter((t) => t.field === field.field.name).map((t) => t.value);
    const excluded = (spec.exclude ?? []).filter((t) => t.field === field.field.name).map((t) => t.value);
    const sort: FacetSort =
      request.sort ?? (field.field.annotations.facetsort?.[0] as FacetSort | undefined) ?? '-count';
    const limit = Math.min(request.limit ?? MAX_FACET_VALUES, MAX_FACET_VALUES);

    const count = (level: Level): Counted[] => {
      const compiler = new Compiler({ layout, db, timezone: spec.timezone, lang: spec.lang });
      const conditions = compileFilters(compiler, spec, disjunctive ? field.field.name : undefined);
      const column = field.valuesTable ? 'v.value' : compiler.column(field);
      const key = level.key.replaceAll('$value', column);
      const within = level.within?.replaceAll('$value', column);
      const filters = [...conditions, ...(within ? [within] : [])];
      // A record holds each value of a multivalued field once, so count(*) counts records; with no
      // filter the side table alone answers.
      const from = !field.valuesTable
        ? `${quoteIdent(layout.table)} t`
        : filters.length === 0
          ? `${quoteIdent(field.valuesTable)} v`
          : `${quoteIdent(field.valuesTable)} v JOIN ${quoteIdent(layout.table)} t ON t.rid = v.rid`;
      const where = whereSql([...filters, `${key} IS NOT NULL`]);
      const sql = `SELECT ${key} AS path, count(*) AS n FROM ${from}${where} GROUP BY path`;
      const rows = prepareCached(db, sql).raw(true).all(compiler.params) as [unknown, number][];
      return rows.map(([path, n]) => ({ path: String(path), count: n }));
    };

    const state = (path: string): FacetState =>
      excluded.includes(path) ? 'excluded' : refined.includes(path) ? 'refined' : 'displayed';

    const finish = (values: FacetValue[]): FacetValue[] => {
      const listed = sortFacetValues(values, sort);
      const kept = listed.slice(0, limit);
      // Values the request names stay visible even past the limit.
      for (const value of listed.slice(limit)) if (value.state !== 'displayed') kept.push(value);
      return kept;
    };

    const withExcluded = (
      values: FacetValue[],
      parent: string | null,
      depth: (path: string) => number,
      level: number,
    ) => {
      for (const path of excluded) {
        if (depth(path) !== level || values.some((v) => v.value === path)) continue;
        if (parent !== null && !path.startsWith(`${parent}/`)) continue;
        values.push({ name: lastSegment(path, '/'), value: path, state: 'excluded' });
      }
      return values;
    };

    const toValue = (counted: Counted, separator: string): FacetValue => {
      const s = state(counted.path);
      return {
        name: lastSegment(counted.path, separator),
        value: counted.path,
        ...(s === 'excluded' ? {} : { count: counted.count }),
        state: s,
      };
    };

    if (isDateField(field)) {
      const levels = dateLevels(field, spec.timezone);
      const depthOf = (path: string) => path.split('/').length - 1;
      const build = (level: number, parent: string | null): FacetValue[] => {
        const values = count({
          key: levels[level]!,
          within: parent === null ? undefined : `${levels[level - 1]!} = '${parent.replace(/'/g, "''")}'`,
        }).map((c) => toValue(c, '/'));
        for (const value of values) {
          const open = refined.some((r) => r === value.value || r.startsWith(`${value.value}/`));
          if (open && level < levels.length - 1) value.facets = build(level + 1, value.value);
        }
        return finish(withExcluded(values, parent, depthOf, level));
      };
      return { name: field.field.name, facets: build(0, null) };
    }

    const separator = field.field.type === 'text' ? hierarchySeparator(field) : null;
    // Grouping on the column itself lets SQLite use its index; booleans are named afterwards.
    const counted = count({ key: '$value' }).map((c) =>
      field.field.type === 'boolean' ? { ...c, path: c.path === '1' ? 'true' : 'false' } : c,
    );
    if (!separator) {
      const values = counted.map((c) => toValue(c, '\u0000'));
      return { name: field.field.name, facets: finish(withExcluded(values, null, () => 0, 0)) };
    }
    return { name: field.field.name, facets: hierarchy(counted, separator, null, 0) };

    function hierarchy(all: Counted[], sep: string, parent: string | null, depth: number): FacetValue[] {
      const totals = new Map<string, number>();
      for (const item of all) {
        if (parent !== null && !item.path.startsWith(parent + sep)) continue;
        const segments = item.path.split(sep);
        if (segments.length <= depth) continue;
        const path = segments.slice(0, depth + 1).join(sep);
        totals.set(path, (totals.get(path) ?? 0) + item.count);
      }
      const values = [...totals].map(([path, n]) => toValue({ path, count: n }, sep));
      for (const value of values) {
        const open = refined.some((r) => r === value.value || r.startsWith(value.value + sep));
        const deeper = all.some((item) => item.path.startsWith(value.value + sep));
        if (open && deeper) value.facets = hierarchy(all, sep, value.value, depth + 1);
      }
      return finish(withExcluded(values, parent, (p) => p.split(sep).length - 1, depth));
    }
  });
}

function lastSegment(path: string, separator: string): string {
  const index = path.lastIndexOf(separator);
  return index === -1 ? path : path.slice(index + separator.length);
}

/** Each date level's key as SQL over `$value`: '2020', '2020/11', '2020/11/25'. */
function dateLevels(field: FieldLayout, timezone: string): string[] {
  if (field.field.type === 'date') {
    return ['substr($value, 1, 4)', "replace(substr($value, 1, 7), '-', '/')", "replace($value, '-', '/')"];
  }
  if (timezone === 'UTC' || timezone === 'Etc/UTC') {
    return ['%Y', '%Y/%m', '%Y/%m/%d'].map((f) => `strftime('${f}', $value / 1000, 'unixepoch')`);
  }
  const zone = timezone.replace(/'/g, "''");
  return ['yyyy', 'yyyy/MM', 'yyyy/MM/dd'].map((f) => `ods_date_format($value, '${zone}', '${f}', 'en')`);
}

export function sortFacetValues(values: FacetValue[], sort: FacetSort): FacetValue[] {
  const descending = sort.startsWith('-');
  const by = sort.replace('-', '');
  const sign = descending ? -1 : 1;
  return [...values].sort((a, b) => {
    if (by === 'count') return sign * ((a.count ?? -1) - (b.count ?? -1)) || a.name.localeCompare(b.name);
    if (by === 'num') return sign * (Number(a.value) - Number(b.value)) || a.name.localeCompare(b.name);
    return sign * a.value.localeCompare(b.value, 'en', { numeric: true });
  });
}
