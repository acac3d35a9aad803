import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { DatasetField } from '../../../../common/ods-api/types';
import type { PortalTarget } from '../../../api/client';
import type { ViewFilter } from '../../../api/params';
import { formatCount } from '../../../i18n/format';
import { t } from '../../../i18n/translate';
import { currentTheme } from '../../../lib/theme-in-force';
import { datasetQueries } from '../dataset-queries';
import { PALETTES } from './map-palette';
import type { ColorRule } from './map-style';
import styles from './map-view.module.css';

/** Categories a map colours by; the rest are "others" in one grey. */
export const MAX_CATEGORIES = 10;

interface ColorCategories {
  rule: ColorRule | null;
  counts: number[];
  others: number;
}

/**
 * Colour by a facet field: its ten most frequent values under the view's filter (the portal's
 * facet counts), each a colour of the palette; the rest share one.
 */
export function useColorRule(
  target: PortalTarget,
  datasetId: string,
  filter: ViewFilter,
  field: DatasetField | undefined,
): ColorCategories {
  const facets = useQuery({
    ...datasetQueries.facets(target, datasetId, { filter, facet: field ? [field.name] : [] }),
    enabled: field !== undefined,
  });
  return useMemo(() => {
    const group = field ? facets.data?.find((g) => g.name === field.name) : undefined;
    if (!field || !group) return { rule: null, counts: [], others: 0 };
    const top = group.facets.slice(0, MAX_CATEGORIES);
    const others = group.facets.slice(MAX_CATEGORIES).reduce((sum, v) => sum + (v.count ?? 0), 0);
    return {
      rule: { field: field.name, values: top.map((v) => v.value) },
      counts: top.map((v) => v.count ?? 0),
      others,
    };
  }, [field, facets.data]);
}

export function MapLegend({
  field,
  rule,
  counts,
  others,
}: { field: DatasetField } & ColorCategories & { rule: ColorRule }) {
  const palette = PALETTES[currentTheme()];
  return (
    <figure
      className={styles.legend}
      aria-label={t('map.legend.label', { field: field.label || field.name })}
    >
      <figcaption>{field.label || field.name}</figcaption>
      <ul>
        {rule.values.map((value, i) => (
          <li key={value}>
            <span className={styles.swatch} style={{ background: palette.categories[i] }} aria-hidden />
            <span className={styles.legendValue}>{value}</span>
            <span className={styles.legendCount}>{formatCount(counts[i] ?? 0)}</span>
          </li>
        ))}
        {others > 0 && (
          <li>
            <span className={styles.swatch} style={{ background: palette.others }} aria-hidden />
            <span className={styles.legendValue}>{t('map.legend.others')}</span>
            <span className={styles.legendCount}>{formatCount(others)}</span>
          </li>
        )}
      </ul>
    </figure>
  );
}
