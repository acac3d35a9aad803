import { describe, expect, it, vi } from 'vitest';
import { getCatalogDatasets } from '../../src/api/catalog';
import { OdsApiError } from '../../src/api/errors';
import { serveFixturePortal } from '../helpers/fixture-server';

let portalUrl = '';
serveFixturePortal((url) => {
  portalUrl = url;
});

describe('catalog fetcher', () => {
  it('reads the catalog of a real portal server', async () => {
    const body = await getCatalogDatasets({ portal: portalUrl, apiVersion: '2.0' }, {});
    expect(body.total).toBe(4);
    expect(body.datasets.map((d) => d.metas.default.title).sort()).toEqual([
      'Bike counters',
      'European cities',
      'Festival events',
      'Test regions',
    ]);
  });

  it('turns an ODS error body into an OdsApiError', async () => {
    const fetchMock = vi.fn(
      async () =>
        new Response(JSON.stringify({ error_code: 'NotFoundResource', message: 'Unknown dataset: x' }), {
          status: 404,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    try {
      const error = await getCatalogDatasets(
        { portal: 'https://portal.example', apiVersion: '2.0' },
        {},
      ).catch((e) => e);
      expect(error).toBeInstanceOf(OdsApiError);
      expect(error).toMatchObject({
        status: 404,
        errorCode: 'NotFoundResource',
        message: 'Unknown dataset: x',
      });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('says which portal could not be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('fetch failed');
      }),
    );
    try {
      const error = await getCatalogDatasets({ portal: 'https://down.example', apiVersion: '2.0' }, {}).catch(
        (e) => e,
      );
      expect(error).toMatchObject({
        status: 0,
        errorCode: 'NetworkError',
        message: 'Could not reach https://down.example',
      });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
