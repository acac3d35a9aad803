import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatasetField, DatasetMetasDefault } from '../../common/ods-api/types';
import type { PortalInfo } from './store';

/** One dataset found in a portal folder: its declared description and its data file. */
export interface DatasetSource {
  datasetId: string;
  folder: string;
  metas: Partial<DatasetMetasDefault> & { title: string };
  fields: DatasetField[];
  dataFile: string;
}

export interface PortalSource {
  info: PortalInfo;
  datasets: DatasetSource[];
}

const DATA_FILES = ['data.csv', 'data.json', 'data.geojson'];

/** Reads a portal folder: `portal.json` and one sub-folder per dataset (README.md, "Portal folder format"). */
export function readPortalFolder(dir: string): PortalSource {
  const portalFile = join(dir, 'portal.json');
  const info: PortalInfo = existsSync(portalFile)
    ? {
        title: 'ODS portal',
        description: '',
        language: 'en',
        ...JSON.parse(readFileSync(portalFile, 'utf8')),
      }
    : { title: 'ODS portal', description: '', language: 'en' };
  const datasets: DatasetSource[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (!entry.isDirectory()) continue;
    const folder = join(dir, entry.name);
    const descriptor = join(folder, 'dataset.json');
    if (!existsSync(descriptor)) continue;
    const declared = JSON.parse(readFileSync(descriptor, 'utf8'));
    const dataFile = DATA_FILES.map((name) => join(folder, name)).find((file) => existsSync(file));
    if (!dataFile) throw new Error(`${folder}: no data.csv, data.json or data.geojson`);
    datasets.push({
      datasetId: declared.dataset_id ?? entry.name,
      folder,
      metas: declared.metas.default,
      fields: declared.fields,
      dataFile,
    });
  }
  return { info, datasets };
}
