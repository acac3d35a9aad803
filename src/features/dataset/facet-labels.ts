import { isDateType } from '../../../common/ods-api/field-types';
import type { DatasetField } from '../../../common/ods-api/types';
import { monthName } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { splitFilter } from '../../lib/refine-filters';

/**
 * How a dataset's facets and their values read: the field's label; date paths as words
 * (`2018/02` → "February 2018", or "February" inside its year); booleans as Yes/No.
 */

export function facetField(fields: readonly DatasetField[], name: string): DatasetField | undefined {
  return fields.find((f) => f.name === name);
}

export function facetLabel(fields: readonly DatasetField[], name: string): string {
  return facetField(fields, name)?.label || name;
}

export function isDateFacet(field: DatasetField | undefined): boolean {
  return field !== undefined && isDateType(field.type);
}

/** A value of a facet; `depth` > 0 names a level inside its parent (a month inside its year). */
export function facetValueLabel(field: DatasetField | undefined, value: string, depth = 0): string {
  if (isDateFacet(field)) {
    const [year, month, day] = value.split('/');
    if (depth > 0) return day ? String(Number(day)) : month ? monthName(month) : (year ?? value);
    if (day) return `${Number(day)} ${monthName(month!)} ${year}`;
    if (month) return `${monthName(month)} ${year}`;
    return year ?? value;
  }
  if (field?.type === 'boolean') {
    if (value === 'true' || value === '1') return t('common.yes');
    if (value === 'false' || value === '0') return t('common.no');
  }
  if (depth > 0 && field?.annotations.hierarchical) {
    const separator = field.annotations.hierarchical[0] ?? '/';
    return value.split(separator).pop() ?? value;
  }
  return value;
}

/** `country_code:FR` → "Country code: FR". */
export function refineLabel(fields: readonly DatasetField[], filter: string): string {
  const parts = splitFilter(filter);
  if (!parts) return filter;
  return t('common.facet.label', {
    facet: facetLabel(fields, parts.facet),
    value: facetValueLabel(facetField(fields, parts.facet), parts.value),
  });
}
