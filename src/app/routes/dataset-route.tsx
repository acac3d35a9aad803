import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { DatasetPage } from '../../features/dataset/dataset-page';

/**
 * `/datasets/$datasetId` and its child `/datasets/$datasetId/records/$recordId`, loaded on demand.
 * One page serves both, so opening a record keeps the grid (and its scroll) under the panel.
 */
export function DatasetRoute() {
  const { datasetId } = useParams({ from: '/datasets/$datasetId' });
  const { recordId } = useParams({ strict: false });
  const { portal: _portal, ...search } = useSearch({ from: '/datasets/$datasetId' });
  const navigate = useNavigate();
  return (
    <DatasetPage
      datasetId={datasetId}
      search={search}
      recordId={recordId ?? null}
      onSearchChange={(next, options = {}) =>
        navigate({ to: '.', search: next, replace: options.replace, resetScroll: false })
      }
      onOpenRecord={(id, options = {}) =>
        navigate({
          to: '/datasets/$datasetId/records/$recordId',
          params: { datasetId, recordId: id },
          search: (previous) => previous,
          replace: options.replace,
          resetScroll: false,
        })
      }
      onCloseRecord={() =>
        navigate({
          to: '/datasets/$datasetId',
          params: { datasetId },
          search: (previous) => previous,
          resetScroll: false,
        })
      }
      recordLink={(id, children, className) => (
        <Link
          to="/datasets/$datasetId/records/$recordId"
          params={{ datasetId, recordId: id }}
          search={(previous) => previous}
          className={className}
        >
          {children}
        </Link>
      )}
    />
  );
}
