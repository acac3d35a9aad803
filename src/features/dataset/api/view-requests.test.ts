import { describe, expect, it } from 'vitest';
import type { DatasetField } from '../../../../common/ods-api/types';
import { parseWhere } from '../../../../common/odsql/parser';
import type { PortalTarget } from '../../../api/client';
import type { GroupRow } from '../../../api/model';
import type { ViewFilter } from '../../../api/params';
import { parseDatasetSearch } from '../dataset-search-params';
import { type ViewContext, type ViewRequest, viewRequests } from './view-requests';

/**
 * The API view's chart request on the fixture cities' fields: the request the Analyze view sends
 * first, read back from its URL. tests/unit/chart-request-fixture-portal.test.ts checks it against
 * the URLs the Analyze fetch really sends, and what the portal answers.
 */

const field = (name: string, label: string, type: DatasetField['type'], facet = false): DatasetField => ({
  name,
  label,
  type,
  annotations: facet ? { facet: [] } : {},
  description: null,
});

/** tests/fixtures/portal/cities/dataset.json's fields (the explorer's code may not import tests/). */
const dataset = {
  dataset_id: 'fixture-cities',
  fields: [
    field('geoname_id', 'Geoname ID', 'text'),
    field('name', 'Name', 'text'),
    field('country_code', 'Country code', 'text', true),
    field('capital', 'Capital', 'boolean', true),
    field('population', 'Population', 'int'),
    field('elevation', 'Elevation (m)', 'double'),
    field('founded', 'First mention', 'date', true),
    field('timezone', 'Timezone', 'text', true),
    field('coordinates', 'Coordinates', 'geo_point_2d'),
  ],
};
const FILTER: ViewFilter = { where: parseWhere('population > 100000').condition, refine: ['capital:true'] };

/** The chart's requests, in the order they are sent; `chartSpan` the span's answer when known. */
function chartsOf(
  apiVersion: PortalTarget['apiVersion'],
  raw: Record<string, unknown>,
  chartSpan?: GroupRow,
): ViewRequest[] {
  const context: ViewContext = {
    target: { portal: '', apiVersion },
    datasetId: dataset.dataset_id,
    fields: dataset.fields,
    timezone: 'Europe/Paris',
    search: parseDatasetSearch(raw),
    filter: FILTER,
    orderBy: undefined,
    columns: null,
    chartSpan,
  };
  return viewRequests(context).filter((r) => r.id.startsWith('chart'));
}

/** The chart's first request. */
function chartOf(
  apiVersion: PortalTarget['apiVersion'],
  raw: Record<string, unknown>,
): ViewRequest | undefined {
  return chartsOf(apiVersion, raw)[0];
}

/** The URL's path and its decoded parameters (a repeated one as an array). */
function decoded(url: string): { path: string; params: Record<string, string | string[]> } {
  const parsed = new URL(url, 'http://localhost');
  const params: Record<string, string | string[]> = {};
  for (const key of new Set(parsed.searchParams.keys())) {
    const all = parsed.searchParams.getAll(key);
    params[key] = all.length > 1 ? all : all[0]!;
  }
  return { path: parsed.pathname, params };
}

const PATHS = {
  '2.0': { aggregates: '/api/v2/catalog/datasets/fixture-cities/aggregates' },
  '2.1': { aggregates: '/api/explore/v2.1/catalog/datasets/fixture-cities/records' },
} as const;

describe.each(['2.0', '2.1'] as const)('the chart request in v%s', (apiVersion) => {
  it('lists the chart between the facets and the export', () => {
    const ids = viewRequests({
      target: { portal: '', apiVersion },
      datasetId: dataset.dataset_id,
      fields: dataset.fields,
      timezone: 'UTC',
      search: parseDatasetSearch({}),
      filter: { where: null },
      orderBy: undefined,
      columns: null,
    }).map((r) => r.id);
    // The default chart asks for its axis' span first, and its buckets once the span is known.
    expect(ids).toEqual(['records', 'facets', 'chart-span', 'export']);
  });

  it('top categories: the grouped query with the view’s filter, on aggregates (v2.0) or records (v2.1)', () => {
    const request = chartOf(apiVersion, { 'chart.x': 'country_code', 'chart.top': '3' })!;
    expect(decoded(request.url)).toEqual({
      path: PATHS[apiVersion].aggregates,
      params: {
        group_by: 'country_code AS x',
        select: 'count(*) AS v0',
        order_by: 'v0 DESC',
        limit: '3',
        where: 'population > 100000',
        refine: 'capital:true',
        timezone: 'Europe/Paris',
      },
    });
    // The purpose names the field by its label.
    expect(request.purpose).toContain('Country code');
  });

  it('several measures over chosen bins: every measure, the range() key, no limit', () => {
    const request = chartOf(apiVersion, {
      'chart.x': 'population',
      'chart.y': ['count(*)', 'avg(elevation)'],
      'chart.bins': '0,100000,1000000',
    })!;
    const { params } = decoded(request.url);
    expect(params.group_by).toBe('range(population, *, 0, 100000, 1000000, *) AS x');
    expect(params.select).toBe('count(*) AS v0, avg(elevation) AS v1');
    expect(params.limit).toBeUndefined();
  });

  it('no chart parameters: the default chart (a facet date, automatic interval) asks its span first', () => {
    const request = chartOf(apiVersion, {})!;
    expect(decoded(request.url)).toEqual({
      path: PATHS[apiVersion].aggregates,
      params: {
        select: 'min(founded) AS lo, max(founded) AS hi',
        where: 'population > 100000',
        refine: 'capital:true',
        timezone: 'Europe/Paris',
      },
    });
    // Once the span is known, the buckets at the interval it settles: 70 years, by year.
    const [span, buckets] = chartsOf(apiVersion, {}, { lo: '1950-03-01', hi: '2020-11-30' });
    expect(span!.url).toBe(request.url);
    expect(buckets!.id).toBe('chart');
    expect(decoded(buckets!.url).params).toMatchObject({
      group_by: 'range(founded, 1 year) AS x',
      select: 'count(*) AS v0',
    });
    // With the interval chosen, nothing waits: the buckets themselves.
    const yearly = decoded(chartOf(apiVersion, { 'chart.interval': 'year' })!.url).params;
    expect(yearly.group_by).toBe('range(founded, 1 year) AS x');
    expect(yearly.select).toBe('count(*) AS v0');
  });

  it('a breakdown asks its top values first; a KPI its totals; a scatter its sample', () => {
    const top = decoded(chartOf(apiVersion, { 'chart.x': 'timezone', 'chart.by': 'country_code' })!.url);
    expect(top.params).toMatchObject({ group_by: 'country_code AS x', order_by: 'v0 DESC', limit: '10' });
    const kpi = decoded(chartOf(apiVersion, { 'chart.type': 'kpi', 'chart.y': ['sum(population)'] })!.url);
    expect(kpi.path).toBe(PATHS[apiVersion].aggregates);
    expect(kpi.params.select).toBe('sum(population) AS v0');
    expect(kpi.params.group_by).toBeUndefined();
    const scatter = decoded(
      chartOf(apiVersion, { 'chart.type': 'scatter', 'chart.x': 'population', 'chart.y': 'elevation' })!.url,
    );
    expect(scatter.path).toMatch(/\/fixture-cities\/exports\/json$/);
    expect(scatter.params.select).toBe('population AS x, elevation AS v0');
    expect(scatter.params.where).toBe(
      'population > 100000 AND (population IS NOT NULL AND elevation IS NOT NULL)',
    );
  });
});

describe('no chart request', () => {
  it('when the chart asks nothing: a scatter on a dataset without a number', () => {
    const fields = dataset.fields.filter((f) => f.type !== 'int' && f.type !== 'double');
    const requests = viewRequests({
      target: { portal: '', apiVersion: '2.1' },
      datasetId: dataset.dataset_id,
      fields,
      timezone: 'UTC',
      search: parseDatasetSearch({ 'chart.type': 'scatter' }),
      filter: { where: null },
      orderBy: undefined,
      columns: null,
    });
    expect(requests.map((r) => r.id)).toEqual(['records', 'facets', 'export']);
  });
});
