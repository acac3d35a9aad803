import { describe, expect, it } from 'vitest';
import type { Call } from '../../common/odsql/ast';
import { parseGroupBy, parseOrderBy, parseSelect, parseWhere } from '../../common/odsql/parser';
import { KNOWN_FUNCTIONS } from '../../common/odsql/vocabulary';
import { Compiler } from './compile';
import { db, layout } from './compile-layout.test-support';
import { type Compiled, OdsqlSemanticError } from './compiled';
import { compileOrderBy } from './order-by';

type Clause = 'select' | 'where' | 'group_by' | 'order_by';

/** The SQL of one clause, or the message of the semantic error it raises. */
function compile(clause: Clause, text: string): { sql: string; kinds: string[] } | { error: string } {
  const compiler = new Compiler({ layout, db, timezone: 'UTC', lang: 'en' });
  try {
    switch (clause) {
      case 'where':
        return { sql: compiler.condition(parseWhere(text).condition), kinds: ['boolean'] };
      case 'select': {
        const values: Compiled[] = parseSelect(text).items.map((item) =>
          item.kind === 'SelectItem' ? compiler.value(item.expr) : compiler.fieldValue(layout.fields[0]!),
        );
        return { sql: values.map((v) => v.sql.join(', ')).join(', '), kinds: values.map((v) => v.kind) };
      }
      case 'group_by': {
        const keys = parseGroupBy(text).items.map((item) => compiler.groupKey(item));
        return { sql: keys.map((k) => k.group.join(', ')).join(', '), kinds: keys.map((k) => k.output.kind) };
      }
      case 'order_by':
        return { sql: compileOrderBy(compiler, parseOrderBy(text).items, [], false).join(', '), kinds: [] };
    }
  } catch (error) {
    if (error instanceof OdsqlSemanticError) return { error: error.message };
    throw error;
  }
}

describe('the table of functions', () => {
  it.each<[Clause, string, string]>([
    ['where', 'year(seen, born) = 2020', 'year() takes 1 argument, got 2.'],
    ['select', 'count()', 'count() takes 1 argument, got 0.'],
    ['select', 'percentile(population)', 'percentile() takes 2 arguments, got 1.'],
    ['select', 'json_format()', 'json_format() takes 1 or 2 arguments, got 0.'],
    ['select', 'now(1)', 'now() takes only named arguments, such as now(days=-1), got 1.'],
    ['where', 'search("paris")', 'search() takes field names or * and a text, got 1.'],
    [
      'where',
      "geometry(location, geom'POINT(2 48)', WITHIN, 1)",
      'geometry() takes 2 or 3 arguments, got 4.',
    ],
    ['where', 'in_bbox(location, 48, 2, 49)', 'in_bbox() takes 5 arguments, got 4.'],
    // A name with two uses: a where takes its condition; a value either, by the count.
    ['where', 'distance(location)', 'distance() takes 3 arguments, got 1.'],
    ['select', 'distance(location)', 'distance() takes 2 or 3 arguments, got 1.'],
    ['select', 'bbox(location, 48)', 'bbox() takes 1 or 5 arguments, got 2.'],
    ['group_by', 'range(population)', 'range() takes a field and bounds, or a field and a width, got 1.'],
    [
      'group_by',
      'range(population, equi(5, 10))',
      'equi() takes a step, a lower bound and an upper bound, got 2.',
    ],
    ['group_by', 'geo_cluster(location)', 'geo_cluster() takes 2 arguments, got 1.'],
    ['order_by', 'random(1, 2)', 'random() takes 0 or 1 argument, got 2.'],
  ])('refuses a wrong count of arguments: %s %s', (clause, text, message) => {
    expect(compile(clause, text)).toEqual({ error: message });
  });

  it.each<[Clause, string, string]>([
    ['select', 'random()', 'random() cannot be used here.'],
    ['where', 'range(population, 10) = 1', 'range() cannot be used here.'],
    ['order_by', 'geo_cluster(location, 3)', 'geo_cluster() cannot be used here.'],
    ['select', 'equi(1, 2, 3)', 'equi() cannot be used here.'],
    ['where', 'year(seen)', 'year() is not a condition.'],
    ['select', 'count(count(name))', 'Aggregations cannot be nested.'],
    ['select', 'median(sum(population))', 'Aggregations cannot be nested.'],
    ['select', 'max(population + count(*))', 'Aggregations cannot be nested.'],
  ])('refuses a function where it cannot appear: %s %s', (clause, text, message) => {
    expect(compile(clause, text)).toEqual({ error: message });
  });

  it('compiles a function with two uses as the one its arguments fit', () => {
    const point = "geom'POINT(2 48)'";
    expect(compile('select', `distance(location, ${point})`)).toMatchObject({ kinds: ['double'] });
    expect(compile('select', `distance(location, ${point}, 1km)`)).toMatchObject({ kinds: ['boolean'] });
    expect(compile('select', 'bbox(location)')).toMatchObject({ kinds: ['geometry'] });
    expect(compile('select', 'bbox(location, 48, 2, 49, 3)')).toMatchObject({ kinds: ['boolean'] });
    expect(compile('where', 'bbox(location, 48, 2, 49, 3)')).toEqual(
      compile('where', 'in_bbox(location, 48, 2, 49, 3)'),
    );
  });

  it('has an entry for every function the parser knows, which checks its count of arguments', () => {
    const clauses: Clause[] = ['select', 'where', 'group_by', 'order_by'];
    for (const name of KNOWN_FUNCTIONS) {
      // Ten arguments are too many for every function but range() and the text searches.
      const call = `${name}(${Array.from({ length: 10 }, () => 'population').join(', ')})`;
      // equi() appears only as a bound of range().
      const text = name === 'equi' ? `range(population, ${call})` : call;
      const results = clauses.map((clause) => compile(clause, clause === 'where' ? `${text} = 1` : text));
      const messages = results.map((result) => ('error' in result ? result.error : ''));
      expect(
        messages.filter((message) => message.startsWith('Unknown function')),
        name,
      ).toEqual([]);
      if (!['range', 'search', 'suggest', 'startswith'].includes(name)) {
        expect(
          messages.some((message) => message.startsWith(`${name}() takes `)),
          name,
        ).toBe(true);
      }
    }
  });

  it('refuses a function the table does not know, in a tree built without the parser', () => {
    const compiler = new Compiler({ layout, db, timezone: 'UTC', lang: 'en' });
    const call: Call = {
      kind: 'Call',
      name: 'nope',
      rawName: 'NOPE',
      args: [],
      namedArgs: [],
      distinct: false,
      loc: { start: 0, end: 6 },
    };
    expect(() => compiler.value(call)).toThrow(new OdsqlSemanticError('Unknown function: NOPE().'));
    expect(() => compiler.condition(call)).toThrow(new OdsqlSemanticError('Unknown function: NOPE().'));
  });
});
