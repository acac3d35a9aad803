import { existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempPortal } from '../testing/temp-portal';
import { syncPortal } from './ingest';
import type { DatasetLayout } from './layout';
import { fieldLayout } from './layout';
import { takeSnapshot } from './snapshot';

let portal: ReturnType<typeof tempPortal> | undefined;
afterEach(() => {
  portal?.cleanup();
  portal = undefined;
});

const FIXED_NOW = () => new Date('2025-01-02T03:04:05.678Z');

const PLACES = {
  dataset_id: 'places',
  metas: {
    default: {
      title: 'Places',
      description: '<p>Test places.</p>',
      timezone: 'Europe/Paris',
      license: 'CC0 1.0',
    },
  },
  fields: [
    { name: 'name', label: 'Name', type: 'text', annotations: { sortable: [] } },
    { name: 'kind', label: 'Kind', type: 'text', annotations: { facet: [] } },
    { name: 'tags', label: 'Tags', type: 'text', annotations: { facet: [], multivalued: ['|'] } },
    { name: 'population', label: 'Population', type: 'int', annotations: {} },
    { name: 'visited', label: 'Visited', type: 'datetime', annotations: {} },
    { name: 'open', label: 'Open', type: 'boolean', annotations: {} },
    { name: 'position', label: 'Position', type: 'geo_point_2d', annotations: {} },
  ],
};

const HEADER = 'name;kind;tags;population;visited;open;position';
const ROWS = [
  'Zürich;city;lake|bank|lake;341730;2024-05-01 10:00;yes;47.36667, 8.55',
  'Genève;city;lake|un;201818;2024-05-02T09:30:00Z;oui;46.20222, 6.14569',
  'Saint-Étienne;city;;171057;;no;45.43389, 4.39',
  'Mont Blanc;peak;snow;;2024-05-03;;45.8326, 6.8652',
  'Mont Blanc;peak;snow;;2024-05-03;;45.8326, 6.8652',
  'Lac Léman;lake;lake|un;;;false;46.45, 6.53',
];

function csv(rows: string[]): string {
  return `${[HEADER, ...rows].join('\n')}\n`;
}

function writePlaces(rows = ROWS) {
  portal!.write('places/dataset.json', PLACES);
  portal!.write('places/data.csv', csv(rows));
}

function sync(lines: string[] = []) {
  return syncPortal(portal!.store, portal!.dir, { log: (line) => lines.push(line), now: FIXED_NOW });
}

function rows(layout: DatasetLayout, columns = '*'): Record<string, unknown>[] {
  return portal!.store.db.prepare(`SELECT ${columns} FROM "${layout.table}" ORDER BY rid`).all() as Record<
    string,
    unknown
  >[];
}

function tableExists(name: string): boolean {
  return (
    (
      portal!.store.db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = ?`).get(name) as {
        n: number;
      }
    ).n === 1
  );
}

describe('ingest', () => {
  it('stores typed columns, record ids, timestamps and sizes, in WAL mode', () => {
    portal = tempPortal();
    writePlaces();
    const report = sync();
    expect(report.ingested.map((d) => [d.datasetId, d.records])).toEqual([['places', 6]]);
    const store = portal.store;
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const layout = store.layout('places')!;
    expect(layout.generation).toBe(1);
    expect(layout.timezone).toBe('Europe/Paris');
    const [zurich, geneve, etienne] = rows(layout);
    expect(zurich).toMatchObject({
      rid: 1,
      record_timestamp: '2025-01-02T03:04:05.678Z',
      c_name: 'Zürich',
      c_kind: 'city',
      c_tags: '["lake","bank","lake"]',
      c_population: 341730,
      // No offset: read in the dataset's timezone (Paris, UTC+2 in May).
      c_visited: Date.UTC(2024, 4, 1, 8, 0),
      c_open: 1,
      p_position_lat: 47.36667,
      p_position_lon: 8.55,
    });
    expect(zurich!.record_id).toMatch(/^[0-9a-f]{40}$/);
    expect(zurich!.record_size).toBeGreaterThan(100);
    expect(geneve).toMatchObject({ c_visited: Date.UTC(2024, 4, 2, 9, 30), c_open: 1 });
    expect(etienne).toMatchObject({ c_tags: null, c_visited: null, c_open: 0 });
    const ids = rows(layout, 'record_id').map((r) => r.record_id);
    expect(new Set(ids).size).toBe(6);
  });

  it('describes the dataset: metas, records_count, features, uid', () => {
    portal = tempPortal();
    writePlaces();
    sync();
    const dataset = portal.store.dataset('places')!;
    expect(dataset).toMatchObject({
      dataset_id: 'places',
      dataset_uid: expect.stringMatching(/^da_[0-9a-z]{6}$/),
      attachments: [],
      has_records: true,
      data_visible: true,
      features: ['analyze', 'geo', 'timeserie', 'calendar'],
    });
    expect(dataset.metas.default).toMatchObject({
      title: 'Places',
      license: 'CC0 1.0',
      timezone: 'Europe/Paris',
      records_count: 6,
      data_processed: '2025-01-02T03:04:05.678Z',
      metadata_processed: '2025-01-02T03:04:05.678Z',
    });
    expect(dataset.fields.map((f) => f.name)).toEqual(PLACES.fields.map((f) => f.name));
  });

  it('fills the side table of a multivalued field, one row per distinct value, indexed', () => {
    portal = tempPortal();
    writePlaces();
    sync();
    const tags = fieldLayout(portal.store.layout('places')!, 'tags')!;
    expect(tags.separator).toBe('|');
    const values = portal.store.db
      .prepare(`SELECT rid, value FROM "${tags.valuesTable}" ORDER BY rid, value`)
      .all();
    expect(values).toEqual([
      { rid: 1, value: 'bank' },
      { rid: 1, value: 'lake' },
      { rid: 2, value: 'lake' },
      { rid: 2, value: 'un' },
      { rid: 4, value: 'snow' },
      { rid: 5, value: 'snow' },
      { rid: 6, value: 'lake' },
      { rid: 6, value: 'un' },
    ]);
    const plan = portal.store.db
      .prepare(`EXPLAIN QUERY PLAN SELECT rid FROM "${tags.valuesTable}" WHERE value = ?`)
      .all('lake') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING COVERING INDEX/);
  });

  it('indexes text for full-text search, diacritics removed', () => {
    portal = tempPortal();
    writePlaces();
    sync();
    const layout = portal.store.layout('places')!;
    const match = (query: string) =>
      (
        portal!.store.db
          .prepare(`SELECT rowid FROM "${layout.ftsTable}" WHERE "${layout.ftsTable}" MATCH ? ORDER BY rowid`)
          .all(query) as { rowid: number }[]
      ).map((r) => r.rowid);
    expect(match('zurich')).toEqual([1]);
    expect(match('geneve')).toEqual([2]);
    expect(match('etienne')).toEqual([3]);
    expect(match('lac leman')).toEqual([6]);
    // A multivalued field is indexed as its values.
    expect(match('tags : un')).toEqual([2, 6]);
    expect(layout.fields.filter((f) => f.fullText).map((f) => f.ftsColumn)).toEqual(['name', 'kind', 'tags']);
  });

  it('indexes geo points in an R*Tree that a bounding box query uses', () => {
    portal = tempPortal();
    writePlaces();
    sync();
    const position = fieldLayout(portal.store.layout('places')!, 'position')!;
    // Around Lake Geneva: Genève and the lake, not Zürich, Saint-Étienne or Mont Blanc.
    const inBox = portal.store.db
      .prepare(
        `SELECT id FROM "${position.rtreeTable}" WHERE min_lon <= ? AND max_lon >= ? AND min_lat <= ? AND max_lat >= ? ORDER BY id`,
      )
      .all(6.9, 6.0, 46.6, 46.1);
    expect(inBox).toEqual([{ id: 2 }, { id: 6 }]);
  });

  it('indexes facet, sortable, numeric and date fields', () => {
    portal = tempPortal();
    writePlaces();
    sync();
    const layout = portal.store.layout('places')!;
    const indexes = (
      portal.store.db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name`)
        .all(layout.table) as { name: string }[]
    ).map((r) => r.name.split('__ix_')[1]);
    expect(indexes.filter(Boolean).sort()).toEqual(['kind', 'name', 'population', 'visited']);
  });

  it('skips unchanged sources quickly, and content-identical rewrites too', () => {
    portal = tempPortal();
    writePlaces();
    sync();
    const started = performance.now();
    const second = sync();
    expect(performance.now() - started).toBeLessThan(200);
    expect(second).toMatchObject({
      ingested: [],
      updated: [],
      unchanged: ['places'],
      removed: [],
      failed: [],
    });
    // Same bytes, new modification time: the content hash says nothing changed.
    portal.touch('places/data.csv', 1_000_000);
    const third = sync();
    expect(third.unchanged).toEqual(['places']);
    expect(portal.store.layout('places')!.generation).toBe(1);
  });

  it('keeps record ids stable across re-ingests, duplicates included', () => {
    portal = tempPortal();
    writePlaces();
    sync();
    const before = rows(portal.store.layout('places')!, 'c_name, record_id');
    // Mont Blanc appears twice: each copy has its own id.
    expect(before[3]!.record_id).not.toBe(before[4]!.record_id);
    writePlaces(['Bern;city;;133883;;;46.94809, 7.44744', ...ROWS]);
    const report = sync();
    expect(report.ingested.map((d) => d.records)).toEqual([7]);
    const layout = portal.store.layout('places')!;
    expect(layout.generation).toBe(2);
    const after = rows(layout, 'c_name, record_id');
    expect(after.slice(1)).toEqual(before);
  });

  it('drops the previous generation and keeps every snapshot', () => {
    portal = tempPortal();
    writePlaces();
    sync();
    const first = portal.store.layout('places')!;
    writePlaces(ROWS.slice(0, 3));
    sync();
    const second = portal.store.layout('places')!;
    expect(tableExists(first.table)).toBe(false);
    expect(tableExists(first.ftsTable!)).toBe(false);
    expect(tableExists(fieldLayout(first, 'tags')!.valuesTable!)).toBe(false);
    expect(tableExists(second.table)).toBe(true);
    const snapshots = portal.store.snapshots('places');
    expect(snapshots.map((s) => [s.recordsCount, s.description])).toEqual([
      [6, 'Taken at ingest: first version of the data'],
      [3, 'Taken at ingest: the data changed'],
    ]);
    const firstSnapshot = snapshots[0]!;
    expect(firstSnapshot.snapshotId).toMatch(/^[0-9a-f]{16}$/);
    expect(firstSnapshot.layout.ftsTable).toBeNull();
    expect(rows(firstSnapshot.layout, 'c_name').map((r) => r.c_name)).toEqual([
      'Zürich',
      'Genève',
      'Saint-Étienne',
      'Mont Blanc',
      'Mont Blanc',
      'Lac Léman',
    ]);
    expect(portal.store.snapshot('places', firstSnapshot.snapshotId)?.recordsCount).toBe(6);
    expect(portal.store.snapshot('places', 'nope')).toBeUndefined();
  });

  it('takes a snapshot on demand', () => {
    portal = tempPortal();
    writePlaces();
    sync();
    const taken = takeSnapshot(portal.store, 'places', 'Before the spring clean-up');
    expect(taken).toMatchObject({
      datasetId: 'places',
      description: 'Before the spring clean-up',
      recordsCount: 6,
    });
    expect(portal.store.snapshots('places').map((s) => s.snapshotId)).toContain(taken.snapshotId);
    expect(() => takeSnapshot(portal!.store, 'nope', 'x')).toThrow('no dataset "nope"');
  });

  it('keeps the previous version when a value does not fit, with one line naming file, row and field', () => {
    portal = tempPortal();
    writePlaces();
    sync();
    const before = portal.store.layout('places')!;
    const bad = [...ROWS];
    bad[4] = 'Mont Blanc;peak;snow;abc;2024-05-03;;45.8326, 6.8652';
    writePlaces(bad);
    const lines: string[] = [];
    const report = sync(lines);
    expect(report.failed).toEqual(['places']);
    const file = `${portal.dir}/places/data.csv`;
    const expected = `[ingest] ${file} row 6: field "population" expects int, got "abc"; keeping the previous version`;
    expect(lines.filter((line) => !line.includes('datasets ready'))).toEqual([expected]);
    // The old version still answers.
    expect(portal.store.layout('places')).toEqual(before);
    expect(rows(before, 'c_name').length).toBe(6);
    expect(portal.store.dataset('places')?.metas.default.records_count).toBe(6);
    expect(portal.store.snapshots('places')).toHaveLength(1);
    // Fixed, it goes through.
    writePlaces(ROWS.slice(0, 2));
    expect(sync().ingested.map((d) => d.records)).toEqual([2]);
  });

  it.runIf(existsSync('/proc/self/fd'))(
    'closes the data file when a row fails or a column is missing',
    () => {
      portal = tempPortal();
      const openFiles = () => readdirSync('/proc/self/fd').length;
      writePlaces();
      sync();
      const before = openFiles();
      for (let i = 0; i < 5; i++) {
        writePlaces([...ROWS, `Bad ${i};city;;x;;;`]);
        expect(sync().failed).toEqual(['places']);
        portal.write('places/data.csv', `name;kind\nA${i};b\n`);
        expect(sync().failed).toEqual(['places']);
      }
      expect(openFiles()).toBe(before);
    },
  );

  it.each([
    [
      'geo point out of range',
      'Zürich;city;;1;;;97.1, 8.5',
      'field "position" expects geo_point_2d, got "97.1, 8.5" (latitude out of range)',
    ],
    [
      'unparseable date',
      'Zürich;city;;1;the first of may;;',
      'field "visited" expects datetime, got "the first of may"',
    ],
    ['bad boolean', 'Zürich;city;;1;;perhaps;', 'field "open" expects boolean, got "perhaps"'],
  ])('refuses a %s', (_, row, message) => {
    portal = tempPortal();
    writePlaces([row]);
    const lines: string[] = [];
    const report = sync(lines);
    expect(report.failed).toEqual(['places']);
    expect(lines[0]).toBe(
      `[ingest] ${portal.dir}/places/data.csv row 2: ${message}; not served until it is fixed`,
    );
    expect(portal.store.dataset('places')).toBeUndefined();
  });

  it('keeps the previous version when dataset.json breaks, found by its folder', () => {
    portal = tempPortal();
    writePlaces();
    sync();
    portal.write('places/dataset.json', '{ "dataset_id": ');
    const lines: string[] = [];
    const report = sync(lines);
    expect(report.removed).toEqual([]);
    expect(lines[0]).toMatch(
      /^\[ingest\] .*places\/dataset\.json: invalid JSON .*; keeping the previous version$/,
    );
    expect(portal.store.dataset('places')?.metas.default.records_count).toBe(6);
  });

  it('updates metadata alone without rebuilding the records or taking a snapshot', () => {
    portal = tempPortal();
    writePlaces();
    sync();
    portal.write('places/dataset.json', {
      ...PLACES,
      metas: { default: { ...PLACES.metas.default, title: 'Places of Switzerland and France' } },
    });
    const report = syncPortal(portal.store, portal.dir, {
      log: () => {},
      now: () => new Date('2025-02-01T00:00:00.000Z'),
    });
    expect(report.updated).toEqual(['places']);
    const dataset = portal.store.dataset('places')!;
    expect(dataset.metas.default).toMatchObject({
      title: 'Places of Switzerland and France',
      data_processed: '2025-01-02T03:04:05.678Z',
      metadata_processed: '2025-02-01T00:00:00.000Z',
    });
    expect(portal.store.layout('places')!.generation).toBe(1);
    expect(portal.store.snapshots('places')).toHaveLength(1);
  });

  it('removes a dataset whose source is gone, and its snapshots with it', () => {
    portal = tempPortal();
    writePlaces();
    portal.write('other.csv', 'a\n1\n2\n');
    sync();
    const layout = portal.store.layout('places')!;
    const snapshot = portal.store.snapshots('places')[0]!;
    portal.remove('places');
    const lines: string[] = [];
    const report = sync(lines);
    expect(report.removed).toEqual(['places']);
    expect(lines).toContain('[ingest] places: removed (its source is gone)');
    expect(portal.store.dataset('places')).toBeUndefined();
    expect(portal.store.layout('places')).toBeUndefined();
    expect(tableExists(layout.table)).toBe(false);
    expect(tableExists(snapshot.layout.table)).toBe(false);
    expect(portal.store.snapshots('places')).toEqual([]);
    expect(portal.store.datasets().map((d) => d.dataset_id)).toEqual(['other']);
  });

  it('stores the files behind a file field, with ids, media types and image sizes', () => {
    portal = tempPortal();
    // A PNG header (8-byte signature, IHDR chunk) is enough for the size.
    const png = Buffer.alloc(33);
    png.writeUInt32BE(0x89504e47, 0);
    png.writeUInt32BE(0x0d0a1a0a, 4);
    png.writeUInt32BE(13, 8);
    png.write('IHDR', 12, 'latin1');
    png.writeUInt32BE(120, 16);
    png.writeUInt32BE(80, 20);
    portal.write('art/files/photo.png', png);
    portal.write(
      'art/files/logo.svg',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 480"></svg>',
    );
    portal.write('art/files/notes.txt', 'plain text');
    portal.write('art/dataset.json', {
      dataset_id: 'art',
      metas: { default: { title: 'Art' } },
      fields: [
        { name: 'title', label: 'Title', type: 'text' },
        { name: 'image', label: 'Image', type: 'file' },
      ],
    });
    portal.write('art/data.json', [
      { title: 'Photo', image: 'photo.png' },
      { title: 'Logo', image: 'logo.svg' },
      { title: 'Same logo', image: 'logo.svg' },
      { title: 'Notes', image: 'notes.txt' },
      { title: 'None', image: null },
    ]);
    sync();
    const layout = portal.store.layout('art')!;
    const images = rows(layout, 'c_image').map((r) => (r.c_image ? JSON.parse(r.c_image as string) : null));
    expect(images[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      filename: 'photo.png',
      mimetype: 'image/png',
      width: 120,
      height: 80,
    });
    expect(images[1]).toMatchObject({
      filename: 'logo.svg',
      mimetype: 'image/svg+xml',
      width: 640,
      height: 480,
    });
    expect(images[2]).toEqual(images[1]);
    expect(images[3]).toEqual({ id: expect.any(String), filename: 'notes.txt', mimetype: 'text/plain' });
    expect(images[4]).toBeNull();
    const stored = portal.store.file('art', images[0].id)!;
    expect(stored).toMatchObject({ filename: 'photo.png', mimetype: 'image/png', width: 120, height: 80 });
    expect(stored.bytes.equals(png)).toBe(true);
    expect(stored.etag).toMatch(/^[0-9a-f]{40}$/);
    expect(stored.etag.startsWith(images[0].id)).toBe(true);
    expect(portal.store.file('art', '0'.repeat(32))).toBeUndefined();
    expect(portal.store.file('places', images[0].id)).toBeUndefined();
  });

  it('refuses a file value naming a file outside files/ or missing', () => {
    portal = tempPortal();
    portal.write('art/files/a.png', 'x');
    portal.write('art/dataset.json', {
      dataset_id: 'art',
      metas: { default: { title: 'Art' } },
      fields: [{ name: 'image', label: 'Image', type: 'file' }],
    });
    for (const [name, reason] of [
      ['../dataset.json', 'which is outside files/'],
      ['missing.png', 'which is not in files/'],
    ]) {
      portal.write('art/data.json', [{ image: name }]);
      const lines: string[] = [];
      sync(lines);
      expect(lines[0]).toContain(`row 1: field "image" names file "${name}", ${reason}`);
    }
  });

  it('stores attachments (ids as ODS makes them) and reuses', () => {
    portal = tempPortal();
    writePlaces();
    portal.write('places/attachments/cities1000.zip', Buffer.from([0x50, 0x4b, 3, 4]));
    portal.write('places/attachments/read.me.txt', 'hello');
    portal.write('places/reuses.json', [
      {
        id: 'map',
        title: 'A map',
        description: 'Places on a map',
        url: 'https://example.org/map',
        created_at: '2024-01-01T00:00:00+00:00',
        user: { username: 'ann', first_name: 'Ann', last_name: 'Lee' },
      },
      { title: 'No id', url: 'https://example.org/x' },
    ]);
    sync();
    const store = portal.store;
    expect(store.dataset('places')!.attachments).toEqual([
      {
        id: 'cities1000_zip',
        mimetype: 'application/zip',
        title: 'cities1000.zip',
        url: 'odsfile://cities1000.zip',
      },
      { id: 'read_me_txt', mimetype: 'text/plain', title: 'read.me.txt', url: 'odsfile://read.me.txt' },
    ]);
    expect(store.attachments('places').map((a) => [a.attachmentId, a.size])).toEqual([
      ['cities1000_zip', 4],
      ['read_me_txt', 5],
    ]);
    expect(store.attachment('places', 'read_me_txt')?.bytes.toString()).toBe('hello');
    expect(store.attachment('places', 'read.me.txt')).toBeUndefined();
    const reuses = store.reuses('places');
    expect(reuses[0]).toEqual({
      id: 'map',
      title: 'A map',
      description: 'Places on a map',
      url: 'https://example.org/map',
      thumbnail: null,
      created_at: '2024-01-01T00:00:00+00:00',
      user: { username: 'ann', first_name: 'Ann', last_name: 'Lee' },
    });
    expect(reuses[1]?.id).toMatch(/^[0-9a-f]{12}$/);
    expect(store.reuse('places', 'map')?.title).toBe('A map');
    // A new attachment is metadata: no new generation.
    portal.write('places/attachments/more.csv', 'a\n');
    expect(sync().updated).toEqual(['places']);
    expect(store.attachments('places').map((a) => a.attachmentId)).toEqual([
      'cities1000_zip',
      'more_csv',
      'read_me_txt',
    ]);
  });

  it('sends a GeoJSON feature geometry to the first geo field', () => {
    portal = tempPortal();
    portal.write('zones/dataset.json', {
      dataset_id: 'zones',
      metas: { default: { title: 'Zones' } },
      fields: [
        { name: 'code', label: 'Code', type: 'text' },
        { name: 'shape', label: 'Shape', type: 'geo_shape' },
      ],
    });
    portal.write('zones/data.geojson', {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: 'A' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [4, 0],
                [4, 2],
                [0, 0],
              ],
            ],
          },
        },
      ],
    });
    sync();
    const layout = portal.store.layout('zones')!;
    expect(JSON.parse(rows(layout)[0]!.c_shape as string).type).toBe('Polygon');
    const shape = fieldLayout(layout, 'shape')!;
    expect(portal.store.db.prepare(`SELECT * FROM "${shape.rtreeTable}"`).all()).toEqual([
      { id: 1, min_lon: 0, max_lon: 4, min_lat: 0, max_lat: 2 },
    ]);
  });

  it('serves a bare CSV with an inferred schema', () => {
    portal = tempPortal();
    portal.write(
      'Bike counters.csv',
      '\uFEFFcounter;when;bikes;latitude;longitude\r\nA;2024-05-06T08:00:00Z;12;48.85;2.35\r\nA;2024-05-06T09:00:00Z;20;48.85;2.35\r\n',
    );
    sync();
    const dataset = portal.store.dataset('bike-counters')!;
    expect(dataset.metas.default.title).toBe('Bike counters');
    expect(dataset.fields.map((f) => [f.name, f.type])).toEqual([
      ['counter', 'text'],
      ['when', 'datetime'],
      ['bikes', 'int'],
      ['coordinates', 'geo_point_2d'],
    ]);
    expect(
      rows(portal.store.layout('bike-counters')!, 'c_bikes, p_coordinates_lat, p_coordinates_lon'),
    ).toEqual([
      { c_bikes: 12, p_coordinates_lat: 48.85, p_coordinates_lon: 2.35 },
      { c_bikes: 20, p_coordinates_lat: 48.85, p_coordinates_lon: 2.35 },
    ]);
  });

  it('keeps the previous portal description when portal.json breaks', () => {
    portal = tempPortal();
    portal.write('portal.json', { title: 'Mine', description: 'd', language: 'fr' });
    portal.write('a.csv', 'x\n1\n');
    sync();
    portal.write('portal.json', '{ "title": ');
    const lines: string[] = [];
    sync(lines);
    expect(lines[0]).toMatch(
      /portal\.json: invalid JSON .*; keeping the previous portal title and description$/,
    );
    expect(portal.store.portalInfo().title).toBe('Mine');
    expect(portal.store.datasets()).toHaveLength(1);
  });

  it('orders the catalog by source path and reports portal.json', () => {
    portal = tempPortal();
    portal.write('portal.json', { title: 'Mine', description: 'd', language: 'fr' });
    portal.write('b.csv', 'x\n1\n');
    portal.write('a.csv', 'x\n1\n');
    sync();
    expect(portal.store.datasets().map((d) => d.dataset_id)).toEqual(['a', 'b']);
    expect(portal.store.portalInfo()).toEqual({ title: 'Mine', description: 'd', language: 'fr' });
    expect(portal.store.dataset('a')!.metas.default.language).toBe('fr');
  });
});
