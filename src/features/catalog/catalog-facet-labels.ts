import { featureLabel } from '../../components/feature-icons';
import { monthName } from '../../i18n/format';

/** How the catalog names its facets and their values. */

export const FACET_LABELS: Record<string, string> = {
  theme: 'Theme',
  keyword: 'Keyword',
  publisher: 'Publisher',
  features: 'Features',
  modified: 'Modified',
  language: 'Language',
};

export function facetLabel(facet: string): string {
  return FACET_LABELS[facet] ?? facet;
}

/** `features:geo` → "Geographic data"; `modified:2020/11` → "November 2020". */
export function facetValueLabel(facet: string, value: string): string {
  if (facet === 'features') return featureLabel(value);
  if (facet === 'modified') {
    const [year, month, day] = value.split('/');
    if (day) return `${Number(day)} ${monthName(month!)} ${year}`;
    if (month) return `${monthName(month)} ${year}`;
    return year!;
  }
  return value;
}
