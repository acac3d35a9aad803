/**
 * The ODSQL parser (ods-api.md §4): a hand-written recursive descent over the lexer's tokens, one
 * `parseX` per production with the production in its doc comment. Precedence comes from the call
 * chain: or → and → not → predicate → additive → multiplicative → unary → primary.
 *
 * Every failure is an OdsqlSyntaxError in ODS's wording (errors.ts); nothing else is thrown, however
 * odd the input. The work is bounded: the lexer caps characters and tokens, and `enter` caps nesting,
 * so a hostile clause cannot overflow the stack.
 *
 * Choices the docs leave open, made here:
 * - A string literal is full-text search (a FullText node) only in a where clause, and only in a
 *   condition position: the whole clause, an operand of AND/OR/NOT, or parentheses in one of those.
 *   Inside function arguments, IN lists and ranges, and as a comparison operand it stays a String.
 * - A minus directly before a number literal (spaces allowed) makes a negative NumberLiteral whose
 *   `raw` starts with `-`; before anything else it makes a Negate.
 * - `field:[1..10]` (legacy colon before a range) parses as the InRange it means, and `*` is
 *   accepted as an open range bound (`[* TO 10]`), as the compiler supports.
 * - The mode of `geometry(f, geom'…', INTERSECTS)` parses as a FieldRef named as written; the
 *   compiler compares it case-insensitively.
 * - Named arguments (`now(days=-1)`, `geo_cluster(f, 5, radius=40)`) come after positional ones,
 *   and their names are lower-cased like function names.
 * - Arity and argument types are not checked here: that is a semantic error (`ODSQLError`), which
 *   the server reports with the schema at hand.
 */

import type {
  ComparisonOp,
  Expr,
  FieldRef,
  GroupByClause,
  IntervalLiteral,
  Loc,
  NamedArg,
  OrderByClause,
  OrderItem,
  SelectClause,
  SelectFieldPattern,
  SelectItem,
  WhereClause,
} from './ast';
import { MAX_NESTING_DEPTH, OdsqlSyntaxError, unexpected } from './errors';
import { intervalUnitOf, isReservedWord, type Punct, type Token, tokenize } from './lexer';
import { KNOWN_FUNCTIONS } from './vocabulary';

/** The only functions that take `name=value` arguments (ods-api.md §4.4, §4.6). */
const NAMED_ARG_FUNCTIONS = new Set<string>(['now', 'geo_cluster']);

const COMPARISON_OPS = new Set<string>(['=', '!=', '<', '<=', '>', '>=', ':']);

interface Parser {
  readonly text: string;
  readonly tokens: readonly Token[];
  pos: number;
  depth: number;
  /** Whether a string in a condition position is full-text search: where clauses, outside arguments. */
  fullText: boolean;
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** WhereClause := OrExpr EOF */
export function parseWhere(text: string): WhereClause {
  const p = createParser(text, true);
  const condition = toCondition(parseOr(p));
  expectEnd(p);
  return { kind: 'Where', condition, loc: clauseLoc(p) };
}

/** Expression := OrExpr EOF, read as a where condition (a bare string is full-text search). */
export function parseExpression(text: string): Expr {
  const p = createParser(text, true);
  const expr = toCondition(parseOr(p));
  expectEnd(p);
  return expr;
}

/** SelectClause := SelectItem ( ',' SelectItem )* EOF */
export function parseSelect(text: string): SelectClause {
  const p = createParser(text, false);
  const items: (SelectItem | SelectFieldPattern)[] = [];
  do {
    items.push(parseSelectItem(p));
  } while (eat(p, ','));
  expectEnd(p);
  return { kind: 'Select', items, loc: clauseLoc(p) };
}

/** GroupByClause := AliasedExpr ( ',' AliasedExpr )* EOF */
export function parseGroupBy(text: string): GroupByClause {
  const p = createParser(text, false);
  const items: SelectItem[] = [];
  do {
    items.push(parseAliasedExpr(p));
  } while (eat(p, ','));
  expectEnd(p);
  return { kind: 'GroupBy', items, loc: clauseLoc(p) };
}

/** OrderByClause := OrderItem ( ',' OrderItem )* EOF */
export function parseOrderBy(text: string): OrderByClause {
  const p = createParser(text, false);
  const items: OrderItem[] = [];
  do {
    items.push(parseOrderItem(p));
  } while (eat(p, ','));
  expectEnd(p);
  return { kind: 'OrderBy', items, loc: clauseLoc(p) };
}

// ---------------------------------------------------------------------------------------------
// Clause items

/**
 * SelectItem := '*'
 *             | ( INCLUDE | EXCLUDE ) '(' Pattern ( ',' Pattern )* ')'
 *             | AliasedExpr
 */
function parseSelectItem(p: Parser): SelectItem | SelectFieldPattern {
  const t = peek(p);
  if (isPunct(t, '*')) {
    // `*` takes no alias and no operator: whatever follows it is the error.
    if (!isItemEnd(peek(p, 1))) fail(p, peek(p, 1), "',' or end of input");
    advance(p);
    const loc = { start: t.start, end: t.end };
    return { kind: 'SelectItem', expr: { kind: 'Star', loc }, alias: null, text: '*', loc };
  }
  if (t.kind === 'name' && isPunct(peek(p, 1), '(')) {
    const word = t.text.toLowerCase();
    if (word === 'include' || word === 'exclude') return parseFieldPatterns(p, word);
  }
  return parseAliasedExpr(p);
}

/** FieldPatterns := ( INCLUDE | EXCLUDE ) '(' Pattern ( ',' Pattern )* ')' */
function parseFieldPatterns(p: Parser, word: 'include' | 'exclude'): SelectFieldPattern {
  const keyword = advance(p);
  const open = advance(p);
  enter(p, open);
  const patterns: string[] = [];
  do {
    patterns.push(parsePattern(p));
  } while (eat(p, ','));
  const close = expectPunct(p, ')');
  leave(p);
  return {
    kind: word === 'include' ? 'SelectInclude' : 'SelectExclude',
    patterns,
    loc: { start: keyword.start, end: close.end },
  };
}

/**
 * Pattern := ( Name | QuotedName | Number | '*' )+ with no space between the parts, e.g. `pop*`,
 * `` `2019`* ``. `*` is a wildcard; a number part lets `2019*` through without back-quotes.
 */
function parsePattern(p: Parser): string {
  let pattern = '';
  let end = -1;
  for (;;) {
    const t = peek(p);
    if (end !== -1 && t.start !== end) break;
    const piece = patternPiece(t);
    if (piece === null) break;
    pattern += piece;
    end = t.end;
    advance(p);
  }
  if (end === -1) fail(p, peek(p), 'a field name pattern');
  return pattern;
}

function patternPiece(t: Token): string | null {
  switch (t.kind) {
    case 'name':
    case 'number':
    case 'distance':
      return t.text;
    case 'quoted':
      return t.value;
    case 'punct':
      return t.text === '*' ? '*' : null;
    default:
      return null;
  }
}

/** AliasedExpr := OrExpr [ AS Alias ]; `text` is the expression as written (ODS's output key). */
function parseAliasedExpr(p: Parser): SelectItem {
  const first = peek(p);
  const expr = parseOr(p);
  const exprEnd = prevEnd(p);
  let alias: string | null = null;
  if (isKeyword(peek(p), 'as')) {
    advance(p);
    alias = parseAlias(p);
  }
  return {
    kind: 'SelectItem',
    expr,
    alias,
    text: p.text.slice(first.start, exprEnd),
    loc: { start: first.start, end: prevEnd(p) },
  };
}

/** Alias := Name | QuotedName (a reserved word needs back-quotes, as for fields) */
function parseAlias(p: Parser): string {
  const t = peek(p);
  if (t.kind === 'quoted') {
    advance(p);
    return t.value;
  }
  if (t.kind === 'name' && !isReservedWord(t.text)) {
    advance(p);
    return t.text;
  }
  return fail(p, t, 'an alias');
}

/** OrderItem := OrExpr [ ASC | DESC ] */
function parseOrderItem(p: Parser): OrderItem {
  const expr = parseOr(p);
  const t = peek(p);
  let direction: OrderItem['direction'] = null;
  if (isKeyword(t, 'asc') || isKeyword(t, 'desc')) {
    advance(p);
    direction = t.text.toUpperCase() as 'ASC' | 'DESC';
  }
  return { kind: 'OrderItem', expr, direction, loc: { start: expr.loc.start, end: prevEnd(p) } };
}

// ---------------------------------------------------------------------------------------------
// Boolean expressions

/** OrExpr := AndExpr ( OR AndExpr )* */
function parseOr(p: Parser): Expr {
  let left = parseAnd(p);
  while (isKeyword(peek(p), 'or')) {
    advance(p);
    const right = parseAnd(p);
    left = { kind: 'Or', left: condition(p, left), right: condition(p, right), loc: span(left, right) };
  }
  return left;
}

/** AndExpr := NotExpr ( AND NotExpr )* */
function parseAnd(p: Parser): Expr {
  let left = parseNot(p);
  while (isKeyword(peek(p), 'and')) {
    advance(p);
    const right = parseNot(p);
    left = { kind: 'And', left: condition(p, left), right: condition(p, right), loc: span(left, right) };
  }
  return left;
}

/** NotExpr := NOT NotExpr | Predicate. `not(x)` is NOT over a parenthesized primary. */
function parseNot(p: Parser): Expr {
  const t = peek(p);
  if (!isKeyword(t, 'not')) return parsePredicate(p);
  advance(p);
  enter(p, t);
  const operand = parseNot(p);
  leave(p);
  return { kind: 'Not', operand: condition(p, operand), loc: { start: t.start, end: operand.loc.end } };
}

/**
 * Predicate := Additive [ CompOp Additive
 *                       | ':' Range
 *                       | LIKE Additive
 *                       | IN InTail
 *                       | IS [ NOT ] NULL
 *                       | IS ( TRUE | FALSE ) ]
 * CompOp    := '=' | '!=' | '<' | '<=' | '>' | '>=' | ':'
 *
 * One operator at most: `a = b = c` stops at the second `=`, which is ODS's `garbage==` error.
 */
function parsePredicate(p: Parser): Expr {
  const left = parseAdditive(p);
  const t = peek(p);
  if (t.kind === 'punct' && COMPARISON_OPS.has(t.text)) {
    advance(p);
    if (t.text === ':' && isRangeOpen(peek(p))) return parseRange(p, left);
    const right = parseAdditive(p);
    return { kind: 'Comparison', op: t.text as ComparisonOp, left, right, loc: span(left, right) };
  }
  if (isKeyword(t, 'like')) {
    advance(p);
    const pattern = parseAdditive(p);
    return { kind: 'Like', left, pattern, loc: span(left, pattern) };
  }
  if (isKeyword(t, 'in')) {
    advance(p);
    return parseInTail(p, left);
  }
  if (isKeyword(t, 'is')) {
    advance(p);
    return parseIsTail(p, left);
  }
  return left;
}

/**
 * InTail := '(' Additive ( ',' Additive )* ')'   list
 *         | Range
 *         | Field                                 value IN multivalued_field
 */
function parseInTail(p: Parser, left: Expr): Expr {
  const t = peek(p);
  if (isPunct(t, '(')) {
    advance(p);
    enter(p, t);
    const items = withoutFullText(p, () => {
      const list: Expr[] = [];
      do {
        list.push(parseAdditive(p));
      } while (eat(p, ','));
      return list;
    });
    const close = expectPunct(p, ')');
    leave(p);
    return { kind: 'InList', left, items, loc: { start: left.loc.start, end: close.end } };
  }
  if (isRangeOpen(t)) return parseRange(p, left);
  if (t.kind === 'quoted' || (t.kind === 'name' && !isReservedWord(t.text))) {
    const field = parseField(p);
    return { kind: 'InField', value: left, field, loc: span(left, field) };
  }
  return fail(p, t, 'a list, a range or a field');
}

/**
 * Range := ( '[' | ']' ) Bound ( '..' | TO ) Bound ( ']' | '[' )
 * A bracket facing the values includes the bound: `[1..10[` includes 1 and excludes 10.
 */
function parseRange(p: Parser, left: Expr): Expr {
  const open = advance(p);
  enter(p, open);
  const { low, separator, high } = withoutFullText(p, () => {
    const lowBound = parseBound(p, (t) => isPunct(t, '..') || isKeyword(t, 'to'));
    const sep = peek(p);
    let sepText: '..' | 'TO';
    if (isPunct(sep, '..')) sepText = '..';
    else if (isKeyword(sep, 'to')) sepText = 'TO';
    else return fail(p, sep, "'..' or TO");
    advance(p);
    return { low: lowBound, separator: sepText, high: parseBound(p, isRangeClose) };
  });
  const close = peek(p);
  if (!isRangeClose(close)) fail(p, close, "']' or '['");
  advance(p);
  leave(p);
  return {
    kind: 'InRange',
    left,
    low,
    high,
    lowInclusive: open.text === '[',
    highInclusive: close.text === ']',
    separator,
    loc: { start: left.loc.start, end: close.end },
  };
}

/** Bound := '*' | Additive. `*` leaves that side open: `[* TO 10]`. */
function parseBound(p: Parser, isFollower: (t: Token) => boolean): Expr {
  const t = peek(p);
  if (isPunct(t, '*') && isFollower(peek(p, 1))) {
    advance(p);
    return { kind: 'Star', loc: { start: t.start, end: t.end } };
  }
  return parseAdditive(p);
}

/** IsTail := NOT NULL | NULL | TRUE | FALSE   (after IS) */
function parseIsTail(p: Parser, operand: Expr): Expr {
  const t = advance(p);
  if (isKeyword(t, 'not')) {
    const n = advance(p);
    if (!isKeyword(n, 'null')) return fail(p, n, 'NULL');
    return { kind: 'IsNull', operand, negated: true, loc: { start: operand.loc.start, end: n.end } };
  }
  if (isKeyword(t, 'null')) {
    return { kind: 'IsNull', operand, negated: false, loc: { start: operand.loc.start, end: t.end } };
  }
  if (isKeyword(t, 'true') || isKeyword(t, 'false')) {
    return {
      kind: 'IsBoolean',
      operand,
      value: isKeyword(t, 'true'),
      loc: { start: operand.loc.start, end: t.end },
    };
  }
  return fail(p, t, 'NULL, NOT NULL, TRUE or FALSE');
}

// ---------------------------------------------------------------------------------------------
// Value expressions

/** Additive := Multiplicative ( ( '+' | '-' ) Multiplicative )* */
function parseAdditive(p: Parser): Expr {
  let left = parseMultiplicative(p);
  for (;;) {
    const t = peek(p);
    if (!isPunct(t, '+') && !isPunct(t, '-')) return left;
    advance(p);
    const right = parseMultiplicative(p);
    left = { kind: 'Arithmetic', op: t.text as '+' | '-', left, right, loc: span(left, right) };
  }
}

/** Multiplicative := Unary ( ( '*' | '/' ) Unary )* */
function parseMultiplicative(p: Parser): Expr {
  let left = parseUnary(p);
  for (;;) {
    const t = peek(p);
    if (!isPunct(t, '*') && !isPunct(t, '/')) return left;
    advance(p);
    const right = parseUnary(p);
    left = { kind: 'Arithmetic', op: t.text as '*' | '/', left, right, loc: span(left, right) };
  }
}

/** Unary := '-' Number | '-' Unary | Primary */
function parseUnary(p: Parser): Expr {
  const t = peek(p);
  if (!isPunct(t, '-')) return parsePrimary(p);
  advance(p);
  const n = peek(p);
  if (n.kind === 'number') {
    advance(p);
    return { kind: 'Number', value: -Number(n.text), raw: `-${n.text}`, loc: { start: t.start, end: n.end } };
  }
  enter(p, t);
  const operand = parseUnary(p);
  leave(p);
  return { kind: 'Negate', operand, loc: { start: t.start, end: operand.loc.end } };
}

/**
 * Primary := Number | Distance | String | Date | Geom | TRUE | FALSE | NULL
 *          | Field | Call | '(' OrExpr ')'
 */
function parsePrimary(p: Parser): Expr {
  const t = peek(p);
  const loc = { start: t.start, end: t.end };
  switch (t.kind) {
    case 'number':
      advance(p);
      return { kind: 'Number', value: Number(t.text), raw: t.text, loc };
    case 'distance':
      advance(p);
      return { kind: 'Distance', value: Number(t.raw), raw: t.raw, unit: t.unit, loc };
    case 'string':
      advance(p);
      return { kind: 'String', value: t.value, loc };
    case 'date':
      advance(p);
      return { kind: 'Date', value: t.value, loc };
    case 'geom':
      advance(p);
      return { kind: 'Geom', value: t.value, loc };
    case 'quoted':
      return parseField(p);
    case 'name':
      return parseWord(p, t);
    case 'punct':
      if (t.text === '(') return parseParen(p);
      return fail(p, t, 'a value');
    case 'eof':
      return fail(p, t, 'a value');
    default: {
      const unreachable: never = t;
      return unreachable;
    }
  }
}

/** Paren := '(' OrExpr ')' */
function parseParen(p: Parser): Expr {
  const open = advance(p);
  enter(p, open);
  const inner = parseOr(p);
  const close = expectPunct(p, ')');
  leave(p);
  return { kind: 'Paren', inner, loc: { start: open.start, end: close.end } };
}

/**
 * Word := TRUE | FALSE | NULL | Call | Field, decided by the word and whether `(` follows.
 * An unknown name before `(` is refused at the parenthesis, as ODS does:
 * `unexpected ( at position 8 in contains(objet, "espaces verts")`.
 */
function parseWord(p: Parser, t: Token & { kind: 'name' }): Expr {
  const word = t.text.toLowerCase();
  const loc = { start: t.start, end: t.end };
  if (word === 'true' || word === 'false') {
    advance(p);
    return { kind: 'Boolean', value: word === 'true', loc };
  }
  if (word === 'null') {
    advance(p);
    return { kind: 'Null', loc };
  }
  const after = peek(p, 1);
  if (KNOWN_FUNCTIONS.has(word) && isPunct(after, '(')) return parseCall(p);
  if (isReservedWord(word)) {
    // `year = 2020`: the word can only start a call here, so what is wrong is the token after it.
    if (KNOWN_FUNCTIONS.has(word)) return fail(p, after, "'('");
    return fail(p, t, 'a value');
  }
  if (isPunct(after, '(')) return fail(p, after, 'a known function name before it');
  return parseField(p);
}

/** Field := Name | QuotedName (a reserved word is a field only in back-quotes) */
function parseField(p: Parser): FieldRef {
  const t = advance(p);
  const loc = { start: t.start, end: t.end };
  if (t.kind === 'quoted') return { kind: 'Field', name: t.value, quoted: true, loc };
  if (t.kind === 'name') return { kind: 'Field', name: t.text, quoted: false, loc };
  return fail(p, t, 'a field');
}

/**
 * Call     := Name '(' [ Argument ( ',' Argument )* ] ')'
 * Argument := '*'                      before ',' or ')': count(*), search(*, "x"), range(f, *, 10, *)
 *           | Name '=' Additive         now and geo_cluster only, after the positional arguments
 *           | Number IntervalUnit       range only, after the first argument: range(d, 1 day)
 *           | RangeBounds              range only, as its second argument: range(f, ]10, 50[)
 *           | [ DISTINCT ] OrExpr       DISTINCT on the first argument of count only
 */
function parseCall(p: Parser): Expr {
  const nameToken = advance(p);
  const open = advance(p);
  enter(p, open);
  const name = nameToken.text.toLowerCase();
  const args: Expr[] = [];
  const namedArgs: NamedArg[] = [];
  let distinct = false;
  const saved = p.fullText;
  p.fullText = false;
  if (!isPunct(peek(p), ')')) {
    do {
      const t = peek(p);
      if (name === 'count' && args.length === 0 && isKeyword(t, 'distinct')) {
        advance(p);
        distinct = true;
      } else if (NAMED_ARG_FUNCTIONS.has(name) && t.kind === 'name' && isPunct(peek(p, 1), '=')) {
        namedArgs.push(parseNamedArg(p));
        continue;
      }
      if (namedArgs.length > 0) fail(p, peek(p), 'a named argument');
      if (name === 'range' && args.length === 1 && isRangeOpen(t)) {
        args.push(...parseRangeBounds(p));
        continue;
      }
      args.push(parseArgument(p, name, args.length));
    } while (eat(p, ','));
  }
  const close = expectPunct(p, ')');
  p.fullText = saved;
  leave(p);
  return {
    kind: 'Call',
    name,
    rawName: nameToken.text,
    args,
    namedArgs,
    distinct,
    loc: { start: nameToken.start, end: close.end },
  };
}

/** NamedArg := Name '=' Additive */
function parseNamedArg(p: Parser): NamedArg {
  const nameToken = advance(p);
  advance(p);
  const value = parseAdditive(p);
  return { name: nameToken.text.toLowerCase(), value, loc: { start: nameToken.start, end: value.loc.end } };
}

/** Argument := '*' | Interval | OrExpr (positional; see Call for which forms are allowed where) */
function parseArgument(p: Parser, fn: string, index: number): Expr {
  const t = peek(p);
  if (isPunct(t, '*') && isArgEnd(peek(p, 1))) {
    advance(p);
    return { kind: 'Star', loc: { start: t.start, end: t.end } };
  }
  if (fn === 'range' && index > 0) {
    const interval = parseInterval(p);
    if (interval !== null) return interval;
  }
  return parseOr(p);
}

/**
 * RangeBounds := ( '[' | ']' ) Additive ( ',' Additive )* ( ']' | '[' )
 * v2.0's bracketed bounds, `range(f, ]10, 50, 100[)`: a bracket turned outwards opens that end,
 * so this reads as v2.1's `range(f, *, 10, 50, 100, *)`, and `[10, 50]` as `range(f, 10, 50)`.
 */
function parseRangeBounds(p: Parser): Expr[] {
  const open = advance(p);
  const star = (t: Token): Expr => ({ kind: 'Star', loc: { start: t.start, end: t.end } });
  const bounds: Expr[] = open.text === ']' ? [star(open)] : [];
  do bounds.push(parseAdditive(p));
  while (eat(p, ','));
  const close = advance(p);
  if (!isRangeClose(close)) fail(p, close, "']' or '['");
  if (close.text === '[') bounds.push(star(close));
  return bounds;
}

/**
 * Interval := Number IntervalUnit, e.g. `1 day`, `3 hours`, `1 M`. `1m` lexes as a distance (metres),
 * but as a range step it can only mean one minute, so it is read that way.
 */
function parseInterval(p: Parser): IntervalLiteral | null {
  const t = peek(p);
  const u = peek(p, 1);
  if (t.kind === 'number' && u.kind === 'name') {
    const unit = intervalUnitOf(u.text);
    if (unit === null) return null;
    advance(p);
    advance(p);
    return {
      kind: 'Interval',
      value: Number(t.text),
      unit,
      rawUnit: u.text,
      loc: { start: t.start, end: u.end },
    };
  }
  if (t.kind === 'distance' && t.unit === 'm' && isArgEnd(u)) {
    advance(p);
    return {
      kind: 'Interval',
      value: Number(t.raw),
      unit: 'minute',
      rawUnit: 'm',
      loc: { start: t.start, end: t.end },
    };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Full-text conditions

function condition(p: Parser, e: Expr): Expr {
  return p.fullText ? toCondition(e) : e;
}

/** A string (possibly in parentheses) standing as a condition is full-text search. */
function toCondition(e: Expr): Expr {
  if (e.kind === 'String') return { kind: 'FullText', text: e.value, loc: e.loc };
  if (e.kind === 'Paren') {
    const inner = toCondition(e.inner);
    return inner === e.inner ? e : { ...e, inner };
  }
  return e;
}

function withoutFullText<T>(p: Parser, f: () => T): T {
  const saved = p.fullText;
  p.fullText = false;
  const result = f();
  p.fullText = saved;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Token cursor

function createParser(text: string, fullText: boolean): Parser {
  return { text, tokens: tokenize(text), pos: 0, depth: 0, fullText };
}

function peek(p: Parser, ahead = 0): Token {
  return p.tokens[Math.min(p.pos + ahead, p.tokens.length - 1)]!;
}

function advance(p: Parser): Token {
  const t = peek(p);
  if (t.kind !== 'eof') p.pos += 1;
  return t;
}

function eat(p: Parser, punct: Punct): boolean {
  if (!isPunct(peek(p), punct)) return false;
  advance(p);
  return true;
}

function expectPunct(p: Parser, punct: Punct): Token {
  const t = peek(p);
  if (!isPunct(t, punct)) fail(p, t, `'${punct}'`);
  return advance(p);
}

function expectEnd(p: Parser): void {
  const t = peek(p);
  if (t.kind !== 'eof') fail(p, t, 'end of input');
}

/** End offset of the last consumed token. */
function prevEnd(p: Parser): number {
  return p.pos === 0 ? 0 : p.tokens[p.pos - 1]!.end;
}

function isPunct(t: Token, punct: Punct): boolean {
  return t.kind === 'punct' && t.text === punct;
}

function isKeyword(t: Token, keyword: string): boolean {
  return t.kind === 'name' && t.text.toLowerCase() === keyword;
}

function isRangeOpen(t: Token): boolean {
  return isPunct(t, '[') || isPunct(t, ']');
}

function isRangeClose(t: Token): boolean {
  return isPunct(t, ']') || isPunct(t, '[');
}

function isArgEnd(t: Token): boolean {
  return isPunct(t, ',') || isPunct(t, ')');
}

function isItemEnd(t: Token): boolean {
  return isPunct(t, ',') || t.kind === 'eof';
}

function fail(p: Parser, t: Token, expected: string | null = null): never {
  throw unexpected(p.text, t.start, t.text, expected);
}

function enter(p: Parser, at: Token): void {
  p.depth += 1;
  if (p.depth > MAX_NESTING_DEPTH) {
    throw new OdsqlSyntaxError({ reason: 'too-deep', clause: p.text, position: at.start, token: at.text });
  }
}

function leave(p: Parser): void {
  p.depth -= 1;
}

function span(a: Expr, b: Expr): Loc {
  return { start: a.loc.start, end: b.loc.end };
}

function clauseLoc(p: Parser): Loc {
  const first = p.tokens[0]!;
  return { start: first.start, end: prevEnd(p) };
}
