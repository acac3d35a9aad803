import type { Dataset, FacetGroup } from '../../common/ods-api/types';

/**
 * The explorer's model of what a portal answers. Fetchers return these shapes whatever API version
 * the portal speaks; each version has one adapter from its wire shapes (wire-v20.ts, wire-v21.ts), so features
 * never read `links`, envelopes such as `records[].record`, or other wire details.
 */

/** The Explore API a portal speaks: v2.0 at `/api/v2`, v2.1 at `/api/explore/v2.1`. */
export type ApiVersion = '2.0' | '2.1';

/** The dataset object (fields, metas, features) is the same in both versions' wire shapes. */
export type { Dataset, FacetGroup };

export interface OdsRecord {
  id: string;
  /** When the portal last wrote the record, and its size in bytes: v2.0 always says, v2.1 may not. */
  timestamp: string | null;
  size: number | null;
  /** Field name → value, as the portal sent it. */
  values: Record<string, unknown>;
}

export interface RecordsPage {
  /** Records matching the request, beyond the page. */
  total: number;
  records: OdsRecord[];
}

/** One group of a grouped records or aggregates request: the group_by keys and the selected values. */
export type GroupRow = Record<string, unknown>;

export interface CatalogPage {
  total: number;
  datasets: Dataset[];
}

export interface Attachment {
  /** What `…/attachments/{id}` downloads. */
  id: string;
  title: string;
  mimeType: string;
  /** The publisher's source (`odsfile://name.zip`), when the portal says. */
  url: string | null;
}

export interface Snapshot {
  /** What `…/snapshots/{id}` downloads. */
  id: string;
  createdAt: string;
  description: string;
}

export interface Reuse {
  id: string;
  title: string;
  description: string;
  url: string;
  thumbnail: string | null;
  createdAt: string;
  /** The author's full name, else their user name; null when the portal names nobody. */
  author: string | null;
}
