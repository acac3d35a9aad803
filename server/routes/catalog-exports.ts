import { Hono } from 'hono';
import type { Dataset } from '../../common/ods-api/types';
import type { CatalogIndex } from '../catalog/catalog-index';
import { exportFormats } from '../exports/formats';
import { link } from '../links';
import { InlineRunner } from '../pool/query-runner';
import type { ApiVersion } from '../serializers/api-version';
import { type ExportRoutesOptions, sendExport, unknownFormat } from './exports';

/**
 * `GET …/catalog/exports` and `…/catalog/exports/{format}` (ods-api.md §6): the catalog's metadata,
 * one row per dataset, as csv, json, or the version's spreadsheet. They run on the catalog index
 * through the dataset export path, so where, refine, select and order_by work as on a dataset.
 */

/** The catalog described as a dataset, which is what an export writes from. */
function catalogDataset(catalog: CatalogIndex): Dataset {
  return {
    dataset_id: 'catalog',
    dataset_uid: 'catalog',
    attachments: [],
    has_records: true,
    data_visible: true,
    fields: catalog.layout.fields.map((f) => f.field),
    features: [],
    metas: {
      default: {
        title: 'Catalog',
        description: null,
        theme: null,
        keyword: null,
        publisher: null,
        license: null,
        license_url: null,
        modified: null,
        language: null,
        territory: null,
        timezone: null,
        records_count: 0,
        data_processed: null,
        metadata_processed: null,
      },
    },
  };
}

export function catalogExportRoutes(
  catalog: CatalogIndex,
  version: ApiVersion,
  options: ExportRoutesOptions = {},
): Hono {
  const app = new Hono({ strict: false });
  const names = ['csv', 'json', version.spreadsheet];
  const offered = exportFormats(version.spreadsheet).filter((format) => names.includes(format.name));
  // The catalog index is an in-memory database of this thread: its exports run here.
  const queries = new InlineRunner(catalog.db);

  app.get('/exports', (c) => {
    const url = new URL(c.req.url);
    const base = `${version.base}/catalog/exports`;
    const links = offered.map((format) => link(url.origin, `${base}/${format.name}`, format.name));
    return c.json(version.serializer.exportFormats(url, links));
  });

  app.get('/exports/:format', (c) => {
    const name = c.req.param('format');
    const format = offered.find((f) => f.name === name.toLowerCase());
    if (!format) throw unknownFormat(name, offered, 'the catalog');
    const source = { dataset: catalogDataset(catalog), layout: catalog.layout };
    return sendExport(c, queries, source, format, version, options);
  });

  return app;
}
