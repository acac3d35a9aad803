import { beforeAll, describe, expect, it } from 'vitest';
import { cmp, field, fullText } from '../../common/odsql/build';
import { attachmentUrl, getAttachments } from '../../src/api/attachments';
import { getCatalogDatasets, getCatalogFacets } from '../../src/api/catalog';
import type { PortalTarget } from '../../src/api/client';
import { getDataset, getDatasetFacets } from '../../src/api/dataset';
import { download } from '../../src/api/download';
import { InvalidParameterError, NotFoundError, OdsqlError } from '../../src/api/errors';
import { streamFeatures, streamLines } from '../../src/api/export-stream';
import { exportUrl, getExportFormats } from '../../src/api/exports';
import { sendFeedback } from '../../src/api/feedback';
import { getAggregates, getGroupedRecords, getRecord, getRecords } from '../../src/api/records';
import { getReuse, getReuses } from '../../src/api/reuses';
import { getSnapshots } from '../../src/api/snapshots';
import { serveFixturePortal } from '../helpers/fixture-server';

/**
 * Every fetcher against the embedded portal serving the fixture portal, over a real socket, in each
 * API version: what the explorer sends is what the server reads, and what the server answers is
 * what the explorer's types say, the same app model whichever version carried it.
 */

let portal = '';
const CITIES = 'fixture-cities';
serveFixturePortal((url) => {
  portal = url;
});

const fail = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable(),
    (error: unknown) => error,
  );

describe.each(['2.0', '2.1'] as const)('v%s fetchers against the fixture portal', (apiVersion) => {
  let target: PortalTarget;
  beforeAll(() => {
    target = { portal, apiVersion };
  });
  const base = apiVersion === '2.0' ? '/api/v2' : '/api/explore/v2.1';

  it('catalog datasets: full text, refine, exclude, order and paging', async () => {
    const all = await getCatalogDatasets(target);
    expect(all.datasets.map((d) => d.metas.default.title)).toContain('European cities');
    expect(all.total).toBe(all.datasets.length);

    const cities = await getCatalogDatasets(target, { filter: { where: fullText('cities') } });
    expect(cities.datasets.map((d) => d.dataset_id)).toEqual([CITIES]);

    const refined = await getCatalogDatasets(target, {
      filter: { where: null, refine: ['theme:Culture, Heritage'] },
    });
    expect(refined.datasets.map((d) => d.dataset_id)).toEqual(['fixture-events']);

    const excluded = await getCatalogDatasets(target, { filter: { where: null, exclude: ['keyword:city'] } });
    expect(excluded.datasets.map((d) => d.dataset_id)).not.toContain(CITIES);
    expect(excluded.total).toBe(all.total - 1);

    const byRecords = await getCatalogDatasets(target, {
      order_by: 'records_count DESC',
      limit: 2,
      offset: 0,
    });
    const counts = byRecords.datasets.map((d) => d.metas.default.records_count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(byRecords.datasets.length).toBe(2);
    const next = await getCatalogDatasets(target, { order_by: 'records_count DESC', limit: 2, offset: 2 });
    expect(next.datasets[0]!.dataset_id).not.toBe(byRecords.datasets[0]!.dataset_id);
  });

  it('catalog facets: counts follow the filters', async () => {
    const body = await getCatalogFacets(target, { facet: ['theme', 'features', 'modified'] });
    const theme = body.find((group) => group.name === 'theme')!;
    expect(
      theme.facets.every((value) => value.state === 'displayed' && typeof value.count === 'number'),
    ).toBe(true);
    const narrowed = await getCatalogFacets(target, {
      facet: ['theme'],
      filter: { where: fullText('cities') },
    });
    expect(narrowed[0]!.facets.map((value) => value.value)).toEqual([
      'Administration, Government, Public finances, Citizenship',
    ]);
    const refined = await getCatalogFacets(target, {
      facet: ['modified'],
      filter: { where: null, refine: ['modified:2024'] },
    });
    const year = refined[0]!.facets.find((value) => value.value === '2024')!;
    expect(year.state).toBe('refined');
    expect(year.facets?.[0]?.value).toMatch(/^2024\/\d\d$/);
  });

  it('dataset, records, record, grouped records, aggregates and dataset facets', async () => {
    const dataset = await getDataset(target, CITIES);
    expect(dataset.fields.map((field) => field.name)).toContain('population');

    const records = await getRecords(target, CITIES, {
      filter: { where: cmp('>', field('population'), 1_000_000) },
      order_by: 'population DESC',
      limit: 3,
    });
    expect(records.total).toBeGreaterThan(3);
    const populations = records.records.map((row) => row.values.population as number);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
    const first = records.records[0]!;
    expect(first.id).toMatch(/^[0-9a-f]{40}$/);

    const one = await getRecord(target, CITIES, first.id);
    expect(one.values.name).toBe(first.values.name);

    const grouped = await getGroupedRecords(target, CITIES, {
      select: 'count(*) as n',
      group_by: 'country_code',
    });
    expect(grouped.some((row) => row.country_code === 'FR')).toBe(true);

    const aggregates = await getAggregates(target, CITIES, { select: 'count(*) as n' });
    expect(aggregates).toEqual([{ n: 20 }]);

    const facets = await getDatasetFacets(target, CITIES, {
      filter: { where: null, refine: ['country_code:FR'] },
    });
    const country = facets.find((group) => group.name === 'country_code')!;
    expect(country.facets.find((value) => value.value === 'FR')?.state).toBe('refined');
  });

  it('attachments, exports (streamed download), reuses, snapshots', async () => {
    const attachments = await getAttachments(target, CITIES);
    expect(attachments.length).toBeGreaterThan(0);
    const attachment = await download(target, attachmentUrl(target, CITIES, attachments[0]!.id));
    expect(attachment.blob.size).toBeGreaterThan(0);
    expect(attachmentUrl(target, CITIES, 'x_txt')).toBe(
      `${target.portal}${base}/catalog/datasets/${CITIES}/attachments/x_txt`,
    );

    const formats = await getExportFormats(target, CITIES);
    expect(formats).toContain('csv');
    expect(formats).not.toContain('self');
    const csv = await download(
      target,
      exportUrl(target, CITIES, 'csv', { filter: { where: null, refine: ['country_code:FR'] } }),
    );
    expect(csv.filename).toMatch(/\.csv$/);
    expect(await csv.blob.text()).toMatch(/Paris/);

    const reuses = await getReuses(target, CITIES);
    expect(reuses.map((reuse) => reuse.id)).toContain('geonames-paris');
    const reuse = await getReuse(target, CITIES, 'geonames-paris');
    expect(reuse.title).toBe('Paris on GeoNames');

    const snapshots = await getSnapshots(target, CITIES);
    expect(Array.isArray(snapshots)).toBe(true);
  });

  it('feedback: 201 {"status": "ok"}', async () => {
    const body = await sendFeedback(target, CITIES, { comment: 'Paris has more people now' });
    expect(body.accepted).toBe(true);
  });

  it('errors come back typed', async () => {
    expect(await fail(getDataset(target, 'no-such-dataset'))).toBeInstanceOf(NotFoundError);
    expect(
      await fail(getRecords(target, CITIES, { filter: { where: cmp('=', field('no_such_field'), 1) } })),
    ).toBeInstanceOf(OdsqlError);
    expect(
      await fail(getRecords(target, CITIES, { filter: { where: null, unparsedWhere: 'population ==' } })),
    ).toBeInstanceOf(OdsqlError);
    expect(await fail(getRecords(target, CITIES, { limit: 101 }))).toBeInstanceOf(InvalidParameterError);
    expect(await fail(getCatalogDatasets(target, { limit: 100, offset: 9_950 }))).toBeInstanceOf(
      InvalidParameterError,
    );
  });

  it('exports read as they stream: GeoJSON features, and the lines of a CSV', async () => {
    const page = await getRecords(target, CITIES, { order_by: 'name', limit: 100 });
    const url = exportUrl(target, CITIES, 'geojson', {
      select: 'recordid, name, coordinates',
      order_by: 'name',
    });
    const features = [];
    for await (const batch of streamFeatures(target, url)) features.push(...batch.features);
    expect(features.map((f) => f.properties?.recordid)).toEqual(page.records.map((r) => r.id));
    expect(features[0]?.geometry?.type).toBe('Point');

    const lines: string[] = [];
    const csv = exportUrl(target, CITIES, 'csv', { select: 'recordid', order_by: 'name' });
    for await (const batch of streamLines(target, csv)) lines.push(...batch);
    expect(lines).toEqual(['recordid', ...page.records.map((r) => r.id)]);

    // A refused export rejects with the typed error before any feature.
    const refused = exportUrl(target, CITIES, 'geojson', { select: 'no_such_field' });
    const error = await (async () => {
      try {
        for await (const _ of streamFeatures(target, refused)) return null;
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(OdsqlError);
  });
});

describe('both versions, one model', () => {
  it('gives the same records, ids, dataset, facets and aggregates whichever version carried them', async () => {
    const [v20, v21] = (['2.0', '2.1'] as const).map((apiVersion) => ({ portal, apiVersion }));
    const params = { filter: { where: cmp('>', field('population'), 100_000) }, order_by: 'name', limit: 20 };
    const [a, b] = await Promise.all([getRecords(v20!, CITIES, params), getRecords(v21!, CITIES, params)]);
    expect(b.total).toBe(a.total);
    expect(b.records.map((r) => [r.id, r.values])).toEqual(a.records.map((r) => [r.id, r.values]));
    expect(await getDataset(v21!, CITIES)).toEqual(await getDataset(v20!, CITIES));
    expect(await getDatasetFacets(v21!, CITIES)).toEqual(await getDatasetFacets(v20!, CITIES));
    const aggregate = { select: 'count(*) as n, sum(population) as total', group_by: 'country_code' };
    expect(await getAggregates(v21!, CITIES, aggregate)).toEqual(
      await getAggregates(v20!, CITIES, aggregate),
    );
  });
});
