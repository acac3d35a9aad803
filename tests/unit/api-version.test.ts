import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../server/serve';
import { detectApiVersion } from '../../src/api/api-version';
import { getCatalogDatasets } from '../../src/api/catalog';
import { NotFoundError } from '../../src/api/errors';
import { serveFixturePortal } from '../helpers/fixture-server';
import { type RecordedPortal, startRecordedPortal } from '../helpers/recorded-portal';

/**
 * Finding the version a portal speaks, against the embedded portal serving both versions, only
 * v2.1 and only v2.0 (`--api`), over real sockets; and against servers that are not Explore API
 * portals, or refuse to answer.
 */

describe.each([
  { api: undefined, expected: '2.1' },
  { api: ['2.1'] as const, expected: '2.1' },
  { api: ['2.0'] as const, expected: '2.0' },
])('a portal serving $api', ({ api, expected }) => {
  let portal = '';
  serveFixturePortal((url) => {
    portal = url;
  }, api);

  it(`is spoken to in v${expected}, and the other version's paths answer 404 when it is not served`, async () => {
    expect(await detectApiVersion({ portal })).toEqual({ version: expected, certain: true });
    const page = await getCatalogDatasets({ portal, apiVersion: expected as '2.0' | '2.1' });
    expect(page.total).toBeGreaterThan(0);
    if (api) {
      const other = expected === '2.0' ? '2.1' : '2.0';
      await expect(getCatalogDatasets({ portal, apiVersion: other })).rejects.toBeInstanceOf(NotFoundError);
    }
  });
});

describe('a server that is not an Explore API portal, or refuses', () => {
  let html: RecordedPortal;
  let refusing: RecordedPortal;
  beforeAll(async () => {
    // A single-page app answering every path with its page.
    html = await startRecordedPortal({
      'GET /api/explore/v2.1/catalog/datasets': () => ({
        headers: { 'Content-Type': 'text/html' },
        body: '<!doctype html><title>Shop</title>',
      }),
      'GET /api/v2/catalog/datasets': () => ({
        headers: { 'Content-Type': 'text/html' },
        body: '<!doctype html><title>Shop</title>',
      }),
    });
    refusing = await startRecordedPortal({
      'GET /api/explore/v2.1/catalog/datasets': () => ({
        status: 401,
        body: { error_code: 'AuthenticationError', message: 'Authentication required' },
      }),
    });
  });
  afterAll(async () => {
    await html.close();
    await refusing.close();
  });

  it('is spoken to in v2.1 without keeping the guess, after asking both versions', async () => {
    expect(await detectApiVersion({ portal: html.url })).toEqual({ version: '2.1', certain: false });
    expect(html.requests.map((r) => `${r.path}?${r.query}`)).toEqual([
      '/api/explore/v2.1/catalog/datasets?limit=0',
      '/api/v2/catalog/datasets?limit=0',
    ]);
  });

  it('takes a refusal as the version being there, and sends the API key', async () => {
    expect(await detectApiVersion({ portal: refusing.url, apiKey: 'k' })).toEqual({
      version: '2.1',
      certain: true,
    });
    expect(refusing.requests).toHaveLength(1);
    expect(refusing.requests[0]!.headers.authorization).toBe('Apikey k');
  });

  it('guesses v2.1 for an unreachable portal, without keeping the guess', async () => {
    const closed = await startRecordedPortal({});
    await closed.close();
    expect(await detectApiVersion({ portal: closed.url })).toEqual({ version: '2.1', certain: false });
  });
});

describe('--api', () => {
  it('names the versions served, once each, and refuses others', () => {
    expect(parseServeArgs(['--api', '2.1'], {}).api).toEqual(['2.1']);
    expect(parseServeArgs(['--api', '2.0', '--api', '2.1', '--api', '2.0'], {}).api).toEqual(['2.0', '2.1']);
    expect(parseServeArgs([], {}).api).toBeUndefined();
    expect(() => parseServeArgs(['--api', '3'], {})).toThrow('--api takes 2.0 or 2.1, got "3"');
  });
});
