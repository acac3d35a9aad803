import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { isGeoType } from '../../../common/ods-api/field-types';
import type { Dataset } from '../../../common/ods-api/types';
import type { PortalTarget } from '../../api/client';
import type { OdsRecord } from '../../api/model';
import { lazyView } from '../../components/lazy-view';
import { Skeleton } from '../../components/states';
import { type MessageKey, t } from '../../i18n/translate';
import type { DatasetPageProps } from './dataset-page';
import styles from './dataset-page.module.css';
import type { DatasetTab } from './dataset-search-params';
import { hasDraft } from './feedback/feedback-draft';
import { correctionDraftKey, RecordCorrection } from './feedback/record-correction';
import { useFeedbackSupport } from './feedback/use-feedback-send';
import type { GridView } from './grid-queries';
import { RecordPanel } from './record/record-panel';
import { useRecordNavigation } from './use-record-navigation';
import { viewFilter } from './view-filter';
import { ViewLayout } from './view-layout';

// Each view is its own chunk: the map's MapLibre and basemap load only when the map is opened.
const { View: TableView } = lazyView(() => import('./table/table-view').then((m) => m.TableView));
const { View: MapView, preload: preloadMapView } = lazyView(() =>
  import('./map/map-view').then((m) => m.MapView),
);
const { View: AnalyzeView } = lazyView(() => import('./analyze/analyze-view').then((m) => m.AnalyzeView));
const { View: RecordMap } = lazyView(() => import('./map/record-map').then((m) => m.RecordMap));
const { View: ExportView } = lazyView(() => import('./export/export-view').then((m) => m.ExportView));
const { View: ApiView } = lazyView(() => import('./api/api-view').then((m) => m.ApiView));
const { View: DatasetInfo } = lazyView(() => import('./info/dataset-info').then((m) => m.DatasetInfo));

export interface DatasetViewsProps extends Omit<DatasetPageProps, 'datasetId'> {
  target: PortalTarget;
  dataset: Dataset;
  tab: DatasetTab;
}

/** The name of each view's region beside the facets. */
const VIEW_LABELS = {
  table: 'dataset.views.records',
  map: 'dataset.tabs.map',
  analyze: 'dataset.tabs.analyze',
  export: 'dataset.tabs.export',
  api: 'dataset.views.api',
} as const satisfies Record<Exclude<DatasetTab, 'information'>, MessageKey>;

function ViewLoading({ label }: { label: string }) {
  return (
    <div className={styles.viewLoading} role="status" aria-label={label}>
      <Skeleton height="22rem" />
    </div>
  );
}

/**
 * A loaded dataset's views over one filter: the filter is made once here from the URL, as an
 * ODSQL tree, and every view, the facets and the count share it. The record panel opens over
 * any view and steps through the sequence of the view that opened it.
 */
export function DatasetViews({
  target,
  dataset,
  search,
  tab,
  recordId,
  onSearchChange,
  onOpenRecord,
  onCloseRecord,
  recordLink,
}: DatasetViewsProps) {
  const fields = dataset.fields;
  const filterKey = JSON.stringify([
    search.q,
    search.where,
    search.refine,
    search.exclude,
    search.f,
    search['geofilter.bbox'],
    search['geofilter.polygon'],
    search['map.field'],
  ]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `filterKey` stands for the filter's parts of `search`.
  const filter = useMemo(() => viewFilter(search, fields), [filterKey, fields]);
  const [gridView, setGridView] = useState<GridView | null>(null);
  const onGridView = useCallback((view: GridView | null) => setGridView(view), []);
  const navigation = useRecordNavigation({
    target,
    datasetId: dataset.dataset_id,
    recordId,
    gridView: tab === 'table' ? gridView : null,
    onOpenRecord,
    onCloseRecord,
  });
  const timeZone = dataset.metas.default.timezone || 'UTC';
  const feedback = useFeedbackSupport(target, dataset.dataset_id, false);
  const hasGeo = fields.some((f) => isGeoType(f.type));

  // The map is the likely next view of a geo dataset: its code, workers, basemap and the extent of
  // the view's records load while the browser is idle, so opening the tab waits for little else.
  const client = useQueryClient();
  const mapField = search['map.field'];
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filter's key stands for the filter.
  useEffect(() => {
    if (!hasGeo || tab === 'map') return;
    const id = requestIdleCallback(() => {
      void preloadMapView();
      void import('./map/map-engine').then((m) => m.prefetchMap());
      void import('./map/map-queries').then((m) =>
        m.prefetchExtent(client, target, dataset.dataset_id, fields, filter, mapField),
      );
    });
    return () => cancelIdleCallback(id);
  }, [hasGeo, tab, filterKey, mapField, client, target, dataset.dataset_id, fields]);

  return (
    <>
      {tab === 'information' ? (
        <Suspense fallback={<ViewLoading label={t('dataset.views.loadingInformation')} />}>
          <DatasetInfo target={target} dataset={dataset} />
        </Suspense>
      ) : (
        <ViewLayout
          target={target}
          dataset={dataset}
          search={search}
          filter={filter}
          onSearchChange={onSearchChange}
          label={t(VIEW_LABELS[tab])}
        >
          {tab === 'export' ? (
            <Suspense fallback={<ViewLoading label={t('dataset.views.loadingExport')} />}>
              <ExportView target={target} dataset={dataset} search={search} filter={filter} />
            </Suspense>
          ) : tab === 'api' ? (
            <Suspense fallback={<ViewLoading label={t('dataset.views.loadingApi')} />}>
              <ApiView target={target} dataset={dataset} search={search} filter={filter} />
            </Suspense>
          ) : tab === 'analyze' ? (
            <Suspense fallback={<ViewLoading label={t('dataset.views.loadingChart')} />}>
              <AnalyzeView
                target={target}
                dataset={dataset}
                search={search}
                filter={filter}
                onSearchChange={onSearchChange}
              />
            </Suspense>
          ) : tab === 'map' ? (
            <Suspense fallback={<ViewLoading label={t('dataset.views.loadingMap')} />}>
              <MapView
                target={target}
                dataset={dataset}
                search={search}
                filter={filter}
                onSearchChange={onSearchChange}
                onOpenRecord={navigation.open}
              />
            </Suspense>
          ) : (
            <Suspense fallback={<ViewLoading label={t('dataset.views.loadingRecords')} />}>
              <TableView
                target={target}
                dataset={dataset}
                search={search}
                filter={filter}
                onSearchChange={onSearchChange}
                selectedRecordId={recordId}
                onOpenRecord={navigation.open}
                revealRank={navigation.revealRank}
                onGridView={onGridView}
              />
            </Suspense>
          )}
        </ViewLayout>
      )}
      {recordId !== null && (
        <RecordPanel
          target={target}
          datasetId={dataset.dataset_id}
          recordId={recordId}
          fields={fields}
          timeZone={timeZone}
          position={navigation.position}
          onPrevious={navigation.onPrevious}
          onNext={navigation.onNext}
          permalink={(children, className) => recordLink(recordId, children, className)}
          onClose={navigation.close}
          preview={
            hasGeo
              ? (record: OdsRecord) => (
                  <Suspense fallback={<Skeleton height="10rem" />}>
                    <RecordMap record={record} fields={fields} mapField={search['map.field']} />
                  </Suspense>
                )
              : undefined
          }
          correction={
            feedback === 'absent'
              ? undefined
              : {
                  label: () =>
                    hasDraft(correctionDraftKey(target, dataset.dataset_id, recordId))
                      ? t('record.feedback.resume')
                      : t('record.feedback.suggest'),
                  render: (record, done) => (
                    <RecordCorrection
                      key={record.id}
                      target={target}
                      datasetId={dataset.dataset_id}
                      record={record}
                      fields={fields}
                      onDone={done}
                    />
                  ),
                }
          }
          overlay
        />
      )}
    </>
  );
}
