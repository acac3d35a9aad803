import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Feature } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import type { BBox } from '../../../../common/geo/bbox';
import type { PortalTarget } from '../../../api/client';
import { InvalidParameterError, OdsqlError } from '../../../api/errors';
import type { ViewFilter } from '../../../api/params';
import type { Cluster } from './clusters';
import type { MapFields } from './map-fields';
import { mapSelect } from './map-fields';
import { mapQueries } from './map-queries';
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

export function useMapLayers(
  target: PortalTarget,
  datasetId: string,
  filter: ViewFilter,
  fields: MapFields,
  color: string | undefined,
  area: QueryArea | null,
  /**
   * Where the view's records are (null: unknown, the portal would not say; undefined: still
   * asking). An area holding them all needs no box, so the layers wait for it.
   */
  extent: BBox | null | undefined,
): MapLayersState {
  const [recordIds, setRecordIds] = useState(true);
  const draw = fields.draw.name;
  const placeholder = { placeholderData: keepPreviousData } as const;
  // At low zoom the area usually holds every record: then the requests carry no box, and every
  // such area shares their answers.
  const box = area && !(extent && boxContains(area.box, extentBox(extent))) ? area.box : null;
  const zoom = area?.zoom ?? 0;
  const ready = area !== null && extent !== undefined;

  const count = useQuery({
    ...mapQueries.inAreaCount(target, datasetId, filter, draw, box),
    ...placeholder,
    enabled: ready,
  });
  const inArea = count.data;
  const wantClusters = inArea !== undefined && inArea > RECORDS_THRESHOLD && fields.cluster !== undefined;
  const clusters = useQuery({
    ...mapQueries.clusters(target, datasetId, filter, fields.cluster?.name ?? draw, box, zoom),
    ...placeholder,
    enabled: ready && wantClusters,
  });
  const noClusters = wantClusters && isRefusal(clusters.error);
  const wantFeatures = inArea !== undefined && (!wantClusters || noClusters);
  const select = mapSelect(fields, color, recordIds);
  const features = useQuery({
    ...mapQueries.features(target, datasetId, filter, draw, box, select, RECORDS_THRESHOLD),
    ...placeholder,
    enabled: ready && wantFeatures,
  });

  // A portal that refuses `recordid` in a select gets the same request without it.
  useEffect(() => {
    if (recordIds && isRefusal(features.error)) setRecordIds(false);
  }, [recordIds, features.error]);

  // The last whole answer for this filter and select: shown under a new area's stream until it ends.
  const sameView = JSON.stringify([filter, select]);
  const lastComplete = useRef<{ view: string; features: Feature[] }>({ view: '', features: [] });
  const streaming = features.fetchStatus === 'fetching';
  const current = features.data?.features ?? [];
  if (!streaming && features.isSuccess && !features.isPlaceholderData)
    lastComplete.current = { view: sameView, features: current };
  const previous = lastComplete.current.view === sameView ? lastComplete.current.features : [];

  const error = count.error ?? (noClusters ? null : clusters.error) ?? (wantFeatures ? features.error : null);
  const retry = () => {
    for (const query of [count, clusters, features]) if (query.error) void query.refetch();
  };

  let layers: MapLayers = { kind: 'pending' };
  if (inArea !== undefined && wantClusters && !noClusters && clusters.data) {
    layers = {
      kind: 'clusters',
      clusters: clusters.data,
      inArea,
      updating: clusters.isPlaceholderData || count.isPlaceholderData,
    };
  } else if (inArea !== undefined && wantFeatures && features.data) {
    layers = {
      kind: 'records',
      features: streaming && !features.isPlaceholderData ? merged(current, previous) : current,
      inArea,
      expected: Math.min(inArea, RECORDS_THRESHOLD),
      loading: streaming || features.isPlaceholderData,
      fallback: noClusters ? 'no-clusters' : null,
    };
  }
  return { layers, error, retry, recordIds };
}
