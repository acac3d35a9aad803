import type { Dataset, FacetGroup, Link } from './types';

/**
 * Wire types of the Explore API v2.1 (`/api/explore/v2.1`, ods-api.md §3): datasets and records come
 * back flat in `results`; links are `_links`, and only with `include_links=true`, except on facets
 * and attachments, whose documented bodies always carry `_links`.
 */

export interface LinksV21 {
  _links?: Link[];
}

/** A dataset as v2.1 writes it: the v2.0 dataset object, flat, with its visibility and alternative exports. */
export interface DatasetV21 extends Dataset, LinksV21 {
  visibility: 'domain' | 'restricted';
  alternative_exports: { id: string; mimetype: string; title: string; url: string; description: string }[];
}

/** A catalog item: the whole dataset, or with `select` only the keys the client named. */
export type CatalogItemV21 = DatasetV21 | (Record<string, unknown> & LinksV21);

export interface CatalogDatasetsResponseV21 extends LinksV21 {
  total_count: number;
  results: CatalogItemV21[];
}

/** A record's fields, flat; `_links` only with include_links=true. */
export type RecordV21 = Record<string, unknown> & LinksV21;

export interface RecordsResponseV21 extends LinksV21 {
  total_count: number;
  results: RecordV21[];
}

/** A grouped records response: one object per group, no total_count (ods-api.md §3.4). */
export interface GroupedRecordsResponseV21 extends LinksV21 {
  results: Record<string, unknown>[];
}

export interface FacetsResponseV21 {
  _links: Link[];
  facets: FacetGroup[];
}

export interface AttachmentsResponseV21 {
  _links: Link[];
  attachments: { href: string; metas: { 'mime-type': string; title: string; id?: string; url?: string } }[];
}

export interface ExportFormatsResponseV21 {
  _links: Link[];
}
