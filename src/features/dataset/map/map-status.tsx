import { t } from '../../../i18n/translate';
import styles from './map-view.module.css';
import type { MapLayers } from './use-map-layers';

/** One polite line saying what the map shows of the records in the area ("showing X of Y"). */
export function MapStatus({ layers }: { layers: MapLayers }) {
  let text = t('map.status.loading');
  if (layers.kind === 'clusters') {
    text = t('map.status.clusters', {
      records: t('common.records', { count: layers.inArea }),
      count: layers.clusters.length,
    });
  } else if (layers.kind === 'records') {
    // Records drawn from a larger area's answer are more than this area holds.
    const shown = layers.reused ? Math.min(layers.inArea, layers.features.length) : layers.features.length;
    if (layers.inArea === 0) text = t('map.status.none');
    else if (layers.loading)
      text = t('map.status.loadingRecords', {
        shown: Math.min(shown, layers.expected),
        count: layers.expected,
      });
    else if (layers.expected < layers.inArea)
      text = t(layers.fallback === 'no-clusters' ? 'map.status.partialNoClusters' : 'map.status.partial', {
        shown,
        count: layers.inArea,
      });
    else text = t('map.status.all', { count: shown });
  }
  return (
    <output className={styles.status} aria-live="polite">
      {text}
    </output>
  );
}
