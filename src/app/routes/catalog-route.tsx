import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect } from 'react';
import { CatalogPage } from '../../features/catalog/catalog-page';
import { t } from '../../i18n/translate';
import { usePortal } from '../../lib/portal-context';

/** `/`: the catalog browser, its state in the URL (features/catalog/catalog-search-params.ts). */
export function CatalogRoute() {
  const { portal: _portal, ...search } = useSearch({ from: '/' });
  const navigate = useNavigate({ from: '/' });
  const { name } = usePortal();

  useEffect(() => {
    document.title = t('common.shell.title', { portal: name });
  }, [name]);

  return (
    <CatalogPage
      search={search}
      onSearchChange={(next, options = {}) =>
        navigate({ search: next, replace: options.replace, resetScroll: options.resetScroll })
      }
    />
  );
}
