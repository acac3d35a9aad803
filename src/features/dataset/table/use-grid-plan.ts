import { useQuery } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import { MAX_WINDOW } from '../../../../common/ods-api/params';
import type { DatasetField } from '../../../../common/ods-api/types';
import type { PortalTarget } from '../../../api/client';
import type { ViewFilter } from '../../../api/params';
import { datasetQueries } from '../dataset-queries';
import { parseSort } from '../dataset-search-params';
import { type GridView, gridQueries } from '../grid-queries';
import {
  chooseOrder,
  type GridOrder,
  needsNullCount,
  needsRecordIdOrder,
  planGrid,
  reachable,
} from '../records-plan';

/**
 * Everything the grid needs before its first window: the count of the view (which decides the
 * order: the portal's own up to 10,000 rows, a key and recordid beyond), whether the portal sorts
 * by recordid (asked once, only beyond 10,000 rows), and how many rows have no key (where the
 * null part starts). While a new view's plan is not ready, the previous one stays on screen,
 * marked stale.
 */
export interface GridPlanState {
  /** The view the grid shows (perhaps the previous one, see `stale`). */
  view: GridView | null;
  stale: boolean;
  /** The count of the current view, once known (the previous view's while it loads). */
  total: number | undefined;
  totalStale: boolean;
  error: unknown;
  retry: () => void;
  /** Which ranks the order reaches; all of them unless the portal refuses recordid. */
  reach: ReturnType<typeof reachable> | null;
  order: GridOrder | null;
}

export function useGridPlan(
  target: PortalTarget,
  datasetId: string,
  fields: readonly DatasetField[],
  filter: ViewFilter,
  sortParam: string | undefined,
  cap = MAX_WINDOW,
): GridPlanState {
  const count = useQuery(datasetQueries.recordsCount(target, datasetId, filter));
  const total = count.isPlaceholderData ? undefined : count.data;
  const wantsProbe = total !== undefined && needsRecordIdOrder(total, cap);
  const probe = useQuery({ ...gridQueries.recordIdOrder(target, datasetId), enabled: wantsProbe });
  const sort = parseSort(sortParam);
  const order =
    total === undefined || (wantsProbe && probe.data === undefined)
      ? null
      : chooseOrder({ sort, fields, total, recordIdOrder: wantsProbe ? (probe.data ?? null) : null, cap });
  const nullField =
    order && total !== undefined && needsNullCount(order, total, cap) && order.kind !== 'natural'
      ? order.key?.field
      : undefined;
  const nulls = useQuery({
    ...gridQueries.nullCount(target, datasetId, filter, nullField ?? ''),
    enabled: nullField !== undefined,
  });

  const orderKey = order ? JSON.stringify(order) : null;
  const nullCount = nullField === undefined ? 0 : nulls.data;
  const current = useMemo<GridView | null>(() => {
    if (orderKey === null || total === undefined || nullCount === undefined) return null;
    return { filter, plan: { order: JSON.parse(orderKey) as GridOrder, total, nulls: nullCount, cap } };
  }, [orderKey, total, nullCount, filter, cap]);

  const last = useRef<GridView | null>(null);
  if (current) last.current = current;
  const view = current ?? last.current;
  const error = count.error ?? probe.error ?? nulls.error ?? null;
  return {
    view,
    stale: current === null,
    total: count.data,
    totalStale: count.isPlaceholderData,
    error,
    retry: () => {
      if (count.error) void count.refetch();
      if (probe.error) void probe.refetch();
      if (nulls.error) void nulls.refetch();
    },
    reach: view ? reachable(planGrid(view.plan)) : null,
    order: view?.plan.order ?? null,
  };
}
