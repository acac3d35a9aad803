import { afterEach, describe, expect, it } from 'vitest';
import { rows, sync, writePlaces } from '../testing/places-portal';
import { type TempPortal, tempPortal } from '../testing/temp-portal';
import { fieldLayout } from './layout';

/**
 * What ingest takes from a dataset's folder beside its data, and from other kinds of source: files
 * behind a file field, attachments and reuses, a GeoJSON source, a bare CSV, portal.json.
 */

let portal: TempPortal | undefined;
afterEach(() => {
  portal?.cleanup();
  portal = undefined;
});

describe('ingest', () => {
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
    sync(portal);
    const layout = portal.store.layout('art')!;
    const images = rows(portal.store, layout, 'c_image').map((r) =>
      r.c_image ? JSON.parse(r.c_image as string) : null,
    );
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
      sync(portal, lines);
      expect(lines[0]).toContain(`row 1: field "image" names file "${name}", ${reason}`);
    }
  });

  it('stores attachments (ids as ODS makes them) and reuses', () => {
    portal = tempPortal();
    writePlaces(portal);
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
    sync(portal);
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
    expect(sync(portal).updated).toEqual(['places']);
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
    sync(portal);
    const layout = portal.store.layout('zones')!;
    expect(JSON.parse(rows(portal.store, layout)[0]!.c_shape as string).type).toBe('Polygon');
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
    sync(portal);
    const dataset = portal.store.dataset('bike-counters')!;
    expect(dataset.metas.default.title).toBe('Bike counters');
    expect(dataset.fields.map((f) => [f.name, f.type])).toEqual([
      ['counter', 'text'],
      ['when', 'datetime'],
      ['bikes', 'int'],
      ['coordinates', 'geo_point_2d'],
    ]);
    expect(
      rows(
        portal.store,
        portal.store.layout('bike-counters')!,
        'c_bikes, p_coordinates_lat, p_coordinates_lon',
      ),
    ).toEqual([
      { c_bikes: 12, p_coordinates_lat: 48.85, p_coordinates_lon: 2.35 },
      { c_bikes: 20, p_coordinates_lat: 48.85, p_coordinates_lon: 2.35 },
    ]);
  });

  it('keeps the previous portal description when portal.json breaks', () => {
    portal = tempPortal();
    portal.write('portal.json', { title: 'Mine', description: 'd', language: 'fr' });
    portal.write('a.csv', 'x\n1\n');
    sync(portal);
    portal.write('portal.json', '{ "title": ');
    const lines: string[] = [];
    sync(portal, lines);
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
    sync(portal);
    expect(portal.store.datasets().map((d) => d.dataset_id)).toEqual(['a', 'b']);
    expect(portal.store.portalInfo()).toEqual({ title: 'Mine', description: 'd', language: 'fr' });
    expect(portal.store.dataset('a')!.metas.default.language).toBe('fr');
  });
});
