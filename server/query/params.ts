import { z } from 'zod';
import { DEFAULT_LIMIT, MAX_GROUP_LIMIT, MAX_LIMIT, MAX_WINDOW } from '../../common/ods-api/params';
import { isValidTimezone } from '../../common/time/zoned-time';
import { invalidParameter } from '../errors';
import { parseRefineTerm, type RefineTerm } from './refine';

/**
 * The REST parameters of the records and catalog endpoints (ods-api.md §2.5, §3.1, §3.4), read
 * from a URL and checked the way ODS checks them. Unknown parameters are ignored, as ODS does.
 * The 2019 names `rows`, `start`, `sort` (`-field` for descending) and `search` still work.
 */

export const LANGS = ['en', 'fr', 'nl', 'pt', 'it', 'ar', 'de', 'es', 'ca', 'eu', 'sv'] as const;

export interface RequestParams {
  select: string | null;
  where: string[];
  groupBy: string | null;
  orderBy: string | null;
  /** null when the request gave none: each endpoint has its own default. */
  limit: number | null;
  offset: number;
  refine: RefineTerm[];
  exclude: RefineTerm[];
  lang: string;
  timezone: string;
  facets: string[];
}

const integerText = z
  .string()
  .trim()
  .regex(/^[-+]?\d+$/);

function readInteger(name: string, raw: string | undefined, range: string): number | null {
  if (raw === undefined || raw === '') return null;
  const parsed = integerText.safeParse(raw);
  if (!parsed.success) {
    throw invalidParameter(
      `Invalid value for ${name} API parameter: ${raw} was found but ${range} is expected.`,
    );
  }
  return Number(parsed.data);
}

function readTerms(name: 'refine' | 'exclude', values: string[]): RefineTerm[] {
  return values.map((raw) => {
    const term = parseRefineTerm(raw);
    if (!term) {
      throw invalidParameter(
        `Invalid value for ${name} API parameter: "${raw}" was found but FACETNAME:FACETVALUE is expected.`,
      );
    }
    return term;
  });
}

/** A boolean parameter: true/false (or 1/0), any case; empty or absent is the fallback. */
export function readBoolean(url: URL, name: string, fallback: boolean): boolean {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw invalidParameter(
    `Invalid value for ${name} API parameter: ${JSON.stringify(raw)} was found but true or false is expected.`,
  );
}

/** The 2019 `sort=-population,name` becomes `order_by=population DESC, name`. */
function sortToOrderBy(sort: string): string {
  return sort
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (part.startsWith('-') ? `${part.slice(1)} DESC` : part))
    .join(', ');
}

export function readParams(url: URL, defaultTimezone = 'UTC'): RequestParams {
  const q = url.searchParams;
  const first = (...names: string[]) => {
    for (const name of names) {
      const value = q.get(name);
      if (value !== null) return value;
    }
    return undefined;
  };
  const where = q.getAll('where');
  const search = q.get('search');
  if (search?.trim()) where.push(JSON.stringify(search));

  const limit = readInteger('limit', first('limit', 'rows'), `-1 <= limit <= ${MAX_LIMIT}`);
  const offset = readInteger('offset', first('offset', 'start'), '0 <= offset') ?? 0;
  if (offset < 0)
    throw invalidParameter(
      `Invalid value for offset API parameter: ${offset} was found but 0 <= offset is expected.`,
    );

  const lang = (q.get('lang') ?? 'fr').toLowerCase();
  if (!(LANGS as readonly string[]).includes(lang)) {
    throw invalidParameter(
      `Invalid value for lang API parameter: ${lang} was found but one of ${LANGS.join(', ')} is expected.`,
    );
  }
  const timezone = q.get('timezone') || defaultTimezone;
  if (!isValidTimezone(timezone)) {
    throw invalidParameter(`Invalid value for timezone API parameter: ${timezone} is not a known time zone.`);
  }
  const sort = q.get('sort');
  return {
    select: q.get('select'),
    where,
    groupBy: q.get('group_by'),
    orderBy: q.get('order_by') ?? (sort ? sortToOrderBy(sort) : null),
    limit,
    offset,
    refine: readTerms('refine', q.getAll('refine')),
    exclude: readTerms('exclude', q.getAll('exclude')),
    lang,
    timezone,
    facets: q.getAll('facet'),
  };
}

/**
 * The page a records or datasets request asks for, checked against ODS's limits: limit −1…100
 * (−1 meaning the most a page holds) and offset + limit ≤ 10,000 without group_by; up to
 * 20,000 groups with group_by, where no limit means every group (ods-api.md §2.5).
 */
export function pageOf(params: RequestParams, grouped: boolean): { limit: number; offset: number } {
  const { offset } = params;
  if (grouped) {
    const limit = params.limit === null || params.limit === -1 ? MAX_GROUP_LIMIT : params.limit;
    if (limit < -1 || limit > MAX_GROUP_LIMIT) {
      throw invalidParameter(
        `Invalid value for limit API parameter: ${params.limit} was found but -1 <= limit <= ${MAX_GROUP_LIMIT} is expected.`,
      );
    }
    if (offset + limit > MAX_GROUP_LIMIT && params.limit !== null && params.limit !== -1) {
      throw invalidParameter(
        `Invalid value for offset API parameter: offset + limit must be lower than ${MAX_GROUP_LIMIT} with group_by, got ${offset} + ${limit}.`,
      );
    }
    return { limit: Math.max(0, Math.min(limit, MAX_GROUP_LIMIT - offset)), offset };
  }
  const requested = params.limit ?? DEFAULT_LIMIT;
  if (requested < -1 || requested > MAX_LIMIT) {
    throw invalidParameter(
      `Invalid value for limit API parameter: ${requested} was found but -1 <= limit <= ${MAX_LIMIT} is expected.`,
    );
  }
  const limit = requested === -1 ? MAX_LIMIT : requested;
  if (offset + limit > MAX_WINDOW) {
    throw invalidParameter(
      `Invalid value for offset API parameter: offset + limit must be at most ${MAX_WINDOW}, got ${offset} + ${limit}. Narrow the query with where or refine, or sort it the other way, to reach later records.`,
    );
  }
  return { limit, offset };
}
