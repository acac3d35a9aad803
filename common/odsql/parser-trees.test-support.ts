/**
 * Expected trees for the parser tests (parser-where.test.ts, parser-clauses.test.ts): the nodes the
 * builders (build.ts) do not make, or would rewrite (they add Paren where needed), spelled out with
 * loc: NO_LOC. The tests compare without loc.
 */

import type { Expr, FieldRef, IntervalUnit, SelectItem } from './ast';
import { NO_LOC } from './ast';

export const qfield = (name: string): FieldRef => ({ kind: 'Field', name, quoted: true, loc: NO_LOC });
export const paren = (inner: Expr): Expr => ({ kind: 'Paren', inner, loc: NO_LOC });
export const negNum = (raw: string): Expr => ({ kind: 'Number', value: Number(raw), raw, loc: NO_LOC });
export const star: Expr = { kind: 'Star', loc: NO_LOC };
export const distance = (raw: string, unit: 'm' | 'km' | 'mi' | 'yd' | 'ft' | 'cm' | 'mm'): Expr => ({
  kind: 'Distance',
  value: Number(raw),
  raw,
  unit,
  loc: NO_LOC,
});
export const interval = (value: number, unit: IntervalUnit, rawUnit: string): Expr => ({
  kind: 'Interval',
  value,
  unit,
  rawUnit,
  loc: NO_LOC,
});
export const arith = (op: '+' | '-' | '*' | '/', left: Expr, right: Expr): Expr => ({
  kind: 'Arithmetic',
  op,
  left,
  right,
  loc: NO_LOC,
});
export const range = (
  left: Expr,
  low: Expr,
  high: Expr,
  lowInclusive: boolean,
  highInclusive: boolean,
  separator: '..' | 'TO' = '..',
): Expr => ({ kind: 'InRange', left, low, high, lowInclusive, highInclusive, separator, loc: NO_LOC });
export const fn = (
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
export const item = (expr: Expr, alias: string | null = null): SelectItem => ({
  kind: 'SelectItem',
  expr,
  alias,
  text: '',
  loc: NO_LOC,
});
