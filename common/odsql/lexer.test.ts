import { describe, expect, it } from 'vitest';
import { OdsqlSyntaxError } from './errors';
import { backQuote, intervalUnitOf, needsBackQuotes, tokenize } from './lexer';

/** `kind:text@start` for each token but the end marker. */
function lex(text: string): string[] {
  return tokenize(text)
    .filter((t) => t.kind !== 'eof')
    .map((t) => `${t.kind}:${t.text}@${t.start}`);
}

describe('tokenize', () => {
  it.each<[string, string[]]>([
    ['a = 1', ['name:a@0', 'punct:=@2', 'number:1@4']],
    ['x>=1.50', ['name:x@0', 'punct:>=@1', 'number:1.50@3']],
    [
      'a!=b<c<=d>e:f',
      [
        'name:a@0',
        'punct:!=@1',
        'name:b@3',
        'punct:<@4',
        'name:c@5',
        'punct:<=@6',
        'name:d@8',
        'punct:>@9',
        'name:e@10',
        'punct::@11',
        'name:f@12',
      ],
    ],
    [
      '(a+b-c*d/e)',
      [
        'punct:(@0',
        'name:a@1',
        'punct:+@2',
        'name:b@3',
        'punct:-@4',
        'name:c@5',
        'punct:*@6',
        'name:d@7',
        'punct:/@8',
        'name:e@9',
        'punct:)@10',
      ],
    ],
    ['[1..10]', ['punct:[@0', 'number:1@1', 'punct:..@2', 'number:10@4', 'punct:]@6']],
    ['[1.5..2.5[', ['punct:[@0', 'number:1.5@1', 'punct:..@4', 'number:2.5@6', 'punct:[@9']],
    ['[a..b]', ['punct:[@0', 'name:a@1', 'punct:..@2', 'name:b@4', 'punct:]@5']],
    ['default.modified', ['name:default.modified@0']],
    ['a.b.c_1.2x', ['name:a.b.c_1.2x@0']],
    ['`12` `and` `a\\`b`', ['quoted:`12`@0', 'quoted:`and`@5', 'quoted:`a\\`b`@11']],
    ['1_uai', ['number:1@0', 'name:_uai@1']],
    ['\'a\' "b"', ["string:'a'@0", 'string:"b"@4']],
    [
      "date'2017' DATE\"x\" geom'POINT(1 2)'",
      ["date:date'2017'@0", 'date:DATE"x"@11', "geom:geom'POINT(1 2)'@19"],
    ],
    ["date 'x'", ['name:date@0', "string:'x'@5"]],
    [
      '800m 1.5km 3mi 2yd 4ft 5cm 6mm',
      [
        'distance:800m@0',
        'distance:1.5km@5',
        'distance:3mi@11',
        'distance:2yd@15',
        'distance:4ft@19',
        'distance:5cm@23',
        'distance:6mm@27',
      ],
    ],
    ['800 m', ['number:800@0', 'name:m@4']],
    [
      '800min 1ms 2M 3kmh',
      [
        'number:800@0',
        'name:min@3',
        'number:1@7',
        'name:ms@8',
        'number:2@11',
        'name:M@12',
        'number:3@14',
        'name:kmh@15',
      ],
    ],
    ['5m)', ['distance:5m@0', 'punct:)@2']],
    ['\t\n a \r\n', ['name:a@3']],
  ])('%j', (text, expected) => {
    expect(lex(text)).toEqual(expected);
  });

  it('refuses a dot that is neither part of a name, a number nor `..`', () => {
    expect(() => tokenize('a. b')).toThrow(OdsqlSyntaxError);
    expect(() => tokenize('1.')).toThrow(OdsqlSyntaxError);
  });

  it('decodes quoted values', () => {
    const values = tokenize(
      `'Don\\'t' "a\\"b\\\\c" "\\n\\t\\r\\b\\f\\/" "\\u00e9\\u00" \`a\\\`b\` date'x\\'y'`,
    ).map((t) => ('value' in t ? t.value : null));
    expect(values).toEqual(["Don't", 'a"b\\c', '\n\t\r\b\f/', 'éu00', 'a`b', "x'y", null]);
  });

  it('carries the distance unit and number apart', () => {
    const [t] = tokenize('1.50km');
    expect(t).toMatchObject({ kind: 'distance', raw: '1.50', unit: 'km', start: 0, end: 6 });
  });

  it('ends with an end-of-input token at the clause length', () => {
    expect(tokenize(' a ').at(-1)).toEqual({ kind: 'eof', text: '', start: 3, end: 3 });
  });
});

describe('names', () => {
  it.each([
    ['population', false],
    ['_uai', false],
    ['default.modified', false],
    ['date', false],
    ['now', false],
    ['include', false],
    ['and', true],
    ['AND', true],
    ['count', true],
    ['to', true],
    ['12', true],
    ['1_uai', true],
    ['a b', true],
    ['a-b', true],
    ['a.', true],
    ['.a', true],
    ['a..b', true],
    ['été', true],
    ['', true],
  ])('%j needs back-quotes: %s', (name, expected) => {
    expect(needsBackQuotes(name)).toBe(expected);
  });

  it('escapes back-quotes and backslashes inside back-quotes', () => {
    expect(backQuote('a`b\\c')).toBe('`a\\`b\\\\c`');
  });

  it('reads interval units, one-letter forms case-sensitively', () => {
    expect(intervalUnitOf('m')).toBe('minute');
    expect(intervalUnitOf('M')).toBe('month');
    expect(intervalUnitOf('D')).toBe(null);
    expect(intervalUnitOf('MS')).toBe(null);
    expect(intervalUnitOf('Days')).toBe('day');
    expect(intervalUnitOf('fortnight')).toBe(null);
  });
});
