import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLACES, rows, sync, writePlaces } from '../testing/places-portal';
import { type TempPortal, tempPortal } from '../testing/temp-portal';
import { fieldLayout } from './layout';

/**
 * What one ingest of the places writes: typed columns, the dataset's description, the side table
 * of a multivalued field, the full-text, R*Tree and column indexes. The tests only read, so they
 * share one ingested portal.
 */

let portal: TempPortal;
let report: ReturnType<typeof sync>;
beforeAll(() => {
  portal = tempPortal();
  writePlaces(portal);
  report = sync(portal);
});
afterAll(() => portal?.cleanup());

describe('ingest', () => {
  it('stores typed columns, record ids, timestamps and sizes, in WAL mode', () => {
    expect(report.ingested.map((d) => [d.datasetId, d.records])).toEqual([['places', 6]]);
    const store = portal.store;
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const layout = store.layout('places')!;
    expect(layout.generation).toBe(1);
    expect(layout.timezone).toBe('Europe/Paris');
    const [zurich, geneve, etienne] = rows(portal.store, layout);
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
    const ids = rows(portal.store, layout, 'record_id').map((r) => r.record_id);
    expect(new Set(ids).size).toBe(6);
  });

  it('describes the dataset: metas, records_count, features, uid', () => {
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
    const layout = portal.store.layout('places')!;
    const match = (query: string) =>
      (
        portal.store.db
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

  it('indexes geo points by latitude and longitude, which a bounding box query reads alone', () => {
    const layout = portal.store.layout('places')!;
    const position = fieldLayout(layout, 'position')!;
    // Points need no R*Tree: their box is themselves.
    expect(position.rtreeTable).toBeNull();
    // Around Lake Geneva: Genève and the lake, not Zürich, Saint-Étienne or Mont Blanc.
    const sql = `SELECT rid FROM "${layout.table}" t WHERE "${position.latColumn}" BETWEEN ? AND ? AND "${position.lonColumn}" BETWEEN ? AND ? ORDER BY rid`;
    const args = [46.1, 46.6, 6.0, 6.9];
    expect(portal.store.db.prepare(sql).all(args)).toEqual([{ rid: 2 }, { rid: 6 }]);
    const plan = portal.store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(args) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' | ')).toContain(
      `USING COVERING INDEX ${layout.table}__px_position`,
    );
  });

  it('indexes facet, sortable, numeric and date fields', () => {
    const layout = portal.store.layout('places')!;
    const indexes = (
      portal.store.db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name`)
        .all(layout.table) as { name: string }[]
    ).map((r) => r.name.split('__ix_')[1]);
    expect(indexes.filter(Boolean).sort()).toEqual(['kind', 'name', 'population', 'visited']);
  });
});
