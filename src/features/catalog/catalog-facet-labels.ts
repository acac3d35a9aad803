import { featureLabel } from '../../components/feature-icons';
import { monthName } from '../../i18n/format';
import { type MessageKey, t } from '../../i18n/translate';

/** How the catalog names its facets and their values. */

const FACET_LABELS: Readonly<Record<string, Extract<MessageKey, `catalog.facet.${string}`>>> = {
  theme: 'catalog.facet.theme',
  keyword: 'catalog.facet.keyword',
  publisher: 'catalog.facet.publisher',
  features: 'catalog.facet.features',
  modified: 'catalog.facet.modified',
  language: 'catalog.facet.language',
};

export function facetLabel(facet: string): string {
  const key = FACET_LABELS[facet];
  return key ? t(key) : facet;
}

/**
 * `features:geo` → "Geographic data"; `modified:2020/11` → "November 2020". Inside the date tree
 * (`depth` > 0) a month or a day is named without its year, which is the row above.
 */
export function facetValueLabel(facet: string, value: string, depth = 0): string {
  if (facet === 'features') return featureLabel(value);
  if (facet === 'modified') {
    const [year, month, day] = value.split('/');
    if (day) {
      const date = { count: Number(day), month: monthName(month!) };
      return depth > 0 ? t('catalog.date.dayOfMonth', date) : t('catalog.date.day', { ...date, year: year! });
    }
    if (month)
      return depth > 0 ? monthName(month) : t('catalog.date.month', { month: monthName(month), year: year! });
    return year!;
  }
  return value;
}
