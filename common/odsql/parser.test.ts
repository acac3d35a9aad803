import { describe, expect, it } from 'vitest';
import type { Expr, FieldRef, IntervalUnit, SelectFieldPattern, SelectItem } from './ast';
import { NO_LOC } from './ast';
import {
  and,
  bool,
  call,
  cmp,
  date,
  field,
  fullText,
  geom,
  inField,
  inList,
  isNull,
  like,
  not,
  num,
  or,
  str,
} from './build';
import { parseExpression, parseGroupBy, parseOrderBy, parseSelect, parseWhere } from './parser';
import { withoutLoc } from './without-loc';

// Expected trees are written with the builders (loc: NO_LOC) and compared without loc. Nodes the
// builders would rewrite (they add Paren where needed) are spelled out literally.

const qfield = (name: string): FieldRef => ({ kind: 'Field', name, quoted: true, loc: NO_LOC });
const paren = (inner: Expr): Expr => ({ kind: 'Paren', inner, loc: NO_LOC });
const negNum = (raw: string): Expr => ({ kind: 'Number', value: Number(raw), raw, loc: NO_LOC });
const star: Expr = { kind: 'Star', loc: NO_LOC };
const distance = (raw: string, unit: 'm' | 'km' | 'mi' | 'yd' | 'ft' | 'cm' | 'mm'): Expr => ({
  kind: 'Distance',
  value: Number(raw),
  raw,
  unit,
  loc: NO_LOC,
});
const interval = (value: number, unit: IntervalUnit, rawUnit: string): Expr => ({
  kind: 'Interval',
  value,
  unit,
  rawUnit,
  loc: NO_LOC,
});
const arith = (op: '+' | '-' | '*' | '/', left: Expr, right: Expr): Expr => ({
  kind: 'Arithmetic',
  op,
  left,
  right,
  loc: NO_LOC,
});
const range = (
  left: Expr,
  low: Expr,
  high: Expr,
  lowInclusive: boolean,
  highInclusive: boolean,
  separator: '..' | 'TO' = '..',
): Expr => ({ kind: 'InRange', left, low, high, lowInclusive, highInclusive, separator, loc: NO_LOC });
const fn = (
  rawName: string,
  args: Expr[],
  extra: Partial<{ distinct: boolean; named: [string, Expr][] }> = {},
) => ({
  kind: 'Call' as const,
  name: rawName.toLowerCase(),
  rawName,
  args,
  namedArgs: (extra.named ?? []).map(([name, value]) => ({ name, value, loc: NO_LOC })),
  distinct: extra.distinct ?? false,
  loc: NO_LOC,
});
const item = (expr: Expr, alias: string | null = null): SelectItem => ({
  kind: 'SelectItem',
  expr,
  alias,
  text: '',
  loc: NO_LOC,
});

const where = (text: string) => withoutLoc(parseWhere(text).condition);

describe('parseWhere', () => {
  it.each<[string, Expr]>([
    // Full-text search: a string standing as a condition (ods-api.md §4.2).
    ['"tree"', fullText('tree')],
    ["'film*'", fullText('film*')],
    ['"tree" AND NOT "dog"', and(fullText('tree'), not(fullText('dog')))],
    ['("tree") OR x', or(paren(fullText('tree')), field('x'))],
    ['"a" = x', cmp('=', str('a'), field('x'))],
    ['x = ("a")', { ...(cmp('=', field('x'), 'a') as object), right: paren(str('a')) } as Expr],
    ['search(*, "tree")', fn('search', [star, str('tree')])],
    ['x IN ("a")', inList(field('x'), ['a'])],
    // Boolean operators: AND binds tighter than OR; left-nested chains.
    [
      'a = 1 OR b = 2 AND c = 3',
      or(cmp('=', field('a'), 1), and(cmp('=', field('b'), 2), cmp('=', field('c'), 3))),
    ],
    ['a OR b OR c', or(field('a'), field('b'), field('c'))],
    ['a AND b AND c', and(field('a'), field('b'), field('c'))],
    ['(a OR b) AND c', and(paren(or(field('a'), field('b'))), field('c'))],
    ['NOT a = 1', not(cmp('=', field('a'), 1))],
    ['not(a = 1)', not(paren(cmp('=', field('a'), 1)))],
    ['NOT NOT a', not(not(field('a')))],
    ['NOT (x IN (1, 2))', not(paren(inList(field('x'), [1, 2])))],
    ['a = 1 and NOT b Or c', or(and(cmp('=', field('a'), 1), not(field('b'))), field('c'))],
    // Comparisons.
    ['x = 1', cmp('=', field('x'), 1)],
    ['x != "a"', cmp('!=', field('x'), 'a')],
    ['x < 1', cmp('<', field('x'), 1)],
    ['x <= 1', cmp('<=', field('x'), 1)],
    ['x > 1.50', cmp('>', field('x'), negNum('1.50'))],
    ['x >= 0', cmp('>=', field('x'), 0)],
    ['x>=1', cmp('>=', field('x'), 1)],
    ['field: "value"', cmp(':', field('field'), 'value')],
    ['`and`: "value"', cmp(':', qfield('and'), 'value')],
    ['my_boolean_field: FALSE', cmp(':', field('my_boolean_field'), false)],
    ['x = TRUE', cmp('=', field('x'), bool(true))],
    ['x = null', cmp('=', field('x'), null)],
    ["date_field > date'1972'", cmp('>', field('date_field'), date('1972'))],
    ["d >= date'2017-04-03T08:02'", cmp('>=', field('d'), date('2017-04-03T08:02'))],
    ["d >= DATE'2018/04/01'", cmp('>=', field('d'), date('2018/04/01'))],
    ["default.modified > date'2020'", cmp('>', field('default.modified'), date('2020'))],
    // LIKE and IN.
    ['film_name like "star wars"', like(field('film_name'), 'star wars')],
    ['x LIKE "%Elèves%"', like(field('x'), '%Elèves%')],
    ['x IN ("Paris","Nantes")', inList(field('x'), ['Paris', 'Nantes'])],
    ["x IN ('Clichy','Colombes')", inList(field('x'), ['Clichy', 'Colombes'])],
    ['X In(1,2)', inList(field('X'), [1, 2])],
    ['x IN [1..10]', range(field('x'), num(1), num(10), true, true)],
    ['x IN ]1..10[', range(field('x'), num(1), num(10), false, false)],
    ['x IN [1..10[', range(field('x'), num(1), num(10), true, false)],
    ['x IN [1.5..2.5]', range(field('x'), negNum('1.5'), negNum('2.5'), true, true)],
    ['x IN [-5..-1]', range(field('x'), negNum('-5'), negNum('-1'), true, true)],
    ["d IN [date'2017'..date'2018']", range(field('d'), date('2017'), date('2018'), true, true)],
    ['x IN [1 TO 10]', range(field('x'), num(1), num(10), true, true, 'TO')],
    ['x in [1 to 10]', range(field('x'), num(1), num(10), true, true, 'TO')],
    ['x IN [* TO 10]', range(field('x'), star, num(10), true, true, 'TO')],
    ['x IN [1..*]', range(field('x'), num(1), star, true, true)],
    ['x:[1..10]', range(field('x'), num(1), num(10), true, true)],
    ['"Paris" IN multivalued_field', inField('Paris', field('multivalued_field'))],
    ['"Paris" IN `tags`', inField('Paris', qfield('tags'))],
    // IS.
    ['x IS NULL', isNull(field('x'))],
    ['x iS nOt NuLl', isNull(field('x'), true)],
    ['b IS TRUE', { kind: 'IsBoolean', operand: field('b'), value: true, loc: NO_LOC }],
    ['b is false', { kind: 'IsBoolean', operand: field('b'), value: false, loc: NO_LOC }],
    ['bool_field', field('bool_field')],
    ['bool_field AND x = 1', and(field('bool_field'), cmp('=', field('x'), 1))],
    // Text predicates.
    ["search(name, 'Exelmans - Versailles')", fn('search', [field('name'), str('Exelmans - Versailles')])],
    ["suggest(name,'Versailles')", fn('suggest', [field('name'), str('Versailles')])],
    ["startswith(name,'Exelmans')", fn('startswith', [field('name'), str('Exelmans')])],
    ['SEARCH(*, "x")', fn('SEARCH', [star, str('x')])],
    ['search(a, b, "x")', fn('search', [field('a'), field('b'), str('x')])],
    // Geo predicates.
    [
      "within_distance(geo_field, geom'POINT(2.26 48.84)', 800m)",
      fn('within_distance', [field('geo_field'), geom('POINT(2.26 48.84)'), distance('800', 'm')]),
    ],
    [
      "distance(f, geom'POINT(1 2)', 1.5km)",
      fn('distance', [field('f'), geom('POINT(1 2)'), distance('1.5', 'km')]),
    ],
    [
      "distance(`field`, geom'POINT(1 2)', 5mi)",
      fn('distance', [qfield('field'), geom('POINT(1 2)'), distance('5', 'mi')]),
    ],
    [
      'in_bbox(coordonnees_geo,48.84,2.26,48.85,2.27)',
      fn('in_bbox', [
        field('coordonnees_geo'),
        negNum('48.84'),
        negNum('2.26'),
        negNum('48.85'),
        negNum('2.27'),
      ]),
    ],
    ['bbox(f, 1, 2, 3, 4)', fn('bbox', [field('f'), num(1), num(2), num(3), num(4)])],
    ["intersects(f, geom'POINT(1 2)')", fn('intersects', [field('f'), geom('POINT(1 2)')])],
    ["disjoint(f, geom'POINT(1 2)')", fn('disjoint', [field('f'), geom('POINT(1 2)')])],
    [
      "within(f, geom'POLYGON((0 0, 1 0, 1 1, 0 0))')",
      fn('within', [field('f'), geom('POLYGON((0 0, 1 0, 1 1, 0 0))')]),
    ],
    [
      `intersects(f, geom'{"type":"Point","coordinates":[1,2]}')`,
      fn('intersects', [field('f'), geom('{"type":"Point","coordinates":[1,2]}')]),
    ],
    ["geometry(f, geom'POINT(1 2)')", fn('geometry', [field('f'), geom('POINT(1 2)')])],
    [
      "geometry(f, geom'POINT(1 2)', INTERSECTS)",
      fn('geometry', [field('f'), geom('POINT(1 2)'), field('INTERSECTS')]),
    ],
    [
      "geometry(f, geom'POINT(1 2)', within)",
      fn('geometry', [field('f'), geom('POINT(1 2)'), field('within')]),
    ],
    [
      "polygon(f, geom'POLYGON((0 0, 1 0, 1 1, 0 0))')",
      fn('polygon', [field('f'), geom('POLYGON((0 0, 1 0, 1 1, 0 0))')]),
    ],
    // Scalar functions.
    [
      'd > now(days=-1, hour=0)',
      cmp(
        '>',
        field('d'),
        fn('now', [], {
          named: [
            ['days', negNum('-1')],
            ['hour', num(0)],
          ],
        }),
      ),
    ],
    ['d < NOW()', cmp('<', field('d'), fn('NOW', []))],
    ['d < now(Years=-1)', cmp('<', field('d'), fn('now', [], { named: [['years', negNum('-1')]] }))],
    ['year(d) = 2020', cmp('=', call('year', field('d')), 2020)],
    [
      'month(d) = 1 AND day(d) = 2',
      and(cmp('=', call('month', field('d')), 1), cmp('=', call('day', field('d')), 2)),
    ],
    [
      'hour(d) + minute(d) + second(d) > 0',
      cmp(
        '>',
        arith(
          '+',
          arith('+', call('hour', field('d')), call('minute', field('d'))),
          call('second', field('d')),
        ),
        0,
      ),
    ],
    ['date_format(d, \'yyyy\') = "2020"', cmp('=', call('date_format', field('d'), 'yyyy'), '2020')],
    ['length(name) > 3', cmp('>', call('length', field('name')), 3)],
    ['lower(name) = "x"', cmp('=', call('lower', field('name')), 'x')],
    ['UPPER(name) = "X"', cmp('=', call('UPPER', field('name')), 'X')],
    ['ifnull(a, 0) > 1', cmp('>', call('ifnull', field('a'), 0), 1)],
    ['ifnull(a > 1, false)', fn('ifnull', [cmp('>', field('a'), 1), bool(false)])],
    // Arithmetic and unary minus.
    ['a + b * c > 10', cmp('>', arith('+', field('a'), arith('*', field('b'), field('c'))), 10)],
    ['(a + b) * c = 1', cmp('=', arith('*', paren(arith('+', field('a'), field('b'))), field('c')), 1)],
    ['a - b - c = 0', cmp('=', arith('-', arith('-', field('a'), field('b')), field('c')), 0)],
    ['a / 2 - 1 = 0', cmp('=', arith('-', arith('/', field('a'), num(2)), num(1)), 0)],
    ['x = -5', cmp('=', field('x'), negNum('-5'))],
    ['x = - 5', cmp('=', field('x'), negNum('-5'))],
    ['x - -5 = 0', cmp('=', arith('-', field('x'), negNum('-5')), 0)],
    ['-x = 1', cmp('=', { kind: 'Negate', operand: field('x'), loc: NO_LOC }, 1)],
    ['--5 = 5', cmp('=', { kind: 'Negate', operand: negNum('-5'), loc: NO_LOC }, 5)],
    ['-800m = x', cmp('=', { kind: 'Negate', operand: distance('800', 'm'), loc: NO_LOC }, field('x'))],
    ['2 * -x = 1', cmp('=', arith('*', num(2), { kind: 'Negate', operand: field('x'), loc: NO_LOC }), 1)],
    // Names and strings.
    ['`12` = 1', cmp('=', qfield('12'), 1)],
    ['`a\\`b` = 1', cmp('=', qfield('a`b'), 1)],
    ['_uai = 1', cmp('=', field('_uai'), 1)],
    ['length = 1', cmp('=', field('length'), 1)],
    ["date = date'2020'", cmp('=', field('date'), date('2020'))],
    ["x = 'Don\\'t worry'", cmp('=', field('x'), "Don't worry")],
    ['x = "a\\"b"', cmp('=', field('x'), 'a"b')],
    ['x = "line\\nbreak\\t\\u00e9\\\\"', cmp('=', field('x'), 'line\nbreak\té\\')],
    ['x = "it\'s"', cmp('=', field('x'), "it's")],
    ['x = \'say "hi"\'', cmp('=', field('x'), 'say "hi"')],
    ['x = "😀"', cmp('=', field('x'), '😀')],
    // Spaces are optional where unambiguous.
    ['a=1AND b=2', and(cmp('=', field('a'), 1), cmp('=', field('b'), 2))],
    ['(a=1)OR(b=2)', or(paren(cmp('=', field('a'), 1)), paren(cmp('=', field('b'), 2)))],
    ['  x  =  1  ', cmp('=', field('x'), 1)],
  ])('%s', (text, expected) => {
    expect(where(text)).toEqual(withoutLoc(expected));
  });

  it('records offsets (end exclusive) on every node', () => {
    const clause = parseWhere(' a = 1 AND NOT b');
    expect(clause.loc).toEqual({ start: 1, end: 16 });
    const c = clause.condition;
    expect(c.kind).toBe('And');
    if (c.kind !== 'And') return;
    expect(c.loc).toEqual({ start: 1, end: 16 });
    expect(c.left.loc).toEqual({ start: 1, end: 6 });
    expect(c.right.loc).toEqual({ start: 11, end: 16 });
  });

  it('gives a negative literal the offsets of its minus sign', () => {
    const c = parseWhere('x = - 5').condition;
    expect(c.kind === 'Comparison' && c.right.loc).toEqual({ start: 4, end: 7 });
  });

  it('gives calls and parentheses their full extent', () => {
    const c = parseWhere('not(search(*, "a"))').condition;
    expect(c.loc).toEqual({ start: 0, end: 19 });
    expect(c.kind === 'Not' && c.operand.loc).toEqual({ start: 3, end: 19 });
    expect(c.kind === 'Not' && c.operand.kind === 'Paren' && c.operand.inner.loc).toEqual({
      start: 4,
      end: 18,
    });
  });

  it('lower-cases Call.name and keeps rawName', () => {
    const c = parseWhere("Within_Distance(g, geom'POINT(1 2)', 1km)").condition;
    expect(c.kind === 'Call' && [c.name, c.rawName]).toEqual(['within_distance', 'Within_Distance']);
  });
});

describe('parseExpression', () => {
  it.each<[string, Expr]>([
    ['"tree"', fullText('tree')],
    ['a + 1', arith('+', field('a'), num(1))],
    ['x IS NULL OR x = ""', or(isNull(field('x')), cmp('=', field('x'), ''))],
  ])('%s', (text, expected) => {
    expect(withoutLoc(parseExpression(text))).toEqual(withoutLoc(expected));
  });
});

const patterns = (kind: 'SelectInclude' | 'SelectExclude', ...list: string[]): SelectFieldPattern => ({
  kind,
  patterns: list,
  loc: NO_LOC,
});

describe('parseSelect', () => {
  it.each<[string, (SelectItem | SelectFieldPattern)[]]>([
    ['*', [item(star)]],
    ['a, b AS c', [item(field('a')), item(field('b'), 'c')]],
    ['a as `select`, b AS `my label`', [item(field('a'), 'select'), item(field('b'), 'my label')]],
    ['*, count(*) as n', [item(star), item(fn('count', [star]), 'n')]],
    ['count(f)', [item(fn('count', [field('f')]))]],
    ['count(distinct f)', [item(fn('count', [field('f')], { distinct: true }))]],
    [
      "COUNT(DISTINCT ifnull(f, 'x'))",
      [item(fn('COUNT', [call('ifnull', field('f'), 'x')], { distinct: true }))],
    ],
    [
      'sum(a), avg(a), min(a), max(a), median(a)',
      ['sum', 'avg', 'min', 'max', 'median'].map((name) => item(fn(name, [field('a')]))),
    ],
    ['percentile(f, 90) AS p90', [item(fn('percentile', [field('f'), num(90)]), 'p90')]],
    ['envelope(geo), bbox(geo)', [item(fn('envelope', [field('geo')])), item(fn('bbox', [field('geo')]))]],
    ['include(pop*)', [patterns('SelectInclude', 'pop*')]],
    ['exclude(a, b*)', [patterns('SelectExclude', 'a', 'b*')]],
    ['INCLUDE(`2019`*, 2020*, *_id, `a b`)', [patterns('SelectInclude', '2019*', '2020*', '*_id', 'a b')]],
    ['include(a), x', [patterns('SelectInclude', 'a'), item(field('x'))]],
    ['include AS i', [item(field('include'), 'i')]],
    ['population * 2 AS double', [item(arith('*', field('population'), num(2)), 'double')]],
    ["distance(geo, geom'POINT(1 2)') AS d", [item(fn('distance', [field('geo'), geom('POINT(1 2)')]), 'd')]],
    ['json_format(t, "x")', [item(fn('json_format', [field('t'), str('x')]))]],
    ['"constant", 5, -1.5', [item(str('constant')), item(num(5)), item(negNum('-1.5'))]],
    ['x > 5 AS big', [item(cmp('>', field('x'), 5), 'big')]],
    ['count(*)*2', [item(arith('*', fn('count', [star]), num(2)))]],
  ])('%s', (text, expected) => {
    expect(withoutLoc(parseSelect(text).items)).toEqual(withoutLoc(expected));
  });

  it.each([
    ['count(*)', 'count(*)'],
    ['RANGE(capacity,15)', 'RANGE(capacity,15)'],
    ['  a  +  b   AS  x ', 'a  +  b'],
    ['sum( a ) , b', 'sum( a )'],
    ['*', '*'],
  ])('keeps the source text of %j as the output key', (text, key) => {
    const first = parseSelect(text).items[0];
    expect(first?.kind === 'SelectItem' && first.text).toBe(key);
  });

  it('keeps the text of every item', () => {
    const items = parseSelect('a,count(*) as n , RANGE(c,*,1,*)').items;
    expect(items.map((i) => (i.kind === 'SelectItem' ? i.text : null))).toEqual([
      'a',
      'count(*)',
      'RANGE(c,*,1,*)',
    ]);
    expect(items[1]?.loc).toEqual({ start: 2, end: 15 });
  });
});

describe('parseGroupBy', () => {
  it.each<[string, SelectItem[]]>([
    ['a', [item(field('a'))]],
    ['a AS b, c', [item(field('a'), 'b'), item(field('c'))]],
    ['range(f, *, 10, 50, *)', [item(fn('range', [field('f'), star, num(10), num(50), star]))]],
    [
      'RANGE(capacity,*,15,20,25,30,40,*) as capacity',
      [item(fn('RANGE', [field('capacity'), star, ...[15, 20, 25, 30, 40].map(num), star]), 'capacity')],
    ],
    ['range(f, 5)', [item(fn('range', [field('f'), num(5)]))]],
    ['RANGE(capacity,15)', [item(fn('RANGE', [field('capacity'), num(15)]))]],
    ['range(d, 1 day)', [item(fn('range', [field('d'), interval(1, 'day', 'day')]))]],
    ['range(d, 3 hours)', [item(fn('range', [field('d'), interval(3, 'hour', 'hours')]))]],
    ['range(d, 1 M)', [item(fn('range', [field('d'), interval(1, 'month', 'M')]))]],
    ['range(d, 5 m)', [item(fn('range', [field('d'), interval(5, 'minute', 'm')]))]],
    ['range(d, 5m)', [item(fn('range', [field('d'), interval(5, 'minute', 'm')]))]],
    ['range(d, 1h)', [item(fn('range', [field('d'), interval(1, 'hour', 'h')]))]],
    ['range(d, 500 ms)', [item(fn('range', [field('d'), interval(500, 'millisecond', 'ms')]))]],
    ['range(d, 1 Year)', [item(fn('range', [field('d'), interval(1, 'year', 'Year')]))]],
    [
      "range(d, *, date'2020-11-13', date'2021-01-01')",
      [item(fn('range', [field('d'), star, date('2020-11-13'), date('2021-01-01')]))],
    ],
    ['geo_cluster(f, 10)', [item(fn('geo_cluster', [field('f'), num(10)]))]],
    [
      'geo_cluster(f, 5, radius=40)',
      [item(fn('geo_cluster', [field('f'), num(5)], { named: [['radius', num(40)]] }))],
    ],
    ['year(d), month(d)', [item(call('year', field('d'))), item(call('month', field('d')))]],
    [
      'date_format(d, "YYYY-MM-dd\'T\'HH") AS h',
      [item(fn('date_format', [field('d'), str("YYYY-MM-dd'T'HH")]), 'h')],
    ],
    ['ifnull(a, "none")', [item(call('ifnull', field('a'), 'none'))]],
  ])('%s', (text, expected) => {
    expect(withoutLoc(parseGroupBy(text).items)).toEqual(withoutLoc(expected));
  });

  it.each<[string, IntervalUnit]>([
    ['ms', 'millisecond'],
    ['millisecond', 'millisecond'],
    ['milliseconds', 'millisecond'],
    ['s', 'second'],
    ['second', 'second'],
    ['seconds', 'second'],
    ['m', 'minute'],
    ['minute', 'minute'],
    ['minutes', 'minute'],
    ['h', 'hour'],
    ['hour', 'hour'],
    ['HOURS', 'hour'],
    ['d', 'day'],
    ['day', 'day'],
    ['days', 'day'],
    ['w', 'week'],
    ['week', 'week'],
    ['weeks', 'week'],
    ['M', 'month'],
    ['month', 'month'],
    ['Months', 'month'],
    ['q', 'quarter'],
    ['quarter', 'quarter'],
    ['quarters', 'quarter'],
    ['y', 'year'],
    ['year', 'year'],
    ['years', 'year'],
  ])('reads the interval unit %s as %s', (rawUnit, unit) => {
    const expr = parseGroupBy(`range(d, 2 ${rawUnit})`).items[0]?.expr;
    expect(expr?.kind === 'Call' && withoutLoc(expr.args[1])).toEqual(withoutLoc(interval(2, unit, rawUnit)));
  });
});

describe('parseOrderBy', () => {
  const order = (expr: Expr, direction: 'ASC' | 'DESC' | null = null) => ({
    kind: 'OrderItem',
    expr,
    direction,
    loc: NO_LOC,
  });
  it.each<[string, ReturnType<typeof order>[]]>([
    ['capacity DESC', [order(field('capacity'), 'DESC')]],
    ['x asc', [order(field('x'), 'ASC')]],
    ['x', [order(field('x'))]],
    ['avg(age), gender', [order(call('avg', field('age'))), order(field('gender'))]],
    ['count(*) desc, name', [order(fn('count', [star]), 'DESC'), order(field('name'))]],
    ['random(42)', [order(call('random', 42))]],
    ['`desc` DESC', [order(qfield('desc'), 'DESC')]],
  ])('%s', (text, expected) => {
    expect(withoutLoc(parseOrderBy(text).items)).toEqual(withoutLoc(expected));
  });
});
