import { Link } from '@tanstack/react-router';
import { Building2, Clock, Rows3, Scale } from 'lucide-react';
import type { Dataset } from '../../../common/ods-api/types';
import { FeatureIcons } from '../../components/feature-icons';
import { formatDate } from '../../i18n/format';
import { RichMessage } from '../../i18n/rich-message';
import { t } from '../../i18n/translate';
import { excerpt, htmlToText } from '../../lib/html-text';
import type { CatalogSearch } from './catalog-search-params';
import styles from './dataset-card.module.css';

const SHOWN_KEYWORDS = 6;

export interface DatasetCardProps {
  dataset: Dataset;
  /** The catalog state a click on a theme or keyword leads to (refined on it). */
  refineSearch: (facet: 'theme' | 'keyword', value: string) => CatalogSearch;
}

/** One catalog result: what the dataset is, how big, how fresh, whose, and under which licence. */
export function DatasetCard({ dataset, refineSearch }: DatasetCardProps) {
  const metas = dataset.metas.default;
  const description = excerpt(htmlToText(metas.description), 260);
  const modified = formatDate(metas.modified);
  const keywords = metas.keyword ?? [];
  const themes = metas.theme ?? [];
  const headingId = `dataset-${dataset.dataset_id}`;
  return (
    <article className={styles.card} aria-labelledby={headingId}>
      <div className={styles.head}>
        <h2 className={styles.title} id={headingId}>
          <Link to="/datasets/$datasetId" params={{ datasetId: dataset.dataset_id }}>
            {metas.title || dataset.dataset_id}
          </Link>
        </h2>
        <FeatureIcons datasetId={dataset.dataset_id} features={dataset.features} />
      </div>
      {description ? (
        <p className={styles.excerpt}>{description}</p>
      ) : (
        <p className={`${styles.excerpt} ${styles.noDescription}`}>{t('catalog.card.noDescription')}</p>
      )}
      <ul className={styles.meta}>
        {metas.publisher && (
          <li>
            <Building2 aria-hidden size={14} />
            <span className="sr-only">{t('common.meta.publisher')} </span>
            {metas.publisher}
          </li>
        )}
        <li>
          <Rows3 aria-hidden size={14} />
          {dataset.has_records
            ? t('common.records', { count: metas.records_count ?? 0 })
            : t('common.noRecords')}
        </li>
        {modified && (
          <li>
            <Clock aria-hidden size={14} />
            <span>
              <RichMessage
                k="common.meta.modified"
                values={{ date: <time dateTime={metas.modified ?? undefined}>{modified}</time> }}
              />
            </span>
          </li>
        )}
        {metas.license && (
          <li>
            <Scale aria-hidden size={14} />
            <span className="sr-only">{t('common.meta.licence')} </span>
            {metas.license}
          </li>
        )}
        <li className={styles.id} title={t('catalog.card.identifierTitle')}>
          <span className="sr-only">{t('common.meta.identifier')} </span>
          {dataset.dataset_id}
        </li>
      </ul>
      {(themes.length > 0 || keywords.length > 0) && (
        <ul className={styles.tags} aria-label={t('catalog.card.tags')}>
          {themes.map((theme) => (
            <li key={`theme:${theme}`}>
              <Link
                to="/"
                search={refineSearch('theme', theme)}
                className={`${styles.tag} ${styles.theme}`}
                aria-label={t('catalog.card.theme', { theme })}
              >
                {theme}
              </Link>
            </li>
          ))}
          {keywords.slice(0, SHOWN_KEYWORDS).map((keyword) => (
            <li key={`keyword:${keyword}`}>
              <Link
                to="/"
                search={refineSearch('keyword', keyword)}
                className={styles.tag}
                aria-label={t('catalog.card.keyword', { keyword })}
              >
                {keyword}
              </Link>
            </li>
          ))}
          {keywords.length > SHOWN_KEYWORDS && (
            <li className={styles.moreTags}>
              {t('catalog.card.moreKeywords', { count: keywords.length - SHOWN_KEYWORDS })}
            </li>
          )}
        </ul>
      )}
    </article>
  );
}
