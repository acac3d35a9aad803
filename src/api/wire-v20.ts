import type {
  AggregatesResponse,
  AttachmentsResponse,
  CatalogDatasetsResponse,
  Dataset,
  DatasetResponse,
  ExportFormatsResponse,
  FacetGroup,
  FacetsResponse,
  GroupedRecordsResponse,
  RecordBody,
  RecordResponse,
  RecordsResponse,
  ReuseResponse,
  ReusesResponse,
  SnapshotsResponse,
  Reuse as WireReuse,
} from '../../common/ods-api/types';
import type { Attachment, CatalogPage, GroupRow, OdsRecord, RecordsPage, Reuse, Snapshot } from './model';

/**
 * The Explore API v2.0's wire shapes (common/ods-api/types.ts) turned into the app model: envelopes
 * (`{links, record}`, `{links, dataset}`) and links dropped, names made the model's. Pure functions,
 * one per response shape; wire-v21.ts is the same for v2.1.
 *
 * Adding an API call, for both versions: `<thing>FromV20(body)` here and `<thing>FromV21(body)` in
 * wire-v21.ts return the same model type (model.ts); the fetcher (records.ts, catalog.ts …) picks
 * one per target with `byVersion(target, {'2.0': …, '2.1': …})` (client.ts), which will not compile
 * without both. wire-v21.ts says more (endpoints v2.1 lacks, calls alike in both versions).
 */

export function recordFromV20(body: RecordBody): OdsRecord {
  return { id: body.id, timestamp: body.timestamp, size: body.size, values: body.fields };
}

export function recordsPageFromV20(body: RecordsResponse): RecordsPage {
  return { total: body.total_count, records: body.records.map((item) => recordFromV20(item.record)) };
}

export function recordResponseFromV20(body: RecordResponse): OdsRecord {
  return recordFromV20(body.record);
}

export function groupRowsFromV20(body: GroupedRecordsResponse): GroupRow[] {
  return body.records.map((item) => item.record.fields);
}

export function aggregationsFromV20(body: AggregatesResponse): GroupRow[] {
  return body.aggregations;
}

export function datasetFromV20(body: DatasetResponse): Dataset {
  return body.dataset;
}

export function catalogPageFromV20(body: CatalogDatasetsResponse): CatalogPage {
  return { total: body.total_count, datasets: body.datasets.map((item) => item.dataset) };
}

export function facetGroupsFromV20(body: FacetsResponse): FacetGroup[] {
  return body.facets;
}

/**
 * The attachment id is what `…/attachments/{id}` takes: `metas.id` when the portal gives it, else
 * the last segment of the download link (ODS's documented answer has only `href` and two metas).
 */
export function attachmentsFromV20(body: AttachmentsResponse): Attachment[] {
  return body.attachments.map(({ href, metas }) => {
    const segment = href.split('/').pop();
    return {
      id: metas.id ?? (segment ? decodeURIComponent(segment) : metas.title),
      title: metas.title,
      mimeType: metas['mime-type'],
      url: metas.url ?? null,
    };
  });
}

export function snapshotsFromV20(body: SnapshotsResponse): Snapshot[] {
  return body.snapshots.map((snapshot) => ({
    id: snapshot.snapshot_id,
    createdAt: snapshot.created_at,
    description: snapshot.description,
  }));
}

function reuseFromV20(reuse: WireReuse): Reuse {
  // The 2019 swagger is the only description of reuses; a portal may leave the user out.
  const user = reuse.user as WireReuse['user'] | undefined;
  const fullName = [user?.first_name, user?.last_name].filter(Boolean).join(' ');
  return {
    id: reuse.id,
    title: reuse.title,
    description: reuse.description,
    url: reuse.url,
    thumbnail: reuse.thumbnail,
    createdAt: reuse.created_at,
    author: fullName || user?.username || null,
  };
}

export function reusesFromV20(body: ReusesResponse): Reuse[] {
  return body.reuses.map(reuseFromV20);
}

export function reuseResponseFromV20(body: ReuseResponse): Reuse {
  return reuseFromV20(body.reuse);
}

/** `…/exports` lists one link per format, its rel the format's name, beside a `self` link. */
export function exportFormatsFromV20(body: ExportFormatsResponse): string[] {
  return body.links.filter((link) => link.rel !== 'self').map((link) => link.rel);
}
