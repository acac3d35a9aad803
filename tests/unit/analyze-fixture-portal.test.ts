import { QueryClient } from '@tanstack/react-query';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../common/ods-api/types';
import type { PortalTarget } from '../../src/api/client';
import { getDataset, getDatasetFacets } from '../../src/api/dataset';
import { getAggregates, getRecords } from '../../src/api/records';
import { fetchChart } from '../../src/features/dataset/analyze/analyze-queries';
import { searchAfterClick } from '../../src/features/dataset/analyze/chart-click';
import type { GroupedData } from '../../src/features/dataset/analyze/chart-data';
import { type ChartState, readChart } from '../../src/features/dataset/charts/chart-state';
import { parseDatasetSearch } from '../../src/features/dataset/dataset-search-params';
import { fetchFieldProfile } from '../../src/features/dataset/field-profile';
import { viewFilter } from '../../src/features/dataset/view-filter';
import { serveFixturePortal } from '../helpers/fixture-server';

/**
 * The Analyze view's queries against the embedded portal serving the fixture portal: each chart's
 * numbers are the portal's, and a click on any bucket filters the view to exactly the records the
 * bucket counted, whatever the axis (a facet, a text, a date, number bins, Others).
 */

let portal = '';
let target: PortalTarget;
serveFixturePortal((url) => {
  portal = url;
});

const CITIES = 'fixture-cities';
const NO_FILTER = { where: null };

async function chartOf(
  dataset: Dataset,
  raw: Record<string, unknown>,
): Promise<{ state: ChartState; data: GroupedData }> {
  const state = readChart(parseDatasetSearch(raw), dataset.fields);
  const data = await fetchChart({ target, dataset, filter: NO_FILTER, state }, new QueryClient());
  if (data.kind !== 'grouped') throw new Error(`expected groups, got ${data.kind}`);
  return { state, data };
}

/** For every bucket: the count of the view a click on it makes equals the count charted. */
async function expectClicksMatch(dataset: Dataset, state: ChartState, data: GroupedData) {
  const x = dataset.fields.find((f) => f.name === state.x)!;
  const search = parseDatasetSearch({ tab: 'analyze' });
  for (const [k, bucket] of data.buckets.entries()) {
    const next = searchAfterClick(search, x, { bucket }, data);
    expect(next, bucket.label).not.toBeNull();
    const page = await getRecords(target, CITIES, { filter: viewFilter(next!, dataset.fields), limit: 0 });
    expect(page.total, bucket.label).toBe(data.series[0]!.values[k]);
  }
}

// v2.0 answers totals from `…/aggregates`, v2.1 from records with an aggregate select.
describe.each(['2.0', '2.1'] as const)('charts against the fixture portal in v%s', (apiVersion) => {
  beforeAll(() => {
    target = { portal, apiVersion };
  });

  it('top countries by count equal the facet counts, Others the rest; clicks refine', async () => {
    const dataset = await getDataset(target, CITIES);
    const { state, data } = await chartOf(dataset, { 'chart.x': 'country_code', 'chart.top': '3' });
    const facets = await getDatasetFacets(target, CITIES, { facet: ['country_code'] });
    const counts = facets.find((f) => f.name === 'country_code')!.facets;
    expect(data.buckets.slice(0, 3).map((b) => b.label)).toEqual(counts.slice(0, 3).map((f) => f.name));
    expect(data.series[0]!.values.slice(0, 3)).toEqual(counts.slice(0, 3).map((f) => f.count));
    const rest = counts.slice(3).reduce((sum, f) => sum + (f.count ?? 0), 0);
    expect(data.buckets.at(-1)).toEqual({ kind: 'others', label: 'Others' });
    expect(data.series[0]!.values.at(-1)).toBe(rest);
    const x = dataset.fields.find((f) => f.name === 'country_code')!;
    expect(searchAfterClick({}, x, { bucket: data.buckets[0]! }, data)?.refine).toEqual([
      `country_code:${counts[0]!.name}`,
    ]);
    await expectClicksMatch(dataset, state, data);
    // An average's Others is asked of the rest itself; its count agrees with the total less the top.
    const averaged = await chartOf(dataset, {
      'chart.x': 'country_code',
      'chart.top': '3',
      'chart.y': ['count(*)', 'avg(population)'],
    });
    expect(averaged.data.series[0]!.values).toEqual(data.series[0]!.values);
  });

  it('a date axis by year, number bins (equal and chosen), a boolean: clicks filter to each bucket', async () => {
    const dataset = await getDataset(target, CITIES);
    for (const raw of [
      { 'chart.x': 'founded', 'chart.interval': 'year' },
      { 'chart.x': 'population', 'chart.bins': '4' },
      { 'chart.x': 'elevation', 'chart.bins': '0,50,100,500' },
      { 'chart.x': 'capital' },
    ]) {
      const { state, data } = await chartOf(dataset, raw);
      const total = data.series[0]!.values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
      // Every record with a value falls in one bucket.
      const [present] = await getAggregates(target, CITIES, { select: `count(${raw['chart.x']}) as n` });
      expect(total, JSON.stringify(raw)).toBe(present!.n);
      await expectClicksMatch(dataset, state, data);
    }
  });

  it('several measures, a breakdown, a KPI and a scatter are the portal’s numbers', async () => {
    const dataset = await getDataset(target, CITIES);
    const { data } = await chartOf(dataset, {
      'chart.x': 'country_code',
      'chart.y': ['count(*)', 'sum(population)', 'max(population)'],
    });
    const [expected] = await getAggregates(target, CITIES, {
      select: 'count(*) as n, sum(population) as s, max(population) as m',
      where: undefined,
      filter: { where: null, refine: [`country_code:${data.buckets[0]!.label}`] },
    } as never);
    expect(data.series.map((s) => s.values[0])).toEqual([expected!.n, expected!.s, expected!.m]);

    const crossed = await chartOf(dataset, { 'chart.x': 'country_code', 'chart.by': 'capital' });
    const sums = crossed.data.buckets.map((_, k) =>
      crossed.data.series.reduce((sum, s) => sum + (s.values[k] ?? 0), 0),
    );
    const plain = await chartOf(dataset, { 'chart.x': 'country_code' });
    expect(sums).toEqual(plain.data.series[0]!.values.slice(0, crossed.data.buckets.length));

    const kpiState = readChart(
      parseDatasetSearch({ 'chart.type': 'kpi', 'chart.y': ['count(*)', 'avg(population)'] }),
      dataset.fields,
    );
    const kpi = await fetchChart({ target, dataset, filter: NO_FILTER, state: kpiState }, new QueryClient());
    const [totals] = await getAggregates(target, CITIES, { select: 'avg(population) as a' });
    expect(kpi).toEqual({
      kind: 'kpi',
      series: [
        { name: 'Count of records', values: [20] },
        { name: 'Average of Population', values: [totals!.a] },
      ],
    });

    const scatterState = readChart(
      parseDatasetSearch({ 'chart.type': 'scatter', 'chart.x': 'population', 'chart.y': 'elevation' }),
      dataset.fields,
    );
    const scatter = await fetchChart(
      { target, dataset, filter: NO_FILTER, state: scatterState },
      new QueryClient(),
    );
    const both = await getRecords(target, CITIES, {
      filter: { where: null, unparsedWhere: 'population IS NOT NULL AND elevation IS NOT NULL' },
      limit: 0,
    });
    expect(scatter).toMatchObject({ kind: 'scatter', total: both.total });
    expect(scatter.kind === 'scatter' && scatter.points.length).toBe(both.total);
    expect(scatter.kind === 'scatter' && scatter.points).toContainEqual([2_138_551, 35]);
  });

  it('field profiles: counts, distinct values, range, mean and bars, over the filtered set', async () => {
    const dataset = await getDataset(target, CITIES);
    const byName = (name: string) => dataset.fields.find((f) => f.name === name)!;
    const filter = { where: null, refine: ['country_code:FR'] };
    const [expected] = await getAggregates(target, CITIES, {
      select:
        'count(*) as n, count(population) as p, min(population) as lo, max(population) as hi, avg(population) as mean',
      filter,
    });
    const population = await fetchFieldProfile(target, CITIES, byName('population'), filter);
    expect(population).toMatchObject({
      total: expected!.n,
      present: expected!.p,
      min: expected!.lo,
      max: expected!.hi,
      mean: expected!.mean,
    });
    expect(population.bars?.kind).toBe('histogram');
    expect(population.bars!.items.reduce((sum, item) => sum + item.count, 0)).toBe(expected!.p);

    const country = await fetchFieldProfile(target, CITIES, byName('country_code'), { where: null });
    const facets = await getDatasetFacets(target, CITIES, { facet: ['country_code'] });
    const counts = facets.find((f) => f.name === 'country_code')!.facets;
    expect(country.distinct).toEqual({ count: counts.length, atLeast: false });
    expect(country.bars).toEqual({
      kind: 'top',
      items: counts.slice(0, 5).map((f) => ({ label: f.name, count: f.count })),
    });
    expect(country.min).toBeNull();
  });
});
