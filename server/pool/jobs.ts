import type Database from 'better-sqlite3';
import type { AggregatesResponse, Dataset } from '../../common/ods-api/types';
import { notFound } from '../errors';
import { exportColumns } from '../exports/columns';
import { readExportParams } from '../exports/export-params';
import { exportFormat, type Producer } from '../exports/formats';
import { link } from '../links';
import { OdsqlSemanticError } from '../odsql/compiled';
import { computeFacets, defaultFacets, parseFacetParam } from '../query/facets';
import { pageOf, readParams } from '../query/params';
import { inClause, planQuery } from '../query/plan';
import { countRecords, readGroups, readRecords, timed } from '../query/read';
import { decodeContext, querySpec } from '../routes/dataset-context';
import { type ApiVersion, V20, V20_EXPLORE, V21 } from '../serializers/api-version';
import type { DatasetLayout } from '../store/layout';

/**
 * The work of the dataset query endpoints, as jobs that carry everything they need (the request's
 * URL, the dataset's layout (an export also its metadata), the API version's base path) and run on any read connection:
 * a query worker's (server/pool/query-worker.ts) or, in-process, the store's own. A query job
 * answers its JSON body as text, so that writing it costs the worker, not the event loop.
 */

export type QueryKind = 'records' | 'record' | 'aggregates' | 'facets';

export interface QueryJob {
  readonly kind: QueryKind;
  /** The API version's base path (`/api/v2`, `/api/explore/v2.1`…): how the worker finds it again. */
  readonly base: string;
  readonly url: string;
  /** Its id only: a query answers no metadata, and each job crosses to a thread as a copy. */
  readonly datasetId: string;
  readonly layout: DatasetLayout;
  readonly recordId?: string;
}

export interface ExportJob {
  readonly kind: 'export';
  readonly base: string;
  readonly url: string;
  readonly dataset: Dataset;
  readonly layout: DatasetLayout;
  /** A format name exportFormat() knows (the route checked it). */
  readonly format: string;
}

export type Job = QueryJob | ExportJob;

const VERSIONS = [V20, V20_EXPLORE, V21];

export function versionAt(base: string): ApiVersion {
  const version = VERSIONS.find((v) => v.base === base);
  if (!version) throw new Error(`no API version at ${base}`);
  return version;
}

/** Runs a query job on `db`; its answer is the response's JSON text. */
export function runQuery(db: Database.Database, job: QueryJob): string {
  return JSON.stringify(answer(db, job));
}

function answer(db: Database.Database, job: QueryJob): unknown {
  const version = versionAt(job.base);
  const { serializer } = version;
  const { datasetId, layout } = job;
  const url = new URL(job.url);
  const params = readParams(url);
  const context = () => decodeContext(version, url, datasetId, params.timezone);
  switch (job.kind) {
    case 'records': {
      const plan = planQuery(layout, db, querySpec(params, version));
      const { limit, offset } = pageOf(params, plan.grouped);
      if (plan.grouped) {
        return serializer.groups(url, datasetId, readGroups(db, plan, limit, offset, context()));
      }
      const total = countRecords(db, plan);
      const records = readRecords(db, plan, limit, offset, context());
      return serializer.records(url, datasetId, { total, limit, offset }, records);
    }
    case 'record': {
      const spec = {
        ...querySpec(params, version),
        where: [],
        refine: [],
        exclude: [],
        groupBy: null,
        orderBy: null,
        recordId: job.recordId!,
      };
      const plan = planQuery(layout, db, spec);
      if (plan.grouped) {
        inClause('select', () => {
          throw new OdsqlSemanticError('Aggregations cannot be used on a single record.');
        });
      }
      const [record] = readRecords(db, plan, 1, 0, context());
      if (!record) throw notFound(`Unknown record: ${job.recordId} in dataset ${datasetId}`);
      return serializer.record(url, datasetId, record);
    }
    case 'aggregates': {
      const spec = { ...querySpec(params, version), select: params.select ?? 'count(*)', aggregate: true };
      const plan = planQuery(layout, db, spec);
      const { limit, offset } = pageOf(params, true);
      // v2.0 only, so its one envelope is written here rather than by a serializer.
      const body: AggregatesResponse = {
        links: [link(url.origin, url.pathname, 'self', url.searchParams)],
        aggregations: readGroups(db, plan, limit, offset, context()),
      };
      return body;
    }
    case 'facets': {
      const requests = params.facets.length
        ? inClause('facet', () => params.facets.map(parseFacetParam))
        : defaultFacets(layout);
      const facets = timed(() => computeFacets(layout, db, querySpec(params, version), requests));
      return serializer.facets(url, facets);
    }
  }
}

/**
 * An export job planned and checked, ready to stream: everything that can refuse the request (its
 * parameters, its ODSQL, a format that cannot hold it) throws here, before any byte is written.
 */
export function prepareExport(db: Database.Database, job: ExportJob): Producer {
  const version = versionAt(job.base);
  const { dataset, layout } = job;
  const format = exportFormat(job.format, version.spreadsheet);
  if (!format) throw new Error(`unknown export format ${job.format}`);
  const url = new URL(job.url);
  const params = readExportParams(url, version.exportDefaults);
  const plan = planQuery(layout, db, querySpec(params.request, version));
  const skip = plan.grouped ? 0 : 4;
  const context = decodeContext(version, url, dataset.dataset_id, params.request.timezone);
  const columns = exportColumns(plan.outputs, context, skip);
  const sql = plan.rowsSql(params.limit, params.offset);
  return format.prepare({
    dataset,
    query: { db, sql, params: plan.params },
    columns,
    idAt: plan.grouped ? null : 1,
    params,
    host: url.hostname,
    count: () => {
      // Grouped rows have no count query: count the page itself (limit and offset included).
      if (!plan.countSql) {
        return timed(() => db.prepare(`SELECT count(*) FROM (${sql})`).pluck().get(plan.params) as number);
      }
      const total = timed(() => db.prepare(plan.countSql!).pluck().get(plan.params) as number);
      const after = Math.max(0, total - params.offset);
      return params.limit < 0 ? after : Math.min(after, params.limit);
    },
  });
}
