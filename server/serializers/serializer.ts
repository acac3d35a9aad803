import type { AttachmentsResponse, Dataset, FacetGroup, Link, RecordBody } from '../../common/ods-api/types';

/**
 * The seam between the query engine and the wire: routes compute results (records, groups,
 * datasets, facets) the same way for every API version, and hand them to the version's serializer,
 * which writes the envelope that version answers (v20.ts, v21.ts). Nothing here runs a query.
 */

/** The page a non-grouped result came from, for total_count and the first/next/last links. */
export interface Page {
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/** One metadata name of a catalog or dataset `select`: `key` as the client wrote it, `name` without `default.`. */
export interface SelectedMeta {
  readonly key: string;
  readonly name: string;
}

export interface AttachmentInfo {
  readonly attachmentId: string;
  readonly mimetype: string;
  readonly title: string;
}

export interface Serializer {
  catalogDatasets(
    url: URL,
    page: Page,
    datasets: readonly Dataset[],
    selection: readonly SelectedMeta[] | null,
  ): object;
  dataset(url: URL, dataset: Dataset, selection: readonly SelectedMeta[] | null): object;
  records(url: URL, datasetId: string, page: Page, records: readonly RecordBody[]): object;
  groups(url: URL, datasetId: string, rows: readonly Record<string, unknown>[]): object;
  record(url: URL, datasetId: string, record: RecordBody): object;
  facets(url: URL, facets: readonly FacetGroup[]): object;
  attachments(url: URL, datasetId: string, attachments: readonly AttachmentInfo[]): object;
  /** `GET …/exports`: one link per format, whose rel is the format's name. */
  exportFormats(url: URL, links: readonly Link[]): object;
  /** The entry points (`GET {base}/`, `GET {base}/catalog`), as links. */
  root(links: readonly Link[]): object;
}

/** The keys a dataset object has outside `metas` (ods-api.md §3.1). */
export const DATASET_KEYS: readonly string[] = [
  'dataset_id',
  'dataset_uid',
  'attachments',
  'has_records',
  'data_visible',
  'fields',
  'features',
];

/** An attachment as both versions list it: the download URL, and its metas (ods-api.md §7). */
export function attachmentItem(
  origin: string,
  datasetPath: string,
  attachment: AttachmentInfo,
): AttachmentsResponse['attachments'][number] {
  return {
    href: `${origin}${datasetPath}/attachments/${encodeURIComponent(attachment.attachmentId)}`,
    metas: {
      'mime-type': attachment.mimetype,
      title: attachment.title,
      id: attachment.attachmentId,
      url: `odsfile://${attachment.title}`,
    },
  };
}
