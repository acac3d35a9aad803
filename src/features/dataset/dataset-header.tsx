import {
  Building2,
  ChartColumn,
  Clock,
  Code,
  Download,
  Info,
  MapPin,
  Rows3,
  Scale,
  Table2,
} from 'lucide-react';
import { type KeyboardEvent, type ReactNode, useRef } from 'react';
import type { Dataset } from '../../../common/ods-api/types';
import { FeatureIcons } from '../../components/feature-icons';
import { formatDate } from '../../i18n/format';
import { type MessageKey, t } from '../../i18n/translate';
import styles from './dataset-page.module.css';
import type { DatasetTab } from './dataset-search-params';

const TAB_LABELS = {
  table: 'dataset.tabs.table',
  map: 'dataset.tabs.map',
  analyze: 'dataset.tabs.analyze',
  export: 'dataset.tabs.export',
  api: 'dataset.tabs.api',
  information: 'dataset.tabs.information',
} as const satisfies Record<DatasetTab, MessageKey>;
const TAB_ICONS: Record<DatasetTab, typeof Table2> = {
  table: Table2,
  map: MapPin,
  analyze: ChartColumn,
  export: Download,
  api: Code,
  information: Info,
};

/** Title and key facts; the description lives in the Information tab, so the grid gets the height. */
export function DatasetHeader({
  dataset,
  title,
  actions,
}: {
  dataset: Dataset;
  title: string;
  /** At the end of the title row (the feedback button). */
  actions?: ReactNode;
}) {
  const metas = dataset.metas.default;
  return (
    <header className={styles.header}>
      <div className={styles.titleRow}>
        <h1 id="dataset-heading" className={styles.title}>
          {title}
        </h1>
        <div className={styles.titleEnd}>
          <FeatureIcons datasetId={dataset.dataset_id} features={dataset.features} keepFilters />
          {actions}
        </div>
      </div>
      <ul className={styles.meta}>
        {metas.publisher && (
          <li>
            <Building2 aria-hidden size={15} />
            <span className="sr-only">{t('common.meta.publisher')} </span>
            {metas.publisher}
          </li>
        )}
        <li>
          <Rows3 aria-hidden size={15} />
          {dataset.has_records
            ? t('common.records', { count: metas.records_count ?? 0 })
            : t('common.noRecords')}
        </li>
        {formatDate(metas.modified) && (
          <li>
            <Clock aria-hidden size={15} />
            {t('common.meta.modified', { date: formatDate(metas.modified)! })}
          </li>
        )}
        {metas.license && (
          <li>
            <Scale aria-hidden size={15} />
            <span className="sr-only">{t('common.meta.licence')} </span>
            {metas.license_url ? (
              <a href={metas.license_url} rel="noreferrer noopener" target="_blank">
                {metas.license}
              </a>
            ) : (
              metas.license
            )}
          </li>
        )}
        <li className={styles.id}>
          <span className="sr-only">{t('common.meta.identifier')} </span>
          {dataset.dataset_id}
        </li>
      </ul>
    </header>
  );
}

/** Native buttons with the tab roles; the arrow keys move between them (roving tabindex). */
export function DatasetTabs({
  tab,
  tabs,
  onChange,
}: {
  tab: DatasetTab;
  tabs: readonly DatasetTab[];
  onChange: (tab: DatasetTab) => void;
}) {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = tabs.indexOf(tab);
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    const next = tabs[(index + delta + tabs.length) % tabs.length]!;
    onChange(next);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={t('dataset.tabs.label')} className={styles.tabs}>
      {tabs.map((name) => {
        const Icon = TAB_ICONS[name];
        return (
          <button
            key={name}
            ref={(element) => {
              refs.current[name] = element;
            }}
            type="button"
            role="tab"
            id={`dataset-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`dataset-panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            className={styles.tab}
            onClick={() => tab !== name && onChange(name)}
            onKeyDown={onKeyDown}
          >
            <Icon aria-hidden size={15} />
            {t(TAB_LABELS[name])}
          </button>
        );
      })}
    </div>
  );
}
