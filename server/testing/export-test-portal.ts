import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { DatasetField } from '../../common/ods-api/types';
import { createApp } from '../app';
import { syncPortal } from '../store/ingest';
import { Store } from '../store/store';
import { FIXTURE_PORTAL_DIR } from './fixture-portal';

/**
 * Test support: the fixture portal copied into a temporary folder, plus two datasets the export
 * tests need and the shared fixtures lack (other tests count the fixture's datasets, so these stay
 * out of it): `gallery`, with file fields (a PNG and an SVG), JSON blobs, dates, datetimes, geo
 * points and text that looks like spreadsheet formulas; and `many`, 60,000 generated rows with points for
 * the streaming tests and the shapefile cap. Only tests import this module.
 */

/** More than a shapefile may hold (50,000), so the cap can be tested. */
export const MANY_ROWS = 60_000;

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG, `width` × `height` red pixels. */
export function redPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([255, 0, 0]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const field = (
  name: string,
  type: DatasetField['type'],
  annotations: Record<string, string[]> = {},
): DatasetField => ({
  name,
  label: name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
  type,
  annotations,
  description: null,
});

const GALLERY_FIELDS: DatasetField[] = [
  field('photo_id', 'int'),
  field('title', 'text', { sortable: [] }),
  field('caption', 'text'),
  field('tags', 'text', { multivalued: ['|'] }),
  field('picture', 'file'),
  field('meta', 'json_blob'),
  field('taken', 'date'),
  field('shot_at', 'datetime'),
  field('location', 'geo_point_2d'),
];

export const GALLERY_ROWS = [
  {
    photo_id: 1,
    title: 'Red square',
    caption: 'Plain; with "quotes", commas\nand a second line',
    tags: 'red|square',
    picture: 'red.png',
    meta: { camera: 'X100', iso: 200 },
    taken: '2024-05-01',
    shot_at: '2024-05-01T08:30:00Z',
    location: '48.8566, 2.3522',
  },
  {
    photo_id: 2,
    title: '=HYPERLINK("http://evil.test","click")',
    caption: '-12.5',
    tags: '+33 1 23 45 67|@cmd',
    picture: 'logo.svg',
    meta: [1, 2, 3],
    taken: '1850-12-31',
    shot_at: '2024-05-02T23:59:59.250Z',
    location: '-33.8688, 151.2093',
  },
  {
    photo_id: 3,
    title: 'Ünïcödé — 東京 🌸',
    caption: null,
    tags: null,
    picture: null,
    meta: null,
    taken: null,
    shot_at: null,
    location: null,
  },
  {
    photo_id: 4,
    title: '-rest',
    caption: '@SUM(1+1)',
    tags: 'a,b|c',
    picture: 'red.png',
    meta: 'just text',
    taken: '2024-02-29',
    shot_at: '2024-03-31T01:30:00Z',
    location: '0, 0',
  },
];

function writeGallery(dir: string): void {
  const folder = join(dir, 'gallery');
  mkdirSync(join(folder, 'files'), { recursive: true });
  writeFileSync(
    join(folder, 'dataset.json'),
    JSON.stringify({
      dataset_id: 'gallery',
      metas: { default: { title: 'Photo gallery', timezone: 'Europe/Paris' } },
      fields: GALLERY_FIELDS,
    }),
  );
  writeFileSync(join(folder, 'data.json'), JSON.stringify(GALLERY_ROWS));
  writeFileSync(join(folder, 'files', 'red.png'), redPng(3, 2));
  writeFileSync(
    join(folder, 'files', 'logo.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#06c"/></svg>',
  );
}

function writeMany(dir: string): void {
  const folder = join(dir, 'many');
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'dataset.json'),
    JSON.stringify({
      dataset_id: 'many',
      metas: { default: { title: 'Many rows' } },
      fields: [
        field('n', 'int'),
        field('label', 'text'),
        field('payload', 'json_blob'),
        field('value', 'double'),
        field('position', 'geo_point_2d'),
      ],
    }),
  );
  const lines = ['n;label;payload;value;position'];
  for (let n = 1; n <= MANY_ROWS; n++) {
    lines.push(
      `${n};row ${n} ${'x'.repeat(n % 50)};"{""n"":${n}}";${(n * 0.25).toFixed(2)};"${(n % 170) - 85}.5, ${(n % 350) - 175}.25"`,
    );
  }
  writeFileSync(join(folder, 'data.csv'), `${lines.join('\n')}\n`);
}

/** A copy of the fixture portal with `gallery` and `many`, loaded into a store in a temporary folder. */
export function exportTestPortal() {
  const temp = mkdtempSync(join(tmpdir(), 'ods-exports-'));
  const dir = join(temp, 'portal');
  cpSync(FIXTURE_PORTAL_DIR, dir, { recursive: true });
  writeGallery(dir);
  writeMany(dir);
  const dbFile = join(temp, 'portal.sqlite');
  const store = new Store(dbFile);
  const problems: string[] = [];
  const report = syncPortal(store, dir, { log: (line) => problems.push(line) });
  if (report.failed.length > 0)
    throw new Error(`the export test portal did not load:\n${problems.join('\n')}`);
  const logs: string[] = [];
  const app = createApp({ store, log: (line) => logs.push(line) });
  return {
    app,
    store,
    dir,
    dbFile,
    logs,
    cleanup: () => {
      store.close();
      rmSync(temp, { recursive: true, force: true });
    },
  };
}
