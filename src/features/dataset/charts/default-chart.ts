import { isDateType, isNumericType } from '../../../../common/ods-api/field-types';
import type { DatasetField } from '../../../../common/ods-api/types';
import type { ChartType, Measure } from './chart-params';

export interface DefaultChart {
  type: ChartType;
  x: string | null;
  measures: Measure[];
}

const COUNT: Measure = { fn: 'count', field: null };

const isFacet = (field: DatasetField) => Boolean(field.annotations.facet);

/**
 * The first chart of a dataset, so the tab is never empty: the records over time when there is a
 * date (a facet date first: the publisher chose it), else the top values of a text facet, else the
 * distribution of a number, else the count alone.
 */
export function defaultChart(fields: readonly DatasetField[]): DefaultChart {
  const dates = fields.filter((f) => isDateType(f.type));
  const date = dates.find(isFacet) ?? dates[0];
  if (date) return { type: 'column', x: date.name, measures: [COUNT] };
  const facet = fields.find((f) => (f.type === 'text' || f.type === 'boolean') && isFacet(f));
  if (facet) return { type: 'column', x: facet.name, measures: [COUNT] };
  const number = fields.find((f) => isNumericType(f.type));
  if (number) return { type: 'column', x: number.name, measures: [COUNT] };
  return { type: 'kpi', x: null, measures: [COUNT] };
}
