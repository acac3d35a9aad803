import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type {
  AttachmentsResponse,
  RecordsResponse,
  ReuseResponse,
  ReusesResponse,
  SnapshotsResponse,
} from '../../common/ods-api/types';
import { syncPortal } from '../store/ingest';
import { takeSnapshot } from '../store/snapshot';
import { exportTestPortal, redPng } from '../testing/export-test-portal';

/** Attachments, files, reuses and snapshots (ods-api.md §7) on a copy of the fixture portal. */

const portal = exportTestPortal();
afterAll(portal.cleanup);

const BASE = 'http://portal.test/api/v2/catalog/datasets';
const get = (path: string, init?: RequestInit) => portal.app.request(`${BASE}/${path}`, init);

async function expectNotFound(path: string) {
  const response = await get(path);
  expect(response.status, path).toBe(404);
  const body = (await response.json()) as { error_code: string; message: string };
  expect(body.error_code).toBe('NotFoundResource');
}

describe('attachments', () => {
  it('lists them in the v2.0 shape', async () => {
    const body = (await (await get('fixture-cities/attachments')).json()) as AttachmentsResponse;
    expect(body.links.map((l) => l.rel)).toEqual(['self', 'dataset']);
    expect(body.attachments).toEqual([
      {
        href: `${BASE}/fixture-cities/attachments/population_notes_md`,
        metas: {
          'mime-type': 'text/markdown',
          title: 'population.notes.md',
          id: 'population_notes_md',
          url: 'odsfile://population.notes.md',
        },
      },
      {
        href: `${BASE}/fixture-cities/attachments/sources_txt`,
        metas: {
          'mime-type': 'text/plain',
          title: 'sources.txt',
          id: 'sources_txt',
          url: 'odsfile://sources.txt',
        },
      },
    ]);
    const none = (await (await get('fixture-events/attachments')).json()) as AttachmentsResponse;
    expect(none.attachments).toEqual([]);
  });

  it('downloads one with its type, length and name', async () => {
    const response = await get('fixture-cities/attachments/sources_txt');
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(readFileSync(join(portal.dir, 'cities/attachments/sources.txt')))).toBe(true);
    expect(response.headers.get('Content-Type')).toBe('text/plain');
    expect(response.headers.get('Content-Length')).toBe(String(bytes.length));
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="sources.txt"');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('answers 404 for unknown ids, and never reads a path from the request', async () => {
    await expectNotFound('fixture-cities/attachments/nope_txt');
    await expectNotFound('fixture-cities/attachments/..%2Fdataset.json');
    await expectNotFound('fixture-cities/attachments/..%2F..%2Fportal.json');
    await expectNotFound('nope/attachments');
  });
});

describe('files', () => {
  it('serves the binary behind a file field, with an ETag and cache headers', async () => {
    const records = (await (await get('gallery/records?select=picture&limit=10')).json()) as RecordsResponse;
    const pictures = records.records.map((r) => r.record.fields.picture as Record<string, unknown> | null);
    const png = pictures[0]!;
    expect(png).toMatchObject({ filename: 'red.png', mimetype: 'image/png', width: 3, height: 2 });
    expect(png.url).toBe(`${BASE}/gallery/files/${png.id}`);
    expect(pictures[1]).toMatchObject({ filename: 'logo.svg', mimetype: 'image/svg+xml' });
    expect(pictures[2]).toBeNull();

    const response = await portal.app.request(png.url as string);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(redPng(3, 2))).toBe(true);
    expect(response.headers.get('Content-Type')).toBe('image/png');
    expect(response.headers.get('Content-Length')).toBe(String(bytes.length));
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=86400');
    const etag = response.headers.get('ETag')!;
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);

    const again = await portal.app.request(png.url as string, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const changed = await portal.app.request(png.url as string, { headers: { 'If-None-Match': '"other"' } });
    expect(changed.status).toBe(200);
  });

  it('sandboxes what it serves, so an SVG cannot run scripts on the portal origin', async () => {
    const records = (await (await get('gallery/records?select=picture&limit=10')).json()) as RecordsResponse;
    const svg = records.records[1]!.record.fields.picture as { url: string };
    const response = await portal.app.request(svg.url);
    expect(response.headers.get('Content-Type')).toBe('image/svg+xml');
    expect(response.headers.get('Content-Security-Policy')).toContain('sandbox');
  });

  it('answers 404 for unknown ids and traversal attempts', async () => {
    await expectNotFound('gallery/files/0123456789abcdef0123456789abcdef');
    await expectNotFound('gallery/files/..%2F..%2Fportal.json');
    await expectNotFound('gallery/files/red.png');
    await expectNotFound('nope/files/abc');
  });
});

describe('reuses', () => {
  it('lists them, paged with rows/start or limit/offset', async () => {
    const all = (await (await get('fixture-cities/reuses')).json()) as ReusesResponse;
    expect(all.reuses.map((r) => r.id)).toEqual(['geonames-paris', 'wikipedia-eu-cities']);
    expect(all.reuses[0]).toEqual({
      id: 'geonames-paris',
      title: 'Paris on GeoNames',
      description:
        'The GeoNames page of the first record, with its alternate names and administrative divisions.',
      url: 'https://www.geonames.org/2988507',
      thumbnail: null,
      created_at: '2024-03-02T10:00:00+00:00',
      user: { username: 'ods-explorer-tests', first_name: 'ODS Explorer', last_name: 'tests' },
    });
    expect(all.links.map((l) => l.rel)).toEqual(expect.arrayContaining(['self', 'first', 'last', 'dataset']));

    const second = (await (await get('fixture-cities/reuses?rows=1&start=1')).json()) as ReusesResponse;
    expect(second.reuses.map((r) => r.id)).toEqual(['wikipedia-eu-cities']);
    expect(second.links.map((l) => l.rel)).toContain('prev');
    const first = (await (await get('fixture-cities/reuses?limit=1')).json()) as ReusesResponse;
    expect(first.reuses.map((r) => r.id)).toEqual(['geonames-paris']);
    expect(first.links.find((l) => l.rel === 'next')?.href).toContain('offset=1');

    const none = (await (await get('fixture-events/reuses')).json()) as ReusesResponse;
    expect(none.reuses).toEqual([]);
  });

  it('returns one reuse, or 404', async () => {
    const body = (await (await get('fixture-cities/reuses/wikipedia-eu-cities')).json()) as ReuseResponse;
    expect(body.reuse.title).toBe('Largest cities of the European Union');
    expect(body.links.map((l) => l.rel)).toEqual(['self', 'reuses', 'dataset']);
    await expectNotFound('fixture-cities/reuses/nope');
  });
});

describe('snapshots', () => {
  it('keeps each version of the data downloadable as CSV, after later changes too', async () => {
    const list = async () =>
      ((await (await get('fixture-cities/snapshots')).json()) as SnapshotsResponse).snapshots;
    const csv = async (path: string) => {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      return response.text();
    };
    const [first] = await list();
    expect(first).toMatchObject({ description: 'Taken at ingest: first version of the data' });
    expect(first!.href).toBe(`${BASE}/fixture-cities/snapshots/${first!.snapshot_id}`);
    const before = await csv('fixture-cities/exports/csv');
    const snapshotResponse = await get(`fixture-cities/snapshots/${first!.snapshot_id}`);
    expect(snapshotResponse.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(snapshotResponse.headers.get('Content-Disposition')).toBe(
      `attachment; filename="fixture-cities-${first!.snapshot_id}.csv"`,
    );
    expect(await snapshotResponse.text()).toBe(before);

    // On demand (the CLI's `snapshot` command), then a change of the data ingested again.
    const onDemand = takeSnapshot(portal.store, 'fixture-cities', 'Before the census update');
    const file = join(portal.dir, 'cities/data.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1]!.replace(';2138551;', ';2100000;');
    writeFileSync(file, lines.join('\n'));
    const report = syncPortal(portal.store, portal.dir, { log: () => {} });
    expect(report.ingested.map((d) => d.datasetId)).toEqual(['fixture-cities']);

    const snapshots = await list();
    expect(snapshots.map((s) => s.description)).toEqual([
      'Taken at ingest: first version of the data',
      'Before the census update',
      'Taken at ingest: the data changed',
    ]);
    const after = await csv('fixture-cities/exports/csv');
    expect(after).not.toBe(before);
    expect(after).toContain(';2100000;');
    expect(await csv(`fixture-cities/snapshots/${first!.snapshot_id}`)).toBe(before);
    expect(await csv(`fixture-cities/snapshots/${onDemand.snapshotId}`)).toBe(before);
    expect(await csv(`fixture-cities/snapshots/${snapshots[2]!.snapshot_id}`)).toBe(after);
    // The CSV options of the exports apply.
    const tabbed = await csv(`fixture-cities/snapshots/${first!.snapshot_id}?delimiter=%09`);
    expect(tabbed.split('\r\n')[0]).toBe(before.split('\r\n')[0]!.replaceAll(';', '\t'));
  });

  it('answers 404 for an unknown snapshot', async () => {
    await expectNotFound('fixture-cities/snapshots/0000000000000000');
    await expectNotFound('nope/snapshots');
  });
});
