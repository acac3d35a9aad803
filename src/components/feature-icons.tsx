import { Link } from '@tanstack/react-router';
import {
  CalendarDays,
  ChartColumn,
  ChartLine,
  Image,
  LayoutDashboard,
  type LucideIcon,
  MapPin,
  Plug,
  Sigma,
} from 'lucide-react';
import { type MessageKey, t } from '../i18n/translate';
import styles from './feature-icons.module.css';

type FeatureKey = Extract<MessageKey, `common.feature.${string}`>;

/**
 * ODS dataset features (ods-api.md §3.1) and how the explorer names and draws them. `view` is the
 * dataset tab that shows the feature, for the features the explorer has a view of (the Map for
 * `geo`; analyze, timeserie and aggregate will lead to Analyze once it exists), with the words of
 * its link.
 */
export const FEATURES: Record<
  string,
  { label: FeatureKey; icon: LucideIcon; view?: { tab: 'map'; link: 'common.features.openMap' } }
> = {
  geo: {
    label: 'common.feature.geo',
    icon: MapPin,
    view: { tab: 'map', link: 'common.features.openMap' },
  },
  analyze: { label: 'common.feature.analyze', icon: ChartColumn },
  timeserie: { label: 'common.feature.timeserie', icon: ChartLine },
  calendar: { label: 'common.feature.calendar', icon: CalendarDays },
  image: { label: 'common.feature.image', icon: Image },
  apiproxy: { label: 'common.feature.apiproxy', icon: Plug },
  aggregate: { label: 'common.feature.aggregate', icon: Sigma },
  custom_view: { label: 'common.feature.customView', icon: LayoutDashboard },
};

/** A feature's name in the reader's language; a feature the explorer does not know keeps ODS's name. */
export function featureLabel(feature: string): string {
  const known = FEATURES[feature];
  return known ? t(known.label) : feature;
}

export interface FeatureIconsProps {
  datasetId: string;
  features: readonly string[];
  /**
   * On the dataset's own page a view link keeps the page's filters (every view shares them);
   * from the catalog it opens the view unfiltered.
   */
  keepFilters?: boolean;
}

/**
 * A dataset's features as small labelled icons (the label is the accessible name and the tooltip).
 * Only a feature with a view is a link, to that view; the others are plain labels, not buttons.
 */
export function FeatureIcons({ datasetId, features, keepFilters = false }: FeatureIconsProps) {
  const known = features.filter((feature) => FEATURES[feature]);
  if (known.length === 0) return null;
  return (
    <ul className={styles.list} aria-label={t('common.features.label')}>
      {known.map((feature) => {
        const { icon: Icon, view } = FEATURES[feature]!;
        const label = featureLabel(feature);
        return (
          <li key={feature} className={styles.item}>
            {view ? (
              <Link
                to="/datasets/$datasetId"
                params={{ datasetId }}
                search={keepFilters ? (previous) => ({ ...previous, tab: view.tab }) : { tab: view.tab }}
                className={styles.link}
                title={t(view.link, { feature: label })}
              >
                <Icon aria-hidden size={15} />
                <span className="sr-only">{t(view.link, { feature: label })}</span>
              </Link>
            ) : (
              <span className={styles.icon} title={label}>
                <Icon aria-hidden size={15} />
                <span className="sr-only">{label}</span>
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
