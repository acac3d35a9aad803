import Database from 'better-sqlite3';
import type { Dataset, DatasetField, FieldType } from '../../common/ods-api/types';
import { registerSqlFunctions } from '../odsql/sql-functions';
import type { DatasetLayout, FieldLayout } from '../store/layout';
import { quoteIdent } from '../store/sql-ident';

/**
 * The catalog as a dataset: one record per dataset, with its metadata as fields, in an in-memory
 * SQLite database laid out like any dataset (server/store/layout.ts). Catalog search, refine,
 * facets and sorting then run through the same ODSQL compiler as records do. Names follow the
 * `default` metadata template; the compiler accepts them with or without `default.`.
 */

interface CatalogField {
  name: string;
  label: string;
  type: FieldType;
  multivalued?: boolean;
  facet?: boolean;
  fullText?: boolean;
  value: (dataset: Dataset) => unknown;
}

const metas = (dataset: Dataset) => dataset.metas.default;
const toMs = (value: unknown) => (typeof value === 'string' && value ? Date.parse(value) : null);

function plainText(html: unknown): string | null {
  if (typeof html !== 'string') return null;
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

const FIELDS: CatalogField[] = [
  { name: 'dataset_id', label: 'Dataset id', type: 'text', fullText: true, value: (d) => d.dataset_id },
  { name: 'title', label: 'Title', type: 'text', fullText: true, value: (d) => metas(d).title },
  {
    name: 'description',
    label: 'Description',
    type: 'text',
    fullText: true,
    value: (d) => plainText(metas(d).description),
  },
  {
    name: 'theme',
    label: 'Theme',
    type: 'text',
    multivalued: true,
    facet: true,
    fullText: true,
    value: (d) => metas(d).theme,
  },
  {
    name: 'keyword',
    label: 'Keyword',
    type: 'text',
    multivalued: true,
    facet: true,
    fullText: true,
    value: (d) => metas(d).keyword,
  },
  {
    name: 'publisher',
    label: 'Publisher',
    type: 'text',
    facet: true,
    fullText: true,
    value: (d) => metas(d).publisher,
  },
  { name: 'license', label: 'Licence', type: 'text', facet: true, value: (d) => metas(d).license },
  { name: 'language', label: 'Language', type: 'text', facet: true, value: (d) => metas(d).language },
  {
    name: 'territory',
    label: 'Territory',
    type: 'text',
    multivalued: true,
    facet: true,
    fullText: true,
    value: (d) => metas(d).territory,
  },
  {
    name: 'features',
    label: 'Features',
    type: 'text',
    multivalued: true,
    facet: true,
    value: (d) => d.features,
  },
  {
    name: 'modified',
    label: 'Modified',
    type: 'datetime',
    facet: true,
    value: (d) => toMs(metas(d).modified),
  },
  {
    name: 'data_processed',
    label: 'Data processed',
    type: 'datetime',
    value: (d) => toMs(metas(d).data_processed),
  },
  {
    name: 'metadata_processed',
    label: 'Metadata processed',
    type: 'datetime',
    value: (d) => toMs(metas(d).metadata_processed),
  },
  { name: 'records_count', label: 'Records', type: 'int', value: (d) => metas(d).records_count },
  { name: 'has_records', label: 'Has records', type: 'boolean', value: (d) => (d.has_records ? 1 : 0) },
];

/** Facets the catalog lists when the request names none. */
export const CATALOG_FACETS = [
  'theme',
  'keyword',
  'publisher',
  'features',
  'modified',
  'language',
  'license',
  'territory',
];

export class CatalogIndex {
  readonly db: Database.Database;
  readonly layout: DatasetLayout;
  private byId = new Map<string, Dataset>();

  constructor() {
    this.db = new Database(':memory:');
    registerSqlFunctions(this.db);
    const fields: FieldLayout[] = FIELDS.map((f) => {
      const field: DatasetField = {
        name: f.name,
        label: f.label,
        type: f.type,
        description: null,
        annotations: {
          ...(f.facet ? { facet: [] } : {}),
          ...(f.multivalued ? { multivalued: [','] } : {}),
          sortable: [],
        },
      };
      return {
        field,
        column: `c_${f.name}`,
        latColumn: null,
        lonColumn: null,
        valuesTable: f.multivalued ? `catalog_${f.name}` : null,
        separator: f.multivalued ? ',' : null,
        rtreeTable: null,
        fullText: f.fullText === true,
        ftsColumn: f.fullText ? f.name : null,
      };
    });
    this.layout = {
      datasetId: 'catalog',
      table: 'catalog',
      ftsTable: 'catalog_fts',
      fields,
      timezone: 'UTC',
      generation: 1,
    };
    const sqlType = (type: FieldType) =>
      type === 'int' || type === 'boolean' || type === 'datetime' ? 'INTEGER' : 'TEXT';
    this.db.exec(`
      CREATE TABLE catalog (
        rid INTEGER PRIMARY KEY, record_id TEXT NOT NULL, record_timestamp TEXT NOT NULL, record_size INTEGER NOT NULL,
        ${fields.map((f) => `${quoteIdent(f.column)} ${sqlType(f.field.type)}`).join(', ')}
      );
      ${fields
        .flatMap((f) =>
          f.valuesTable
            ? [`CREATE TABLE ${quoteIdent(f.valuesTable)} (rid INTEGER NOT NULL, value TEXT NOT NULL);`]
            : [],
        )
        .join('\n')}
      CREATE VIRTUAL TABLE catalog_fts USING fts5(${fields
        .filter((f) => f.fullText)
        .map((f) => quoteIdent(f.field.name))
        .join(', ')}, content='', tokenize='unicode61 remove_diacritics 2');
    `);
  }

  /** Replaces the index with these datasets, in catalog order. */
  rebuild(datasets: readonly Dataset[]): void {
    const fields = this.layout.fields;
    const insert = this.db.prepare(
      `INSERT INTO catalog VALUES (?, ?, ?, ?, ${fields.map(() => '?').join(', ')})`,
    );
    const textFields = fields.filter((f) => f.fullText);
    const insertText = this.db.prepare(
      `INSERT INTO catalog_fts (rowid, ${textFields.map((f) => quoteIdent(f.field.name)).join(', ')}) VALUES (?, ${textFields
        .map(() => '?')
        .join(', ')})`,
    );
    this.db.transaction(() => {
      this.db.exec('DELETE FROM catalog');
      this.db.exec('DELETE FROM catalog_fts');
      for (const f of fields) if (f.valuesTable) this.db.exec(`DELETE FROM ${quoteIdent(f.valuesTable)}`);
      this.byId.clear();
      datasets.forEach((dataset, index) => {
        const rid = index + 1;
        this.byId.set(dataset.dataset_id, dataset);
        const values = FIELDS.map((f) => f.value(dataset) ?? null);
        const stored = values.map((value, k) => {
          if (FIELDS[k]!.multivalued)
            return Array.isArray(value) && value.length ? JSON.stringify(value) : null;
          return value as string | number | null;
        });
        const timestamp = dataset.metas.default.metadata_processed ?? new Date(0).toISOString();
        insert.run(rid, dataset.dataset_id, timestamp, JSON.stringify(dataset).length, ...stored);
        values.forEach((value, k) => {
          const table = fields[k]!.valuesTable;
          if (!table || !Array.isArray(value)) return;
          const add = this.db.prepare(`INSERT INTO ${quoteIdent(table)} VALUES (?, ?)`);
          for (const item of new Set(value.map(String))) add.run(rid, item);
        });
        insertText.run(
          rid,
          ...textFields.map((f) => {
            const value = values[FIELDS.findIndex((c) => c.name === f.field.name)];
            return Array.isArray(value) ? value.join(' ') : ((value as string | null) ?? null);
          }),
        );
      });
    })();
  }

  datasetById(id: string): Dataset | undefined {
    return this.byId.get(id);
  }
}
