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

/** ODS dataset features (ods-api.md §3.1) and how the explorer names and draws them. */
export const FEATURES: Record<string, { label: string; icon: LucideIcon }> = {
  geo: { label: 'Geographic data', icon: MapPin },
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

/** A dataset's features as small labelled icons (the label is the accessible name and the tooltip). */
export function FeatureIcons({ features }: { features: readonly string[] }) {
  const known = features.filter((feature) => FEATURES[feature]);
  if (known.length === 0) return null;
  return (
    <ul className={styles.list} aria-label="Features">
      {known.map((feature) => {
        const { label, icon: Icon } = FEATURES[feature]!;
        return (
          <li key={feature} className={styles.item} title={label}>
            <Icon aria-hidden size={14} />
            <span className="sr-only">{label}</span>
          </li>
        );
      })}
    </ul>
  );
}
