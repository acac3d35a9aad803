import { queryOptions } from '@tanstack/react-query';
import { isDateType, isGeoType, isNumericType } from '../../../common/ods-api/field-types';
import type { DatasetField } from '../../../common/ods-api/types';
import { getGroups, getTotals } from '../../api/aggregates';
import { type PortalTarget, targetKey } from '../../api/client';
import type { ViewFilter } from '../../api/params';
import { readGroups } from './analyze/chart-data';
import type { Measure } from './charts/chart-params';
import { binsQuery, measuresSelect, niceWidth, topValuesQuery } from './charts/chart-query';
import { toNumber } from './charts/chart-request';

/**
 * A field's profile over the view's filtered set, from aggregate queries the portal answers: how
 * many records have a value, how many distinct values (counted up to a cap, else a lower bound),
 * the range and mean of numbers and dates, and a small picture: the top values of a text, the
 * histogram of a number. The Table view's column menu shows it.
 */

/** Distinct values are counted as groups, up to this many: beyond, the profile says "at least". */
export const DISTINCT_CAP = 1000;
const TOP_VALUES = 5;
const HISTOGRAM_BINS = 10;

export interface FieldProfile {
  total: number;
  present: number;
  distinct: { count: number; atLeast: boolean } | null;
  min: number | string | null;
  max: number | string | null;
  mean: number | null;
  bars: { kind: 'top' | 'histogram'; items: { label: string; count: number }[] } | null;
}

const rangeValue = (value: unknown): number | string | null =>
  typeof value === 'number' || typeof value === 'string' ? value : null;

export async function fetchFieldProfile(
  target: PortalTarget,
  datasetId: string,
  field: DatasetField,
  filter: ViewFilter,
  { signal }: { signal?: AbortSignal } = {},
): Promise<FieldProfile> {
  const options = { signal };
  const numeric = isNumericType(field.type);
  const ranged = numeric || isDateType(field.type);
  const groupable = !isGeoType(field.type) && field.type !== 'file' && field.type !== 'json_blob';
  const measures: Measure[] = [
    { fn: 'count', field: null },
    { fn: 'count', field: field.name },
    ...(ranged ? (['min', 'max'] as const).map((fn) => ({ fn, field: field.name })) : []),
    ...(numeric ? [{ fn: 'avg' as const, field: field.name }] : []),
  ];
  const count: Measure = { fn: 'count', field: null };
  const [totals, groups] = await Promise.all([
    getTotals(target, datasetId, { filter, select: measuresSelect(measures) }, options),
    groupable
      ? getGroups(target, datasetId, { filter, ...topValuesQuery(field.name, count, DISTINCT_CAP) }, options)
      : Promise.resolve(null),
  ]);
  const profile: FieldProfile = {
    total: toNumber(totals.v0) ?? 0,
    present: toNumber(totals.v1) ?? 0,
    distinct: groups ? { count: groups.length, atLeast: groups.length >= DISTINCT_CAP } : null,
    min: ranged ? rangeValue(totals.v2) : null,
    max: ranged ? rangeValue(totals.v3) : null,
    mean: numeric ? toNumber(totals.v4) : null,
    bars: null,
  };
  if (numeric) {
    const low = toNumber(totals.v2);
    const high = toNumber(totals.v3);
    if (low !== null && high !== null && high > low) {
      const width = niceWidth(low, high, HISTOGRAM_BINS, field.type === 'int');
      const rows = await getGroups(target, datasetId, { filter, ...binsQuery(field.name, width) }, options);
      const data = readGroups(rows, { kind: 'number', bins: { width } }, ['count']);
      profile.bars = {
        kind: 'histogram',
        items: data.buckets.map((bucket, k) => ({
          label: bucket.label,
          count: data.series[0]!.values[k] ?? 0,
        })),
      };
    }
  } else if (groups && !isDateType(field.type)) {
    const data = readGroups(groups.slice(0, TOP_VALUES), { kind: 'category' }, ['count']);
    profile.bars = {
      kind: 'top',
      items: data.buckets.map((bucket, k) => ({
        label: bucket.label,
        count: data.series[0]!.values[k] ?? 0,
      })),
    };
  }
  return profile;
}

export function fieldProfileQuery(
  target: PortalTarget,
  datasetId: string,
  field: DatasetField,
  filter: ViewFilter,
) {
  return queryOptions({
    queryKey: ['dataset', 'field-profile', targetKey(target), datasetId, field.name, filter] as const,
    queryFn: ({ signal }) => fetchFieldProfile(target, datasetId, field, filter, { signal }),
    staleTime: 60_000,
  });
}
