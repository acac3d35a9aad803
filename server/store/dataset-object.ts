import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Dataset, DatasetField, DatasetMetasDefault } from '../../common/ods-api/types';
import { titleFromFileName } from './infer-schema';
import type { DatasetSource } from './portal-folder';
import type { AttachmentFile } from './side-files';
import type { PortalInfo } from './store';

/**
 * The dataset object the API serves (ods-api.md §3.1), built from a source's declared or inferred
 * metadata and fields: its uid, its features, and the `default` metadata with the counts and dates
 * ingest knows.
 */

/** `da_` and six base-36 characters, stable for a dataset id (ODS uids look like `da_6kvv9v`). */
function datasetUid(datasetId: string): string {
  const n = createHash('sha1').update(datasetId).digest().readUInt32BE(0);
  return `da_${n.toString(36).padStart(6, '0').slice(-6)}`;
}

/** ODS features: what the explorer may offer for the dataset (analyze, geo, timeserie, calendar). */
function datasetFeatures(fields: readonly DatasetField[]): string[] {
  const features: string[] = [];
  const numericOrDate = fields.some((f) => ['int', 'double', 'date', 'datetime'].includes(f.type));
  const facet = fields.some((f) => f.annotations.facet !== undefined);
  const dated = fields.some((f) => f.type === 'date' || f.type === 'datetime');
  if (numericOrDate || facet) features.push('analyze');
  if (fields.some((f) => f.type === 'geo_point_2d' || f.type === 'geo_shape')) features.push('geo');
  if (dated) features.push('timeserie', 'calendar');
  return features;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

type DeclaredMetas = Partial<DatasetMetasDefault> & { title: string };

export function metasOf(source: DatasetSource, info: PortalInfo): DeclaredMetas {
  if (source.descriptor) return source.descriptor.metas;
  return {
    title: titleFromFileName(basename(source.path)),
    description: `<p>Served from <code>${escapeHtml(basename(source.dataFile))}</code>; its fields were inferred from the data.</p>`,
    modified: statSync(source.dataFile).mtime.toISOString(),
    language: info.language,
    timezone: 'UTC',
  };
}

interface DatasetObjectInput {
  source: DatasetSource;
  info: PortalInfo;
  fields: DatasetField[];
  recordsCount: number;
  dataProcessed: string;
  metadataProcessed: string;
  attachments: AttachmentFile[];
}

export function datasetObject(input: DatasetObjectInput): Dataset {
  const { title, ...declared } = metasOf(input.source, input.info);
  const metas: DatasetMetasDefault = {
    title: typeof title === 'string' && title !== '' ? title : input.source.datasetId,
    description: null,
    theme: null,
    keyword: null,
    publisher: null,
    license: null,
    license_url: null,
    modified: null,
    language: input.info.language,
    territory: null,
    timezone: 'UTC',
    ...declared,
    records_count: input.recordsCount,
    data_processed: input.dataProcessed,
    metadata_processed: input.metadataProcessed,
  };
  return {
    dataset_id: input.source.datasetId,
    dataset_uid: datasetUid(input.source.datasetId),
    attachments: input.attachments.map((a) => ({
      id: a.attachmentId,
      mimetype: a.mimetype,
      title: a.title,
      url: `odsfile://${a.title}`,
    })),
    has_records: input.recordsCount > 0,
    data_visible: true,
    fields: input.fields,
    metas: { default: metas },
    features: datasetFeatures(input.fields),
  };
}
