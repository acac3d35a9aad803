import { queryOptions } from '@tanstack/react-query';
import { MAX_LIMIT } from '../../../common/ods-api/params';
import { type Expr, NO_LOC } from '../../../common/odsql/ast';
import { cmp, field, isNull, str } from '../../../common/odsql/build';
import { printOrderBy } from '../../../common/odsql/printer';
import { type PortalTarget, targetKey } from '../../api/client';
import { OdsqlError } from '../../api/errors';
import { streamLines } from '../../api/export-stream';
import { exportUrl } from '../../api/exports';
import type { OdsRecord } from '../../api/model';
import type { ViewFilter } from '../../api/params';
import { getRecords } from '../../api/records';
import { t } from '../../i18n/translate';
import { datasetQueries } from './dataset-queries';
import { type Anchor, anchorOf, anchorSelect, anchorSource, rankQuery, sourceQuery } from './plan-queries';
import {
  type Direction,
  type GridOrder,
  type GridPlan,
  planGrid,
  planWindow,
  RECORD_ID,
  type SequenceId,
  WINDOW_ROWS,
} from './records-plan';
import { withConditions } from './view-filter';

/** What the grid shows: a view's filter and the plan of its order (see table/use-grid-plan.ts). */
export interface GridView {
  filter: ViewFilter;
  plan: GridPlanInput;
}

/** What a grid plan is made from; the plan itself is rebuilt from these (query keys stay plain data). */
export interface GridPlanInput {
  order: GridOrder;
  total: number;
  nulls: number;
  /** Offsets reach rows below this (10,000; smaller in tests). */
  cap: number;
}

/** One window of the grid: its rows by rank (undefined where a row cannot be reached). */
export interface GridWindowData {
  start: number;
  records: (OdsRecord | undefined)[];
  /** Ranks within the window no request can reach (a portal that refuses recordid). */
  unreachable: { start: number; count: number }[];
}

function isNullOf(fieldName: string): Expr {
  return isNull(field(fieldName));
}

function gridPlan(input: GridPlanInput): GridPlan {
  return planGrid(input);
}

/**
 * The grid's window engine: the queries that read the records of any order at any depth past the
 * API's 10,000-row offset cap, as records-plan.ts plans them (null counts, the recordid probe,
 * windows, keyset anchors, a permalink's rank). A second object beside `datasetQueries` because
 * these are not endpoints but compositions of many `…/records` requests, each query's cache entry
 * feeding the next (anchors chain through the cache); only the Table view and the record panel's
 * previous/next use them. Keys run `['dataset', <what>, <portal>, datasetId, filter, …]` like the
 * endpoints', so `['dataset']` still invalidates everything.
 */
/**
 * A record's rank in the portal's own order (at most 10,000 rows, no sort): nothing to count
 * against, so the ids are read in that order from a one-column CSV export, which streams and stops
 * once the record is found (at most 10,000 ids, about 400 KB). The export follows the records'
 * order on the embedded portal and, as far as ODS documents, on any portal (the same query
 * without a sort); a record not found gets no position rather than a wrong one.
 */
async function naturalRank(
  target: PortalTarget,
  datasetId: string,
  filter: ViewFilter,
  total: number,
  recordId: string,
  signal: AbortSignal,
): Promise<number | null> {
  const url = exportUrl(target, datasetId, 'csv', { filter, select: RECORD_ID, limit: total });
  let rank = -1;
  for await (const lines of streamLines(target, url, { signal })) {
    for (const line of lines) {
      // The first line is the header (after a byte-order mark where the portal writes one).
      if (rank++ === -1) continue;
      if (line.trim().replace(/^"|"$/g, '') === recordId) return rank - 1;
    }
  }
  return null;
}

export const gridQueries = {
  /** How many records of a view have no value for a field: where the null part of an order starts. */
  nullCount: (target: PortalTarget, datasetId: string, filter: ViewFilter, fieldName: string) =>
    queryOptions({
      queryKey: [
        ...datasetQueries.all(),
        'null-count',
        targetKey(target),
        datasetId,
        filter,
        fieldName,
      ] as const,
      queryFn: ({ signal }) =>
        getRecords(
          target,
          datasetId,
          { filter: withConditions(filter, [isNullOf(fieldName)]), limit: 0 },
          { signal },
        ).then((page) => page.total),
    }),
  /**
   * Whether the portal takes `recordid` in order_by and where (the embedded portal does; a stock
   * portal might not). Asked once per portal and dataset, only for results beyond 10,000 rows.
   */
  recordIdOrder: (target: PortalTarget, datasetId: string) =>
    queryOptions({
      queryKey: [...datasetQueries.all(), 'recordid-order', targetKey(target), datasetId] as const,
      queryFn: async ({ signal }) => {
        try {
          await getRecords(
            target,
            datasetId,
            {
              filter: { where: cmp('>', field(RECORD_ID), str('')) },
              order_by: printOrderBy({
                kind: 'OrderBy',
                items: [{ kind: 'OrderItem', expr: field(RECORD_ID), direction: null, loc: NO_LOC }],
                loc: NO_LOC,
              }),
              limit: 1,
            },
            { signal },
          );
          return true;
        } catch (error) {
          if (error instanceof OdsqlError) return false;
          throw error;
        }
      },
      staleTime: Number.POSITIVE_INFINITY,
    }),
  /** Window `index` of the grid (rows index·100 … index·100 + 99 of the view's order). */
  gridWindow: (
    target: PortalTarget,
    datasetId: string,
    filter: ViewFilter,
    plan: GridPlanInput,
    index: number,
  ) =>
    queryOptions({
      queryKey: [
        ...datasetQueries.all(),
        'grid-window',
        targetKey(target),
        datasetId,
        filter,
        plan,
        index,
      ] as const,
      queryFn: async ({ signal, client }): Promise<GridWindowData> => {
        const grid = gridPlan(plan);
        const start = index * WINDOW_ROWS;
        const end = Math.min(plan.total, start + WINDOW_ROWS);
        const { pieces, unreachable } = planWindow(grid, start, end);
        // Filled, not sparse: a row no request reaches stays `undefined` and is listed, not skipped.
        const records: (OdsRecord | undefined)[] = Array.from(
          { length: Math.max(0, end - start) },
          () => undefined,
        );
        await Promise.all(
          pieces.map(async (piece) => {
            const source = piece.source;
            const anchor =
              source.kind === 'sequence' && source.anchor > 0
                ? await client.fetchQuery(
                    gridQueries.gridAnchor(
                      target,
                      datasetId,
                      filter,
                      plan,
                      source.sequence,
                      source.direction,
                      source.anchor,
                    ),
                  )
                : null;
            const query = sourceQuery(grid, source, anchor);
            const body = await getRecords(
              target,
              datasetId,
              {
                filter: withConditions(filter, query.conditions),
                order_by: query.orderBy,
                offset: piece.offset,
                limit: piece.count,
              },
              { signal },
            );
            const rows = [...body.records];
            if (piece.reversed) rows.reverse();
            rows.forEach((record, i) => {
              records[piece.start - start + i] = record;
            });
          }),
        );
        return { start, records, unreachable };
      },
      gcTime: 60_000,
    }),
  /**
   * Anchor `k` of a sequence read in a direction: the row at offset cap − 1 of the segment after
   * anchor k − 1 (one row, the key field only). Anchors chain through the cache.
   */
  gridAnchor: (
    target: PortalTarget,
    datasetId: string,
    filter: ViewFilter,
    plan: GridPlanInput,
    sequence: SequenceId,
    direction: Direction,
    k: number,
  ) =>
    queryOptions({
      queryKey: [
        ...datasetQueries.all(),
        'grid-anchor',
        targetKey(target),
        datasetId,
        filter,
        plan,
        sequence,
        direction,
        k,
      ] as const,
      queryFn: async ({ signal, client }): Promise<Anchor> => {
        const grid = gridPlan(plan);
        const previous =
          k > 1
            ? await client.fetchQuery(
                gridQueries.gridAnchor(target, datasetId, filter, plan, sequence, direction, k - 1),
              )
            : null;
        const query = sourceQuery(grid, anchorSource(sequence, direction, k), previous);
        const body = await getRecords(
          target,
          datasetId,
          {
            filter: withConditions(filter, query.conditions),
            order_by: query.orderBy,
            select: anchorSelect(grid, sequence),
            offset: grid.cap - 1,
            limit: 1,
          },
          { signal },
        );
        const row = body.records[0];
        if (!row) throw new Error(t('table.grid.recordsChanged'));
        return anchorOf(grid, sequence, row);
      },
      staleTime: Number.POSITIVE_INFINITY,
      gcTime: 10 * 60_000,
    }),
  /**
   * Where a record stands in the grid's order (a permalink opened on its own): the rows before it
   * are counted (records-plan.ts `rankQuery`). Null when the record is not in the view or the order
   * cannot say.
   */
  recordRank: (
    target: PortalTarget,
    datasetId: string,
    filter: ViewFilter,
    plan: GridPlanInput,
    recordId: string,
  ) =>
    queryOptions({
      queryKey: [
        ...datasetQueries.all(),
        'record-rank',
        targetKey(target),
        datasetId,
        filter,
        plan,
        recordId,
      ] as const,
      queryFn: async ({ signal, client }): Promise<number | null> => {
        const grid = gridPlan(plan);
        if (grid.order.kind === 'natural')
          return naturalRank(target, datasetId, filter, plan.total, recordId, signal);
        const record = await client.fetchQuery(datasetQueries.record(target, datasetId, recordId));
        const query = rankQuery(grid, record);
        if (!query) return null;
        const count = async (conditions: Expr[]) =>
          (
            await getRecords(
              target,
              datasetId,
              { filter: withConditions(filter, conditions), limit: 0 },
              { signal },
            )
          ).total;
        const [inView, before] = await Promise.all([
          count([cmp('=', field(RECORD_ID), str(recordId))]),
          count(query.conditions),
        ]);
        if (inView === 0) return null;
        const first = query.start + before;
        if (query.exact) return first;
        // Ordered by the key alone: the record is among the rows of its tie, from `first` on.
        if (first >= grid.cap) return null;
        const body = await getRecords(
          target,
          datasetId,
          {
            filter,
            order_by: sourceQuery(grid, { kind: 'head' }, null).orderBy,
            offset: first,
            limit: Math.min(MAX_LIMIT, grid.cap - first),
          },
          { signal },
        );
        const at = body.records.findIndex((item) => item.id === recordId);
        return at === -1 ? null : first + at;
      },
    }),
};
