import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Expr, NO_LOC } from './ast';
import { MAX_CLAUSE_CHARS, OdsqlSyntaxError } from './errors';
import { parseExpression, parseGroupBy, parseOrderBy, parseSelect, parseWhere } from './parser';
import { printGroupBy, printOrderBy, printSelect, printWhere } from './printer';
import { whereArb } from './property-arbitraries.test-support';
import { withoutLoc } from './without-loc';

// Any text: every parse function either returns a tree or throws OdsqlSyntaxError, quickly.
// When it returns a tree, printing and parsing that tree gives it back.

const FRAGMENTS = [
  'a',
  'x',
  'population',
  'default.modified',
  '`and`',
  '`a\\`b`',
  '"s"',
  "'t'",
  '"',
  "'",
  '`',
  '\\',
  '1',
  '1.5',
  '-',
  '800m',
  '1 day',
  '3 M',
  "date'2020'",
  "geom'POINT(1 2)'",
  'date',
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  ':',
  '+',
  '*',
  '/',
  '(',
  ')',
  '[',
  ']',
  ',',
  '..',
  '.',
  'AND',
  'or',
  'NOT',
  'not(',
  'IN',
  'LIKE',
  'IS',
  'NULL',
  'TRUE',
  'false',
  'TO',
  'AS',
  'ASC',
  'DESC',
  'DISTINCT',
  'count',
  'count(',
  'search(',
  'range(',
  'now(',
  'days=',
  'include(',
  'exclude(',
  'geo_cluster(',
  'contains(',
  'year',
  'm',
  '😀',
];

const fragmentText = fc
  .array(fc.tuple(fc.constantFrom(...FRAGMENTS), fc.constantFrom('', ' ')), { maxLength: 14 })
  .map((parts) => parts.map(([fragment, space]) => fragment + space).join(''));

/** A valid clause with a cut, a deletion or an insertion: errors near well-formed text. */
const damagedText = fc
  .tuple(
    whereArb.map(printWhere),
    fc.nat(),
    fc.nat(),
    fc.constantFrom(...FRAGMENTS),
    fc.constantFrom('cut', 'delete', 'insert'),
  )
  .map(([text, i, j, fragment, how]) => {
    const at = i % (text.length + 1);
    if (how === 'cut') return text.slice(0, at);
    if (how === 'delete') return text.slice(0, at) + text.slice(at + 1 + (j % 3));
    return text.slice(0, at) + fragment + text.slice(at);
  });

const PARSERS: [string, (text: string) => unknown, (tree: never) => string][] = [
  ['where', parseWhere, printWhere],
  ['expression', parseExpression, (e: Expr) => printWhere({ kind: 'Where', condition: e, loc: NO_LOC })],
  ['select', parseSelect, printSelect],
  ['group_by', parseGroupBy, printGroupBy],
  ['order_by', parseOrderBy, printOrderBy],
];

/**
 * "A few ms" per parse, plus 10 µs a character: the damaged clauses come from random trees and
 * reach 10 KB, and a parse is linear in its text (microseconds a character), so a bound that grows
 * with the text still catches any blow-up (backtracking, quadratic scans) while a test worker that
 * shares the cores with others does not fail a long but linear parse.
 */
const FEW_MS = 5;
const maxMsPerParse = (text: string) => FEW_MS + text.length * 0.01;

/**
 * How long one parse takes, robust to pauses that are not the parser's (GC, other processes on a
 * shared machine): a slow first measurement is retried, and the fastest of three counts.
 */
function parseTime(parse: (text: string) => unknown, text: string, limit: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 3 && best >= limit; attempt += 1) {
    const started = performance.now();
    try {
      parse(text);
    } catch {
      // Only the time matters here; the outcome is checked by the caller.
    }
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('property: any text parses or fails with OdsqlSyntaxError, in a few ms', () => {
  it.each([
    ['fc.string', fc.string({ maxLength: 40 }), 500, false],
    ['unicode (binary) strings', fc.string({ unit: 'binary', maxLength: 40 }), 500, false],
    ['grapheme strings', fc.string({ unit: 'grapheme', maxLength: 20 }), 300, false],
    ['ODSQL fragments', fragmentText, 1500, true],
    ['damaged valid clauses', damagedText, 300, true],
  ] as const)('%s', (_name, arb, numRuns, someParse) => {
    let parsed = 0;
    fc.assert(
      fc.property(arb, (text) => {
        for (const [, parse, print] of PARSERS) {
          const limit = maxMsPerParse(text);
          expect(parseTime(parse, text, limit)).toBeLessThan(limit);
          let tree: unknown;
          try {
            tree = parse(text);
          } catch (error) {
            if (!(error instanceof OdsqlSyntaxError)) throw error;
            expect(error.position).toBeGreaterThanOrEqual(0);
            expect(error.position).toBeLessThanOrEqual(text.length);
            continue;
          }
          parsed += 1;
          const printed = print(tree as never);
          expect(withoutLoc(parse(printed))).toEqual(withoutLoc(tree));
        }
      }),
      { numRuns },
    );
    // Random text rarely parses; the fragments and damaged clauses must sometimes, or they test little.
    if (someParse) expect(parsed).toBeGreaterThan(0);
  });

  it('stays fast on the largest clauses the guards allow', () => {
    const inputs = [
      Array.from({ length: 666 }, (_, i) => `a${i} = ${i}`).join(' OR '),
      `x IN (${Array.from({ length: 999 }, (_, i) => i).join(',')})`,
      `"${'x'.repeat(MAX_CLAUSE_CHARS - 2)}"`,
      `${'('.repeat(100)}a${')'.repeat(100)}`,
      'a'.repeat(MAX_CLAUSE_CHARS + 1),
      `x = "${'\\n'.repeat(MAX_CLAUSE_CHARS / 2 - 4)}"`,
    ];
    for (const text of inputs) {
      expect(text.length).toBeLessThanOrEqual(MAX_CLAUSE_CHARS + 1);
      for (const [, parse] of PARSERS) {
        expect(parseTime(parse, text, 4 * FEW_MS)).toBeLessThan(4 * FEW_MS);
      }
    }
  });
});
