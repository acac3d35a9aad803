import type Database from 'better-sqlite3';
import { ERROR_CODES } from '../../common/ods-api/errors';
import type { ClauseName } from '../../common/odsql/ast';
import { OdsqlSyntaxError } from '../../common/odsql/errors';
import { parseGroupBy, parseOrderBy, parseSelect, parseWhere } from '../../common/odsql/parser';
import { OdsHttpError } from '../errors';
import { Compiler } from '../odsql/compile';
import { OdsqlSemanticError, type OutputColumn } from '../odsql/compiled';
import { compileOrderBy } from '../odsql/order-by';
import { compileSelect, isStar } from '../odsql/select';
import type { DatasetLayout } from '../store/layout';
import { quoteIdent } from '../store/sql-ident';
import { bucketPlanSql } from './date-buckets';
import { compileRefine, type RefineTerm } from './refine';

/**
 * A records query, planned: the ODSQL clauses of a request parsed, compiled over the dataset's
 * layout, and assembled into SQLite statements. Every endpoint that reads records (records,
 * aggregates, exports, facets) goes through here, so they all agree on what a query means.
 */

export interface QuerySpec {
  readonly select?: string | null;
  readonly where?: readonly string[];
  readonly groupBy?: string | null;
  readonly orderBy?: string | null;
  readonly refine?: readonly RefineTerm[];
  readonly exclude?: readonly RefineTerm[];
  readonly timezone: string;
  readonly lang: string;
  /** Only the record with this id (GET …/records/{record_id}). */
  readonly recordId?: string;
  /** Text sorts ignore case (the catalog's titles); records sort text as ODS does, by code point. */
  readonly caseInsensitiveText?: boolean;
  /** The aggregates endpoint: always one group per group_by key, or one group in all. */
  readonly aggregate?: boolean;
  /** v2.1 keeps the group of records whose key is null; v2.0 has none (ods-api.md §4.6). */
  readonly nullGroups?: boolean;
  /**
   * Where a group_by key that select does not name goes among a group's keys: v2.1 writes it
   * first (`{"RANGE(capacity,15)": …, "count(*)": …}`), v2.0 last (`{"count(*)": 12, "year(date)": …}`).
   */
  readonly groupKeysFirst?: boolean;
}

/**
 * `ods_deadline()` runs once every 1024 rows examined and bounds a query's time. The check costs a
 * few operations per row, so it goes only into queries that call our JavaScript functions (`ods_…`),
 * the ones that can run for long: plain SQL over the datasets we serve finishes within seconds. It
 * comes first, before the filter: after it, it would run only on rows that pass the filter, and a
 * filter that matches nothing (`not disjoint(…)` far from every record) would never be stopped.
 */
const DEADLINE_CHECK = '((t.rid & 1023) != 0 OR ods_deadline())';

/** Runs a clause's parse and compile, turning their errors into ODS's 400 bodies for that clause. */
export function inClause<T>(clause: ClauseName | 'refine' | 'exclude' | 'facet', work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof OdsqlSyntaxError) {
      const message = error.message.endsWith('.') ? error.message : `${error.message}.`;
      throw new OdsHttpError(
        400,
        ERROR_CODES.odsqlSyntax,
        `${message} Clause(s) containing the error(s): ${clause}.`,
      );
    }
    if (error instanceof OdsqlSemanticError) {
      throw new OdsHttpError(
        400,
        ERROR_CODES.odsql,
        `ODSQL query is malformed: ${error.message} Clause(s) containing the error(s): ${clause}.`,
      );
    }
    throw error;
  }
}

/** The record filter of a request: where clauses, refines and excludes, ANDed. */
export function compileFilters(
  compiler: Compiler,
  spec: Pick<QuerySpec, 'where' | 'refine' | 'exclude'>,
  skipRefinesOf?: string,
): string[] {
  const conditions: string[] = [];
  for (const text of spec.where ?? []) {
    if (text.trim() === '') continue;
    conditions.push(inClause('where', () => compiler.condition(parseWhere(text).condition)));
  }
  // Refines on one disjunctive facet are alternatives (the facet panel's multi-select): OR them.
  const byField = new Map<string, string[]>();
  for (const term of spec.refine ?? []) {
    if (term.field === skipRefinesOf) continue;
    const sql = inClause('refine', () => compileRefine(compiler, term));
    const disjunctive = compiler.options.layout.fields.some(
      (f) => f.field.name === term.field && f.field.annotations.disjunctive !== undefined,
    );
    if (!disjunctive) conditions.push(sql);
    else byField.set(term.field, [...(byField.get(term.field) ?? []), sql]);
  }
  for (const alternatives of byField.values()) {
    conditions.push(alternatives.length === 1 ? alternatives[0]! : `(${balanced(alternatives, 'OR')})`);
  }
  for (const term of spec.exclude ?? []) {
    conditions.push(inClause('exclude', () => `(NOT coalesce(${compileRefine(compiler, term)}, 0))`));
  }
  return conditions;
}

/**
 * A statement's ` WHERE …` (empty when nothing filters, so SQLite can count a table without reading
 * it); `rest` is the statement's other SQL, to see whether it needs the deadline check.
 */
/**
 * `a AND b AND c …` as a balanced tree: SQLite refuses an expression more than 1,000 levels deep,
 * and a chain of 2,000 excludes (a 40 KiB URL) is 2,000 levels as a flat chain but 11 balanced.
 */
function balanced(items: readonly string[], op: 'AND' | 'OR'): string {
  if (items.length <= 2) return items.join(` ${op} `);
  const half = items.length >> 1;
  return `(${balanced(items.slice(0, half), op)}) ${op} (${balanced(items.slice(half), op)})`;
}

export function whereSql(conditions: readonly string[], rest: readonly string[] = []): string {
  const usesJavaScript = [...conditions, ...rest].some((sql) => sql.includes('ods_'));
  const all = usesJavaScript ? [DEADLINE_CHECK, ...conditions] : conditions;
  // The deadline first: SQLite checks it on every row, also those the filter then rejects.
  return all.length > 0 ? ` WHERE ${balanced(all, 'AND')}` : '';
}

const normalizeText = (text: string) => text.replace(/\s+/g, '').toLowerCase();

export interface Plan {
  readonly grouped: boolean;
  readonly outputs: readonly OutputColumn[];
  readonly params: Record<string, string | number | null>;
  /** The rows of one page; a negative limit means every row (exports). */
  rowsSql(limit: number, offset: number): string;
  /** How many records match (only without group_by, as ODS gives total_count only then). */
  readonly countSql: string | null;
}

export function planQuery(layout: DatasetLayout, db: Database.Database, spec: QuerySpec): Plan {
  const compiler = new Compiler({ layout, db, timezone: spec.timezone, lang: spec.lang });
  const conditions = compileFilters(compiler, spec);
  if (spec.recordId !== undefined) conditions.push(`t.record_id = ${compiler.bind(spec.recordId)}`);

  const groupItems = spec.groupBy?.trim()
    ? inClause('group_by', () => parseGroupBy(spec.groupBy!).items)
    : [];
  const groupKeys = inClause('group_by', () =>
    groupItems.map((item) => ({ item, key: item.alias ?? item.text, ...compiler.groupKey(item) })),
  );

  const selectItems = spec.select?.trim() ? inClause('select', () => parseSelect(spec.select!).items) : null;
  const selected = inClause('select', () =>
    compileSelect(compiler, layout, selectItems, groupKeys.length > 0),
  );
  const grouped =
    spec.aggregate === true || groupKeys.length > 0 || selected.some((o) => o.compiled.aggregate);

  let outputs: OutputColumn[];
  if (grouped) {
    inClause('select', () => {
      for (const output of selected) {
        if (output.compiled.aggregate) continue;
        const matches = groupKeys.some(
          (g) =>
            normalizeText(g.key) === normalizeText(output.key) ||
            normalizeText(g.item.text) === normalizeText(output.key) ||
            (g.output.field !== undefined && g.output.field === output.compiled.field),
        );
        if (!matches) {
          throw new OdsqlSemanticError(
            `Field ${output.key} must be in group_by, or used inside an aggregation such as count() or sum().`,
          );
        }
      }
    });
    const selectedExplicitly = selectItems !== null && !(selectItems.length === 1 && isStar(selectItems[0]!));
    const chosen = selectedExplicitly ? selected : [];
    const unselected = groupKeys
      .filter(
        (g) =>
          !chosen.some((o) => o.key === g.key || (o.compiled.field && o.compiled.field === g.output.field)),
      )
      .map((g) => ({ key: g.key, compiled: g.output }));
    outputs = spec.groupKeysFirst ? [...unselected, ...chosen] : [...chosen, ...unselected];
  } else {
    outputs = selected;
  }

  const order = spec.orderBy?.trim()
    ? inClause('order_by', () =>
        compileOrderBy(
          compiler,
          parseOrderBy(spec.orderBy!).items,
          outputs,
          grouped,
          spec.caseInsensitiveText,
        ),
      )
    : [];

  const table = quoteIdent(layout.table);
  // With null groups, a record with no value of a multivalued key still counts, in the null group.
  const join = spec.nullGroups ? 'LEFT JOIN' : 'JOIN';
  const joins = [...compiler.valueJoins.entries()].map(([name, alias]) => {
    const field = layout.fields.find((f) => f.field.name === name)!;
    return `${join} ${quoteIdent(field.valuesTable!)} ${alias} ON ${alias}.rid = t.rid`;
  });
  const columns = outputs.flatMap((output, k) =>
    output.compiled.sql.map((sql, j) => `${sql} AS ${quoteIdent(`o${k}_${j}`)}`),
  );
  const params = compiler.params;

  if (grouped) {
    // v2.0 has no null group (ods-api.md §4.6). Nor has geo_cluster() in either: a cluster of
    // records without a position has no centroid to draw.
    const groupSql = groupKeys.flatMap((g) => g.group);
    const notNull = groupKeys
      .filter((g) => !spec.nullGroups || g.output.kind === 'cluster')
      .flatMap((g) => g.group.map((sql) => `${sql} IS NOT NULL`));
    const where = whereSql([...conditions, ...notNull], [...columns, ...order]);
    // The null group, where there is one, comes after every other.
    const nullsLast = spec.nullGroups ? ' NULLS LAST' : '';
    const orderSql = [...order, ...groupSql.map((sql) => `${sql} ASC${nullsLast}`)];
    // One date interval of a column can be read as ranges of its index, sorting nothing.
    const buckets =
      joins.length === 0
        ? bucketPlanSql({
            compiler,
            layout,
            db,
            groupKeys,
            outputs,
            conditions,
            order,
            whereSql,
            nullGroups: spec.nullGroups === true,
          })
        : null;
    const base =
      buckets ??
      `SELECT ${columns.join(', ') || '1'} FROM ${table} t ${joins.join(' ')}${where}${
        groupSql.length ? ` GROUP BY ${groupSql.join(', ')}` : ''
      }${orderSql.length ? ` ORDER BY ${orderSql.join(', ')}` : ''}`;
    return {
      grouped,
      outputs,
      params,
      countSql: null,
      rowsSql: (limit, offset) => `${base} LIMIT ${Math.trunc(limit)} OFFSET ${Math.trunc(offset)}`,
    };
  }

  const where = whereSql(conditions, [...columns, ...order]);
  // The record id breaks ties, in the direction of the last sort key, so pages never overlap.
  const lastDescending = order.length > 0 && order[order.length - 1]!.includes(' DESC');
  const orderSql = [...order, `t.rid ${lastDescending ? 'DESC' : 'ASC'}`];
  const base = `SELECT t.rid, t.record_id, t.record_timestamp, t.record_size${
    columns.length ? `, ${columns.join(', ')}` : ''
  } FROM ${table} t${where} ORDER BY ${orderSql.join(', ')}`;
  return {
    grouped,
    outputs,
    params,
    countSql: countSql(table, conditions, where),
    rowsSql: (limit, offset) => `${base} LIMIT ${Math.trunc(limit)} OFFSET ${Math.trunc(offset)}`,
  };
}

/**
 * A filter that is one full-text or geo index lookup (`t.rid IN (SELECT …)`) is counted on the index
 * alone: its ids are distinct records, so joining back to the records table would only cost time.
 */
function countSql(table: string, conditions: readonly string[], where: string): string {
  const only =
    conditions.length === 1
      ? /^t\.rid IN \((SELECT (?:rowid|id) FROM "[^"]+" WHERE [^()]*(?:\([^()]*\))?[^()]*)\)$/.exec(
          conditions[0]!,
        )
      : null;
  if (only && where === ` WHERE ${conditions[0]}`) return `SELECT count(*) FROM (${only[1]})`;
  return `SELECT count(*) FROM ${table} t${where}`;
}
