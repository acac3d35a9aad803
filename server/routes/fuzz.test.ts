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
});
