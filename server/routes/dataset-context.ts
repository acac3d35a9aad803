import type { Context } from 'hono';
import type { Dataset } from '../../common/ods-api/types';
import { notFound } from '../errors';
import type { DecodeContext } from '../query/outputs';
import type { RequestParams } from '../query/params';
import type { QuerySpec } from '../query/plan';
import type { ApiVersion } from '../serializers/api-version';
import type { DatasetLayout } from '../store/layout';
import type { Store } from '../store/store';

/**
 * What every route under `…/catalog/datasets/{dataset_id}` starts from: the dataset and its layout,
 * the request's URL, and the API version serving it; and the helpers they all share, so that each
 * route module stands on its own instead of borrowing from another route.
 */

export interface DatasetContext {
  dataset: Dataset;
  layout: DatasetLayout;
  url: URL;
  version: ApiVersion;
}

/** `…/catalog/datasets` under the version's base path. */
export function datasetsPath(version: ApiVersion): string {
  return `${version.base}/catalog/datasets`;
}

export function datasetPath(version: ApiVersion, datasetId: string): string {
  return `${datasetsPath(version)}/${encodeURIComponent(datasetId)}`;
}

/** The request's dataset id and its layout (cached): enough for a query, which answers no metadata. */
export function findLayout(store: Store, c: Context): { datasetId: string; layout: DatasetLayout } {
  const datasetId = c.req.param('dataset_id')!;
  const layout = store.layout(datasetId);
  if (!layout) throw notFound(`Unknown dataset: ${datasetId}`);
  return { datasetId, layout };
}

export function findDataset(store: Store, c: Context, version: ApiVersion): DatasetContext {
  const { datasetId, layout } = findLayout(store, c);
  const dataset = store.dataset(datasetId);
  if (!dataset) throw notFound(`Unknown dataset: ${datasetId}`);
  return { dataset, layout, url: new URL(c.req.url), version };
}

/** How values are written for this request: its time zone, the version's date parts, file URLs. */
export function decodeContext(
  version: ApiVersion,
  url: URL,
  datasetId: string,
  timezone: string,
): DecodeContext {
  const files = `${url.origin}${datasetPath(version, datasetId)}/files/`;
  return {
    timezone,
    datePartsAsText: version.datePartsAsText,
    pointLonFirst: version.pointLonFirst,
    fileUrl: (fileId) => `${files}${fileId}`,
  };
}

/** The query a request's parameters describe, as the version reads it. */
export function querySpec(params: RequestParams, version: ApiVersion): QuerySpec {
  return {
    select: params.select,
    where: params.where,
    groupBy: params.groupBy,
    orderBy: params.orderBy,
    refine: params.refine,
    exclude: params.exclude,
    timezone: params.timezone,
    lang: params.lang,
    nullGroups: version.nullGroups,
    groupKeysFirst: version.groupKeysFirst,
  };
}
