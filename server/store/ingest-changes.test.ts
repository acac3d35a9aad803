import { existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PLACES, PLACES_ROWS, rows, sync, tableExists, writePlaces } from '../testing/places-portal';
import { type TempPortal, tempPortal } from '../testing/temp-portal';
import { syncPortal } from './ingest';
import { fieldLayout } from './layout';
import { takeSnapshot } from './snapshot';

/**
 * Ingest again after the sources change: unchanged sources skipped, record ids kept, generations
 * dropped and snapshots kept, the previous version kept when a source breaks, metadata updated in
 * place, and a dataset whose source is gone removed.
 */

let portal: TempPortal | undefined;
afterEach(() => {
  portal?.cleanup();
  portal = undefined;
});

describe('ingest', () => {
  it('skips unchanged sources quickly, and content-identical rewrites too', () => {
    portal = tempPortal();
    writePlaces(portal);
    sync(portal);
    const started = performance.now();
    const second = sync(portal);
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
    const third = sync(portal);
    expect(third.unchanged).toEqual(['places']);
    expect(portal.store.layout('places')!.generation).toBe(1);
  });

  it('keeps record ids stable across re-ingests, duplicates included', () => {
    portal = tempPortal();
    writePlaces(portal);
    sync(portal);
    const before = rows(portal.store, portal.store.layout('places')!, 'c_name, record_id');
    // Mont Blanc appears twice: each copy has its own id.
    expect(before[3]!.record_id).not.toBe(before[4]!.record_id);
    writePlaces(portal, ['Bern;city;;133883;;;46.94809, 7.44744', ...PLACES_ROWS]);
    const report = sync(portal);
    expect(report.ingested.map((d) => d.records)).toEqual([7]);
    const layout = portal.store.layout('places')!;
    expect(layout.generation).toBe(2);
    const after = rows(portal.store, layout, 'c_name, record_id');
    expect(after.slice(1)).toEqual(before);
  });

  it('drops the previous generation and keeps every snapshot', () => {
    portal = tempPortal();
    writePlaces(portal);
    sync(portal);
    const first = portal.store.layout('places')!;
    writePlaces(portal, PLACES_ROWS.slice(0, 3));
    sync(portal);
    const second = portal.store.layout('places')!;
    expect(tableExists(portal.store, first.table)).toBe(false);
    expect(tableExists(portal.store, first.ftsTable!)).toBe(false);
    expect(tableExists(portal.store, fieldLayout(first, 'tags')!.valuesTable!)).toBe(false);
    expect(tableExists(portal.store, second.table)).toBe(true);
    const snapshots = portal.store.snapshots('places');
    expect(snapshots.map((s) => [s.recordsCount, s.description])).toEqual([
      [6, 'Taken at ingest: first version of the data'],
      [3, 'Taken at ingest: the data changed'],
    ]);
    const firstSnapshot = snapshots[0]!;
    expect(firstSnapshot.snapshotId).toMatch(/^[0-9a-f]{16}$/);
    expect(firstSnapshot.layout.ftsTable).toBeNull();
    expect(rows(portal.store, firstSnapshot.layout, 'c_name').map((r) => r.c_name)).toEqual([
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
    writePlaces(portal);
    sync(portal);
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
    writePlaces(portal);
    sync(portal);
    const before = portal.store.layout('places')!;
    const bad = [...PLACES_ROWS];
    bad[4] = 'Mont Blanc;peak;snow;abc;2024-05-03;;45.8326, 6.8652';
    writePlaces(portal, bad);
    const lines: string[] = [];
    const report = sync(portal, lines);
    expect(report.failed).toEqual(['places']);
    const file = `${portal.dir}/places/data.csv`;
    const expected = `[ingest] ${file} row 6: field "population" expects int, got "abc"; keeping the previous version`;
    expect(lines.filter((line) => !line.includes('datasets ready'))).toEqual([expected]);
    // The old version still answers.
    expect(portal.store.layout('places')).toEqual(before);
    expect(rows(portal.store, before, 'c_name').length).toBe(6);
    expect(portal.store.dataset('places')?.metas.default.records_count).toBe(6);
    expect(portal.store.snapshots('places')).toHaveLength(1);
    // Fixed, it goes through.
    writePlaces(portal, PLACES_ROWS.slice(0, 2));
    expect(sync(portal).ingested.map((d) => d.records)).toEqual([2]);
  });

  it.runIf(existsSync('/proc/self/fd'))(
    'closes the data file when a row fails or a column is missing',
    () => {
      portal = tempPortal();
      const openFiles = () => readdirSync('/proc/self/fd').length;
      writePlaces(portal);
      sync(portal);
      const before = openFiles();
      for (let i = 0; i < 5; i++) {
        writePlaces(portal, [...PLACES_ROWS, `Bad ${i};city;;x;;;`]);
        expect(sync(portal).failed).toEqual(['places']);
        portal.write('places/data.csv', `name;kind\nA${i};b\n`);
        expect(sync(portal).failed).toEqual(['places']);
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
    writePlaces(portal, [row]);
    const lines: string[] = [];
    const report = sync(portal, lines);
    expect(report.failed).toEqual(['places']);
    expect(lines[0]).toBe(
      `[ingest] ${portal.dir}/places/data.csv row 2: ${message}; not served until it is fixed`,
    );
    expect(portal.store.dataset('places')).toBeUndefined();
  });

  it('keeps the previous version when dataset.json breaks, found by its folder', () => {
    portal = tempPortal();
    writePlaces(portal);
    sync(portal);
    portal.write('places/dataset.json', '{ "dataset_id": ');
    const lines: string[] = [];
    const report = sync(portal, lines);
    expect(report.removed).toEqual([]);
    expect(lines[0]).toMatch(
      /^\[ingest\] .*places\/dataset\.json: invalid JSON .*; keeping the previous version$/,
    );
    expect(portal.store.dataset('places')?.metas.default.records_count).toBe(6);
  });

  it('updates metadata alone without rebuilding the records or taking a snapshot', () => {
    portal = tempPortal();
    writePlaces(portal);
    sync(portal);
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
    writePlaces(portal);
    portal.write('other.csv', 'a\n1\n2\n');
    sync(portal);
    const layout = portal.store.layout('places')!;
    const snapshot = portal.store.snapshots('places')[0]!;
    portal.remove('places');
    const lines: string[] = [];
    const report = sync(portal, lines);
    expect(report.removed).toEqual(['places']);
    expect(lines).toContain('[ingest] places: removed (its source is gone)');
    expect(portal.store.dataset('places')).toBeUndefined();
    expect(portal.store.layout('places')).toBeUndefined();
    expect(tableExists(portal.store, layout.table)).toBe(false);
    expect(tableExists(portal.store, snapshot.layout.table)).toBe(false);
    expect(portal.store.snapshots('places')).toEqual([]);
    expect(portal.store.datasets().map((d) => d.dataset_id)).toEqual(['other']);
  });
});
