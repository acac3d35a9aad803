import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Building2, ChevronRight, Clock, Info, MapPin, Rows3, Scale, Table2 } from 'lucide-react';
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { MAX_WINDOW } from '../../../common/ods-api/params';
import type { Dataset } from '../../../common/ods-api/types';
import { type PortalTarget, targetKey } from '../../api/client';
import { FeatureIcons } from '../../components/feature-icons';
import { IgnoredParamsNotice } from '../../components/ignored-params-notice';
import { ApiErrorState, Skeleton } from '../../components/states';
import { formatDate, plural } from '../../lib/format';
import { usePortal } from '../../lib/portal-context';
import styles from './dataset-page.module.css';
import { datasetQueries } from './dataset-queries';
import {
  DATASET_TABS,
  type DatasetSearch,
  type DatasetTab,
  sortFieldCheck,
  withSort,
  withTab,
} from './dataset-search-params';
import { type GridWindowData, gridQueries } from './grid-queries';
import { DatasetInfo } from './info/dataset-info';
import { RecordPanel } from './record/record-panel';
import { WINDOW_ROWS } from './records-plan';
import { type NavigateOptions, RecordsView } from './records-view';
import { type GridView, useGridPlan } from './use-grid-plan';

export interface DatasetPageProps {
  datasetId: string;
  search: DatasetSearch;
  /** The record of `/datasets/…/records/<id>`, shown in the side panel. */
  recordId: string | null;
  onSearchChange: (next: DatasetSearch, options?: NavigateOptions) => void;
  onOpenRecord: (recordId: string, options?: NavigateOptions) => void;
  onCloseRecord: () => void;
  /** A link to a record's own URL, keeping the view (the panel's permalink). */
  recordLink: (recordId: string, children: ReactNode, className: string | undefined) => ReactNode;
}

const EMPTY_PLAN = { order: { kind: 'natural' as const }, total: 0, nulls: 0, cap: MAX_WINDOW };

const TAB_LABELS: Record<DatasetTab, string> = { table: 'Table', map: 'Map', information: 'Information' };
const TAB_ICONS: Record<DatasetTab, typeof Table2> = { table: Table2, map: MapPin, information: Info };

/** The rank of a record in the grid's loaded windows, if it is there. */
function rankInCache(
  client: QueryClient,
  target: PortalTarget,
  datasetId: string,
  view: GridView | null,
  recordId: string,
): number | null {
  if (!view) return null;
  const prefix = ['dataset', 'grid-window', targetKey(target), datasetId, view.filter, view.plan];
  for (const [, data] of client.getQueriesData<GridWindowData>({ queryKey: prefix })) {
    const index = data?.records.findIndex((record) => record?.id === recordId) ?? -1;
    if (data && index !== -1) return data.start + index;
  }
  return null;
}

/**
 * A dataset's page: what it is (title, publisher, size, freshness), then its tabs: the records
 * table (facets, filters, the grid) and its information. A record opens in a side panel over them.
 */
export function DatasetPage({
  datasetId,
  search: searchAsGiven,
  recordId,
  onSearchChange,
  onOpenRecord,
  onCloseRecord,
  recordLink,
}: DatasetPageProps) {
  const { target, name } = usePortal();
  const client = useQueryClient();
  const query = useQuery(datasetQueries.detail(target, datasetId));
  const dataset = query.data;
  // A sort on a field the dataset lacks is dropped here (never sent) and named in the notice.
  const sortCheck = dataset ? sortFieldCheck(dataset.fields) : null;
  const search =
    sortCheck && searchAsGiven.sort && sortCheck(searchAsGiven.sort)
      ? withSort(searchAsGiven, null)
      : searchAsGiven;
  const title = dataset?.metas.default.title || datasetId;
  const tab: DatasetTab = search.tab ?? 'table';

  useEffect(() => {
    document.title = `${title} · ${name} · ODS Explorer`;
  }, [title, name]);

  return (
    <article className={styles.page} aria-labelledby="dataset-heading">
      <IgnoredParamsNotice checks={sortCheck ? { sort: sortCheck } : {}} />
      <nav aria-label="Breadcrumb" className={styles.breadcrumb}>
        <Link to="/">Catalog</Link>
        <ChevronRight aria-hidden size={14} />
        <span aria-current="page">{title}</span>
      </nav>
      {dataset ? (
        <>
          <DatasetHeader dataset={dataset} title={title} />
          <Tabs tab={tab} onChange={(next) => onSearchChange(withTab(search, next))} />
          <div
            role="tabpanel"
            id={`dataset-panel-${tab}`}
            aria-labelledby={`dataset-tab-${tab}`}
            className={styles.tabPanel}
          >
            <LoadedDataset
              target={target}
              client={client}
              dataset={dataset}
              search={search}
              tab={tab}
              recordId={recordId}
              onSearchChange={onSearchChange}
              onOpenRecord={onOpenRecord}
              onCloseRecord={onCloseRecord}
              recordLink={recordLink}
            />
          </div>
        </>
      ) : query.error ? (
        <>
          <h1 id="dataset-heading" className={styles.title}>
            {datasetId}
          </h1>
          <ApiErrorState
            error={query.error}
            notFound={`There is no dataset “${datasetId}” on this portal. It may have been renamed, removed, or be private.`}
            onRetry={() => query.refetch()}
          />
        </>
      ) : (
        <header className={styles.header} aria-busy>
          <h1 id="dataset-heading" className="sr-only">
            Loading {datasetId}
          </h1>
          <Skeleton width="50%" height="1.6rem" />
          <Skeleton width="70%" style={{ marginTop: '0.8rem' }} />
        </header>
      )}
    </article>
  );
}

/** Title and key facts; the description lives in the Information tab, so the grid gets the height. */
function DatasetHeader({ dataset, title }: { dataset: Dataset; title: string }) {
  const metas = dataset.metas.default;
  return (
    <header className={styles.header}>
      <div className={styles.titleRow}>
        <h1 id="dataset-heading" className={styles.title}>
          {title}
        </h1>
        <FeatureIcons datasetId={dataset.dataset_id} features={dataset.features} keepFilters />
      </div>
      <ul className={styles.meta}>
        {metas.publisher && (
          <li>
            <Building2 aria-hidden size={15} />
            <span className="sr-only">Publisher: </span>
            {metas.publisher}
          </li>
        )}
        <li>
          <Rows3 aria-hidden size={15} />
          {dataset.has_records ? plural(metas.records_count ?? 0, 'record') : 'No records'}
        </li>
        {formatDate(metas.modified) && (
          <li>
            <Clock aria-hidden size={15} />
            Modified {formatDate(metas.modified)}
          </li>
        )}
        {metas.license && (
          <li>
            <Scale aria-hidden size={15} />
            <span className="sr-only">Licence: </span>
            {metas.license_url ? (
              <a href={metas.license_url} rel="noreferrer noopener" target="_blank">
                {metas.license}
              </a>
            ) : (
              metas.license
            )}
          </li>
        )}
        <li className={styles.id}>
          <span className="sr-only">Identifier: </span>
          {dataset.dataset_id}
        </li>
      </ul>
    </header>
  );
}

/** Native buttons with the tab roles; the arrow keys move between them (roving tabindex). */
function Tabs({ tab, onChange }: { tab: DatasetTab; onChange: (tab: DatasetTab) => void }) {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = DATASET_TABS.indexOf(tab);
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    const next = DATASET_TABS[(index + delta + DATASET_TABS.length) % DATASET_TABS.length]!;
    onChange(next);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label="Dataset views" className={styles.tabs}>
      {DATASET_TABS.map((name) => {
        const Icon = TAB_ICONS[name];
        return (
          <button
            key={name}
            ref={(element) => {
              refs.current[name] = element;
            }}
            type="button"
            role="tab"
            id={`dataset-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`dataset-panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            className={styles.tab}
            onClick={() => tab !== name && onChange(name)}
            onKeyDown={onKeyDown}
          >
            <Icon aria-hidden size={15} />
            {TAB_LABELS[name]}
          </button>
        );
      })}
    </div>
  );
}

interface LoadedDatasetProps extends Omit<DatasetPageProps, 'datasetId'> {
  target: PortalTarget;
  client: QueryClient;
  dataset: Dataset;
  tab: DatasetTab;
}

function LoadedDataset({
  target,
  client,
  dataset,
  search,
  tab,
  recordId,
  onSearchChange,
  onOpenRecord,
  onCloseRecord,
  recordLink,
}: LoadedDatasetProps) {
  const datasetId = dataset.dataset_id;
  const grid = useGridPlan(target, datasetId, dataset.fields, search);
  const [selected, setSelected] = useState<{ id: string; rank: number } | null>(null);
  const [revealRank, setRevealRank] = useState<number | null>(null);
  const [stepping, setStepping] = useState(false);
  const timeZone = dataset.metas.default.timezone || 'UTC';

  const view = grid.stale ? null : grid.view;
  const knownRank =
    recordId === null
      ? null
      : selected?.id === recordId
        ? selected.rank
        : rankInCache(client, target, datasetId, view, recordId);
  // A permalink opened on its own: ask the portal where the record stands, then show it there.
  const counted = useQuery({
    ...gridQueries.recordRank(
      target,
      datasetId,
      view?.filter ?? { where: null },
      view?.plan ?? EMPTY_PLAN,
      recordId ?? '',
    ),
    enabled: recordId !== null && knownRank === null && view !== null,
  });
  const rank = knownRank ?? (recordId !== null && view !== null ? (counted.data ?? null) : null);
  const total = view?.plan.total;
  useEffect(() => {
    if (knownRank === null && counted.data !== undefined && counted.data !== null)
      setRevealRank(counted.data);
  }, [knownRank, counted.data]);

  const open = (id: string, at: number, options?: NavigateOptions) => {
    setSelected({ id, rank: at });
    onOpenRecord(id, options);
  };

  const step = async (delta: -1 | 1) => {
    const view = grid.view;
    if (rank === null || !view || stepping) return;
    const next = rank + delta;
    if (next < 0 || next >= view.plan.total) return;
    setStepping(true);
    try {
      const data = await client.ensureQueryData(
        gridQueries.gridWindow(target, datasetId, view.filter, view.plan, Math.floor(next / WINDOW_ROWS)),
      );
      const record = data.records[next - data.start];
      if (record) {
        setRevealRank(next);
        open(record.id, next, { replace: true });
      }
    } finally {
      setStepping(false);
    }
  };

  return (
    <>
      {tab === 'information' ? (
        <DatasetInfo target={target} dataset={dataset} />
      ) : (
        <RecordsView
          target={target}
          dataset={dataset}
          search={search}
          onSearchChange={onSearchChange}
          grid={grid}
          selectedRecordId={recordId}
          onOpenRecord={(id, at) => open(id, at)}
          revealRank={revealRank}
        />
      )}
      {recordId !== null && (
        <RecordPanel
          target={target}
          datasetId={datasetId}
          recordId={recordId}
          fields={dataset.fields}
          timeZone={timeZone}
          position={rank !== null && total !== undefined ? { rank, total } : null}
          onPrevious={rank !== null && rank > 0 && !stepping ? () => void step(-1) : null}
          onNext={
            rank !== null && total !== undefined && rank < total - 1 && !stepping ? () => void step(1) : null
          }
          permalink={(children, className) => recordLink(recordId, children, className)}
          onClose={() => {
            setSelected(null);
            onCloseRecord();
          }}
          overlay
        />
      )}
    </>
  );
}
