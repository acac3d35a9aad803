import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DatasetField } from '../../../../common/ods-api/types';
import { parseGroupBy, parseOrderBy, parseSelect } from '../../../../common/odsql/parser';
import { printGroupBy, printOrderBy, printSelect, printWhere } from '../../../../common/odsql/printer';
import type { Measure } from './chart-params';
import { autoInterval, groupsQuery, measuresSelect, niceWidth, scatterQuery } from './chart-query';
import type { ChartState } from './chart-state';

const field = (name: string, type: DatasetField['type']): DatasetField => ({
  name,
  label: name,
  type,
  annotations: {},
  description: null,
});

const STATE: ChartState = {
  type: 'column',
  x: 'x',
  measures: [{ fn: 'count', field: null }],
  by: null,
  top: 10,
  interval: 'month',
  bins: { count: 20 },
  sort: '-value',
  log: false,
  labels: false,
  legend: true,
  stack: true,
};

const fieldName = fc
  .stringMatching(/^[a-z][a-z0-9_]{0,12}$/)
  .filter((n) => !['and', 'or', 'not', 'as', 'by'].includes(n));
const measure: fc.Arbitrary<Measure> = fc.oneof(
  fc.constant<Measure>({ fn: 'count', field: null }),
  fc.record({
    fn: fc.constantFrom('count', 'sum', 'avg', 'min', 'max', 'median' as const),
    field: fieldName,
  }),
  fc.record({
    fn: fc.constant('percentile' as const),
    field: fieldName,
    p: fc.integer({ min: 0, max: 100 }),
  }),
);

/** Printed, parsed and printed again: the text is ODSQL the parser reads as the tree it came from. */
const reprinted = {
  select: (text: string) => printSelect(parseSelect(text)),
  groupBy: (text: string) => printGroupBy(parseGroupBy(text)),
  orderBy: (text: string) => printOrderBy(parseOrderBy(text)),
};

describe('chart state → ODSQL', () => {
  it('any measures print as a select the parser reads back, aliased v0…', () => {
    fc.assert(
      fc.property(fc.array(measure, { minLength: 1, maxLength: 4 }), (measures) => {
        const text = measuresSelect(measures);
        expect(reprinted.select(text)).toBe(text);
        const items = parseSelect(text).items;
        expect(items.map((item) => (item.kind === 'SelectItem' ? item.alias : null))).toEqual(
          measures.map((_, i) => `v${i}`),
        );
      }),
    );
  });

  it('every axis kind prints a group_by and order_by the parser reads back', () => {
    const axes: [DatasetField, Partial<ChartState>][] = [
      [field('country_code', 'text'), {}],
      [field('country_code', 'text'), { by: 'feature_code' }],
      [field('date', 'date'), { interval: 'year' }],
      [field('time', 'datetime'), { interval: 'hour' }],
      [field('population', 'int'), { bins: { edges: [0, 1000, 10_000] } }],
      [field('precipitation', 'double'), {}],
    ];
    for (const [x, patch] of axes) {
      const query = groupsQuery({ ...STATE, ...patch, x: x.name }, x, 2.5);
      expect(reprinted.groupBy(query.group_by)).toBe(query.group_by);
      if (query.order_by) expect(reprinted.orderBy(query.order_by)).toBe(query.order_by);
    }
    expect(
      groupsQuery({ ...STATE, x: 'date', interval: 'month' }, field('date', 'date'), null).group_by,
    ).toBe('range(date, 1 month) AS x');
    expect(groupsQuery(STATE, field('population', 'int'), 5000).group_by).toBe(
      'range(population, 5000) AS x',
    );
    expect(
      groupsQuery({ ...STATE, bins: { edges: [0, 1000] } }, field('population', 'int'), null).group_by,
    ).toBe('range(population, *, 0, 1000, *) AS x');
    const top = groupsQuery(STATE, field('country_code', 'text'), null);
    expect(top).toEqual({
      select: 'count(*) AS v0',
      group_by: 'country_code AS x',
      order_by: 'v0 DESC',
      limit: 10,
    });
    const sample = scatterQuery('temp_max', 'temp_min');
    expect(printWhere({ kind: 'Where', condition: sample.where, loc: { start: 0, end: 0 } })).toBe(
      'temp_max IS NOT NULL AND temp_min IS NOT NULL',
    );
  });

  it('any axis, interval, bins, top and breakdown print clauses the parser reads back', () => {
    const axis = fc.constantFrom(
      field('country_code', 'text'),
      field('capital', 'boolean'),
      field('date', 'date'),
      field('time', 'datetime'),
      field('population', 'int'),
      field('elevation', 'double'),
    );
    const patch = fc.record({
      interval: fc.constantFrom('year', 'month', 'day', 'hour' as const),
      bins: fc.oneof(
        fc.integer({ min: 1, max: 100 }).map((count) => ({ count })),
        fc
          .uniqueArray(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 5 })
          .map((edges) => ({ edges: [...edges].sort((a, b) => a - b) })),
      ),
      top: fc.integer({ min: 1, max: 50 }),
      by: fc.option(fc.constant('feature_code'), { nil: null }),
      measures: fc.array(measure, { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(axis, patch, fc.double({ min: 0.001, max: 1e6, noNaN: true }), (x, p, width) => {
        const query = groupsQuery({ ...STATE, ...p, x: x.name }, x, width);
        expect(reprinted.select(query.select)).toBe(query.select);
        expect(reprinted.groupBy(query.group_by)).toBe(query.group_by);
        if (query.order_by) expect(reprinted.orderBy(query.order_by)).toBe(query.order_by);
        // One key per axis, and one more for a breakdown.
        expect(parseGroupBy(query.group_by).items.map((item) => item.alias)).toEqual(
          p.by ? ['x', 'b'] : ['x'],
        );
      }),
    );
  });

  it('bins widths read well and never go fractional on integers', () => {
    expect(niceWidth(0, 100, 20, false)).toBe(5);
    expect(niceWidth(0, 55.9, 20, false)).toBe(5);
    expect(niceWidth(0, 3, 20, true)).toBe(1);
    expect(niceWidth(0, 10_000_000, 20, true)).toBe(500_000);
    expect(niceWidth(5, 5, 20, false)).toBe(1);
  });
});

describe('the automatic interval', () => {
  it('gives a readable number of buckets', () => {
    const day = 86_400_000;
    expect(autoInterval(0, 4 * 365 * day)).toBe('month');
    expect(autoInterval(0, 20 * 365 * day)).toBe('year');
    expect(autoInterval(0, 30 * day)).toBe('day');
    expect(autoInterval(0, day)).toBe('hour');
  });
});
