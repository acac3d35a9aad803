import { Link } from '@tanstack/react-router';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { t } from '../../i18n/translate';
import styles from './catalog-page.module.css';
import type { CatalogSearch } from './catalog-search-params';
import { pageWindow } from './page-window';

export interface CatalogPagerProps {
  page: number;
  pageCount: number;
  pageSearch: (page: number) => CatalogSearch;
}

/** Links, not buttons: every page has its own URL, and can be opened in a new tab. */
export function CatalogPager({ page, pageCount, pageSearch }: CatalogPagerProps) {
  if (pageCount <= 1) return null;
  return (
    <nav className={styles.pager} aria-label={t('catalog.pager.label')}>
      {page > 1 ? (
        <Link
          to="/"
          search={pageSearch(page - 1)}
          className={styles.pageLink}
          rel="prev"
          activeOptions={{ exact: true }}
        >
          <ChevronLeft aria-hidden size={15} />
          {t('common.previous')}
        </Link>
      ) : (
        <span className={`${styles.pageLink} ${styles.pageDisabled}`} aria-hidden>
          <ChevronLeft size={15} />
          {t('common.previous')}
        </span>
      )}
      <ul className={styles.pageNumbers}>
        {pageWindow(page, pageCount).map((item, index) =>
          item === 'gap' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: gaps have no identity but their place
            <li key={`gap-${index}`} className={styles.pageGap} aria-hidden>
              …
            </li>
          ) : (
            <li key={item}>
              <Link
                to="/"
                search={pageSearch(item)}
                className={`${styles.pageLink} ${item === page ? styles.pageCurrent : ''}`}
                aria-label={t('catalog.pager.page', { page: item })}
                aria-current={item === page ? 'page' : undefined}
                // The router's own "active" test compares raw URL strings with typed search; decide here.
                activeOptions={{ exact: true }}
              >
                {item}
              </Link>
            </li>
          ),
        )}
      </ul>
      {page < pageCount ? (
        <Link
          to="/"
          search={pageSearch(page + 1)}
          className={styles.pageLink}
          rel="next"
          activeOptions={{ exact: true }}
        >
          {t('common.next')}
          <ChevronRight aria-hidden size={15} />
        </Link>
      ) : (
        <span className={`${styles.pageLink} ${styles.pageDisabled}`} aria-hidden>
          {t('common.next')}
          <ChevronRight size={15} />
        </span>
      )}
    </nav>
  );
}
