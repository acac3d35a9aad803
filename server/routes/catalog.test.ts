import { afterAll, describe, expect, it } from 'vitest';
import type { AggregatesResponse, CatalogDatasetsResponse, FacetsResponse } from '../../common/ods-api/types';
import { CatalogIndex } from '../catalog/catalog-index';
import { V20 } from '../serializers/api-version';
import { fixtureApp } from '../testing/fixture-portal';
import { catalogRoutes } from './catalog';

const { app, store, cleanup } = fixtureApp();
afterAll(cleanup);

async function get<T>(path: string, status = 200): Promise<T> {
  const response = await app.request(`http://portal.test/api/v2/catalog/${path}`);
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(status);
  return body as T;
}

const ids = async (query: string) =>
  (await get<CatalogDatasetsResponse>(`datasets?${query}`)).datasets.map((d) => d.dataset.dataset_id);

describe('catalog datasets', () => {
  it('searches the metadata with a bare full-text where, and with the 2019 search', async () => {
    expect(await ids(`where=${encodeURIComponent('"festival"')}`)).toEqual(['fixture-events']);
    expect(await ids('search=europe')).toEqual(expect.arrayContaining(['fixture-cities', 'fixture-regions']));
    expect(await ids(`where=${encodeURIComponent('"geonames"')}`)).toEqual(['fixture-cities']);
  });

  it('takes ODSQL over metadata, with or without the default. prefix', async () => {
    expect(await ids(`where=${encodeURIComponent('records_count > 5')}`)).toEqual([
      'bike-counters',
      'fixture-cities',
      'fixture-events',
    ]);
    // bike-counters is a bare CSV: its modified date is the file's, so it is recent.
    expect(await ids(`where=${encodeURIComponent('default.modified > 2024')}`)).toEqual([
      'bike-counters',
      'fixture-cities',
      'fixture-events',
    ]);
    expect(await ids(`where=${encodeURIComponent("modified >= date'2025'")}`)).toEqual([
      'bike-counters',
      'fixture-events',
    ]);
    expect(await ids(`where=${encodeURIComponent('"city" IN keyword')}`)).toEqual(['fixture-cities']);
  });

  it('refines and excludes on theme, keyword, publisher, features and modified paths', async () => {
    expect(await ids(`refine=${encodeURIComponent('theme:Culture, Heritage')}`)).toEqual(['fixture-events']);
    expect(await ids('refine=keyword:geo')).toEqual(['fixture-regions']);
    expect(await ids('exclude=keyword:geo')).toEqual(['bike-counters', 'fixture-cities', 'fixture-events']);
    expect(await ids(`refine=${encodeURIComponent('publisher:ODS Explorer tests')}`)).toHaveLength(3);
    expect(await ids('refine=features:timeserie')).toEqual([
      'bike-counters',
      'fixture-cities',
      'fixture-events',
    ]);
    expect(await ids('refine=modified:2023/11')).toEqual(['fixture-regions']);
    expect(await ids('refine=modified:2025/07/20')).toEqual(['fixture-events']);
  });

  it('orders by title, modified and records_count, and pages', async () => {
    expect(await ids('order_by=title')).toEqual([
      'bike-counters',
      'fixture-cities',
      'fixture-events',
      'fixture-regions',
    ]);
    expect(await ids('order_by=modified DESC')).toEqual([
      'bike-counters',
      'fixture-events',
      'fixture-cities',
      'fixture-regions',
    ]);
    expect(await ids('order_by=records_count')).toEqual([
      'fixture-regions',
      'fixture-events',
      'fixture-cities',
      'bike-counters',
    ]);
    expect(await ids('sort=-records_count&rows=1&start=1')).toEqual(['fixture-cities']);
    const page = await get<CatalogDatasetsResponse>('datasets?limit=1&offset=1');
    expect(page.total_count).toBe(4);
    expect(page.links.map((l) => l.rel)).toEqual(['self', 'first', 'last', 'next', 'prev']);
  });

  it('selects metadata names', async () => {
    const body = await get<CatalogDatasetsResponse>(
      'datasets?select=title,records_count&where=%22festival%22',
    );
    expect(body.datasets[0]!.dataset).toEqual({
      dataset_id: 'fixture-events',
      metas: { default: { title: 'Festival events', records_count: 8 } },
    });
    await get('datasets?select=nope', 400);
  });
});

describe('catalog facets', () => {
  it('counts themes, keywords, publishers, features, modified years, languages', async () => {
    const body = await get<FacetsResponse>('facets');
    const byName = Object.fromEntries(body.facets.map((f) => [f.name, f.facets]));
    expect(Object.keys(byName)).toEqual([
      'theme',
      'keyword',
      'publisher',
      'features',
      'modified',
      'language',
      'license',
      'territory',
    ]);
    expect(byName.publisher).toEqual([
      { name: 'ODS Explorer tests', value: 'ODS Explorer tests', count: 3, state: 'displayed' },
    ]);
    expect(byName.modified!.map((v) => v.value)).toEqual(expect.arrayContaining(['2023', '2024', '2025']));
    expect(byName.keyword!.find((v) => v.value === 'city')).toMatchObject({ count: 1 });
  });

  it('narrows counts with refine and nests modified months under a refined year', async () => {
    const body = await get<FacetsResponse>('facets?facet=modified&facet=keyword&refine=modified:2025');
    const [modified, keyword] = body.facets;
    expect(modified!.facets).toEqual([
      {
        name: '2025',
        value: '2025',
        count: 1,
        state: 'refined',
        facets: [{ name: '07', value: '2025/07', count: 1, state: 'displayed' }],
      },
    ]);
    expect(keyword!.facets.map((v) => v.value).sort()).toEqual(['events', 'festival']);
  });
});

describe('catalog aggregates (v2.0)', () => {
  it('groups datasets by a metadata field', async () => {
    const body = await get<AggregatesResponse>(
      'aggregates?select=count(*) as n, sum(records_count) as records&group_by=publisher',
    );
    expect(body.aggregations).toEqual([{ n: 3, records: 31, publisher: 'ODS Explorer tests' }]);
  });
});

describe('catalog order', () => {
  it('sorts titles without regard to case', async () => {
    const catalog = new CatalogIndex();
    const dataset = (id: string, title: string) => {
      const [first] = store.datasets();
      return { ...first!, dataset_id: id, metas: { default: { ...first!.metas.default, title } } };
    };
    catalog.rebuild([dataset('b', 'banana'), dataset('c', 'Cherry'), dataset('a', 'Apple')]);
    const response = await catalogRoutes(catalog, V20).request('http://portal.test/datasets?order_by=title');
    const body = (await response.json()) as CatalogDatasetsResponse;
    expect(body.datasets.map((d) => d.dataset.metas.default.title)).toEqual(['Apple', 'banana', 'Cherry']);
  });
});
