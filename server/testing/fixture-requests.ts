import { expect } from 'vitest';
import type { RecordsResponse } from '../../common/ods-api/types';
import { fixtureApp } from './fixture-portal';

type Params = Record<string, string | string[]>;

/** A query string with repeated keys for array values (`refine=a&refine=b`). */
export function queryString(params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
  }
  return search.toString();
}

/**
 * Test support: the fixture portal's v2.0 dataset routes, called in-process, each answer's status
 * checked (the body is printed when it is not the one expected).
 */
export function fixtureRequests() {
  const { app, cleanup } = fixtureApp();
  const base = 'http://portal.test/api/v2/catalog/datasets';

  async function get<T>(path: string, status = 200): Promise<T> {
    const response = await app.request(`${base}/${path}`);
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(status);
    return body as T;
  }

  /** One field of the matching records (up to 100). */
  async function names(dataset: string, params: Params, field = 'name'): Promise<unknown[]> {
    const body = await get<RecordsResponse>(`${dataset}/records?${queryString({ limit: '100', ...params })}`);
    return body.records.map((r) => r.record.fields[field]);
  }

  async function count(dataset: string, params: Params): Promise<number> {
    const body = await get<RecordsResponse>(`${dataset}/records?${queryString({ limit: '0', ...params })}`);
    return body.total_count;
  }

  return { app, get, query: queryString, names, count, cleanup };
}
