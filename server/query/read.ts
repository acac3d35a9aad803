import type Database from 'better-sqlite3';
import type { RecordBody } from '../../common/ods-api/types';
import { OdsHttpError } from '../errors';
import { QueryTimeoutError, withDeadline } from '../odsql/sql-functions';
import { type DecodeContext, type Decoder, decoderFor } from './outputs';
import type { Plan } from './plan';

/** How long one API query may run before it is stopped and answered with an error. */
export const QUERY_TIME_LIMIT_MS = 10_000;

/** ODS's 400 for a query stopped at its time limit. */
export function queryTimeout(limitMs: number): OdsHttpError {
  return new OdsHttpError(
    400,
    'QueryTimeoutError',
    `${new QueryTimeoutError(limitMs).message} Narrow it with a where clause or a refine, or group fewer records.`,
  );
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
const STATEMENT_CACHE_SIZE = 500;

/**
 * A prepared statement, reused across requests: the compiler writes the same SQL text for the same
 * query shape (values travel as parameters), and preparing costs as much as running a small query.
 */
export function prepareCached(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement) {
    // Re-inserted so the map's order is least recently used first.
    cache.delete(sql);
  } else {
    statement = db.prepare(sql);
    if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(sql, statement);
  return statement;
}

/** Runs a statement under the query time limit, answering ODS-style when it runs out. */
export function timed<T>(work: () => T): T {
  try {
    return withDeadline(QUERY_TIME_LIMIT_MS, work);
  } catch (error) {
    if (error instanceof QueryTimeoutError) throw queryTimeout(error.limitMs);
    throw error;
  }
}

function decoders(plan: Plan, context: DecodeContext): { key: string; decode: Decoder; width: number }[] {
  return plan.outputs.map((output) => ({
    key: output.key,
    decode: decoderFor(output.compiled, context),
    width: output.compiled.sql.length,
  }));
}

/** Turns raw SQL rows (arrays) into record field objects, column by column. */
export function fieldsReader(plan: Plan, context: DecodeContext, skip: number) {
  const columns = decoders(plan, context);
  return (row: readonly unknown[]): Record<string, unknown> => {
    const fields: Record<string, unknown> = {};
    let index = skip;
    for (const column of columns) {
      fields[column.key] = column.decode(row.slice(index, index + column.width));
      index += column.width;
    }
    return fields;
  };
}

export function countRecords(db: Database.Database, plan: Plan): number {
  if (!plan.countSql) throw new Error('a grouped query has no count');
  return timed(() => prepareCached(db, plan.countSql!).pluck().get(plan.params) as number);
}

export function readRecords(
  db: Database.Database,
  plan: Plan,
  limit: number,
  offset: number,
  context: DecodeContext,
): RecordBody[] {
  const read = fieldsReader(plan, context, 4);
  const rows = timed(
    () => prepareCached(db, plan.rowsSql(limit, offset)).raw(true).all(plan.params) as unknown[][],
  );
  return rows.map((row) => ({
    id: row[1] as string,
    timestamp: row[2] as string,
    size: row[3] as number,
    fields: read(row),
  }));
}

export function readGroups(
  db: Database.Database,
  plan: Plan,
  limit: number,
  offset: number,
  context: DecodeContext,
): Record<string, unknown>[] {
  const read = fieldsReader(plan, context, 0);
  const rows = timed(
    () => prepareCached(db, plan.rowsSql(limit, offset)).raw(true).all(plan.params) as unknown[][],
  );
  return rows.map(read);
}
