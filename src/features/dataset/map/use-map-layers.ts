import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Feature } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import type { PortalTarget } from '../../../api/client';
import { InvalidParameterError, OdsqlError } from '../../../api/errors';
import type { ViewFilter } from '../../../api/params';
import type { GeoBox } from '../geofilter';
import type { Cluster } from './clusters';
import type { MapFields } from './map-fields';
import { mapSelect } from './map-fields';
import { type MapExtent, mapQueries } from './map-queries';
import { boxContains, extentBox, type QueryArea } from './viewport';

/**
 * What the map draws for an area: clusters when the area holds more records than the map draws
 * one by one, else the records themselves, streamed. The threshold was measured
 * (BENCHMARKS.md, bench:map): 10,000 points arrive and draw within the 1.5 s target on this
 * machine, where 50,000 took several seconds and tens of MB of GeoJSON.
 */
export const RECORDS_THRESHOLD = 10_000;

export type MapLayers =
  | { kind: 'pending' }
  | { kind: 'clusters'; clusters: Cluster[]; inArea: number; updating: boolean }
  | {
      kind: 'records';
      features: Feature[];
      inArea: number;
      /** How many the map asks for: all of them, or the threshold. */
      expected: number;
      loading: boolean;
      /** Why the map shows fewer than it would on a portal that answered every request. */
      fallback: 'no-clusters' | null;
      /** Drawn from the previous area's whole answer, which holds this one's: no request was made. */
      reused: boolean;
    };

export interface MapLayersState {
  layers: MapLayers;
  error: unknown;
  retry: () => void;
  /** False once the portal refused `recordid` in a select: records are then found by their place. */
  recordIds: boolean;
}

/** A request the portal understood and refused (an unknown function or field), as opposed to a failure. */
export function isRefusal(error: unknown): boolean {
  return error instanceof OdsqlError || error instanceof InvalidParameterError;
}

function recordIdOf(feature: Feature): unknown {
  return feature.properties?.recordid;
}

/** The newest features first, then the previous area's ones not yet re-sent (no flicker while streaming). */
function merged(current: Feature[], previous: Feature[]): Feature[] {
  if (previous.length === 0) return current;
  const seen = new Set(current.map(recordIdOf));
  if (seen.has(undefined)) return current;
  return current.concat(previous.filter((feature) => !seen.has(recordIdOf(feature))));
}

/** The last whole stream of records: for one filter and select, and the area it covered. */
interface CompleteRecords {
  view: string;
  box: GeoBox | null;
  features: Feature[];
}

/**
 * The box an area's requests carry: none when it holds the view's whole extent, so that every such
 * area shares their answers.
 */
function requestBox(area: QueryArea, extent: MapExtent | null | undefined): GeoBox | null {
  return extent?.box && boxContains(area.box, extentBox(extent.box)) ? null : area.box;
}

function covers(outer: GeoBox | null, inner: GeoBox | null): boolean {
  return outer === null || (inner !== null && boxContains(outer, inner));
}

export function useMapLayers(
  target: PortalTarget,
  datasetId: string,
  filter: ViewFilter,
  fields: MapFields,
  color: string | undefined,
  area: QueryArea | null,
  /**
   * Where the view's records are and how many (null: unknown, the portal would not say; undefined:
   * still asking). An area holding them all needs no box and no count, so the layers wait for it.
   */
  extent: MapExtent | null | undefined,
  /**
   * Areas the map may show next (a zoom step in or out): once this one's clusters are in, theirs
   * are asked for, so that the step draws as soon as its animation ends.
   */
  upcoming: readonly QueryArea[] = [],
): MapLayersState {
  const client = useQueryClient();
  const [recordIds, setRecordIds] = useState(true);
  const draw = fields.draw.name;
  const placeholder = { placeholderData: keepPreviousData } as const;
  // At low zoom the area usually holds every record: then the requests carry no box, and every
  // such area shares their answers.
  const box = area ? requestBox(area, extent) : null;
  const whole = area !== null && box === null && !!extent?.box;
  const zoom = area?.zoom ?? 0;
  const ready = area !== null && extent !== undefined;

  // The area's count is only asked for when the area cuts the records. The clusters or records do
  // not wait for it: they start at once on a guess (the previous area's count, or the view's
  // total, either of which bounds a zoomed-in area's), and the count corrects the guess.
  const count = useQuery({
    ...mapQueries.inAreaCount(target, datasetId, filter, draw, box),
    ...placeholder,
    enabled: ready && !(whole && extent),
  });
  const known = whole && extent ? extent.total : count.isPlaceholderData ? undefined : count.data;
  const guess = known ?? count.data ?? extent?.total;
  const wantClusters = guess !== undefined && guess > RECORDS_THRESHOLD && fields.cluster !== undefined;
  const clusters = useQuery({
    ...mapQueries.clusters(target, datasetId, filter, fields.cluster?.name ?? draw, box, zoom),
    ...placeholder,
    enabled: ready && wantClusters,
  });
  const noClusters = wantClusters && isRefusal(clusters.error);
  const wantFeatures = guess !== undefined && (!wantClusters || noClusters);
  const select = mapSelect(fields, color, recordIds);

  // The last whole answer for this filter and select: shown under a new area's stream until it
  // ends, and drawn as it is, with no request, for an area inside it when it held every record of
  // its own (it stopped short of the limit), as after a zoom in.
  const sameView = JSON.stringify([filter, select]);
  const lastComplete = useRef<CompleteRecords>({ view: '', box: null, features: [] });
  const last = lastComplete.current.view === sameView ? lastComplete.current : null;
  const reuse =
    wantFeatures && last !== null && last.features.length < RECORDS_THRESHOLD && covers(last.box, box);
  const features = useQuery({
    ...mapQueries.features(target, datasetId, filter, draw, box, select, RECORDS_THRESHOLD),
    ...placeholder,
    enabled: ready && wantFeatures && !reuse,
  });

  // The next steps' counts and clusters, asked for once this area's clusters are in (never while
  // they load: the area in view comes first). Only while clusters are drawn: records stream per
  // area and are too big to fetch on a guess.
  const settled = wantClusters && clusters.isSuccess && !clusters.isPlaceholderData && !clusters.isFetching;
  const upcomingKey = JSON.stringify(upcoming);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the areas' key stands for them.
  useEffect(() => {
    if (!settled || !fields.cluster) return;
    for (const next of upcoming) {
      const nextBox = requestBox(next, extent);
      if (nextBox)
        void client.prefetchQuery(mapQueries.inAreaCount(target, datasetId, filter, draw, nextBox));
      void client.prefetchQuery(
        mapQueries.clusters(target, datasetId, filter, fields.cluster.name, nextBox, next.zoom),
      );
    }
  }, [settled, upcomingKey, client, target, datasetId, filter, draw, fields.cluster, extent]);

  // A portal that refuses `recordid` in a select gets the same request without it.
  useEffect(() => {
    if (recordIds && isRefusal(features.error)) setRecordIds(false);
  }, [recordIds, features.error]);

  const streaming = features.fetchStatus === 'fetching';
  const current = features.data?.features ?? [];
  if (!reuse && !streaming && features.isSuccess && !features.isPlaceholderData)
    lastComplete.current = { view: sameView, box, features: current };
  const previous = last?.features ?? [];

  const error = count.error ?? (noClusters ? null : clusters.error) ?? (wantFeatures ? features.error : null);
  const retry = () => {
    for (const query of [count, clusters, features]) if (query.error) void query.refetch();
  };

  const inArea = known ?? guess;
  let layers: MapLayers = { kind: 'pending' };
  if (inArea !== undefined && wantClusters && !noClusters && clusters.data) {
    layers = {
      kind: 'clusters',
      clusters: clusters.data,
      inArea,
      updating: clusters.isPlaceholderData || known === undefined,
    };
  } else if (inArea !== undefined && wantFeatures && reuse && last) {
    layers = {
      kind: 'records',
      features: last.features,
      inArea,
      expected: Math.min(inArea, RECORDS_THRESHOLD),
      loading: false,
      fallback: noClusters ? 'no-clusters' : null,
      reused: true,
    };
  } else if (inArea !== undefined && wantFeatures && features.data) {
    layers = {
      kind: 'records',
      features: streaming && !features.isPlaceholderData ? merged(current, previous) : current,
      inArea,
      expected: Math.min(inArea, RECORDS_THRESHOLD),
      loading: streaming || features.isPlaceholderData,
      fallback: noClusters ? 'no-clusters' : null,
      reused: false,
    };
  }
  return { layers, error, retry, recordIds };
}
