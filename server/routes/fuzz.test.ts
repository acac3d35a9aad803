import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Expr } from '../../common/odsql/ast';
import * as b from '../../common/odsql/build';
import { printExpr } from '../../common/odsql/printer';
import { fixtureApp } from '../testing/fixture-portal';

/**
 * No input gives a 500, a hang or a crash: random text in every parameter of every endpoint, and
 * random well-formed where clauses over the fixture's real fields, answer 200, 400 or 404 with a body.
 */

const { app, cleanup } = fixtureApp();
afterAll(cleanup);

const ENDPOINTS = [
  'catalog/datasets/fixture-cities/records',
  'catalog/datasets/fixture-cities/aggregates',
  'catalog/datasets/fixture-cities/facets',
  'catalog/datasets/fixture-events/records',
  'catalog/datasets/fixture-regions/records',
  'catalog/datasets',
  'catalog/facets',
  'catalog/aggregates',
];
const PARAMS = [
  'where',
  'select',
  'group_by',
  'order_by',
  'refine',
  'exclude',
  'facet',
  'limit',
  'offset',
  'timezone',
  'lang',
  'sort',
  'rows',
];

const FRAGMENTS = [
  'population',
  'name',
  'country_code',
  'coordinates',
  'founded',
  'capital',
  'alternate_names',
  'starts_at',
  'geo_shape',
  '"FR"',
  "'x'",
  '12',
  '-3.5',
  "date'2020'",
  "geom'POINT(2 48)'",
  '10km',
  '*',
  '(',
  ')',
  '[',
  ']',
  '..',
  ',',
  '=',
  '!=',
  '<',
  '>=',
  ':',
  'AND',
  'OR',
  'NOT',
  'IN',
  'LIKE',
  'IS',
  'NULL',
  'TRUE',
  'count',
  'sum',
  'avg',
  'range',
  'year',
  'search',
  'within_distance',
  'in_bbox',
  'intersects',
  'geo_cluster',
  'date_format',
  'now',
  'as',
  'DESC',
  '`',
  '"',
  "'",
  ' ',
  '1 day',
  'random',
];

async function expectHandled(path: string, params: [string, string][]) {
  const search = new URLSearchParams(params).toString();
  const response = await app.request(`http://portal.test/api/v2/${path}?${search}`);
  const body = (await response.json()) as { error_code?: string };
  expect([200, 400, 404], `${path}?${search} → ${JSON.stringify(body)}`).toContain(response.status);
  if (response.status !== 200) expect(typeof body.error_code).toBe('string');
}

const tokenSoup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((parts) => parts.join(' '));
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  tokenSoup,
);

describe('fuzz: no input breaks the portal', () => {
  it('random text in any parameter of any endpoint', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS),
        fc.array(fc.tuple(fc.constantFrom(...PARAMS), anyText), { minLength: 1, maxLength: 4 }),
        async (path, params) => expectHandled(path, params),
      ),
      { numRuns: 400 },
    );
  }, 120_000);

  it('random where clauses over the fixture fields', async () => {
    const fields = {
      int: ['population'],
      double: ['elevation'],
      text: ['name', 'country_code', 'alternate_names', 'timezone'],
      date: ['founded'],
      bool: ['capital'],
      geo: ['coordinates'],
    };
    const literal = fc.oneof(
      fc.integer({ min: -1e7, max: 1e7 }).map(b.num),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map(b.num),
      fc.string({ maxLength: 8 }).map(b.str),
      fc.constantFrom('2020', '1999-12-31', '0600-01-01T10:00').map(b.date),
      fc.boolean().map(b.bool),
    );
    const anyField = fc.constantFrom(...Object.values(fields).flat()).map(b.field);
    const condition: fc.Arbitrary<Expr> = fc.letrec<{ cond: Expr }>((tie) => ({
      cond: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc
          .tuple(fc.constantFrom('=', '!=', '<', '<=', '>', '>=' as const), anyField, literal)
          .map(([op, f, v]) => b.cmp(op, f, v)),
        fc
          .tuple(anyField, fc.array(literal, { minLength: 1, maxLength: 3 }))
          .map(([f, items]) => b.inList(f, items)),
        fc
          .tuple(anyField, literal, literal, fc.boolean(), fc.boolean())
          .map(([f, lo, hi, a, z]) => b.inRange(f, lo, hi, a, z)),
        fc.tuple(anyField, fc.boolean()).map(([f, negated]) => b.isNull(f, negated)),
        fc.tuple(anyField, fc.string({ maxLength: 6 })).map(([f, s]) => b.like(f, s)),
        fc.string({ maxLength: 10 }).map(b.fullText),
        fc
          .tuple(fc.constantFrom('search', 'suggest', 'startswith'), anyField, fc.string({ maxLength: 8 }))
          .map(([fn, f, s]) => b.call(fn, f, s)),
        fc
          .tuple(
            fc.double({ min: -90, max: 90, noNaN: true }),
            fc.double({ min: -180, max: 180, noNaN: true }),
            fc.integer({ min: 1, max: 5000 }),
          )
          .map(([lat, lon, km]) =>
            b.call(
              'within_distance',
              b.field('coordinates'),
              b.geom(`POINT(${lon} ${lat})`),
              b.distance(km, 'km'),
            ),
          ),
        fc.tuple(tie('cond'), tie('cond')).map(([l, r]) => b.and(l, r)),
        fc.tuple(tie('cond'), tie('cond')).map(([l, r]) => b.or(l, r)),
        tie('cond').map(b.not),
      ),
    })).cond;
    await fc.assert(
      fc.asyncProperty(condition, async (expr) => {
        await expectHandled('catalog/datasets/fixture-cities/records', [['where', printExpr(expr)]]);
        await expectHandled('catalog/datasets/fixture-cities/facets', [['where', printExpr(expr)]]);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('random select, group_by and order_by expressions', async () => {
    const fieldNames = [
      'name',
      'population',
      'elevation',
      'founded',
      'capital',
      'country_code',
      'alternate_names',
      'coordinates',
      'timezone',
    ];
    const anyField = fc.constantFrom(...fieldNames).map(b.field);
    const scalar: fc.Arbitrary<Expr> = fc.letrec<{ value: Expr }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        anyField,
        fc.integer({ min: -5, max: 1000 }).map(b.num),
        fc.string({ maxLength: 5 }).map(b.str),
        fc
          .tuple(fc.constantFrom('year', 'month', 'lower', 'upper', 'length', 'day', 'hour'), anyField)
          .map(([fn, f]) => b.call(fn, f)),
        fc
          .tuple(anyField, fc.constantFrom('yyyy', "yyyy-MM'x'", 'EEEE'))
          .map(([f, p]) => b.call('date_format', f, p)),
        fc.tuple(anyField, tie('value')).map(([f, v]) => b.call('ifnull', f, v)),
        fc
          .tuple(fc.constantFrom('+', '-', '*', '/' as const), tie('value'), tie('value'))
          .map(([op, l, r]) => ({
            kind: 'Arithmetic' as const,
            op,
            left: b.paren(l),
            right: b.paren(r),
            loc: l.loc,
          })),
        fc
          .tuple(
            fc.double({ min: -180, max: 180, noNaN: true }),
            fc.double({ min: -90, max: 90, noNaN: true }),
          )
          .map(([lon, lat]) => b.call('distance', b.field('coordinates'), b.geom(`POINT(${lon} ${lat})`))),
      ),
    })).value;
    const aggregate = fc.oneof(
      fc.constant(b.call('count', b.star())),
      fc
        .tuple(fc.constantFrom('sum', 'avg', 'min', 'max', 'median', 'count', 'envelope', 'bbox'), scalar)
        .map(([fn, v]) => b.call(fn, v)),
      fc.tuple(scalar, fc.integer({ min: -10, max: 110 })).map(([v, p]) => b.call('percentile', v, p)),
    );
    const groupKey = fc.oneof(
      scalar,
      fc.tuple(anyField, fc.integer({ min: -3, max: 500 })).map(([f, w]) => b.call('range', f, w)),
      fc
        .tuple(anyField, fc.array(fc.integer({ min: -100, max: 5_000_000 }), { minLength: 1, maxLength: 4 }))
        .map(([f, bounds]) => b.call('range', f, b.star(), ...bounds, b.star())),
      fc.tuple(anyField, fc.integer({ min: -1, max: 30 })).map(([f, zoom]) => b.call('geo_cluster', f, zoom)),
    );
    const list = (items: fc.Arbitrary<Expr>, max: number) =>
      fc
        .array(fc.tuple(items, fc.boolean()), { minLength: 1, maxLength: max })
        .map((pairs) =>
          pairs.map(([e, alias], k) => `${printExpr(e)}${alias ? ` as a${k}` : ''}`).join(', '),
        );
    const order = fc
      .array(
        fc.tuple(
          fc.oneof(scalar, aggregate, fc.constantFrom(b.field('a0'), b.call('random', 3))),
          fc.constantFrom('', ' ASC', ' DESC'),
        ),
        { maxLength: 3 },
      )
      .map((items) => items.map(([e, direction]) => `${printExpr(e)}${direction}`).join(', '));
    await fc.assert(
      fc.asyncProperty(
        fc.option(list(fc.oneof(scalar, aggregate), 4), { nil: undefined }),
        fc.option(list(groupKey, 2), { nil: undefined }),
        fc.option(order, { nil: undefined }),
        async (select, groupBy, orderBy) => {
          const params: [string, string][] = [];
          if (select) params.push(['select', select]);
          if (groupBy) params.push(['group_by', groupBy]);
          if (orderBy) params.push(['order_by', orderBy]);
          await expectHandled('catalog/datasets/fixture-cities/records', params);
          await expectHandled('catalog/datasets/fixture-cities/aggregates', params);
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);
});
