import { describe, expect, it } from 'vitest';
import type { Expr, IntervalUnit, SelectFieldPattern, SelectItem } from './ast';
import { NO_LOC } from './ast';
import { call, cmp, date, field, geom, num, str } from './build';
import { parseGroupBy, parseOrderBy, parseSelect } from './parser';
import { arith, fn, interval, item, negNum, qfield, star } from './parser-trees.test-support';
import { withoutLoc } from './without-loc';

// Expected trees are written with the builders (loc: NO_LOC) and compared without loc.

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
