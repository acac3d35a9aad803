import type { DatasetField } from '../../../../common/ods-api/types';
import type { Expr } from '../../../../common/odsql/ast';
import { and, cmp, date, field, isBoolean, isNull, paren } from '../../../../common/odsql/build';
import { parseWhere } from '../../../../common/odsql/parser';
import { printExpr } from '../../../../common/odsql/printer';
import { outsideValues } from '../charts/chart-query';
import { type DatasetSearch, toggleRefine, withWhere } from '../dataset-search-params';
import type { Bucket, GroupedData } from './chart-data';

/**
 * What a click on a bar, slice or point does: the filter it stands for joins the view's, so the
 * table and the map follow. A facet's value becomes a `refine` (as a click in the facet panel
 * would, and a second click lifts it); anything else a condition ANDed to `where`: a value, a
 * number bin or a time bucket as a half-open range, "Others" as NOT IN the values shown.
 */

type Scalar = string | number | boolean | null;

function valueCondition(f: DatasetField, value: Scalar): Expr {
  if (value === null || value === '') return isNull(field(f.name));
  if (typeof value === 'boolean') return isBoolean(field(f.name), value);
  return cmp('=', field(f.name), value);
}

/** The condition a bucket of the x axis stands for; null when it stands for no records subset. */
export function bucketCondition(f: DatasetField, bucket: Bucket, data: GroupedData): Expr | null {
  switch (bucket.kind) {
    case 'value':
      return valueCondition(f, bucket.value);
    case 'range': {
      const parts: Expr[] = [];
      if (bucket.low !== null) parts.push(cmp('>=', field(f.name), bucket.low));
      if (bucket.high !== null) parts.push(cmp('<', field(f.name), bucket.high));
      return parts.length ? and(...parts) : null;
    }
    case 'time':
      return and(
        cmp('>=', field(f.name), date(new Date(bucket.start))),
        cmp('<', field(f.name), date(new Date(bucket.end))),
      );
    case 'others': {
      const shown = data.buckets.flatMap((b) =>
        b.kind === 'value' && b.value !== null && b.value !== '' ? [b.value] : [],
      );
      return shown.length ? outsideValues(f.name, shown) : null;
    }
  }
}

/** The user's clause with a condition ANDed; null when their clause does not parse (nothing is added to it). */
export function andWhere(where: string | undefined, condition: Expr): string | null {
  if (!where) return printExpr(condition);
  try {
    return printExpr(and(paren(parseWhere(where).condition), condition));
  } catch {
    return null;
  }
}

const isFacet = (f: DatasetField) => Boolean(f.annotations.facet) && f.type === 'text';

export interface ChartClick {
  bucket: Bucket;
  /** The breakdown value of the series clicked, when the chart has one. */
  by?: { field: DatasetField; value: Scalar };
}

/** The page's search once a click's filter is applied; null when the click adds nothing. */
export function searchAfterClick(
  search: DatasetSearch,
  x: DatasetField,
  click: ChartClick,
  data: GroupedData,
): DatasetSearch | null {
  let next = search;
  const conditions: Expr[] = [];
  const refineOrWhere = (f: DatasetField, bucket: Bucket) => {
    if (bucket.kind === 'value' && isFacet(f) && bucket.value !== null && bucket.value !== '') {
      next = toggleRefine(next, f.name, String(bucket.value));
      return;
    }
    const condition = bucketCondition(f, bucket, data);
    if (condition) conditions.push(condition);
  };
  refineOrWhere(x, click.bucket);
  if (click.by) {
    const label = click.by.value === null ? '' : String(click.by.value);
    refineOrWhere(click.by.field, { kind: 'value', label, value: click.by.value });
  }
  if (conditions.length === 0) return next === search ? null : next;
  const where = andWhere(next.where, and(...conditions));
  return where === null ? (next === search ? null : next) : withWhere(next, where);
}
