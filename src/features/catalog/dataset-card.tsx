import { Link } from '@tanstack/react-router';
import { Building2, Clock, Rows3, Scale } from 'lucide-react';
import type { Dataset } from '../../../common/ods-api/types';
import { FeatureIcons } from '../../components/feature-icons';
import { formatDate, plural } from '../../i18n/format';
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
        <p className={`${styles.excerpt} ${styles.noDescription}`}>No description.</p>
      )}
      <ul className={styles.meta}>
        {metas.publisher && (
          <li>
            <Building2 aria-hidden size={14} />
            <span className="sr-only">Publisher: </span>
            {metas.publisher}
          </li>
        )}
        <li>
          <Rows3 aria-hidden size={14} />
          {dataset.has_records ? plural(metas.records_count ?? 0, 'record') : 'No records'}
        </li>
        {modified && (
          <li>
            <Clock aria-hidden size={14} />
            <span>
              Modified <time dateTime={metas.modified ?? undefined}>{modified}</time>
            </span>
          </li>
        )}
        {metas.license && (
          <li>
            <Scale aria-hidden size={14} />
            <span className="sr-only">Licence: </span>
            {metas.license}
          </li>
        )}
        <li className={styles.id} title="Dataset identifier">
          <span className="sr-only">Identifier: </span>
          {dataset.dataset_id}
        </li>
      </ul>
      {(themes.length > 0 || keywords.length > 0) && (
        <ul className={styles.tags} aria-label="Themes and keywords">
          {themes.map((theme) => (
            <li key={`theme:${theme}`}>
              <Link
                to="/"
                search={refineSearch('theme', theme)}
                className={`${styles.tag} ${styles.theme}`}
                aria-label={`Theme: ${theme}, show only this theme`}
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
                aria-label={`Keyword: ${keyword}, show only this keyword`}
              >
                {keyword}
              </Link>
            </li>
          ))}
          {keywords.length > SHOWN_KEYWORDS && (
            <li className={styles.moreTags}>+{keywords.length - SHOWN_KEYWORDS} more</li>
          )}
        </ul>
      )}
    </article>
  );
}
