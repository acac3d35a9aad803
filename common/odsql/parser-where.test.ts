import { describe, expect, it } from 'vitest';
import { type Expr, NO_LOC } from './ast';
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
import { parseExpression, parseWhere } from './parser';
import { arith, distance, fn, negNum, paren, qfield, range, star } from './parser-trees.test-support';
import { withoutLoc } from './without-loc';

// Expected trees are written with the builders (loc: NO_LOC) and compared without loc.

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
