import { useQuery } from '@tanstack/react-query';
import type { DatasetField } from '../../../common/ods-api/types';
import type { PortalTarget } from '../../api/client';
import type { ViewFilter } from '../../api/params';
import { datasetQueries } from './dataset-queries';
import { parseSort } from './dataset-search-params';
import { gridQueries } from './grid-queries';
import { printTerms } from './plan-queries';
import { chooseOrder, needsRecordIdOrder, orderTerms } from './records-plan';
import { fitLayout, layoutKey, readLayout } from './table/grid-layout';

/**
 * The table's order and columns as other views (Export, API) need them: the order the grid shows
 * (records-plan.ts: the user's sort, else the portal's own order or a default key with recordid)
 * as an `order_by`, and the columns the user left visible, in the order they arranged them.
 */

export interface ViewOrder {
  /** undefined: the portal's own order. */
  orderBy: string | undefined;
  /** False while the count that decides the order is loading. */
  ready: boolean;
}

export function useViewOrder(
  target: PortalTarget,
  datasetId: string,
  fields: readonly DatasetField[],
  filter: ViewFilter,
  sortParam: string | undefined,
): ViewOrder {
  const count = useQuery(datasetQueries.recordsCount(target, datasetId, filter));
  const total = count.isPlaceholderData ? undefined : count.data;
  const wantsProbe = total !== undefined && needsRecordIdOrder(total);
  const probe = useQuery({ ...gridQueries.recordIdOrder(target, datasetId), enabled: wantsProbe });
  if (total === undefined || (wantsProbe && probe.data === undefined))
    return { orderBy: undefined, ready: false };
  const order = chooseOrder({
    sort: parseSort(sortParam),
    fields,
    total,
    recordIdOrder: wantsProbe ? (probe.data ?? null) : null,
  });
  return { orderBy: printTerms(orderTerms(order)), ready: true };
}

/**
 * The table's visible columns in its order (kept per portal and dataset, table/grid-layout.ts), or
 * null when it shows every field in the schema's order, so an export needs no `select`.
 */
export function visibleColumns(
  portal: string,
  datasetId: string,
  fields: readonly DatasetField[],
): string[] | null {
  const names = fields.map((f) => f.name);
  const layout = fitLayout(readLayout(layoutKey(portal, datasetId)), names);
  const shown = layout.order.filter((name) => !layout.hidden.includes(name));
  return shown.length === names.length && shown.every((name, i) => name === names[i]) ? null : shown;
}
