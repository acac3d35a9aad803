import { useQuery } from '@tanstack/react-query';
import { MAX_LIMIT } from '../../../../common/ods-api/params';
import { call, field } from '../../../../common/odsql/build';
import type { PortalTarget } from '../../../api/client';
import type { ViewFilter } from '../../../api/params';
import { ApiErrorState, Skeleton } from '../../../components/states';
import { t } from '../../../i18n/translate';
import { datasetQueries } from '../dataset-queries';
import { formatValue, plainText } from '../field-format';
import type { GeoBox } from '../geofilter';
import { withConditions } from '../view-filter';
import type { RecordSequence } from '../view-props';
import type { MapFields } from './map-fields';
import styles from './map-view.module.css';

/**
 * The map's records as a list, for screen readers and keyboards: the first 100 records inside the
 * window (exactly the window, not the wider area the map loads), each opening its record.
 */
export function RecordsInView({
  target,
  datasetId,
  filter,
  fields,
  bounds,
  timeZone,
  onOpen,
}: {
  target: PortalTarget;
  datasetId: string;
  filter: ViewFilter;
  fields: MapFields;
  bounds: GeoBox;
  timeZone: string;
  onOpen: (recordId: string, sequence: RecordSequence) => void;
}) {
  const { south, west, north, east } = bounds;
  const inView = withConditions(filter, [call('in_bbox', field(fields.draw.name), south, west, north, east)]);
  const query = useQuery(datasetQueries.records(target, datasetId, { filter: inView, limit: MAX_LIMIT }));
  const page = query.data;
  const ids = page?.records.map((record) => record.id) ?? [];
  return (
    <section className={styles.list} aria-labelledby="records-in-view-heading">
      <h3 id="records-in-view-heading">
        {t('map.inView.heading')}
        {page && (
          <span className={styles.listCount}>
            {' '}
            {page.total > page.records.length
              ? t('map.inView.firstOf', { shown: page.records.length, total: page.total })
              : `(${t('common.records', { count: page.total })})`}
          </span>
        )}
      </h3>
      {query.error ? (
        <ApiErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : !page ? (
        <Skeleton height="4rem" />
      ) : page.records.length === 0 ? (
        <p>{t('map.inView.empty')}</p>
      ) : (
        <ol>
          {page.records.map((record, index) => {
            const title = fields.title
              ? plainText(formatValue(record.values[fields.title.name], fields.title, { timeZone }))
              : '';
            return (
              <li key={record.id}>
                <button
                  type="button"
                  className={styles.listItem}
                  onClick={() => onOpen(record.id, { kind: 'list', ids, index, order: 'in-view' })}
                >
                  {title || record.id}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
