import { describe, expect, it } from 'vitest';
import { MAX_CLAUSE_CHARS, MAX_CLAUSE_TOKENS, MAX_NESTING_DEPTH, OdsqlSyntaxError } from './errors';
import { parseExpression, parseGroupBy, parseOrderBy, parseSelect, parseWhere } from './parser';

function errorOf(parse: (text: string) => unknown, text: string): OdsqlSyntaxError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof OdsqlSyntaxError) return error;
    throw error;
  }
  throw new Error(`parsed without error: ${text}`);
}

const PARSERS = {
  where: parseWhere,
  select: parseSelect,
  group_by: parseGroupBy,
  order_by: parseOrderBy,
  expression: parseExpression,
};

describe('OdsqlSyntaxError', () => {
  // The first two are real ODS messages (ods-api.md §8), the third a real position (§4.1).
  it.each<[keyof typeof PARSERS, string, string, number]>([
    ['where', 'garbage==', '=', 8],
    ['where', 'contains(objet, "espaces verts")', '(', 8],
    ['where', '1_uai = 1', '_uai', 1],
    // `not in` and `not like` are syntax errors at ODS too (ods-api.md §4.2).
    ['where', 'x NOT IN (1)', 'NOT', 2],
    ['where', 'x not like "a"', 'not', 2],
    ['where', 'x == 1', '=', 3],
    ['where', 'x @ 1', '@', 2],
    ['where', 'x ! 1', '!', 2],
    ['where', 'x = 1 😀', '😀', 6],
    ['where', 'x <> 1', '>', 3],
    ['where', 'year = 2020', '=', 5],
    ['where', 'and = 1', 'and', 0],
    ['where', 'x = not y', 'not', 4],
    ['where', 'x IN ()', ')', 6],
    ['where', 'x IN (1,)', ')', 8],
    ['where', 'x IN [1,10]', ',', 7],
    ['where', 'x IN and', 'and', 5],
    ['where', 'x IN 5', '5', 5],
    ['where', 'x IS MAYBE', 'MAYBE', 5],
    ['where', 'x IS NOT TRUE', 'TRUE', 9],
    ['where', '* = 1', '*', 0],
    ['where', 'a, b', ',', 1],
    ['where', 'a b', 'b', 2],
    ['where', '(a = 1', '', 6],
    ['where', 'a = 1)', ')', 5],
    ['where', 'x = 1.', '.', 5],
    ['where', 'x = .5', '.', 4],
    ['where', 'f(x)', '(', 1],
    ['where', 'default.modified(x)', '(', 16],
    ['where', '`count`(x)', '(', 7],
    ['where', 'sum(distinct x) > 1', 'distinct', 4],
    ['where', 'count(distinct) > 1', ')', 14],
    ['where', 'now(days=1, 5) < d', '5', 12],
    ['where', 'x = +5', '+', 4],
    ['where', "x = date '2020'", "'2020'", 9],
    ['where', 'x = 12abc', 'abc', 6],
    ['where', 'x = 800 m', 'm', 8],
    ['select', '* as x', 'as', 2],
    ['select', 'include()', ')', 8],
    ['select', 'include(a b)', 'b', 10],
    ['select', 'a AS and', 'and', 5],
    ['select', 'a AS', '', 4],
    ['select', 'a,', '', 2],
    ['select', 'a,,b', ',', 2],
    ['select', 'include(a) AS b', 'AS', 11],
    ['group_by', 'range(d, 1 D)', 'D', 11],
    ['group_by', 'range(d, 1 days days)', 'days', 16],
    ['order_by', 'x DESC DESC', 'DESC', 7],
    ['order_by', 'x AS y', 'AS', 2],
    ['expression', '', '', 0],
    ['expression', '   ', '', 3],
  ])('%s %j fails at %j, position %d', (clause, text, token, position) => {
    const error = errorOf(PARSERS[clause], text);
    expect({ token: error.token, position: error.position, reason: error.reason }).toEqual({
      token,
      position,
      reason: 'unexpected',
    });
    const what = token === '' ? 'end of input' : token;
    expect(error.message).toBe(
      `ODSQL syntax exception: unexpected ${what} at position ${position} in ${text}`,
    );
  });

  it('words the two real ODS examples exactly', () => {
    expect(errorOf(parseWhere, 'garbage==').message).toBe(
      'ODSQL syntax exception: unexpected = at position 8 in garbage==',
    );
    expect(errorOf(parseWhere, 'contains(objet, "espaces verts")').message).toBe(
      'ODSQL syntax exception: unexpected ( at position 8 in contains(objet, "espaces verts")',
    );
  });

  it.each([
    ['x = "abc', 8],
    ["x = 'abc\\'", 10],
    ['`abc = 1', 8],
    ["x = date'2020", 13],
    ["intersects(f, geom'POINT(1 2)", 29],
    ['x = "abc\\', 9],
  ])('reports an unterminated quote in %j as the end of input', (text, position) => {
    const error = errorOf(parseWhere, text);
    expect(error.message).toBe(
      `ODSQL syntax exception: unexpected end of input at position ${position} in ${text}`,
    );
    expect(error.token).toBe('');
  });

  it('is an Error with a name, the clause and what was expected', () => {
    const error = errorOf(parseWhere, 'x IN ()');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('OdsqlSyntaxError');
    expect(error.clause).toBe('x IN ()');
    expect(errorOf(parseWhere, '(a').expected).toBe("')'");
  });
});

describe('size guards', () => {
  it('refuses a clause over the character limit without echoing it', () => {
    const text = `x = "${'a'.repeat(MAX_CLAUSE_CHARS)}"`;
    const error = errorOf(parseWhere, text);
    expect(error.reason).toBe('too-long');
    expect(error.position).toBe(MAX_CLAUSE_CHARS);
    expect(error.message).toBe(
      `ODSQL syntax exception: clause too long: ${text.length} characters, at most ${MAX_CLAUSE_CHARS} are allowed`,
    );
  });

  it('accepts a clause exactly at the character limit', () => {
    const text = `x = "${'a'.repeat(MAX_CLAUSE_CHARS - 6)}"`;
    expect(text.length).toBe(MAX_CLAUSE_CHARS);
    expect(parseWhere(text).condition.kind).toBe('Comparison');
  });

  it('refuses more tokens than the limit, at the first token over it', () => {
    // `a OR a OR …` with 1000 names is 1999 tokens; a leading minus makes it exactly the limit.
    const names = Array.from({ length: MAX_CLAUSE_TOKENS / 2 }, () => 'a').join(' OR ');
    expect(parseWhere(`-${names}`).condition.kind).toBe('Or');
    const text = `${names} OR b`;
    const error = errorOf(parseWhere, text);
    expect(error.reason).toBe('too-many-tokens');
    expect(error.token).toBe('b');
    expect(error.position).toBe(text.length - 1);
    expect(error.message).toBe(
      `ODSQL syntax exception: too many tokens (more than ${MAX_CLAUSE_TOKENS}) at position ${text.length - 1} in ${text}`,
    );
  });

  it.each([
    ['parentheses', (n: number) => `${'('.repeat(n)}a${')'.repeat(n)}`, '(', (n: number) => n - 1],
    ['NOT', (n: number) => `${'NOT '.repeat(n)}a`, 'NOT', (n: number) => 4 * (n - 1)],
    ['unary minus', (n: number) => `${'-'.repeat(n)}a`, '-', (n: number) => n - 1],
    ['calls', (n: number) => `${'lower('.repeat(n)}a${')'.repeat(n)}`, '(', (n: number) => 6 * n - 1],
    ['an IN list', (n: number) => `x IN (${'('.repeat(n - 1)}a${')'.repeat(n)}`, '(', (n: number) => n + 4],
    [
      'ranges',
      (n: number) => `x IN [${'('.repeat(n - 1)}a${')'.repeat(n - 1)}..b]`,
      '(',
      (n: number) => n + 4,
    ],
  ])('refuses %s nested deeper than the limit', (_name, make, token, position) => {
    expect(() => parseWhere(make(MAX_NESTING_DEPTH))).not.toThrow();
    const n = MAX_NESTING_DEPTH + 1;
    const error = errorOf(parseWhere, make(n));
    expect(error.reason).toBe('too-deep');
    expect(error.token).toBe(token);
    expect(error.position).toBe(position(n));
    expect(error.message).toBe(
      `ODSQL syntax exception: nesting deeper than ${MAX_NESTING_DEPTH} levels at position ${position(n)} in ${make(n)}`,
    );
  });

  it('never overflows the stack, whatever the nesting', () => {
    const deep = [
      '('.repeat(1999),
      '-'.repeat(1999),
      'NOT '.repeat(1999),
      'lower('.repeat(999),
      `x IN [${'('.repeat(1990)}`,
    ];
    const huge = ['('.repeat(9999), 'NOT '.repeat(2400)];
    for (const text of deep) {
      for (const parse of Object.values(PARSERS)) {
        expect(errorOf(parse, text).reason).toBe('too-deep');
      }
    }
    for (const text of huge) {
      for (const parse of Object.values(PARSERS)) {
        expect(errorOf(parse, text).reason).toBe('too-many-tokens');
      }
    }
  });
});
