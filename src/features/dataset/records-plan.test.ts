import { describe, expect, it } from 'vitest';
import type { DatasetField } from '../../../common/ods-api/types';
import { printExpr } from '../../../common/odsql/printer';
import { afterAnchor, anchorSelect, anchorSource, rankQuery, sourceQuery } from './plan-queries';
import {
  chooseOrder,
  defaultKeyField,
  type GridOrder,
  type GridPlan,
  needsNullCount,
  planGrid,
  planWindow,
  reachable,
} from './records-plan';

const f = (
  name: string,
  type: DatasetField['type'],
  annotations: DatasetField['annotations'] = {},
): DatasetField => ({
  name,
  label: name,
  type,
  annotations,
  description: null,
});

const FIELDS = [
  f('geoname_id', 'text'),
  f('name', 'text', { sortable: [] }),
  f('alternate_names', 'text', { multivalued: ['|'] }),
  f('population', 'int'),
  f('coordinates', 'geo_point_2d'),
];

const POPULATION_DESC: GridOrder = {
  kind: 'keyset',
  key: { field: 'population', type: 'int', descending: true },
};

/** Every rank of a plan, located piece by piece, as `source/offset` strings. */
function describeRanks(plan: GridPlan, start = 0, end = plan.total): string[] {
  const out: string[] = new Array(end - start).fill('unreachable');
  const { pieces } = planWindow(plan, start, end);
  for (const piece of pieces) {
    for (let i = 0; i < piece.count; i++) {
      const offset = piece.reversed ? piece.offset + piece.count - 1 - i : piece.offset + i;
      const source =
        piece.source.kind === 'head'
          ? 'head'
          : `${piece.source.sequence}.${piece.source.direction === 'forward' ? 'f' : 'b'}${piece.source.anchor}`;
      out[piece.start - start + i] = `${source}@${offset}`;
    }
  }
  return out;
}

describe('chooseOrder', () => {
  it('keeps the portal’s order when every row is within reach and nothing is sorted', () => {
    expect(chooseOrder({ sort: null, fields: FIELDS, total: 10_000, recordIdOrder: null })).toEqual({
      kind: 'natural',
    });
  });

  it('sorts by the key alone within the first 10,000 rows', () => {
    expect(
      chooseOrder({
        sort: { field: 'population', descending: true },
        fields: FIELDS,
        total: 8836,
        recordIdOrder: null,
      }),
    ).toEqual({ kind: 'sorted', key: { field: 'population', type: 'int', descending: true } });
  });

  it('beyond 10,000 rows, adds recordid to the user’s sort or to a default key', () => {
    expect(
      chooseOrder({
        sort: { field: 'population', descending: true },
        fields: FIELDS,
        total: 135_233,
        recordIdOrder: true,
      }),
    ).toEqual(POPULATION_DESC);
    expect(chooseOrder({ sort: null, fields: FIELDS, total: 135_233, recordIdOrder: true })).toEqual({
      kind: 'keyset',
      key: { field: 'name', type: 'text', descending: false },
    });
    expect(
      chooseOrder({ sort: null, fields: [f('x', 'geo_shape')], total: 20_000, recordIdOrder: true }),
    ).toEqual({
      kind: 'keyset',
      key: null,
    });
  });

  it('ignores a sort on a field the portal cannot sort', () => {
    for (const field of ['coordinates', 'alternate_names', 'geoname_id', 'nope']) {
      expect(
        chooseOrder({ sort: { field, descending: false }, fields: FIELDS, total: 50, recordIdOrder: null }),
      ).toEqual({ kind: 'natural' });
    }
  });

  it('falls back to the key alone when the portal refuses recordid', () => {
    expect(
      chooseOrder({
        sort: { field: 'population', descending: true },
        fields: FIELDS,
        total: 135_233,
        recordIdOrder: false,
      }),
    ).toEqual({ kind: 'sorted', key: { field: 'population', type: 'int', descending: true } });
  });

  it('takes the field annotated id first for the default key', () => {
    const withId = [...FIELDS, f('code', 'text', { id: [] })];
    expect(defaultKeyField(withId)?.name).toBe('code');
    expect(defaultKeyField([f('when', 'datetime'), ...FIELDS])?.name).toBe('when');
    expect(defaultKeyField([f('x', 'text')])).toBeNull();
  });
});

describe('planWindow', () => {
  it('reads the first 10,000 rows by offset from the plain query', () => {
    const plan = planGrid({ order: POPULATION_DESC, total: 135_233, nulls: 12_788 });
    expect(planWindow(plan, 9_900, 10_000)).toEqual({
      pieces: [{ start: 9_900, count: 100, source: { kind: 'head' }, offset: 9_900, reversed: false }],
      unreachable: [],
    });
    expect(sourceQuery(plan, { kind: 'head' }, null)).toEqual({
      conditions: [],
      orderBy: 'population DESC, recordid',
    });
  });

  it('reads the last rows backward, and the middle after the fewest anchors', () => {
    // 122,445 rows with a population, then 12,788 without (ordered by recordid).
    const plan = planGrid({ order: POPULATION_DESC, total: 135_233, nulls: 12_788 });
    const [values, nulls] = plan.sequences;
    expect(values).toMatchObject({ id: 'values', start: 0, length: 122_445 });
    expect(nulls).toMatchObject({ id: 'nulls', start: 122_445, length: 12_788 });

    // The very last row: the first row of the nulls read backward.
    expect(describeRanks(plan, 135_232, 135_233)).toEqual(['nulls.b0@0']);
    // The last row with a value: the first of the values read backward.
    expect(describeRanks(plan, 122_444, 122_445)).toEqual(['values.b0@0']);
    // Row 10,000 is the first after anchor 1 (the row at 9,999).
    expect(describeRanks(plan, 10_000, 10_001)).toEqual(['values.f1@0']);
    expect(describeRanks(plan, 29_999, 30_001)).toEqual(['values.f2@9999', 'values.f3@0']);
    // 60,000 from the start, 62,444 from the end: 6 anchors either way, forward wins ties.
    expect(describeRanks(plan, 60_000, 60_001)).toEqual(['values.f6@0']);
    // 100,000: 10 hops forward, 2 backward.
    expect(describeRanks(plan, 100_000, 100_001)).toEqual(['values.b2@2444']);
  });

  it('splits a window where the values end and the nulls begin', () => {
    const plan = planGrid({ order: POPULATION_DESC, total: 135_233, nulls: 12_788 });
    const { pieces } = planWindow(plan, 122_400, 122_500);
    expect(
      pieces.map(({ start, count, offset, reversed, source }) => ({
        start,
        count,
        offset,
        reversed,
        source,
      })),
    ).toEqual([
      {
        start: 122_400,
        count: 45,
        offset: 0,
        reversed: true,
        source: { kind: 'sequence', sequence: 'values', direction: 'backward', anchor: 0 },
      },
      {
        start: 122_445,
        count: 55,
        offset: 0,
        reversed: false,
        source: { kind: 'sequence', sequence: 'nulls', direction: 'forward', anchor: 0 },
      },
    ]);
  });

  it('never asks for more than 100 rows or past offset 10,000', () => {
    for (const [total, nulls] of [
      [135_233, 12_788],
      [1_000_000, 0],
      [25_001, 24_999],
      [40_000, 40_000],
    ] as const) {
      const plan = planGrid({ order: POPULATION_DESC, total, nulls });
      for (let start = 0; start < total; start += 100 * 37) {
        const { pieces, unreachable } = planWindow(plan, start, start + 100);
        expect(unreachable).toEqual([]);
        expect(pieces.reduce((sum, p) => sum + p.count, 0)).toBe(Math.min(100, total - start));
        for (const piece of pieces) {
          expect(piece.count).toBeLessThanOrEqual(100);
          expect(piece.offset + piece.count).toBeLessThanOrEqual(10_000);
          expect(piece.offset).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it('reaches every rank exactly once, with a small cap', () => {
    const plan = planGrid({ order: POPULATION_DESC, total: 53, nulls: 11, cap: 5 });
    const ranks = describeRanks(plan);
    expect(ranks).not.toContain('unreachable');
    expect(ranks.slice(0, 6)).toEqual(['head@0', 'head@1', 'head@2', 'head@3', 'head@4', 'values.f1@0']);
    expect(ranks.at(-1)).toBe('nulls.b0@0');
    // Within one source, offsets never repeat.
    const seen = new Set(ranks);
    expect(seen.size).toBe(ranks.length);
  });

  it('orders by recordid alone when there is no key', () => {
    const plan = planGrid({ order: { kind: 'keyset', key: null }, total: 30_000 });
    expect(plan.sequences).toHaveLength(1);
    expect(describeRanks(plan, 15_000, 15_001)).toEqual(['all.f1@5000']);
    expect(sourceQuery(plan, { kind: 'head' }, null).orderBy).toBe('recordid');
    const anchored = sourceQuery(
      plan,
      { kind: 'sequence', sequence: 'all', direction: 'backward', anchor: 1 },
      { id: 'ab"c' },
    );
    expect(anchored.orderBy).toBe('recordid DESC');
    expect(anchored.conditions.map(printExpr)).toEqual(['recordid < "ab\\"c"']);
  });
});

describe('keyset conditions', () => {
  it('starts a segment after an anchor: key, then recordid, with an index-friendly prefix', () => {
    const terms = [
      { field: 'population', type: 'int' as const, descending: true },
      { field: 'recordid', type: 'text' as const, descending: false },
    ];
    expect(printExpr(afterAnchor(terms, { id: 'ab12', value: 5000 }))).toBe(
      'population <= 5000 AND (population < 5000 OR recordid > "ab12")',
    );
    const backward = terms.map((t) => ({ ...t, descending: !t.descending }));
    expect(printExpr(afterAnchor(backward, { id: 'ab12', value: 5000 }))).toBe(
      'population >= 5000 AND (population > 5000 OR recordid < "ab12")',
    );
  });

  it('writes key values as literals of the field’s type, escaped', () => {
    const term = (type: DatasetField['type']) => [
      { field: 'k', type, descending: false },
      { field: 'recordid', type: 'text' as const, descending: false },
    ];
    expect(printExpr(afterAnchor(term('text'), { id: 'x', value: 'Saint "Jean"' }))).toBe(
      'k >= "Saint \\"Jean\\"" AND (k > "Saint \\"Jean\\"" OR recordid > "x")',
    );
    expect(
      printExpr(afterAnchor(term('datetime'), { id: 'x', value: '2018-02-07T01:26:13.840+00:00' })),
    ).toBe(
      "k >= date'2018-02-07T01:26:13.840+00:00' AND (k > date'2018-02-07T01:26:13.840+00:00' OR recordid > \"x\")",
    );
    expect(printExpr(afterAnchor(term('double'), { id: 'x', value: 0.1 }))).toBe(
      'k >= 0.1 AND (k > 0.1 OR recordid > "x")',
    );
    expect(() => afterAnchor(term('int'), { id: 'x', value: null })).toThrow(TypeError);
  });

  it('an anchor request reads the last row of the previous segment, selecting the key only', () => {
    const plan = planGrid({ order: POPULATION_DESC, total: 135_233, nulls: 12_788 });
    expect(anchorSource('values', 'forward', 1)).toEqual({
      kind: 'sequence',
      sequence: 'values',
      direction: 'forward',
      anchor: 0,
    });
    expect(anchorSelect(plan, 'values')).toBe('population');
    expect(anchorSelect(plan, 'nulls')).toBeUndefined();
    const query = sourceQuery(plan, anchorSource('values', 'forward', 2), { id: 'r1', value: 44630 });
    expect(query.conditions.map(printExpr)).toEqual([
      'population IS NOT NULL',
      'population <= 44630 AND (population < 44630 OR recordid > "r1")',
    ]);
    const nulls = sourceQuery(
      plan,
      { kind: 'sequence', sequence: 'nulls', direction: 'backward', anchor: 0 },
      null,
    );
    expect(nulls).toEqual({ conditions: [expect.anything()], orderBy: 'recordid DESC' });
    expect(printExpr(nulls.conditions[0]!)).toBe('population IS NULL');
  });
});

describe('a portal that refuses recordid', () => {
  it('reaches the first and the last 10,000 rows with values, and the first 10,000 without', () => {
    const order: GridOrder = { kind: 'sorted', key: { field: 'population', type: 'int', descending: true } };
    const plan = planGrid({ order, total: 135_233, nulls: 12_788 });
    expect(reachable(plan)).toEqual({
      all: false,
      ranges: [
        { start: 0, count: 10_000 },
        { start: 112_445, count: 20_000 },
      ],
    });
    const { pieces, unreachable } = planWindow(plan, 50_000, 50_100);
    expect(pieces).toEqual([]);
    expect(unreachable).toEqual([{ start: 50_000, count: 100 }]);
    expect(describeRanks(plan, 112_445, 112_446)).toEqual(['values.b0@9999']);
  });

  it('natural order beyond 10,000: only the first 10,000', () => {
    const plan = planGrid({ order: { kind: 'natural' }, total: 12_000 });
    expect(reachable(plan)).toEqual({ all: false, ranges: [{ start: 0, count: 10_000 }] });
    expect(planWindow(plan, 11_900, 12_000).unreachable).toEqual([{ start: 11_900, count: 100 }]);
  });

  it('needs the count of null keys only when it reads past the cap with a key', () => {
    expect(needsNullCount(POPULATION_DESC, 135_233)).toBe(true);
    expect(needsNullCount(POPULATION_DESC, 9_000)).toBe(false);
    expect(needsNullCount({ kind: 'keyset', key: null }, 135_233)).toBe(false);
    expect(needsNullCount({ kind: 'natural' }, 135_233)).toBe(false);
  });
});

describe('rankQuery', () => {
  const plan = planGrid({ order: POPULATION_DESC, total: 135_233, nulls: 12_788 });

  it('counts the rows before a record: a larger key, or the same key and a smaller id', () => {
    const query = rankQuery(plan, { id: 'r9', values: { population: 5000 } })!;
    expect(query.start).toBe(0);
    expect(query.exact).toBe(true);
    expect(query.conditions.map(printExpr)).toEqual([
      'population >= 5000 AND (population > 5000 OR recordid < "r9")',
    ]);
  });

  it('a record without a key comes after every row with one, then by id', () => {
    const query = rankQuery(plan, { id: 'r9', values: { population: null } })!;
    expect(query.start).toBe(122_445);
    expect(query.conditions.map(printExpr)).toEqual(['population IS NULL', 'recordid < "r9"']);
  });

  it('by the key alone, it finds the first row of the tie; the portal’s own order cannot say', () => {
    const sorted = planGrid({ order: { kind: 'sorted', key: POPULATION_DESC.key! }, total: 8_836 });
    const query = rankQuery(sorted, { id: 'r9', values: { population: 5000 } })!;
    expect(query.exact).toBe(false);
    expect(query.conditions.map(printExpr)).toEqual(['population > 5000']);
    expect(
      rankQuery(planGrid({ order: { kind: 'natural' }, total: 50 }), { id: 'r', values: {} }),
    ).toBeNull();
  });
});
