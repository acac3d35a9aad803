import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { type DatasetField, type DatasetMetasDefault, FIELD_TYPES } from '../../common/ods-api/types';
import { datasetIdFromFileName } from './infer-schema';
import type { PortalInfo } from './store';

/**
 * Reading a portal folder. The format:
 *
 *   portal.json            {title, description, language}
 *   <any>/dataset.json     {dataset_id, metas: {default: {...}}, fields: [...]}
 *   <any>/data.csv | data.json | data.geojson
 *   <any>/files/           binaries named by `file` field values
 *   <any>/attachments/     files attached to the dataset
 *   <any>/reuses.json      [{title, description, url, thumbnail, created_at, user}]
 *   <name>.csv | <name>.geojson   a bare file: a dataset with an inferred schema
 *
 * A sub-folder with a data file but no dataset.json is a dataset with an inferred schema too. Data
 * files are UTF-8 (a BOM is allowed); a CSV's delimiter is sniffed from its header (`,` `;` tab `|`).
 * How each field type reads its values is in values.ts; how types are inferred, in infer-schema.ts.
 * Dot files and folders are ignored.
 * Reading is cheap (a directory listing and the small JSON descriptors); data files are read by
 * ingest, and only when they changed.
 */

export interface DatasetDescriptor {
  metas: Partial<DatasetMetasDefault> & { title: string };
  fields: DatasetField[];
}

export interface DatasetSource {
  datasetId: string;
  /** A sub-folder with a dataset.json, or a data file whose schema is inferred. */
  kind: 'folder' | 'inferred';
  /** The sub-folder, or the bare file: what log lines name and what identifies the dataset's origin. */
  path: string;
  dataFile: string;
  /** dataset.json, parsed and checked; null when the schema is inferred from the data. */
  descriptor: DatasetDescriptor | null;
  descriptorFile: string | null;
  filesDir: string | null;
  attachmentsDir: string | null;
  reusesFile: string | null;
}

/** A dataset that cannot be read at all (e.g. invalid dataset.json): its previous version stays. */
export interface DatasetProblem {
  /** The dataset id when it could be read, else null (ingest then looks the path up). */
  datasetId: string | null;
  path: string;
  message: string;
}

export interface PortalSource {
  dir: string;
  info: PortalInfo;
  datasets: DatasetSource[];
  problems: DatasetProblem[];
  /** Why portal.json could not be read (then `info` holds defaults), or null. */
  infoProblem: string | null;
}

const DATA_FILES = ['data.csv', 'data.json', 'data.geojson'];
const BARE_EXTENSIONS = /\.(csv|geojson)$/i;
const FIELD_NAME = /^[A-Za-z0-9_]+$/;
const DATASET_ID = /^[A-Za-z0-9][A-Za-z0-9_.@-]*$/;

const DEFAULT_INFO: PortalInfo = { title: 'ODS portal', description: '', language: 'en' };

/** A path as log lines show it: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') ? rel : path;
}

class DescriptorError extends Error {}

function readJson(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new DescriptorError(`${displayPath(file)}: invalid JSON (${(error as Error).message})`);
  }
}

function checkFields(file: string, value: unknown): DatasetField[] {
  const where = displayPath(file);
  if (!Array.isArray(value)) throw new DescriptorError(`${where}: "fields" must be an array`);
  const seen = new Set<string>();
  return value.map((raw, index) => {
    if (!raw || typeof raw !== 'object')
      throw new DescriptorError(`${where}: fields[${index}] is not an object`);
    const field = raw as Record<string, unknown>;
    const name = field.name;
    if (typeof name !== 'string' || !FIELD_NAME.test(name)) {
      throw new DescriptorError(
        `${where}: fields[${index}].name must be letters, digits and underscores, got ${JSON.stringify(name)}`,
      );
    }
    if (seen.has(name.toLowerCase()))
      throw new DescriptorError(`${where}: field "${name}" is declared twice`);
    seen.add(name.toLowerCase());
    if (!FIELD_TYPES.includes(field.type as never)) {
      throw new DescriptorError(
        `${where}: field "${name}" has type ${JSON.stringify(field.type)}; expected one of ${FIELD_TYPES.join(', ')}`,
      );
    }
    const annotations: Record<string, string[]> = {};
    if (field.annotations !== undefined && field.annotations !== null) {
      if (typeof field.annotations !== 'object' || Array.isArray(field.annotations)) {
        throw new DescriptorError(`${where}: field "${name}" annotations must be an object of lists`);
      }
      for (const [key, list] of Object.entries(field.annotations)) {
        if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) {
          throw new DescriptorError(
            `${where}: field "${name}" annotation "${key}" must be a list of strings`,
          );
        }
        annotations[key] = list as string[];
      }
    }
    if (annotations.multivalued !== undefined && field.type !== 'text') {
      throw new DescriptorError(`${where}: field "${name}" is multivalued but not text`);
    }
    return {
      name,
      label: typeof field.label === 'string' && field.label !== '' ? field.label : name,
      type: field.type as DatasetField['type'],
      annotations,
      description: typeof field.description === 'string' ? field.description : null,
    };
  });
}

function readDescriptor(file: string): { datasetId: unknown; descriptor: DatasetDescriptor } {
  const parsed = readJson(file);
  const where = displayPath(file);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new DescriptorError(`${where}: expected an object`);
  }
  const declared = parsed as Record<string, unknown>;
  const metas = (declared.metas as { default?: unknown } | undefined)?.default;
  if (metas !== undefined && (typeof metas !== 'object' || metas === null || Array.isArray(metas))) {
    throw new DescriptorError(`${where}: "metas.default" must be an object`);
  }
  const fields = checkFields(file, declared.fields);
  const metasDefault = { ...(metas as Record<string, unknown> | undefined) } as DatasetDescriptor['metas'];
  return { datasetId: declared.dataset_id, descriptor: { metas: metasDefault, fields } };
}

function existingDir(path: string): string | null {
  return existsSync(path) && statSync(path).isDirectory() ? path : null;
}

function existingFile(path: string): string | null {
  return existsSync(path) && statSync(path).isFile() ? path : null;
}

function readInfo(dir: string): { info: PortalInfo; problem: string | null } {
  const file = join(dir, 'portal.json');
  if (!existsSync(file)) return { info: { ...DEFAULT_INFO }, problem: null };
  try {
    const parsed = readJson(file) as Partial<PortalInfo>;
    return {
      info: {
        title: typeof parsed.title === 'string' ? parsed.title : DEFAULT_INFO.title,
        description: typeof parsed.description === 'string' ? parsed.description : DEFAULT_INFO.description,
        language: typeof parsed.language === 'string' ? parsed.language : DEFAULT_INFO.language,
      },
      problem: null,
    };
  } catch (error) {
    return { info: { ...DEFAULT_INFO }, problem: (error as Error).message };
  }
}

/** Reads a portal folder's listing and descriptors. Throws only when `dir` itself is not readable. */
export function readPortalFolder(dir: string): PortalSource {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`${displayPath(dir)}: not a folder`);
  }
  const { info, problem: infoProblem } = readInfo(dir);
  const datasets: DatasetSource[] = [];
  const problems: DatasetProblem[] = [];
  const entries = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const descriptorFile = existingFile(join(path, 'dataset.json'));
      const dataFile = DATA_FILES.map((name) => join(path, name)).find((file) => existingFile(file));
      if (!descriptorFile && !dataFile) continue;
      const common = {
        path,
        filesDir: existingDir(join(path, 'files')),
        attachmentsDir: existingDir(join(path, 'attachments')),
        reusesFile: existingFile(join(path, 'reuses.json')),
      };
      if (!descriptorFile) {
        datasets.push({
          ...common,
          datasetId: datasetIdFromFileName(entry.name),
          kind: 'inferred',
          dataFile: dataFile!,
          descriptor: null,
          descriptorFile: null,
        });
        continue;
      }
      let datasetId: string | null = null;
      try {
        const read = readDescriptor(descriptorFile);
        const declaredId = read.datasetId ?? entry.name;
        if (typeof declaredId !== 'string' || !DATASET_ID.test(declaredId)) {
          throw new DescriptorError(
            `${displayPath(descriptorFile)}: dataset_id must be letters, digits, "-", "_", "." or "@", got ${JSON.stringify(declaredId)}`,
          );
        }
        datasetId = declaredId;
        if (!dataFile) {
          throw new DescriptorError(`${displayPath(path)}: no data.csv, data.json or data.geojson`);
        }
        datasets.push({
          ...common,
          datasetId,
          kind: 'folder',
          dataFile,
          descriptor: read.descriptor,
          descriptorFile,
        });
      } catch (error) {
        if (!(error instanceof DescriptorError)) throw error;
        problems.push({ datasetId, path, message: error.message });
      }
    } else if (entry.isFile() && BARE_EXTENSIONS.test(entry.name)) {
      datasets.push({
        datasetId: datasetIdFromFileName(entry.name),
        kind: 'inferred',
        path,
        dataFile: path,
        descriptor: null,
        descriptorFile: null,
        filesDir: null,
        attachmentsDir: null,
        reusesFile: null,
      });
    }
  }
  // Two sources claiming one id: the first (in name order) wins, the other is reported.
  const seen = new Map<string, DatasetSource>();
  const unique: DatasetSource[] = [];
  for (const source of datasets) {
    const first = seen.get(source.datasetId);
    if (first) {
      problems.push({
        datasetId: null,
        path: source.path,
        message: `${displayPath(source.path)}: dataset id "${source.datasetId}" is already used by ${displayPath(first.path)}; skipped`,
      });
      continue;
    }
    seen.set(source.datasetId, source);
    unique.push(source);
  }
  return { dir, info, datasets: unique, problems, infoProblem };
}

/** Lists a folder's files recursively (sorted, relative paths with `/`), skipping dot files. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string, prefix: string) => {
    const entries = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => !entry.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isFile()) out.push(`${prefix}${entry.name}`);
    }
  };
  walk(dir, '');
  return out;
}

/** Attachments are the files directly inside `attachments/` (sub-folders are ignored). */
export function attachmentNames(dir: string): string[] {
  return listFiles(dir).filter((name) => !name.includes('/'));
}

export interface SourceFile {
  path: string;
  /** Whether the file shapes the records (data file, schema, file-field binaries) or only metadata. */
  role: 'data' | 'descriptor' | 'metadata';
}

/** Every file the dataset is built from; a change in any of them means a new ingest. */
export function sourceFiles(source: DatasetSource): SourceFile[] {
  const files: SourceFile[] = [];
  if (source.descriptorFile) files.push({ path: source.descriptorFile, role: 'descriptor' });
  files.push({ path: source.dataFile, role: 'data' });
  if (source.filesDir) {
    for (const name of listFiles(source.filesDir))
      files.push({ path: join(source.filesDir, name), role: 'data' });
  }
  if (source.attachmentsDir) {
    for (const name of attachmentNames(source.attachmentsDir)) {
      files.push({ path: join(source.attachmentsDir, name), role: 'metadata' });
    }
  }
  if (source.reusesFile) files.push({ path: source.reusesFile, role: 'metadata' });
  return files;
}

/** The name a bare file or folder gives its dataset's title. */
export function sourceName(source: DatasetSource): string {
  return basename(source.path);
}
