import type { Dataset, FacetGroup, Link } from '../../common/ods-api/types';
import type {
  AttachmentsResponseV21,
  CatalogDatasetsResponseV21,
  CatalogItemV21,
  ExportFormatsResponseV21,
  FacetsResponseV21,
  GroupedRecordsResponseV21,
  RecordsResponseV21,
  RecordV21,
} from '../../common/ods-api/types-v21';
import type { Attachment, CatalogPage, GroupRow, OdsRecord, RecordsPage } from './model';
import { attachmentsFromV20 } from './wire-v20';

/**
 * The Explore API v2.1's wire shapes (common/ods-api/types-v21.ts) turned into the app model that
 * wire-v20.ts also produces. Pure functions, one per response shape.
 *
 * Adding an API call, for both versions: write `<thing>FromV20(body)` in wire-v20.ts and
 * `<thing>FromV21(body)` here, each returning the same model type (model.ts), then the fetcher in
 * its vertical's module (records.ts, catalog.ts …) picks one with `byVersion(target, {'2.0': …,
 * '2.1': …})` (client.ts), which the compiler refuses unless both versions are there. Where v2.1
 * lacks an endpoint (`/aggregates`), its arm asks what v2.1 has instead (records with an aggregate
 * select) and still returns the model. Features never see which arm ran. A call whose request and
 * answer are the same in both versions (reuses, snapshots and feedback keep the 2019 API's shapes;
 * download URLs) needs no arms: `apiUrl` puts it under the version's base path.
 *
 * v2.1 sends a record's id only on request: records are fetched with `include_links=true`, and the
 * id is `_id` when the portal writes it (the spec lists it), else the last segment of the record's
 * `self` link. Values are kept as the portal writes them, so a v2.1 answer has its null group and
 * integer date parts (ods-api.md §1), which readers of group rows already expect.
 */

/** `…/records/<id>` → `<id>`; null without a self link to a record. */
function idFromLinks(links: readonly Link[] | undefined): string | null {
  const self = links?.find((link) => link.rel === 'self')?.href;
  const match = self ? /\/records\/([^/?#]+)/.exec(self) : null;
  return match ? decodeURIComponent(match[1]!) : null;
}

/**
 * The technical keys v2.1 may put beside the fields; they are not the record's values. `fallbackId`
 * is the id the caller asked for (a single record), used when the body names none.
 */
export function recordFromV21(body: RecordV21, fallbackId = ''): OdsRecord {
  const { _links, _id, _timestamp, _size, ...values } = body;
  return {
    id: typeof _id === 'string' ? _id : (idFromLinks(_links) ?? fallbackId),
    timestamp: typeof _timestamp === 'string' ? _timestamp : null,
    size: typeof _size === 'number' ? _size : null,
    values,
  };
}

export function recordsPageFromV21(body: RecordsResponseV21): RecordsPage {
  return { total: body.total_count, records: body.results.map((item) => recordFromV21(item)) };
}

export function recordResponseFromV21(recordId: string): (body: RecordV21) => OdsRecord {
  return (body) => recordFromV21(body, recordId);
}

/** Grouped records, and the aggregates v2.1 answers through records: one row per group. */
export function groupRowsFromV21(body: GroupedRecordsResponseV21): GroupRow[] {
  return body.results.map(({ _links, ...row }) => row);
}

/** The dataset object, without v2.1's additions the model does not carry. */
export function datasetFromV21(body: CatalogItemV21): Dataset {
  const { _links, visibility, alternative_exports, ...dataset } = body as Record<string, unknown>;
  return dataset as unknown as Dataset;
}

export function catalogPageFromV21(body: CatalogDatasetsResponseV21): CatalogPage {
  return { total: body.total_count, datasets: body.results.map(datasetFromV21) };
}

export function facetGroupsFromV21(body: FacetsResponseV21): FacetGroup[] {
  return body.facets;
}

/** The attachments themselves are written alike in both versions; only the links key differs. */
export function attachmentsFromV21(body: AttachmentsResponseV21): Attachment[] {
  return attachmentsFromV20({ links: body._links, attachments: body.attachments });
}

export function exportFormatsFromV21(body: ExportFormatsResponseV21): string[] {
  return body._links.filter((link) => link.rel !== 'self').map((link) => link.rel);
}
