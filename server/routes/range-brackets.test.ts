import { afterAll, describe, expect, it } from 'vitest';
import type { GroupedRecordsResponse } from '../../common/ods-api/types';
import { parseGroupBy } from '../../common/odsql/parser';
import { printGroupBy } from '../../common/odsql/printer';
import { fixtureCities } from '../testing/fixture-data';
import { fixtureApp } from '../testing/fixture-portal';

/**
 * v2.0's forms of range() bounds (ods-api.md §4.6, §4.4): brackets, `]10, 50[` opening the ends
 * they turn away from, and `equi(step, low, high)` for equal steps. Both mean v2.1 static bounds.
 */

const { app, cleanup } = fixtureApp();
afterAll(cleanup);

const population = fixtureCities().map((c) => Number(c.population));

async function buckets(group: string): Promise<[unknown, unknown][]> {
  const params = new URLSearchParams({ select: 'count(*) as n', group_by: `${group} as band` });
  const response = await app.request(
    `http://portal.test/api/v2/catalog/datasets/fixture-cities/records?${params}`,
  );
  const body = (await response.json()) as GroupedRecordsResponse;
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.records.map((r) => [r.record.fields.band, r.record.fields.n]);
}

const within = (low: number, high: number) => population.filter((p) => p >= low && p < high).length;

describe('range() bounds in v2.0 syntax', () => {
  it.each([
    ['range(f, ]10, 50, 100[)', 'range(f, *, 10, 50, 100, *)'],
    ['RANGE(f, [10, 50])', 'RANGE(f, 10, 50)'],
    ['range(f, ]10, 50])', 'range(f, *, 10, 50)'],
    ["range(d, [date'2020', date'2021'[)", "range(d, date'2020', date'2021', *)"],
  ])('%s parses as %s', (v20, v21) => {
    expect(printGroupBy(parseGroupBy(v20))).toBe(printGroupBy(parseGroupBy(v21)));
  });

  it('groups with open ends where the brackets turn outwards', async () => {
    expect(await buckets('RANGE(population, ]500000, 1000000[)')).toEqual([
      ['[*, 499999]', within(0, 500_000)],
      ['[500000, 999999]', within(500_000, 1_000_000)],
      ['[1000000, *]', within(1_000_000, Infinity)],
    ]);
    expect(await buckets('RANGE(population, ]500000, 1000000[)')).toEqual(
      await buckets('RANGE(population, *, 500000, 1000000, *)'),
    );
  });

  it('leaves records outside closed brackets out of every group', async () => {
    expect(await buckets('RANGE(population, [500000, 1000000, 2000000])')).toEqual([
      ['[500000, 999999]', within(500_000, 1_000_000)],
      ['[1000000, 1999999]', within(1_000_000, 2_000_000)],
    ]);
  });

  it('reads equi(step, low, high) as equal steps with open ends', async () => {
    expect(await buckets('RANGE(population, EQUI(1000000, 1000000, 3000000))')).toEqual([
      ['[*, 999999]', within(0, 1_000_000)],
      ['[1000000, 1999999]', within(1_000_000, 2_000_000)],
      ['[2000000, 2999999]', within(2_000_000, 3_000_000)],
      ['[3000000, *]', within(3_000_000, Infinity)],
    ]);
    expect(await buckets('RANGE(population, ]EQUI(1000000, 1000000, 3000000)[)')).toEqual(
      await buckets('RANGE(population, EQUI(1000000, 1000000, 3000000))'),
    );
  });

  it.each([
    ['RANGE(population, EQUI(0, 1, 10))', 'positive step'],
    ['RANGE(population, EQUI(1, 0, 100000))', 'at most 1000 buckets'],
    ['RANGE(population, EQUI(1, 2))', 'takes a step'],
  ])('refuses %s', async (group, message) => {
    const params = new URLSearchParams({ select: 'count(*)', group_by: group });
    const response = await app.request(
      `http://portal.test/api/v2/catalog/datasets/fixture-cities/records?${params}`,
    );
    const body = (await response.json()) as { error_code: string; message: string };
    expect(response.status).toBe(400);
    expect(body.error_code).toBe('ODSQLError');
    expect(body.message).toContain(message);
  });

  it('refuses equi() outside range()', async () => {
    const params = new URLSearchParams({ select: 'equi(1, 2, 3) as e' });
    const response = await app.request(
      `http://portal.test/api/v2/catalog/datasets/fixture-cities/records?${params}`,
    );
    expect(response.status).toBe(400);
  });
});
