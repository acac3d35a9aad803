import { afterAll, describe, expect, it } from 'vitest';
import type { CatalogDatasetsResponse, RootResponse } from '../common/ods-api/types';
import { fixtureApp } from './testing/fixture-portal';

const { app, cleanup } = fixtureApp();
afterAll(cleanup);

describe('embedded portal API', () => {
  it('answers the root with links', async () => {
    const response = await app.request('http://portal.test/api/v2');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    const body = (await response.json()) as RootResponse;
    expect(body.links).toContainEqual({ href: 'http://portal.test/api/v2/catalog', rel: 'catalog' });
  });

  it('accepts a trailing slash, as the ODS SDK sends one', async () => {
    const response = await app.request('http://portal.test/api/v2/catalog/');
    expect(response.status).toBe(200);
  });

  it('lists the catalog in the v2.0 shape', async () => {
    const response = await app.request('http://portal.test/api/v2/catalog/datasets');
    expect(response.status).toBe(200);
    const body = (await response.json()) as CatalogDatasetsResponse;
    expect(body.total_count).toBe(4);
    expect(body.links.map((l) => l.rel)).toEqual(expect.arrayContaining(['self', 'first', 'last']));
    const cities = body.datasets.find((d) => d.dataset.dataset_id === 'fixture-cities');
    expect(cities?.dataset.metas.default.title).toBe('European cities');
    expect(cities?.dataset.metas.default.records_count).toBe(20);
    expect(cities?.dataset.fields.map((f) => f.name)).toContain('population');
    expect(cities?.links[0]).toEqual({
      href: 'http://portal.test/api/v2/catalog/datasets/fixture-cities',
      rel: 'self',
    });
  });

  it('answers unknown API paths with the ODS 404 body', async () => {
    const response = await app.request('http://portal.test/api/v2/no/such/thing');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error_code: 'NotFoundResource',
      message: 'Unknown resource: /api/v2/no/such/thing',
    });
  });

  it('lets a browser on another origin call the API', async () => {
    const preflight = await app.request('http://portal.test/api/v2/catalog/datasets', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://elsewhere.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'Authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toContain('Authorization');
    const response = await app.request('http://portal.test/api/v2/catalog/datasets', {
      headers: { Origin: 'https://elsewhere.example' },
    });
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toBe('GET,HEAD,PUT,OPTIONS');
    expect(preflight.headers.get('Access-Control-Max-Age')).toBe('86400');
    // The headers go onto every answer the route makes: errors, and the rate-limit headers exposed.
    const unknown = await app.request('http://portal.test/api/v2/catalog/datasets/nope/records');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(unknown.headers.get('Access-Control-Expose-Headers')).toContain('X-RateLimit-Remaining');
  });
});
