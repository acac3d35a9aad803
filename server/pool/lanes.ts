import type { Job } from './jobs';

/**
 * Which lane a job waits in. Heavy jobs (exports, aggregations, geometry and fuzzy text)
 * may hold all workers but one, so a quick query always finds a worker within the time of a quick
 * query. The class is read from the request, before the job is compiled in a worker: a false
 * "heavy" only queues a query behind other heavy ones, and a false "cheap" runs under the same
 * time limit as any other.
 */
export type Lane = 'cheap' | 'heavy';

/** ODSQL that calls our JavaScript per record (geometry, distances, typo search) or builds groups. */
const HEAVY_ODSQL =
  /\b(search|suggest|distance|within|intersects|disjoint|geometry|polygon|bbox|geo_cluster|group_by|percentile|envelope|median)\b|geom'/i;

export function laneOf(job: Job): Lane {
  if (job.kind === 'export' || job.kind === 'aggregates') return 'heavy';
  if (job.kind === 'record') return 'cheap';
  const params = new URL(job.url).searchParams;
  if (params.get('group_by')?.trim()) return 'heavy';
  const odsql = [...params.getAll('where'), params.get('select') ?? '', params.get('order_by') ?? ''];
  return odsql.some((text) => HEAVY_ODSQL.test(text)) ? 'heavy' : 'cheap';
}

/** How many heavy jobs may run at once on `workers` workers: all but one, and at least one. */
export function heavyCap(workers: number): number {
  return Math.max(1, workers - 1);
}
