import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DownloadProgress,
  download,
  filenameFromContentDisposition,
  renamed,
} from '../../src/api/download';
import { NotFoundError } from '../../src/api/errors';
import {
  cancelDownload,
  type DownloadEntry,
  dismissDownload,
  downloadPercent,
  downloadSpeed,
  downloadsSnapshot,
  startDownload,
  subscribeDownloads,
} from '../../src/lib/downloads';
import { type RecordedPortal, startRecordedPortal } from '../helpers/recorded-portal';

const CSV_LINES = Array.from({ length: 50 }, (_, i) => `${i};city ${i};${i * 1000}\r\n`);
const CSV = `id;name;population\r\n${CSV_LINES.join('')}`;
const base = '/api/v2/catalog/datasets/cities';

let portal: RecordedPortal;

beforeAll(async () => {
  const bytes = new TextEncoder().encode(CSV);
  const chunks = [bytes.slice(0, 300), bytes.slice(300, 700), bytes.slice(700)];
  portal = await startRecordedPortal({
    [`GET ${base}/exports/csv`]: () => ({
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Length': String(bytes.length),
        'Content-Disposition': 'attachment; filename="cities.csv"',
      },
      chunks,
      chunkDelay: 5,
    }),
    [`GET ${base}/exports/json`]: () => ({
      headers: {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        'Content-Length': String(gzipSync('[{"a":1}]').length),
      },
      chunks: [gzipSync('[{"a":1}]')],
    }),
    [`GET ${base}/exports/slow`]: () => ({
      headers: { 'Content-Type': 'text/plain' },
      chunks: Array.from({ length: 40 }, () => 'x'.repeat(1000)),
      chunkDelay: 25,
    }),
    [`GET ${base}/attachments/data_zip`]: () => ({
      headers: { 'Content-Type': 'application/zip' },
      body: 'PK…',
    }),
  });
});

afterAll(() => portal.close());

describe('download()', () => {
  it('streams the body, reports progress against Content-Length, and keeps the server filename', async () => {
    const progress: DownloadProgress[] = [];
    const file = await download(
      { portal: portal.url, apiVersion: '2.0' },
      `${portal.url}${base}/exports/csv`,
      {
        onProgress: (p) => progress.push(p),
      },
    );
    expect(file.filename).toBe('cities.csv');
    expect(await file.blob.text()).toBe(CSV);
    expect(file.blob.type).toBe('text/csv; charset=utf-8');
    expect(progress[0]).toEqual({ received: 0, total: CSV.length });
    expect(progress.at(-1)).toEqual({ received: CSV.length, total: CSV.length });
    expect(progress.length).toBeGreaterThan(2);
  });

  it('does not trust Content-Length for an encoded body', async () => {
    const progress: DownloadProgress[] = [];
    const file = await download(
      { portal: portal.url, apiVersion: '2.0' },
      `${portal.url}${base}/exports/json`,
      {
        onProgress: (p) => progress.push(p),
      },
    );
    expect(await file.blob.text()).toBe('[{"a":1}]');
    expect(progress.every((p) => p.total === null)).toBe(true);
  });

  it('names the file from the URL or the fallback when the portal sends no filename', async () => {
    const url = `${portal.url}${base}/attachments/data_zip`;
    expect((await download({ portal: portal.url, apiVersion: '2.0' }, url)).filename).toBe('data_zip');
    expect(
      (await download({ portal: portal.url, apiVersion: '2.0' }, url, { fallbackName: 'data.zip' })).filename,
    ).toBe('data.zip');
  });

  it("saves under a chosen name with the portal's extensions", async () => {
    const file = await download(
      { portal: portal.url, apiVersion: '2.0' },
      `${portal.url}${base}/exports/csv`,
      {
        baseName: 'cities_country_code-FR',
      },
    );
    expect(file.filename).toBe('cities_country_code-FR.csv');
    expect(renamed('world-countries.geojson', 'w')).toBe('w.geojson');
    expect(renamed('cities.csv.gz', 'c_fr')).toBe('c_fr.csv.gz');
    expect(renamed('data_zip', 'd')).toBe('d');
  });

  it('sends the API key as a header', async () => {
    await download(
      { portal: portal.url, apiVersion: '2.0', apiKey: 'k1' },
      `${portal.url}${base}/attachments/data_zip`,
    );
    expect(portal.requests.at(-1)!.headers.authorization).toBe('Apikey k1');
  });

  it('can be cancelled mid-stream', async () => {
    const controller = new AbortController();
    const progress: DownloadProgress[] = [];
    const result = download({ portal: portal.url, apiVersion: '2.0' }, `${portal.url}${base}/exports/slow`, {
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (p.received >= 3000) controller.abort();
      },
    });
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress.at(-1)!.received).toBeLessThan(40_000);
  });

  it('rejects with the typed error of a failed answer', async () => {
    await expect(
      download({ portal: portal.url, apiVersion: '2.0' }, `${portal.url}${base}/exports/nothing`),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('the session downloads', () => {
  it('lists a download while it runs, and a cancel ends it with nothing saved', async () => {
    const seen: DownloadEntry[] = [];
    const stop = subscribeDownloads(() => seen.push(...downloadsSnapshot()));
    const { id, done } = startDownload({
      target: { portal: portal.url, apiVersion: '2.0' },
      url: `${portal.url}${base}/exports/slow`,
      name: 'slow export',
    });
    expect(downloadsSnapshot().find((entry) => entry.id === id)?.status).toBe('running');
    await new Promise((resolve) => setTimeout(resolve, 200));
    cancelDownload(id);
    expect(await done).toBe('cancelled');
    const entry = downloadsSnapshot().find((item) => item.id === id)!;
    expect(entry.filename).toBeNull();
    expect(entry.received).toBeLessThan(40_000);
    dismissDownload(id);
    expect(downloadsSnapshot().some((item) => item.id === id)).toBe(false);
    stop();
    expect(seen.some((item) => item.id === id && item.status === 'running')).toBe(true);
  });

  it('works out the rate and the time left once half a second has passed', () => {
    const entry: DownloadEntry = {
      id: 1,
      name: 'x',
      url: 'x',
      status: 'running',
      received: 2_000_000,
      total: 10_000_000,
      startedAt: 0,
      updatedAt: 2000,
      filename: null,
      error: null,
    };
    expect(downloadSpeed(entry)).toEqual({ rate: 1_000_000, secondsLeft: 8 });
    expect(downloadPercent(entry)).toBe(20);
    expect(downloadSpeed({ ...entry, updatedAt: 300 })).toEqual({ rate: null, secondsLeft: null });
    expect(downloadSpeed({ ...entry, total: null }).secondsLeft).toBeNull();
  });
});

describe('filenameFromContentDisposition', () => {
  it.each([
    ['attachment; filename="cities.csv"', 'cities.csv'],
    ['attachment; filename=cities.csv', 'cities.csv'],
    ["attachment; filename*=UTF-8''donn%C3%A9es%20ville.csv", 'données ville.csv'],
    ['attachment; filename="fallback.csv"; filename*=UTF-8\'\'r%C3%A9el.csv', 'réel.csv'],
    ['attachment; filename="a \\"quoted\\" name.csv"', 'a "quoted" name.csv'],
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename="C:\\\\temp\\\\x.csv"', 'x.csv'],
    ['attachment; filename=".."', null],
    ['attachment', null],
    [null, null],
  ])('%s → %s', (header, expected) => {
    expect(filenameFromContentDisposition(header)).toBe(expected);
  });
});
