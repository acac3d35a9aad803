import { readFileSync } from 'node:fs';
import type { Dataset } from '../../common/ods-api/types';
import { parseCsv } from './csv';
import type { DatasetSource, PortalSource } from './portal-folder';
import type { Store } from './store';

function countRecords(source: DatasetSource): number {
  const text = readFileSync(source.dataFile, 'utf8');
  if (source.dataFile.endsWith('.csv')) return Math.max(0, parseCsv(text).length - 1);
  const parsed = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.length : parsed.features.length;
}

function datasetObject(source: DatasetSource, now: string): Dataset {
  return {
    dataset_id: source.datasetId,
    dataset_uid: `da_${source.datasetId.slice(0, 6)}`,
    attachments: [],
    has_records: true,
    data_visible: true,
    fields: source.fields,
    metas: {
      default: {
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
        metadata_processed: now,
        ...source.metas,
        data_processed: now,
        records_count: countRecords(source),
      },
    },
    features: [],
  };
}

/** Loads a portal folder into the store, replacing what was there, in one transaction. */
export function ingestPortal(store: Store, portal: PortalSource): void {
  const now = new Date().toISOString();
  store.db.transaction(() => {
    store.setPortalInfo(portal.info);
    store.db.prepare('DELETE FROM datasets').run();
    const insert = store.db.prepare('INSERT INTO datasets (dataset_id, position, dataset) VALUES (?, ?, ?)');
    portal.datasets.forEach((source, position) => {
      insert.run(source.datasetId, position, JSON.stringify(datasetObject(source, now)));
    });
  })();
}
