import type { Dataset, Link } from '../../common/ods-api/types';
import type {
  AttachmentsResponseV21,
  CatalogDatasetsResponseV21,
  CatalogItemV21,
  DatasetV21,
  ExportFormatsResponseV21,
  FacetsResponseV21,
  GroupedRecordsResponseV21,
  RecordsResponseV21,
  RecordV21,
} from '../../common/ods-api/types-v21';
import { datasetLinks, link, pageLinks, parentLinks, recordLinks } from '../links';
import { readBoolean } from '../query/params';
import { metaValue } from './meta-select';
import { attachmentItem, DATASET_KEYS, type SelectedMeta, type Serializer } from './serializer';

/**
 * Explore v2.1's envelopes (ods-api.md §3): datasets and records flat in `results`, a single dataset
 * or record as the bare object, and `_links` only when the request says `include_links=true`
 * (facets and attachments always carry `_links`, empty by default, as their documented bodies do).
 */

const ROOT_KEYS: readonly string[] = [...DATASET_KEYS, 'metas', 'visibility', 'alternative_exports'];

function flat(dataset: Dataset): DatasetV21 {
  // This portal has no restricted datasets and no publisher-supplied alternative exports.
  return { ...dataset, visibility: 'domain', alternative_exports: [] };
}

/** With `select`, only the named keys, each at the root under the name the client wrote. */
function project(dataset: Dataset, selection: readonly SelectedMeta[] | null): CatalogItemV21 {
  const whole = flat(dataset);
  if (selection === null) return whole;
  const projected: Record<string, unknown> = {};
  for (const { key, name } of selection) projected[key] = metaValue(whole, name, ROOT_KEYS).value;
  return projected;
}

export function v21Serializer(base: string): Serializer {
  const datasets = `${base}/catalog/datasets`;
  const dataset = (id: string) => `${datasets}/${encodeURIComponent(id)}`;
  const linked = (url: URL) => readBoolean(url, 'include_links', false);
  /** `_links` when asked for, else nothing: spread into an object literal. */
  const withLinks = (on: boolean, links: () => Link[]) => (on ? { _links: links() } : {});

  return {
    catalogDatasets(url, page, found, selection): CatalogDatasetsResponseV21 {
      const on = linked(url);
      return {
        total_count: page.total,
        ...withLinks(on, () => pageLinks(url, page.total, page.limit, page.offset)),
        results: found.map((item) => ({
          ...project(item, selection),
          ...withLinks(on, () => datasetLinks(url.origin, datasets, item.dataset_id)),
        })),
      };
    },
    dataset(url, item, selection): CatalogItemV21 {
      return {
        ...project(item, selection),
        ...withLinks(linked(url), () => datasetLinks(url.origin, datasets, item.dataset_id)),
      };
    },
    records(url, datasetId, page, records): RecordsResponseV21 {
      const on = linked(url);
      return {
        total_count: page.total,
        ...withLinks(on, () => pageLinks(url, page.total, page.limit, page.offset)),
        results: records.map(
          (record): RecordV21 => ({
            ...record.fields,
            ...withLinks(on, () => recordLinks(url.origin, datasets, datasetId, record.id)),
          }),
        ),
      };
    },
    groups(url, datasetId, rows): GroupedRecordsResponseV21 {
      return {
        ...withLinks(linked(url), () => [
          link(url.origin, url.pathname, 'self', url.searchParams),
          ...parentLinks(url.origin, datasets, datasetId),
        ]),
        results: [...rows],
      };
    },
    record(url, datasetId, record): RecordV21 {
      return {
        ...record.fields,
        ...withLinks(linked(url), () => recordLinks(url.origin, datasets, datasetId, record.id)),
      };
    },
    facets(url, facets): FacetsResponseV21 {
      const self = () => [link(url.origin, url.pathname, 'self', url.searchParams)];
      return { _links: linked(url) ? self() : [], facets: [...facets] };
    },
    attachments(url, datasetId, attachments): AttachmentsResponseV21 {
      const links = () => [
        link(url.origin, url.pathname, 'self'),
        link(url.origin, dataset(datasetId), 'dataset'),
      ];
      return {
        _links: linked(url) ? links() : [],
        attachments: attachments.map((a) => attachmentItem(url.origin, dataset(datasetId), a)),
      };
    },
    exportFormats(_url, links): ExportFormatsResponseV21 {
      return { _links: [...links] };
    },
    root(links): ExportFormatsResponseV21 {
      return { _links: [...links] };
    },
  };
}
