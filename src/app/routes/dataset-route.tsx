import { useParams } from '@tanstack/react-router';
import { DatasetPage } from '../../features/dataset/dataset-page';

/** `/datasets/$datasetId`, loaded on demand. */
export function DatasetRoute() {
  const { datasetId } = useParams({ from: '/datasets/$datasetId' });
  return <DatasetPage datasetId={datasetId} />;
}
