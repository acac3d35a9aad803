import type { Feature } from 'geojson';
import { useMemo } from 'react';
import { bboxOf, isEmptyBBox } from '../../../../common/geo/bbox';
import { geometryOfValue } from '../../../../common/geo/geo-value';
import type { DatasetField } from '../../../../common/ods-api/types';
import type { OdsRecord } from '../../../api/model';
import { t } from '../../../i18n/translate';
import { chosenGeoField } from '../geofilter';
import { MapCanvas } from './map-canvas';
import styles from './map-view.module.css';

const noop = () => {};

/** A small map of one record, in the record panel: its point or shape, fitted. */
export function RecordMap({
  record,
  fields,
  mapField,
}: {
  record: OdsRecord;
  fields: readonly DatasetField[];
  mapField: string | undefined;
}) {
  const field = chosenGeoField(fields, mapField);
  const value = field ? record.values[field.name] : undefined;
  const feature = useMemo<Feature | null>(() => {
    const geometry = geometryOfValue(value, field?.type === 'geo_point_2d' ? 'point' : 'shape');
    return geometry ? { type: 'Feature', geometry, properties: { recordid: record.id } } : null;
  }, [value, record.id, field?.type]);
  if (!field || !feature?.geometry) return null;
  const box = bboxOf(feature.geometry);
  if (isEmptyBBox(box)) return null;
  const [w, s, e, n] = box;
  const point = w === e && s === n;
  return (
    <div className={styles.recordMap}>
      <MapCanvas
        initial={{ zoom: point ? 9 : 2, lat: (s + n) / 2, lon: (w + e) / 2 }}
        features={[feature]}
        clusters={null}
        color={null}
        area={null}
        drawing={null}
        onDrawn={noop}
        onDrawCancel={noop}
        onMove={noop}
        onHover={noop}
        onRecordClick={noop}
        onEngine={(engine) => {
          if (engine && !point) engine.onceReady(() => engine.fitBounds([w, s, e, n], 10));
        }}
        label={t('map.record.label', { field: field.label || field.name })}
      />
    </div>
  );
}
