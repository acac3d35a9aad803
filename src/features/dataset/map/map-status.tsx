import { formatCount, plural } from '../../../i18n/format';
import styles from './map-view.module.css';
import type { MapLayers } from './use-map-layers';

/** One polite line saying what the map shows of the records in the area ("showing X of Y"). */
export function MapStatus({ layers }: { layers: MapLayers }) {
  let text = 'Loading the map…';
  if (layers.kind === 'clusters') {
    text = `${plural(layers.inArea, 'record')} here, in ${plural(layers.clusters.length, 'cluster')}. Zoom in to see them one by one.`;
  } else if (layers.kind === 'records') {
    // Records drawn from a larger area's answer are more than this area holds.
    const shown = layers.reused ? Math.min(layers.inArea, layers.features.length) : layers.features.length;
    if (layers.inArea === 0) text = 'No records here. Zoom out or change the filters.';
    else if (layers.loading)
      text = `Showing ${formatCount(Math.min(shown, layers.expected))} of ${formatCount(layers.expected)} records…`;
    else if (layers.expected < layers.inArea)
      text = `Showing ${formatCount(shown)} of ${plural(layers.inArea, 'record')} here${
        layers.fallback === 'no-clusters' ? ': this portal does not cluster records' : ''
      }. Zoom in to see the others.`;
    else text = `Showing ${plural(shown, 'record')}.`;
  }
  return (
    <output className={styles.status} aria-live="polite">
      {text}
    </output>
  );
}
