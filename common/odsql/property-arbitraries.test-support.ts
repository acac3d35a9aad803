/**
 * Random ODSQL trees for the property tests (property-round-trip.test.ts, property-any-text.test.ts),
 * as fast-check arbitraries: one per clause, each tree one the parser itself would build.
 */

import fc from 'fast-check';
import {
  DISTANCE_UNITS,
  type Expr,
  type FieldRef,
  type GroupByClause,
  INTERVAL_UNITS,
  NO_LOC,
  type OrderByClause,
  type OrderItem,
  type SelectClause,
  type SelectFieldPattern,
  type SelectItem,
  type WhereClause,
} from './ast';
import { intervalUnitOf, needsBackQuotes } from './lexer';
import { plainNumber } from './printer';
import { KNOWN_FUNCTIONS } from './vocabulary';

// The generator builds the trees the parser builds, level by level as in the grammar, so that no
// Paren is missing (a tree without them prints with added parentheses, which the printer tests
// cover). Two families: `w*` for where clauses, where a string in a condition position is FullText,
// and `p*` ("plain") for select/group_by/order_by and for everything inside call arguments, IN lists
// and ranges, where a string stays a String.

const loc = NO_LOC;
const rec = { depthSize: 'small', maxDepth: 3 } as const;

const FUNCTION_NAMES = [...KNOWN_FUNCTIONS];
const INTERVAL_SPELLINGS = [
  ...INTERVAL_UNITS,
  ...INTERVAL_UNITS.map((u) => `${u}s`),
  ...['ms', 's', 'm', 'h', 'd', 'w', 'M', 'q', 'y', 'Days', 'HOURS', 'Month'],
];

const nameArb = fc.oneof(
  fc.constantFrom(
    'a',
    'population',
    'default.modified',
    '_uai',
    'date',
    'geom',
    'now',
    'm',
    'include',
    'within',
  ),
  fc.constantFrom(
    'and',
    'count',
    'year',
    'to',
    'true',
    'null',
    '12',
    '1_uai',
    'a b',
    'a`b',
    'x\\y',
    'é',
    'a.',
    '',
  ),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/),
  fc.string({ maxLength: 5 }),
);

const fieldArb: fc.Arbitrary<FieldRef> = fc
  .tuple(nameArb, fc.boolean())
  .map(([name, quoted]) => ({ kind: 'Field', name, quoted: quoted || needsBackQuotes(name), loc }));

const textArb = fc.string({ unit: 'binary', maxLength: 8 });

/** Non-negative digits as ODSQL writes them, including trailing zeros as a user might type. */
const unsignedRawArb = fc.oneof(
  fc.nat().map(String),
  fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }).map((v) => plainNumber(Math.abs(v))),
  fc.tuple(fc.nat(999), fc.nat(99)).map(([w, f]) => `${w}.${f}0`),
);

const numberArb: fc.Arbitrary<Expr> = fc.tuple(unsignedRawArb, fc.boolean()).map(([digits, negative]) => {
  const raw = negative ? `-${digits}` : digits;
  return { kind: 'Number', value: negative ? -Number(digits) : Number(digits), raw, loc };
});

const distanceArb: fc.Arbitrary<Expr> = fc
  .tuple(unsignedRawArb, fc.constantFrom(...DISTANCE_UNITS))
  .map(([raw, unit]) => ({ kind: 'Distance', value: Number(raw), raw, unit, loc }));

const intervalArb: fc.Arbitrary<Expr> = fc
  .tuple(fc.integer({ min: 1, max: 1000 }), fc.constantFrom(...INTERVAL_SPELLINGS))
  .map(([value, rawUnit]) => ({ kind: 'Interval', value, unit: intervalUnitOf(rawUnit)!, rawUnit, loc }));

const star: Expr = { kind: 'Star', loc };

const literalArb: fc.Arbitrary<Expr> = fc.oneof(
  numberArb,
  textArb.map((value): Expr => ({ kind: 'String', value, loc })),
  fc.boolean().map((value): Expr => ({ kind: 'Boolean', value, loc })),
  fc.constant<Expr>({ kind: 'Null', loc }),
  textArb.map((value): Expr => ({ kind: 'Date', value, loc })),
  textArb.map((value): Expr => ({ kind: 'Geom', value, loc })),
  distanceArb,
);

const nonStringLiteralArb = literalArb.filter((e) => e.kind !== 'String');

/** Negate(5) would print as `-5`, the literal minus five. */
const negatable = (e: Expr) => !(e.kind === 'Number' && !e.raw.startsWith('-'));

type Binary<K extends string> = (left: Expr, right: Expr) => Expr & { kind: K };
const orNode: Binary<'Or'> = (left, right) => ({ kind: 'Or', left, right, loc });
const andNode: Binary<'And'> = (left, right) => ({ kind: 'And', left, right, loc });
const arith =
  (ops: readonly ('+' | '-' | '*' | '/')[]) =>
  (left: fc.Arbitrary<Expr>, right: fc.Arbitrary<Expr>): fc.Arbitrary<Expr> =>
    fc
      .tuple(fc.constantFrom(...ops), left, right)
      .map(([op, l, r]): Expr => ({ kind: 'Arithmetic', op, left: l, right: r, loc }));

/** The predicate forms over operands of one family. */
function predicates(operand: fc.Arbitrary<Expr>, plainAdd: fc.Arbitrary<Expr>): fc.Arbitrary<Expr> {
  const bound = fc.oneof(plainAdd, fc.constant(star));
  return fc.oneof(
    fc
      .tuple(fc.constantFrom('=', '!=', '<', '<=', '>', '>=', ':' as const), operand, operand)
      .map(([op, left, right]): Expr => ({ kind: 'Comparison', op, left, right, loc })),
    fc.tuple(operand, operand).map(([left, pattern]): Expr => ({ kind: 'Like', left, pattern, loc })),
    fc
      .tuple(operand, fc.array(plainAdd, { minLength: 1, maxLength: 3 }))
      .map(([left, items]): Expr => ({ kind: 'InList', left, items, loc })),
    fc
      .record({
        left: operand,
        low: bound,
        high: bound,
        lowInclusive: fc.boolean(),
        highInclusive: fc.boolean(),
      })
      .chain((r) => fc.constantFrom('..' as const, 'TO' as const).map((separator) => ({ ...r, separator })))
      .map((r): Expr => ({ kind: 'InRange', ...r, loc })),
    fc.tuple(operand, fieldArb).map(([value, field]): Expr => ({ kind: 'InField', value, field, loc })),
    fc
      .tuple(operand, fc.boolean())
      .map(([operand, negated]): Expr => ({ kind: 'IsNull', operand, negated, loc })),
    fc
      .tuple(operand, fc.boolean())
      .map(([operand, value]): Expr => ({ kind: 'IsBoolean', operand, value, loc })),
  );
}

type Family = {
  pOr: Expr;
  pAnd: Expr;
  pNot: Expr;
  pPred: Expr;
  pAdd: Expr;
  pMul: Expr;
  pUnary: Expr;
  pPrimary: Expr;
  call: Expr;
  wCond: Expr;
  wAnd: Expr;
  wNot: Expr;
  wPred: Expr;
  wAdd: Expr;
  wMul: Expr;
  wUnary: Expr;
  wPrimary: Expr;
  wParenInner: Expr;
};

const trees = fc.letrec<Family>((tie) => {
  const negate = (operand: fc.Arbitrary<Expr>) =>
    operand.filter(negatable).map((o): Expr => ({ kind: 'Negate', operand: o, loc }));
  const paren = (inner: fc.Arbitrary<Expr>) => inner.map((i): Expr => ({ kind: 'Paren', inner: i, loc }));
  const notOf = (operand: fc.Arbitrary<Expr>) => operand.map((o): Expr => ({ kind: 'Not', operand: o, loc }));
  const binary = (make: Binary<string>, l: fc.Arbitrary<Expr>, r: fc.Arbitrary<Expr>) =>
    fc.tuple(l, r).map(([a, b]) => make(a, b));
  return {
    // Plain family.
    pOr: fc.oneof(rec, tie('pAnd'), binary(orNode, tie('pOr'), tie('pAnd'))),
    pAnd: fc.oneof(rec, tie('pNot'), binary(andNode, tie('pAnd'), tie('pNot'))),
    pNot: fc.oneof(rec, tie('pPred'), notOf(tie('pNot'))),
    pPred: fc.oneof(rec, tie('pAdd'), predicates(tie('pAdd'), tie('pAdd'))),
    pAdd: fc.oneof(rec, tie('pMul'), arith(['+', '-'])(tie('pAdd'), tie('pMul'))),
    pMul: fc.oneof(rec, tie('pUnary'), arith(['*', '/'])(tie('pMul'), tie('pUnary'))),
    pUnary: fc.oneof(rec, tie('pPrimary'), negate(tie('pUnary'))),
    pPrimary: fc.oneof(rec, literalArb, fieldArb, tie('call'), paren(tie('pOr'))),
    call: fc.oneof(
      rec,
      // Any function, positional arguments only; `*` stands alone as an argument.
      fc
        .tuple(
          fc.constantFrom(
            ...FUNCTION_NAMES.filter((n) => !['now', 'geo_cluster', 'range', 'count'].includes(n)),
          ),
          fc.constantFrom('lower', 'upper', 'as-is'),
          fc.array(fc.oneof(tie('pOr'), fc.constant(star)), { maxLength: 3 }),
        )
        .map(
          ([name, spelling, args]): Expr => ({
            kind: 'Call',
            name,
            rawName: spelling === 'upper' ? name.toUpperCase() : name,
            args,
            namedArgs: [],
            distinct: false,
            loc,
          }),
        ),
      // count, possibly DISTINCT.
      fc.tuple(fc.oneof(tie('pOr'), fc.constant(star)), fc.boolean()).map(
        ([arg, distinct]): Expr => ({
          kind: 'Call',
          name: 'count',
          rawName: 'COUNT',
          args: [arg],
          namedArgs: [],
          distinct,
          loc,
        }),
      ),
      // now / geo_cluster: named arguments after positional ones that cannot be mistaken for them.
      fc
        .tuple(
          fc.constantFrom('now', 'geo_cluster'),
          fc.array(tie('pAdd'), { maxLength: 2 }),
          fc.array(fc.tuple(fc.constantFrom('days', 'hour', 'radius', 'weekday', 'years'), tie('pAdd')), {
            maxLength: 2,
          }),
        )
        .map(
          ([name, args, named]): Expr => ({
            kind: 'Call',
            name,
            rawName: name,
            args,
            namedArgs: named.map(([n, value]) => ({ name: n, value, loc })),
            distinct: false,
            loc,
          }),
        ),
      // range: intervals and open bounds after the first argument. `5m` there would read as minutes.
      fc
        .tuple(
          tie('pAdd'),
          fc.array(
            fc.oneof(
              intervalArb,
              fc.constant(star),
              tie('pAdd').filter((e) => !(e.kind === 'Distance' && e.unit === 'm')),
            ),
            { minLength: 1, maxLength: 4 },
          ),
        )
        .map(
          ([first, rest]): Expr => ({
            kind: 'Call',
            name: 'range',
            rawName: 'RANGE',
            args: [first, ...rest],
            namedArgs: [],
            distinct: false,
            loc,
          }),
        ),
    ),
    // Where family: conditions.
    wCond: fc.oneof(rec, tie('wAnd'), binary(orNode, tie('wCond'), tie('wAnd'))),
    wAnd: fc.oneof(rec, tie('wNot'), binary(andNode, tie('wAnd'), tie('wNot'))),
    wNot: fc.oneof(rec, tie('wPred'), notOf(tie('wNot'))),
    wPred: fc.oneof(
      rec,
      fieldArb,
      textArb.map((text): Expr => ({ kind: 'FullText', text, loc })),
      nonStringLiteralArb,
      tie('call'),
      predicates(tie('wAdd'), tie('pAdd')),
      arith(['+', '-'])(tie('wAdd'), tie('wMul')),
      negate(tie('wUnary')),
      paren(tie('wCond')),
    ),
    // Where family: values. They differ from plain ones only inside parentheses.
    wAdd: fc.oneof(rec, tie('wMul'), arith(['+', '-'])(tie('wAdd'), tie('wMul'))),
    wMul: fc.oneof(rec, tie('wUnary'), arith(['*', '/'])(tie('wMul'), tie('wUnary'))),
    wUnary: fc.oneof(rec, tie('wPrimary'), negate(tie('wUnary'))),
    wPrimary: fc.oneof(rec, literalArb, fieldArb, tie('call'), paren(tie('wParenInner'))),
    /** Parentheses in a value position: the operands of AND/OR/NOT in them are still conditions. */
    wParenInner: fc.oneof(
      rec,
      tie('wAdd'),
      binary(orNode, tie('wCond'), tie('wAnd')),
      binary(andNode, tie('wAnd'), tie('wNot')),
      notOf(tie('wNot')),
      predicates(tie('wAdd'), tie('pAdd')),
    ),
  };
});

const aliasArb = fc.option(nameArb, { nil: null });

const selectItemArb = (expr: fc.Arbitrary<Expr>): fc.Arbitrary<SelectItem> =>
  fc.tuple(expr, aliasArb).map(([e, alias]) => ({ kind: 'SelectItem', expr: e, alias, text: '', loc }));

const patternArb = fc
  .array(
    fc.oneof(
      fc.constant('*'),
      nameArb.filter((n) => n !== '' && !n.includes('*')),
    ),
    {
      minLength: 1,
      maxLength: 3,
    },
  )
  .map((parts) => parts.join(''));

const fieldPatternArb: fc.Arbitrary<SelectFieldPattern> = fc
  .tuple(
    fc.constantFrom('SelectInclude' as const, 'SelectExclude' as const),
    fc.array(patternArb, { minLength: 1, maxLength: 3 }),
  )
  .map(([kind, patterns]) => ({ kind, patterns, loc }));

export const whereArb: fc.Arbitrary<WhereClause> = trees.wCond.map((condition) => ({
  kind: 'Where',
  condition,
  loc,
}));

export const selectArb: fc.Arbitrary<SelectClause> = fc
  .array(
    fc.oneof(
      selectItemArb(trees.pOr),
      fieldPatternArb,
      fc.constant<SelectItem>({ kind: 'SelectItem', expr: star, alias: null, text: '', loc }),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((items) => ({ kind: 'Select', items, loc }));

export const groupByArb: fc.Arbitrary<GroupByClause> = fc
  .array(selectItemArb(trees.pOr), { minLength: 1, maxLength: 3 })
  .map((items) => ({ kind: 'GroupBy', items, loc }));

export const orderByArb: fc.Arbitrary<OrderByClause> = fc
  .array(
    fc
      .tuple(trees.pOr, fc.constantFrom('ASC' as const, 'DESC' as const, null))
      .map(([expr, direction]): OrderItem => ({ kind: 'OrderItem', expr, direction, loc })),
    { minLength: 1, maxLength: 3 },
  )
  .map((items) => ({ kind: 'OrderBy', items, loc }));
