import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CLAUSE_CHARS, MAX_CLAUSE_TOKENS } from './errors';
import { tokenize } from './lexer';
import { parseGroupBy, parseOrderBy, parseSelect, parseWhere } from './parser';
import { printGroupBy, printOrderBy, printSelect, printWhere } from './printer';
import { groupByArb, orderByArb, selectArb, whereArb } from './property-arbitraries.test-support';
import { withoutLoc } from './without-loc';

// Random trees → print → parse gives the same tree (loc and SelectItem.text aside).

/** Trees whose text exceeds the size guards are refused by design; skip them. */
function withinLimits(text: string): boolean {
  if (text.length > MAX_CLAUSE_CHARS) return false;
  try {
    return tokenize(text).length <= MAX_CLAUSE_TOKENS;
  } catch {
    return false;
  }
}

function roundTrip<T>(
  arb: fc.Arbitrary<T>,
  print: (t: T) => string,
  parse: (s: string) => T,
  numRuns: number,
) {
  fc.assert(
    fc.property(arb, (tree) => {
      const text = print(tree);
      fc.pre(withinLimits(text));
      expect(withoutLoc(parse(text))).toEqual(withoutLoc(tree));
    }),
    { numRuns },
  );
}

describe('property: print then parse gives the tree back', () => {
  it('where', () => roundTrip(whereArb, printWhere, parseWhere, 700));
  it('select', () => roundTrip(selectArb, printSelect, parseSelect, 250));
  it('group_by', () => roundTrip(groupByArb, printGroupBy, parseGroupBy, 200));
  it('order_by', () => roundTrip(orderByArb, printOrderBy, parseOrderBy, 200));
});
