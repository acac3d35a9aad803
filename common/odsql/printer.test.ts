import { describe, expect, it } from 'vitest';
import type { Expr } from './ast';
import { NO_LOC } from './ast';
import {
  and,
  bool,
  call,
  cmp,
  date,
  distance,
  field,
  fullText,
  geom,
  inField,
  inList,
  inRange,
  isBoolean,
  isNull,
  like,
  not,
  num,
  or,
  paren,
  star,
  str,
} from './build';
import { parseExpression, parseGroupBy, parseOrderBy, parseSelect, parseWhere } from './parser';
import {
  plainNumber,
  printClause,
  printExpr,
  printGroupBy,
  printOrderBy,
  printSelect,
  printWhere,
} from './printer';
import { withoutLoc } from './without-loc';

describe('printWhere', () => {
  it.each([
    ['"tree" and not "dog"', '"tree" AND NOT "dog"'],
    ["x = 'Don\\'t'", `x = "Don't"`],
    ['x = \'say "hi"\'', 'x = "say \\"hi\\""'],
    ['x="a\\nb"', 'x = "a\\nb"'],
    ['a=1 or b=2 and c=3', 'a = 1 OR b = 2 AND c = 3'],
    ['(a or b) and c', '(a OR b) AND c'],
    ['not(a)', 'NOT (a)'],
    ['field:"value"', 'field: "value"'],
    ['x:[1..10]', 'x IN [1..10]'],
    ['x in ]1 to 10[', 'x IN ]1 TO 10['],
    ['x in [*..10]', 'x IN [*..10]'],
    ['x in (1,2 , 3)', 'x IN (1, 2, 3)'],
    ['"Paris" in tags', '"Paris" IN tags'],
    ['x is not null and y is null', 'x IS NOT NULL AND y IS NULL'],
    ['b is true or c is false', 'b IS TRUE OR c IS FALSE'],
    ['x like "a"', 'x LIKE "a"'],
    ['x > 1.50', 'x > 1.50'],
    ['x = - 5', 'x = -5'],
    ['x - -5 = - y', 'x - -5 = -y'],
    ['x = true and y = null', 'x = TRUE AND y = NULL'],
    ['d > DATE"2017"', "d > date'2017'"],
    ['intersects(f, geom\'{"type":"Point"}\')', 'intersects(f, geom\'{"type":"Point"}\')'],
    ["within_distance(g,geom'POINT(1 2)',1.50km)", "within_distance(g, geom'POINT(1 2)', 1.50km)"],
    ['SEARCH(*,"x")', 'SEARCH(*, "x")'],
    ['now(DAYS=-1,hour=0) < d', 'now(days=-1, hour=0) < d'],
    ['`and` = 1 and `plain` = 2 and `12` = 3', '`and` = 1 AND `plain` = 2 AND `12` = 3'],
    ['`a\\`b` = 1', '`a\\`b` = 1'],
    ["default.modified > date'2020'", "default.modified > date'2020'"],
  ])('%j prints as %j', (text, printed) => {
    expect(printWhere(parseWhere(text))).toBe(printed);
  });
});

describe('printSelect, printGroupBy, printOrderBy', () => {
  it.each([
    ['*,count(*) as n', '*, count(*) AS n'],
    ['RANGE(capacity,15)', 'RANGE(capacity, 15)'],
    ['count(distinct f)', 'count(DISTINCT f)'],
    ['include(pop*),exclude(`12`*, `a b`, and*)', 'include(pop*), exclude(`12`*, `a b`, `and`*)'],
    ['a as `select`', 'a AS `select`'],
    ['a as `x`', 'a AS x'],
  ])('select %j prints as %j', (text, printed) => {
    expect(printSelect(parseSelect(text))).toBe(printed);
  });

  it.each([
    ['range(d,1 day) as r', 'range(d, 1 day) AS r'],
    ['range(d,1m),range(d,1 M),range(d, 2 Hours)', 'range(d, 1 m), range(d, 1 M), range(d, 2 Hours)'],
    ['range(f,*,10,50,*)', 'range(f, *, 10, 50, *)'],
    ['geo_cluster(f,5,radius=40)', 'geo_cluster(f, 5, radius=40)'],
  ])('group_by %j prints as %j', (text, printed) => {
    expect(printGroupBy(parseGroupBy(text))).toBe(printed);
  });

  it.each([
    ['avg(age) desc,gender', 'avg(age) DESC, gender'],
    ['random(1)', 'random(1)'],
  ])('order_by %j prints as %j', (text, printed) => {
    expect(printOrderBy(parseOrderBy(text))).toBe(printed);
  });

  it('printClause dispatches on the clause kind', () => {
    expect(printClause(parseWhere('a=1'))).toBe('a = 1');
    expect(printClause(parseSelect('a'))).toBe('a');
    expect(printClause(parseGroupBy('a as b'))).toBe('a AS b');
    expect(printClause(parseOrderBy('a asc'))).toBe('a ASC');
  });
});

// Every construct of ods-api.md §4, as written by users; printing then parsing must give the same tree.
const ROUND_TRIP = {
  where: [
    '"tree"',
    '"tree" AND NOT "dog"',
    '("a" OR "b") AND NOT ("c")',
    'a = 1 OR b != 2 AND c < 3 OR d <= 4 AND e > 5 AND f >= 6',
    'not(a = 1) OR NOT b',
    '`and`: "value" AND my_boolean_field: FALSE',
    'film_name like "star wars"',
    'x IN ("Paris", "Nantes") AND y IN (1)',
    "x IN [1..10] AND y IN ]1..10[ AND z IN [date'2017' TO date'2018'[ AND w IN [* TO 5]",
    '"Paris" IN multivalued_field',
    'x IS NULL AND y IS NOT NULL AND b IS TRUE AND c IS FALSE',
    'bool_field',
    "search(*, 'x') OR suggest(name, 'V') OR startswith(a, b, 'E')",
    "within_distance(g, geom'POINT(2.26 48.84)', 800m) AND distance(g, geom'POINT(1 2)', 1.5km)",
    'in_bbox(c, 48.84, 2.26, 48.85, 2.27) OR bbox(c, 1, 2, 3, 4)',
    "intersects(f, geom'POINT(1 2)') OR disjoint(f, geom'POINT(1 2)') OR within(f, geom'POINT(1 2)')",
    "geometry(f, geom'POLYGON((0 0, 1 0, 1 1, 0 0))', DISJOINT) AND polygon(f, geom'POLYGON((0 0, 1 1, 0 0))')",
    'd > now(days=-1, hour=0) AND year(d) = 2020 AND month(d) + day(d) > 3',
    "date_format(d, 'yyyy') = '2020' AND length(n) > 3 AND lower(n) = upper(m) AND ifnull(a, 0) > 1",
    'a + b * c - -d / (e - f) > -5 AND -(g) = --5',
    "x = 'it\\'s \"quoted\" \\\\ \\n \\u0001 é 😀'",
    "`12` = 1 AND `a\\`b` = 2 AND default.modified > date'2020'",
    'NOT NOT NOT (((a)))',
  ],
  select: [
    '*',
    '*, count(*) AS n, count(f), COUNT(DISTINCT ifnull(f, "x"))',
    'sum(a), avg(a), min(a), max(a), median(a), percentile(a, 90) AS p, envelope(g), bbox(g)',
    'include(pop*), exclude(a, b*, `12`*)',
    'population * 2 AS double, "const", -1.5, x > 5 AS big',
    "distance(g, geom'POINT(1 2)') AS d, json_format(t, 'x')",
  ],
  group_by: [
    'range(f, *, 10, 50, *), range(f, 5)',
    'range(d, 1 day), range(d, 3 hours), range(d, 1 M), range(d, 1 m), range(d, 100 ms)',
    "RANGE(d, *, date'2020-11-13', date'2021-01-01') AS r",
    'geo_cluster(f, 10), geo_cluster(f, 5, radius=40)',
    'year(d) AS y, date_format(d, "w"), a',
  ],
  order_by: ['capacity DESC', 'avg(age), gender ASC', 'random(42)', 'count(*) DESC, `desc`'],
};

describe('round trip: parse(print(parse(text))) equals parse(text)', () => {
  it.each(ROUND_TRIP.where)('where %s', (text) => {
    const ast = parseWhere(text);
    expect(withoutLoc(parseWhere(printWhere(ast)))).toEqual(withoutLoc(ast));
  });
  it.each(ROUND_TRIP.select)('select %s', (text) => {
    const ast = parseSelect(text);
    expect(withoutLoc(parseSelect(printSelect(ast)))).toEqual(withoutLoc(ast));
  });
  it.each(ROUND_TRIP.group_by)('group_by %s', (text) => {
    const ast = parseGroupBy(text);
    expect(withoutLoc(parseGroupBy(printGroupBy(ast)))).toEqual(withoutLoc(ast));
  });
  it.each(ROUND_TRIP.order_by)('order_by %s', (text) => {
    const ast = parseOrderBy(text);
    expect(withoutLoc(parseOrderBy(printOrderBy(ast)))).toEqual(withoutLoc(ast));
  });

  it('prints a long AND chain', () => {
    const text = Array.from({ length: 400 }, (_, i) => `a = ${i}`).join(' AND ');
    expect(printWhere(parseWhere(text))).toBe(text);
  });
});

describe('trees made by hand', () => {
  const a = field('a');
  const b = field('b');
  const c = field('c');

  it('adds the parentheses a tree without Paren nodes needs, keeping its meaning', () => {
    const orNode: Expr = { kind: 'Or', left: a, right: b, loc: NO_LOC };
    const andOfOr: Expr = { kind: 'And', left: orNode, right: c, loc: NO_LOC };
    expect(printExpr(andOfOr)).toBe('(a OR b) AND c');
    const rightNested: Expr = {
      kind: 'And',
      left: a,
      right: { kind: 'And', left: b, right: c, loc: NO_LOC },
      loc: NO_LOC,
    };
    expect(printExpr(rightNested)).toBe('a AND (b AND c)');
    const minusOfSum: Expr = {
      kind: 'Arithmetic',
      op: '-',
      left: a,
      right: { kind: 'Arithmetic', op: '+', left: b, right: c, loc: NO_LOC },
      loc: NO_LOC,
    };
    expect(printExpr(minusOfSum)).toBe('a - (b + c)');
    const notOfAnd: Expr = {
      kind: 'Not',
      operand: { kind: 'And', left: a, right: b, loc: NO_LOC },
      loc: NO_LOC,
    };
    expect(printExpr(notOfAnd)).toBe('NOT (a AND b)');
    const cmpOfCmp: Expr = {
      kind: 'Comparison',
      op: '=',
      left: { kind: 'Comparison', op: '<', left: a, right: b, loc: NO_LOC },
      right: bool(true),
      loc: NO_LOC,
    };
    expect(printExpr(cmpOfCmp)).toBe('(a < b) = TRUE');
  });

  it('writes numbers without exponents and refuses NaN and infinities', () => {
    expect(plainNumber(1e21)).toBe('1000000000000000000000');
    expect(plainNumber(1.5e-7)).toBe('0.00000015');
    expect(plainNumber(-2.5e22)).toBe('-25000000000000000000000');
    expect(plainNumber(1.2345e3)).toBe('1234.5');
    expect(plainNumber(-0)).toBe('-0');
    expect(plainNumber(0.1)).toBe('0.1');
    expect(Number(plainNumber(Number.MAX_VALUE))).toBe(Number.MAX_VALUE);
    expect(Number(plainNumber(Number.MIN_VALUE))).toBe(Number.MIN_VALUE);
    expect(() => plainNumber(Number.NaN)).toThrow(RangeError);
    expect(() => plainNumber(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    const weird: Expr = { kind: 'Number', value: 100000, raw: '1e5', loc: NO_LOC };
    expect(printExpr(weird)).toBe('100000');
  });
});

describe('builders', () => {
  const a = field('a');
  const b = field('b');
  const c = field('c');

  it.each<[string, Expr, string]>([
    ['and of or', and(or(a, b), c), '(a OR b) AND c'],
    ['and of and', and(and(a, b), and(b, c)), 'a AND b AND (b AND c)'],
    ['or of and', or(and(a, b), c), 'a AND b OR c'],
    ['or of or', or(a, or(b, c)), 'a OR (b OR c)'],
    ['single operand', and(a), 'a'],
    ['not of and', not(and(a, b)), 'NOT (a AND b)'],
    ['not of comparison', not(cmp('=', a, 1)), 'NOT a = 1'],
    [
      'comparison with values',
      and(cmp('=', a, 'x'), cmp('>=', b, 2.5), cmp('!=', c, true)),
      'a = "x" AND b >= 2.5 AND c != TRUE',
    ],
    ['comparison with null', cmp('=', a, null), 'a = NULL'],
    ['comparison of comparison', cmp('=', cmp('<', a, 1), false), '(a < 1) = FALSE'],
    [
      'reserved and odd names',
      and(cmp('=', field('and'), 1), cmp('=', field('12'), 2), cmp('=', field('a b'), 3)),
      '`and` = 1 AND `12` = 2 AND `a b` = 3',
    ],
    ['dotted name', cmp('>', field('default.modified'), date('2020')), "default.modified > date'2020'"],
    ['a Date', cmp('<', a, date(new Date(Date.UTC(2020, 0, 2)))), "a < date'2020-01-02T00:00:00.000Z'"],
    ['strings', cmp('=', a, str('say "hi"\n\\')), 'a = "say \\"hi\\"\\n\\\\"'],
    ['numbers', inList(a, [num(1e21), num(-0.5), 3]), 'a IN (1000000000000000000000, -0.5, 3)'],
    ['list', inList(a, ['Paris', 'Nantes']), 'a IN ("Paris", "Nantes")'],
    ['range', inRange(a, 1, 10), 'a IN [1..10]'],
    ['open range', inRange(a, 1, 10, false, false), 'a IN ]1..10['],
    ['star bound', inRange(a, star(), date('2020')), "a IN [*..date'2020']"],
    ['multivalued', inField('Paris', field('tags')), '"Paris" IN tags'],
    ['null', isNull(a), 'a IS NULL'],
    ['not null', isNull(a, true), 'a IS NOT NULL'],
    ['boolean', isBoolean(a, false), 'a IS FALSE'],
    ['like', like(a, 'star wars'), 'a LIKE "star wars"'],
    ['call', call('SEARCH', star(), 'x'), 'SEARCH(*, "x")'],
    [
      'geo',
      call('within_distance', a, geom('POINT(2.26 48.84)'), distance(800, 'm')),
      "within_distance(a, geom'POINT(2.26 48.84)', 800m)",
    ],
    ['full text', and(fullText('tree'), not(fullText('dog'))), '"tree" AND NOT "dog"'],
    ['paren', paren(a), '(a)'],
    [
      'strings as conditions',
      and(str('tree'), or(paren(str('a')), not(str('dog')))),
      '"tree" AND (("a") OR NOT "dog")',
    ],
  ])('%s', (_name, tree, printed) => {
    expect(printExpr(tree)).toBe(printed);
    expect(withoutLoc(parseExpression(printed))).toEqual(withoutLoc(tree));
  });

  it('marks only the names that need it as quoted', () => {
    expect(field('population').quoted).toBe(false);
    expect(field('count').quoted).toBe(true);
  });

  it('refuses what ODSQL cannot write', () => {
    expect(() => and()).toThrow(RangeError);
    expect(() => or()).toThrow(RangeError);
    expect(() => inList(a, [])).toThrow(RangeError);
    expect(() => num(Number.NaN)).toThrow(RangeError);
    expect(() => call('contains', a)).toThrow(RangeError);
    expect(() => distance(-1, 'm')).toThrow(RangeError);
  });
});
