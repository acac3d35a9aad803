import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { syncPortal } from '../store/ingest';
import { seededRandom } from '../testing/seeded-random';
import { tempPortal } from '../testing/temp-portal';
import { planQuery } from './plan';

/**
 * Box queries on a point field (in_bbox, and the map's geo_cluster() inside a box) read the field's
 * (lat, lon) covering index (store/dataset-indexes.ts): the answers are the exact points in the
 * box, edges included, as a filter over the rows written here says, and no table row is read.
 */

let portal: ReturnType<typeof tempPortal>;
let app: ReturnType<typeof createApp>;
const points: { id: number; lat: number; lon: number }[] = [];

beforeAll(() => {
  const random = seededRandom(5);
  const lines = ['id;place'];
  for (let id = 1; id <= 2000; id++) {
    // Some on the query box's edges, as an R*Tree's rounded boxes would blur them.
    const edge = id % 50 === 0;
    const lat = edge ? 45 : Number((random() * 60 + 10).toFixed(6));
    const lon = edge ? 5 + (id % 7) : Number((random() * 80 - 30).toFixed(6));
    points.push({ id, lat, lon });
    lines.push(`${id};${lat}, ${lon}`);
  }
  portal = tempPortal();
  portal.write('spots/dataset.json', {
    dataset_id: 'spots',
    metas: { default: { title: 'Spots' } },
    fields: [
      { name: 'id', label: 'Id', type: 'int', annotations: {} },
      { name: 'place', label: 'Place', type: 'geo_point_2d', annotations: {} },
    ],
  });
  portal.write('spots/data.csv', `${lines.join('\n')}\n`);
  const report = syncPortal(portal.store, portal.dir, { log: () => {} });
  expect(report.failed).toEqual([]);
  app = createApp({ store: portal.store, log: () => {} });
});
afterAll(() => portal.cleanup());

const BOX = { south: 30, west: 5, north: 45, east: 25.5 };
const inBox = (p: { lat: number; lon: number }) =>
  p.lat >= BOX.south && p.lat <= BOX.north && p.lon >= BOX.west && p.lon <= BOX.east;
const WHERE = `in_bbox(place, ${BOX.south}, ${BOX.west}, ${BOX.north}, ${BOX.east})`;

async function get(query: Record<string, string>) {
  const response = await app.request(
    `/api/explore/v2.1/catalog/datasets/spots/records?${new URLSearchParams(query)}`,
  );
  expect(response.status).toBe(200);
  return (await response.json()) as { total_count?: number; results: Record<string, unknown>[] };
}

describe('a box on a point field', () => {
  it('holds exactly the points in it, edges included', async () => {
    const expected = points.filter(inBox).map((p) => p.id);
    expect(expected.filter((id) => id % 50 === 0).length).toBeGreaterThan(10);
    const page = await get({ where: WHERE, select: 'id', limit: '100', order_by: 'id' });
    expect(page.total_count).toBe(expected.length);
    expect(page.results.map((r) => r.id)).toEqual(expected.slice(0, 100));
  });

  it('clusters the points in it as cells of the grid, from the index alone', async () => {
    const zoom = 4;
    const cell = 360 / 2 ** zoom;
    const cells = new Map<string, number>();
    for (const p of points.filter(inBox)) {
      const key = `${Math.floor((p.lon + 180) / cell)}:${Math.floor((p.lat + 90) / cell)}`;
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
    const groups = await get({
      where: WHERE,
      group_by: `geo_cluster(place, ${zoom})`,
      select: 'count(*) as n',
    });
    expect(groups.results.map((r) => r.n).sort()).toEqual([...cells.values()].sort());

    const plan = planQuery(portal.store.layout('spots')!, portal.store.db, {
      select: 'count(*) as n',
      groupBy: `geo_cluster(place, ${zoom})`,
      where: [WHERE],
      timezone: 'UTC',
      lang: 'en',
    });
    const steps = portal.store.db.prepare(`EXPLAIN QUERY PLAN ${plan.rowsSql(100, 0)}`).all(plan.params) as {
      detail: string;
    }[];
    const explain = steps.map((s) => s.detail).join(' | ');
    expect(explain).toMatch(/SEARCH t USING COVERING INDEX \w+__px_place/);
    expect(explain).not.toMatch(/SCAN t\b/);
  });
});
