import {
  type QueryClient,
  queryOptions,
  experimental_streamedQuery as streamedQuery,
} from '@tanstack/react-query';
import type { Feature } from 'geojson';
import { type BBox, bboxOf, isEmptyBBox } from '../../../../common/geo/bbox';
import type { DatasetField } from '../../../../common/ods-api/types';
import type { Expr } from '../../../../common/odsql/ast';
import { call, cmp, distance, field, geom } from '../../../../common/odsql/build';
import { type PortalTarget, targetKey } from '../../../api/client';
import { streamFeatures } from '../../../api/export-stream';
import { exportUrl } from '../../../api/exports';
import type { ViewFilter } from '../../../api/params';
import { getAggregates, getGroupedRecords, getRecords } from '../../../api/records';
import type { GeoBox } from '../geofilter';
import { withConditions } from '../view-filter';
import { type Cluster, COUNT_ALIAS, clusterGroupBy, readClusters } from './clusters';
import { type MapFields, mapFields } from './map-fields';

/**
 * The map's requests, all of them ones a stock ODS portal answers: a count of the records in the
 * query area (`limit=0`), server-side clusters (`group_by=geo_cluster()`), the records themselves
 * streamed from `exports/geojson` (with `where` and `limit`), and the filtered extent
 * (`bbox()` aggregate). Keys run `['dataset', 'map-…', <portal>, datasetId, …inputs]` like the
 * dataset vertical's others, so the area (snapped, see viewport.ts) decides what is reused.
 */

/** The filter limited to a box; no box (the area holds every record of the view) adds nothing. */
export function inArea(filter: ViewFilter, geoField: string, box: GeoBox | null): ViewFilter {
  if (!box) return filter;
  const { south, west, north, east } = box;
  return withConditions(filter, [call('in_bbox', field(geoField), south, west, north, east)]);
}

export interface StreamedFeatures {
  features: Feature[];
  received: number;
}

const NO_FEATURES: StreamedFeatures = { features: [], received: 0 };

export interface MapExtent {
  box: BBox | null;
  /** The records the view holds, whether placed or not. */
  total: number;
}

const TOTAL_ALIAS = 'total';

export const mapQueries = {
  inAreaCount: (
    target: PortalTarget,
    datasetId: string,
    filter: ViewFilter,
    geoField: string,
    box: GeoBox | null,
  ) =>
    queryOptions({
      queryKey: ['dataset', 'map-count', targetKey(target), datasetId, filter, geoField, box] as const,
      queryFn: ({ signal }) =>
        getRecords(target, datasetId, { filter: inArea(filter, geoField, box), limit: 0 }, { signal }).then(
          (page) => page.total,
        ),
    }),
  clusters: (
    target: PortalTarget,
    datasetId: string,
    filter: ViewFilter,
    pointField: string,
    box: GeoBox | null,
    zoom: number,
  ) =>
    queryOptions({
      queryKey: [
        'dataset',
        'map-clusters',
        targetKey(target),
        datasetId,
        filter,
        pointField,
        box,
        zoom,
      ] as const,
      queryFn: async ({ signal }): Promise<Cluster[]> => {
        const groupBy = clusterGroupBy(pointField, zoom);
        const rows = await getGroupedRecords(
          target,
          datasetId,
          // No limit: every group comes back (ods-api.md §2.5).
          {
            filter: inArea(filter, pointField, box),
            group_by: groupBy,
            select: `count(*) as ${COUNT_ALIAS}`,
          },
          { signal },
        );
        return readClusters(rows, groupBy);
      },
    }),
  /** The records of the area as GeoJSON features, growing as the export streams in. */
  features: (
    target: PortalTarget,
    datasetId: string,
    filter: ViewFilter,
    geoField: string,
    box: GeoBox | null,
    select: string,
    limit: number,
  ) =>
    queryOptions({
      queryKey: [
        'dataset',
        'map-features',
        targetKey(target),
        datasetId,
        filter,
        geoField,
        box,
        select,
        limit,
      ] as const,
      queryFn: streamedQuery({
        streamFn: ({ signal }) =>
          streamFeatures(
            target,
            exportUrl(target, datasetId, 'geojson', {
              filter: inArea(filter, geoField, box),
              select,
              limit,
            }),
            { signal },
          ),
        reducer: (previous: StreamedFeatures, batch) => ({
          features: previous.features.concat(batch.features),
          received: batch.received,
        }),
        initialValue: NO_FEATURES,
      }),
      staleTime: 60_000,
    }),
  /**
   * The id of a drawn record, for a portal that would not put `recordid` in a GeoJSON select: the
   * record at the feature's place (a point within a metre; a shape holding the feature's centre,
   * with the same title).
   */
  recordAt: (
    target: PortalTarget,
    datasetId: string,
    filter: ViewFilter,
    fields: MapFields,
    feature: Feature,
  ) =>
    queryOptions({
      queryKey: ['dataset', 'map-record-at', targetKey(target), datasetId, filter, feature.geometry] as const,
      queryFn: async ({ signal }): Promise<string | null> => {
        if (!feature.geometry) return null;
        const [w, s, e, n] = bboxOf(feature.geometry);
        const at = geom(`POINT(${(w + e) / 2} ${(s + n) / 2})`);
        const place = field(fields.draw.name);
        const conditions: Expr[] =
          fields.draw.type === 'geo_point_2d'
            ? [call('within_distance', place, at, distance(1, 'm'))]
            : [call('intersects', place, at)];
        const title = fields.title ? feature.properties?.[fields.title.name] : undefined;
        if (fields.title && typeof title === 'string')
          conditions.push(cmp('=', field(fields.title.name), title));
        const page = await getRecords(
          target,
          datasetId,
          { filter: withConditions(filter, conditions), limit: 1 },
          { signal },
        );
        return page.records[0]?.id ?? null;
      },
    }),
  /**
   * Where the view's records are (the box of a `bbox()` aggregate, null when there are none) and
   * how many there are, in one request: an area holding the whole box holds them all, so the map
   * needs no count of its own there.
   */
  extent: (target: PortalTarget, datasetId: string, filter: ViewFilter, geo: DatasetField) =>
    queryOptions({
      queryKey: ['dataset', 'map-extent', targetKey(target), datasetId, filter, geo.name] as const,
      queryFn: async ({ signal }): Promise<MapExtent> => {
        const rows = await getAggregates(
          target,
          datasetId,
          { filter, select: `bbox(${geo.name}) as extent, count(*) as ${TOTAL_ALIAS}` },
          { signal },
        );
        const total = Number(rows[0]?.[TOTAL_ALIAS] ?? 0);
        const value = rows[0]?.extent as
          | { geometry?: GeoJSON.Geometry }
          | GeoJSON.Geometry
          | null
          | undefined;
        const geometry = value && 'geometry' in value ? value.geometry : (value as GeoJSON.Geometry | null);
        if (!geometry || !('type' in geometry)) return { box: null, total };
        const box = bboxOf(geometry);
        return { box: isEmptyBBox(box) ? null : box, total };
      },
    }),
};

/**
 * The Map tab's first request, asked while another view is open (dataset-views.tsx): its clusters
 * or records wait for the extent, and once the tab opens MapLibre's start holds the page's thread
 * for most of a second, so an extent asked then arrives late.
 */
export function prefetchExtent(
  client: QueryClient,
  target: PortalTarget,
  datasetId: string,
  fields: readonly DatasetField[],
  filter: ViewFilter,
  mapField: string | undefined,
): void {
  const map = mapFields(fields, mapField);
  if (map) void client.prefetchQuery(mapQueries.extent(target, datasetId, filter, map.draw));
}
