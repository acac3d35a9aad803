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
import styles from './feature-icons.module.css';

/**
 * ODS dataset features (ods-api.md §3.1) and how the explorer names and draws them. `view` is the
 * dataset tab that shows the feature, for the features the explorer has a view of (the Map for
 * `geo`; analyze, timeserie and aggregate will lead to Analyze once it exists).
 */
export const FEATURES: Record<
  string,
  { label: string; icon: LucideIcon; view?: { tab: 'map'; name: string } }
> = {
  geo: { label: 'Geographic data', icon: MapPin, view: { tab: 'map', name: 'the map' } },
  analyze: { label: 'Analyzable', icon: ChartColumn },
  timeserie: { label: 'Time series', icon: ChartLine },
  calendar: { label: 'Calendar', icon: CalendarDays },
  image: { label: 'Images', icon: Image },
  apiproxy: { label: 'API proxy', icon: Plug },
  aggregate: { label: 'Aggregates', icon: Sigma },
  custom_view: { label: 'Custom view', icon: LayoutDashboard },
};

export function featureLabel(feature: string): string {
  return FEATURES[feature]?.label ?? feature;
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
    <ul className={styles.list} aria-label="Features">
      {known.map((feature) => {
        const { label, icon: Icon, view } = FEATURES[feature]!;
        return (
          <li key={feature} className={styles.item}>
            {view ? (
              <Link
                to="/datasets/$datasetId"
                params={{ datasetId }}
                search={keepFilters ? (previous) => ({ ...previous, tab: view.tab }) : { tab: view.tab }}
                className={styles.link}
                title={`${label}: open ${view.name}`}
              >
                <Icon aria-hidden size={15} />
                <span className="sr-only">
                  {label}: open {view.name}
                </span>
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
