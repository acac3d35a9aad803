import type { Job } from './jobs';

/**
 * Which lane a job waits in. Heavy jobs may hold all workers but one, so a quick query always
 * finds a worker within the time of a quick query. A job's lane comes first from the request,
 * before it is compiled in a worker (`laneOf`: exports, aggregations, geometry and fuzzy text are
 * heavy), then from what jobs of the same shape took (`CostBook`): a `group_by` over one
 * country's cities answers in a few milliseconds and need not queue behind every other heavy
 * job, which, with most clients waiting on that one lane, held a 2-worker pool to the throughput
 * of one. A false "heavy" only queues a query behind other heavy ones; a false "cheap" runs under
 * the same time limit as any other, and its time moves its shape to the heavy lane.
 */
export type Lane = 'cheap' | 'heavy';

/** ODSQL that calls our JavaScript per record (geometry, distances, typo search) or builds groups. */
const HEAVY_ODSQL =
  /\b(search|suggest|distance|within|intersects|disjoint|geometry|polygon|bbox|geo_cluster|group_by|percentile|envelope|median)\b|geom'/i;

/** The parameters of a job's request, read once for its lane and its shape. */
export function paramsOf(job: Job): URLSearchParams {
  return new URL(job.url).searchParams;
}

/** The lane the request alone suggests. */
export function laneOf(job: Job, params = paramsOf(job)): Lane {
  if (job.kind === 'export' || job.kind === 'aggregates') return 'heavy';
  if (job.kind === 'record') return 'cheap';
  if (params.get('group_by')?.trim()) return 'heavy';
  const odsql = [...params.getAll('where'), params.get('select') ?? '', params.get('order_by') ?? ''];
  return odsql.some((text) => HEAVY_ODSQL.test(text)) ? 'heavy' : 'cheap';
}

/** How many heavy jobs may run at once on `workers` workers: all but one, and at least one. */
export function heavyCap(workers: number): number {
  return Math.max(1, workers - 1);
}

/** A "heavy" shape that usually answers within this goes to the quick lane. */
export const QUICK_MS = 25;
/** A "cheap" shape that usually takes longer than this goes to the heavy lane. */
export const SLOW_MS = 150;
/** Shapes remembered, the least recently seen forgotten first. */
const SHAPES = 2000;
/** Weight of the newest time in a shape's running estimate. */
const ALPHA = 0.3;

const LITERALS = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\b\d+(?:\.\d+)?\b/g;

/**
 * A job's shape: its kind, dataset and parameters with the literal values masked, so that
 * `country_code = "FR"` and `country_code = "DE"` are one shape and `group_by=name` another.
 * The offset is left out (a page deeper costs about the same); the limit stays (20 rows or
 * 20,000 groups).
 */
export function shapeOf(job: Job, params = paramsOf(job)): string {
  const masked = [...params]
    .filter(([name]) => name !== 'offset')
    .map(([name, value]) => {
      if (name === 'limit') return `${name}=${value}`;
      if (name === 'refine' || name === 'exclude') return `${name}=${value.split(':')[0]}:?`;
      return `${name}=${value.replace(LITERALS, '?')}`;
    })
    .sort();
  const dataset = job.kind === 'export' ? job.dataset.dataset_id : job.datasetId;
  return [job.kind, dataset, ...masked].join('&');
}

/** What jobs of each shape took, as a running estimate. */
export class CostBook {
  private readonly estimates = new Map<string, number>();

  record(shape: string, ms: number): void {
    const before = this.estimates.get(shape);
    this.estimates.delete(shape);
    this.estimates.set(shape, before === undefined ? ms : before + ALPHA * (ms - before));
    if (this.estimates.size > SHAPES) this.estimates.delete(this.estimates.keys().next().value!);
  }

  estimate(shape: string): number | undefined {
    return this.estimates.get(shape);
  }

  /** The request's lane, corrected by what its shape took before (two thresholds, so it settles). */
  laneOf(job: Job, shape: string, params = paramsOf(job)): Lane {
    const prior = laneOf(job, params);
    const known = this.estimates.get(shape);
    if (known === undefined || job.kind === 'export') return prior;
    if (prior === 'heavy' && known <= QUICK_MS) return 'cheap';
    if (prior === 'cheap' && known > SLOW_MS) return 'heavy';
    return prior;
  }
}
