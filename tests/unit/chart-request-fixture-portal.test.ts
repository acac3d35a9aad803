import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Dataset } from '../../common/ods-api/types';
import { parseWhere } from '../../common/odsql/parser';
import type { PortalTarget } from '../../src/api/client';
import { getDataset, getDatasetFacets } from '../../src/api/dataset';
import type { GroupRow } from '../../src/api/model';
import type { ViewFilter } from '../../src/api/params';
import { fetchChart } from '../../src/features/dataset/analyze/analyze-queries';
import { viewRequests } from '../../src/features/dataset/api/view-requests';
import { chartSpanQuery, spanFieldOf } from '../../src/features/dataset/charts/chart-request';
import { readChart } from '../../src/features/dataset/charts/chart-state';
import { type DatasetSearch, parseDatasetSearch } from '../../src/features/dataset/dataset-search-params';
import { serveFixturePortal } from '../helpers/fixture-server';

/**
 * The API view's chart requests are the ones the Analyze view's fetch sends: the first, and after
 * an axis' span the one it settles. Both are run against the embedded portal serving the fixture
 * cities, the fetch's URLs recorded as they leave, and the listed URL's answer holds the chart's
 * numbers.
 */

let portal = '';
serveFixturePortal((url) => {
  portal = url;
});

const CITIES = 'fixture-cities';
const FILTERS: ViewFilter[] = [
  { where: null },
  { where: parseWhere('population > 100000').condition, refine: ['capital:false'] },
];
const SEARCHES: Record<string, unknown>[] = [
  { 'chart.x': 'country_code', 'chart.top': '3' },
  {},
  { 'chart.interval': 'year' },
  { 'chart.x': 'population', 'chart.bins': '0,100000,1000000' },
  { 'chart.x': 'population' },
  { 'chart.x': 'timezone', 'chart.by': 'country_code' },
  { 'chart.type': 'kpi', 'chart.y': ['count(*)', 'avg(population)'] },
  { 'chart.type': 'scatter', 'chart.x': 'population', 'chart.y': 'elevation' },
];

afterEach(() => {
  vi.restoreAllMocks();
});

const timezoneOf = (dataset: Dataset) => dataset.metas.default.timezone || 'UTC';

/** The URLs fetch() sends from now on (the spy goes after each test). */
function recordSent(): string[] {
  const sent: string[] = [];
  const fetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    sent.push(String(input instanceof Request ? input.url : input));
    return fetch(input, init);
  });
  return sent;
}

describe.each(['2.0', '2.1'] as const)(
  'the chart request against the fixture portal in v%s',
  (apiVersion) => {
    let target: PortalTarget;
    beforeAll(() => {
      target = { portal, apiVersion };
    });

    /** The chart's requests the API view lists, with the span's answer when it has it. */
    function chartRequests(
      dataset: Dataset,
      search: DatasetSearch,
      filter: ViewFilter,
      chartSpan?: GroupRow,
    ) {
      return viewRequests({
        target,
        datasetId: CITIES,
        fields: dataset.fields,
        timezone: timezoneOf(dataset),
        search,
        filter,
        orderBy: undefined,
        columns: null,
        chartSpan,
      }).filter((r) => r.id.startsWith('chart'));
    }

    /** The span's answer as the API view asks for it (its query), or undefined for a chart with none. */
    async function spanOf(client: QueryClient, dataset: Dataset, search: DatasetSearch, filter: ViewFilter) {
      const field = spanFieldOf(dataset.fields, readChart(search, dataset.fields));
      if (!field) return undefined;
      return client.fetchQuery(
        chartSpanQuery(target, CITIES, field, { filter, timezone: timezoneOf(dataset) }),
      );
    }

    async function listedAndSent(raw: Record<string, unknown>, filter: ViewFilter) {
      const dataset = await getDataset(target, CITIES);
      const search = parseDatasetSearch(raw);
      const listed = chartRequests(dataset, search, filter)[0];
      // With the span's answer, as the API view asks for it, the chart's next request is listed too.
      const listedAll = chartRequests(
        dataset,
        search,
        filter,
        await spanOf(new QueryClient(), dataset, search, filter),
      );
      const sent = recordSent();
      const data = await fetchChart(
        { target, dataset, filter, state: readChart(search, dataset.fields) },
        new QueryClient(),
      );
      vi.restoreAllMocks();
      return { listed, listedAll, sent, data };
    }

    it('is the first URL the Analyze fetch sends, for every kind of chart and filter', async () => {
      for (const filter of FILTERS) {
        for (const raw of SEARCHES) {
          const { listed, sent } = await listedAndSent(raw, filter);
          expect(listed, JSON.stringify(raw)).toBeDefined();
          expect(sent[0], JSON.stringify(raw)).toBe(listed!.url);
        }
      }
    });

    it('lists after a span the request the span settles, the second URL the Analyze fetch sends', async () => {
      let spans = 0;
      for (const filter of FILTERS) {
        for (const raw of SEARCHES) {
          const { listedAll, sent } = await listedAndSent(raw, filter);
          if (listedAll[0]!.id !== 'chart-span') {
            expect(listedAll, JSON.stringify(raw)).toHaveLength(1);
            continue;
          }
          spans++;
          expect(listedAll.map((r) => r.id)).toEqual(['chart-span', 'chart']);
          expect(sent.slice(0, 2), JSON.stringify(raw)).toEqual(listedAll.map((r) => r.url));
        }
      }
      // The default chart (an automatic interval) and equal-width bins, under both filters.
      expect(spans).toBe(4);
    });

    it('shares the span with the API view: after it, the Analyze fetch sends only the buckets', async () => {
      const dataset = await getDataset(target, CITIES);
      const search = parseDatasetSearch({});
      const filter = FILTERS[1]!;
      // One client, as on the page: the API view's span query, then the Analyze view's fetch.
      const client = new QueryClient();
      const [spanRequest, buckets] = chartRequests(
        dataset,
        search,
        filter,
        await spanOf(client, dataset, search, filter),
      );
      const sent = recordSent();
      await fetchChart({ target, dataset, filter, state: readChart(search, dataset.fields) }, client);
      expect(sent).not.toContain(spanRequest!.url);
      expect(sent[0]).toBe(buckets!.url);
    });

    it('answers the top countries with the facet counts, as the chart draws them', async () => {
      const { listed, data } = await listedAndSent(
        { 'chart.x': 'country_code', 'chart.top': '3' },
        FILTERS[0]!,
      );
      const response = await globalThis.fetch(listed!.url);
      expect(response.ok).toBe(true);
      const body = (await response.json()) as { aggregations?: unknown[]; results?: unknown[] };
      const rows = (apiVersion === '2.0' ? body.aggregations : body.results) as { x: string; v0: number }[];
      const facets = await getDatasetFacets(target, CITIES, { facet: ['country_code'] });
      const counts = facets.find((f) => f.name === 'country_code')!.facets.slice(0, 3);
      expect(rows.map((row) => [row.x, row.v0])).toEqual(counts.map((f) => [f.name, f.count]));
      if (data.kind !== 'grouped') throw new Error(`expected groups, got ${data.kind}`);
      expect(data.series[0]!.values.slice(0, 3)).toEqual(rows.map((row) => row.v0));
    });
  },
);
