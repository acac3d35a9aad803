import type {
  AttachmentsResponse,
  CatalogDatasetsResponse,
  Dataset,
  DatasetResponse,
  ExportFormatsResponse,
  FacetsResponse,
  GroupedRecordsResponse,
  RecordResponse,
  RecordsResponse,
  RootResponse,
} from '../../common/ods-api/types';
import { datasetLinks, link, pageLinks, parentLinks, recordLinks } from '../links';
import { metaValue } from './meta-select';
import { attachmentItem, DATASET_KEYS, type SelectedMeta, type Serializer } from './serializer';

/**
 * Explore v2.0's envelopes (ods-api.md §3): `links` everywhere, datasets wrapped as
 * `datasets[].dataset`, records as `records[].record` with their id, timestamp and size, and grouped
 * rows as `records[].record.fields`.
 */

/** `select=dataset_id,title,fields` keeps those keys; metadata stay inside metas.default. */
function project(dataset: Dataset, selection: readonly SelectedMeta[] | null): Dataset {
  if (selection === null) return dataset;
  const projected: Record<string, unknown> = { dataset_id: dataset.dataset_id };
  const metas: Record<string, unknown> = {};
  for (const { name } of selection) {
    const { root, value } = metaValue(dataset, name, DATASET_KEYS);
    if (root) projected[name] = value;
    else metas[name] = value;
  }
  projected.metas = { default: metas };
  return projected as unknown as Dataset;
}

export function v20Serializer(base: string): Serializer {
  const datasets = `${base}/catalog/datasets`;
  const dataset = (id: string) => `${datasets}/${encodeURIComponent(id)}`;
  return {
    catalogDatasets(url, page, found, selection): CatalogDatasetsResponse {
      return {
        total_count: page.total,
        links: pageLinks(url, page.total, page.limit, page.offset),
        datasets: found.map((item) => ({
          links: datasetLinks(url.origin, datasets, item.dataset_id),
          dataset: project(item, selection),
        })),
      };
    },
    dataset(url, item, selection): DatasetResponse {
      return {
        links: datasetLinks(url.origin, datasets, item.dataset_id),
        dataset: project(item, selection),
      };
    },
    records(url, datasetId, page, records): RecordsResponse {
      return {
        total_count: page.total,
        links: pageLinks(url, page.total, page.limit, page.offset),
        records: records.map((record) => ({
          links: recordLinks(url.origin, datasets, datasetId, record.id),
          record,
        })),
      };
    },
    groups(url, datasetId, rows): GroupedRecordsResponse {
      return {
        links: [
          link(url.origin, url.pathname, 'self', url.searchParams),
          ...parentLinks(url.origin, datasets, datasetId),
        ],
        records: rows.map((fields) => ({ record: { fields } })),
      };
    },
    record(url, datasetId, record): RecordResponse {
      return { links: recordLinks(url.origin, datasets, datasetId, record.id), record };
    },
    facets(url, facets): FacetsResponse {
      return { links: [link(url.origin, url.pathname, 'self', url.searchParams)], facets: [...facets] };
    },
    attachments(url, datasetId, attachments): AttachmentsResponse {
      return {
        links: [link(url.origin, url.pathname, 'self'), link(url.origin, dataset(datasetId), 'dataset')],
        attachments: attachments.map((a) => attachmentItem(url.origin, dataset(datasetId), a)),
      };
    },
    exportFormats(_url, links): ExportFormatsResponse {
      return { links: [...links] };
    },
    root(links): RootResponse {
      return { links: [...links] };
    },
  };
}
