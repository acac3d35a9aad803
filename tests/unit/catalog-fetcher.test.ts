import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { servePortal } from '../../server/serve';
import { getCatalogDatasets } from '../../src/api/catalog';
import { OdsApiError } from '../../src/api/errors';
import { temporaryPortalDb } from '../helpers/temp';

let portal: { url: string; close: () => Promise<void> };
const db = temporaryPortalDb();

beforeAll(async () => {
  portal = await servePortal({
    port: 0,
    host: '127.0.0.1',
    data: 'tests/fixtures/portal',
    db: db.file,
    dist: 'dist',
  });
});

afterAll(async () => {
  await portal.close();
  db.cleanup();
});

describe('catalog fetcher', () => {
  it('reads the catalog of a real portal server', async () => {
    const body = await getCatalogDatasets({ portal: portal.url }, {});
    expect(body.total_count).toBe(4);
    expect(body.datasets.map((d) => d.dataset.metas.default.title).sort()).toEqual([
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
      const error = await getCatalogDatasets({ portal: 'https://portal.example' }, {}).catch((e) => e);
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
      const error = await getCatalogDatasets({ portal: 'https://down.example' }, {}).catch((e) => e);
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
