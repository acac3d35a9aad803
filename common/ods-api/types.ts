/**
 * Wire types of the Explore API v2.0 (`/api/v2`), as ODS answers them (ods-api.md §3, §5, §7).
 * Both the embedded portal (which produces them) and the explorer (which reads them) use these.
 */

export interface Link {
  href: string;
  rel: string;
}

export const FIELD_TYPES = [
  'text',
  'int',
  'double',
  'boolean',
  'date',
  'datetime',
  'geo_point_2d',
  'geo_shape',
  'file',
  'json_blob',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** ODS annotations are lists: `{"facet": []}`, `{"multivalued": [","]}`, `{"facetsort": ["-count"]}`. */
export type FieldAnnotations = Record<string, string[]>;

export interface DatasetField {
  name: string;
  label: string;
  type: FieldType;
  annotations: FieldAnnotations;
  description: string | null;
}

export interface DatasetMetasDefault {
  title: string;
  description: string | null;
  theme: string[] | null;
  keyword: string[] | null;
  publisher: string | null;
  license: string | null;
  license_url: string | null;
  modified: string | null;
  language: string | null;
  territory: string[] | null;
  timezone: string | null;
  records_count: number;
  data_processed: string | null;
  metadata_processed: string | null;
  [key: string]: unknown;
}

export interface DatasetAttachmentRef {
  id: string;
  mimetype: string;
  title: string;
  url: string;
}

export interface Dataset {
  dataset_id: string;
  dataset_uid: string;
  attachments: DatasetAttachmentRef[];
  has_records: boolean;
  data_visible: boolean;
  fields: DatasetField[];
  metas: { default: DatasetMetasDefault; [template: string]: Record<string, unknown> };
  features: string[];
}

export interface CatalogDatasetsResponse {
  total_count: number;
  links: Link[];
  datasets: { links: Link[]; dataset: Dataset }[];
}

export interface DatasetResponse {
  links: Link[];
  dataset: Dataset;
}

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface RecordBody {
  id: string;
  timestamp: string;
  size: number;
  fields: Record<string, unknown>;
}

export interface RecordsResponse {
  total_count: number;
  links: Link[];
  records: { links: Link[]; record: RecordBody }[];
}

/** A grouped records response (v2.0): no total_count, no per-record links or ids. */
export interface GroupedRecordsResponse {
  links: Link[];
  records: { record: { fields: Record<string, unknown> } }[];
}

export interface RecordResponse {
  links: Link[];
  record: RecordBody;
}

export interface AggregatesResponse {
  links?: Link[];
  aggregations: Record<string, unknown>[];
}

export type FacetState = 'displayed' | 'refined' | 'excluded';

export interface FacetValue {
  name: string;
  value: string;
  count?: number;
  state: FacetState;
  facets?: FacetValue[];
}

export interface FacetGroup {
  name: string;
  facets: FacetValue[];
}

export interface FacetsResponse {
  links: Link[];
  facets: FacetGroup[];
}

export interface AttachmentsResponse {
  links: Link[];
  attachments: { href: string; metas: { 'mime-type': string; title: string; id?: string; url?: string } }[];
}

export interface Reuse {
  id: string;
  title: string;
  description: string;
  url: string;
  thumbnail: string | null;
  created_at: string;
  user: { username: string; first_name: string; last_name: string };
}

export interface ReusesResponse {
  links: Link[];
  reuses: Reuse[];
}

export interface ReuseResponse {
  links: Link[];
  reuse: Reuse;
}

export interface Snapshot {
  snapshot_id: string;
  created_at: string;
  description: string;
  href: string;
}

export interface SnapshotsResponse {
  links: Link[];
  snapshots: Snapshot[];
}

export interface FeedbackBody {
  comment: string;
  recordid?: string;
  newValues?: Record<string, unknown>;
  schema?: Record<string, unknown>;
}

export interface RootResponse {
  links: Link[];
}

/** `GET …/datasets/{id}/exports` (no format): the formats a dataset offers, one link each. */
export interface ExportFormatsResponse {
  links: Link[];
}

/** The answer to `PUT …/datasets/{id}/feedback` (201). */
export interface FeedbackResponse {
  status: string;
}
