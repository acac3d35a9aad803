/**
 * The ODSQL lexer (ods-api.md §4.1): clause text → tokens with 0-based offsets (`end` exclusive).
 *
 * Words are not classified here: whether `year` is a function, a reserved word or a field depends on
 * what follows, so the parser decides. The lexer does settle the cases that hinge on adjacency,
 * because whitespace is gone after it: `date'…'`/`geom'…'` literals, distance literals such as
 * `800m`, and dotted names such as `default.modified`.
 *
 * A name may not start with a digit: `1_uai` lexes as the number `1` followed by the name `_uai`,
 * which gives ODS's own error, `unexpected _uai at position 1`.
 */

import { DISTANCE_UNITS, type DistanceUnit, INTERVAL_UNITS, type IntervalUnit } from './ast';
import { MAX_CLAUSE_CHARS, MAX_CLAUSE_TOKENS, OdsqlSyntaxError, unexpected } from './errors';
import { RESERVED_WORDS } from './vocabulary';

export type Punct =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | ':'
  | '+'
  | '-'
  | '*'
  | '/'
  | '('
  | ')'
  | '['
  | ']'
  | ','
  | '..';

export type Token =
  /** A bare name, possibly dotted; keywords are names too. */
  | { readonly kind: 'name'; readonly text: string; readonly start: number; readonly end: number }
  /** A back-quoted name; `value` is the name without quotes and escapes. */
  | {
      readonly kind: 'quoted';
      readonly text: string;
      readonly value: string;
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'string';
      readonly text: string;
      readonly value: string;
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'date';
      readonly text: string;
      readonly value: string;
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'geom';
      readonly text: string;
      readonly value: string;
      readonly start: number;
      readonly end: number;
    }
  /** `text` is the number as written (the AST's `raw`). */
  | { readonly kind: 'number'; readonly text: string; readonly start: number; readonly end: number }
  /** `raw` is the number part as written; `text` includes the unit. */
  | {
      readonly kind: 'distance';
      readonly text: string;
      readonly raw: string;
      readonly unit: DistanceUnit;
      readonly start: number;
      readonly end: number;
    }
  | { readonly kind: 'punct'; readonly text: Punct; readonly start: number; readonly end: number }
  | { readonly kind: 'eof'; readonly text: ''; readonly start: number; readonly end: number };

const RESERVED = new Set<string>(RESERVED_WORDS);

/** Longest first, so `800mm` is millimetres and `800mi` miles, never `800m` followed by a name. */
const DISTANCE_UNITS_LONGEST_FIRST = [...DISTANCE_UNITS].sort((a, b) => b.length - a.length);

const TWO_CHAR_PUNCT = new Set<string>(['!=', '<=', '>=', '..']);
const ONE_CHAR_PUNCT = new Set<string>(['=', '<', '>', ':', '+', '-', '*', '/', '(', ')', '[', ']', ',']);

function isNameChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isNameStart(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z_]/.test(c);
}

const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*$/;

/** Whether a field name (or alias) must be written in back-quotes to lex back as that one name. */
export function needsBackQuotes(name: string): boolean {
  return !BARE_NAME.test(name) || RESERVED.has(name.toLowerCase());
}

export function isReservedWord(word: string): boolean {
  return RESERVED.has(word.toLowerCase());
}

/** `` `a\`b` ``: the SDK's own escaping (ods-api.md §4.1), extended to backslashes so any name round-trips. */
export function backQuote(name: string): string {
  return `\`${name.replace(/[\\`]/g, '\\$&')}\``;
}

const INTERVAL_SPELLINGS: ReadonlyMap<string, IntervalUnit> = (() => {
  const map = new Map<string, IntervalUnit>();
  for (const unit of INTERVAL_UNITS) {
    map.set(unit, unit);
    map.set(`${unit}s`, unit);
  }
  return map;
})();

/**
 * The abbreviations are case-sensitive, as ODS documents for `m` (minute) and `M` (month); the
 * spelled-out names are matched case-insensitively like every other ODSQL word.
 */
const INTERVAL_ABBREVIATIONS: ReadonlyMap<string, IntervalUnit> = new Map<string, IntervalUnit>([
  ['ms', 'millisecond'],
  ['s', 'second'],
  ['m', 'minute'],
  ['h', 'hour'],
  ['d', 'day'],
  ['w', 'week'],
  ['M', 'month'],
  ['q', 'quarter'],
  ['y', 'year'],
]);

export function intervalUnitOf(word: string): IntervalUnit | null {
  return INTERVAL_ABBREVIATIONS.get(word) ?? INTERVAL_SPELLINGS.get(word.toLowerCase()) ?? null;
}

/**
 * Decodes the body of a quoted literal starting just after its opening quote. Escapes follow JSON
 * (`\n`, `\t`, `\uXXXX`, …) because the ODS SDK writes string literals with `JSON.stringify`;
 * any other escaped character stands for itself (`'Don\'t worry'`).
 */
function readQuoted(text: string, open: number, quote: string): { value: string; end: number } | null {
  let value = '';
  let i = open + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === quote) return { value, end: i + 1 };
    if (c !== '\\') {
      value += c;
      i += 1;
      continue;
    }
    const e = text[i + 1];
    if (e === undefined) return null;
    switch (e) {
      case 'n':
        value += '\n';
        break;
      case 't':
        value += '\t';
        break;
      case 'r':
        value += '\r';
        break;
      case 'b':
        value += '\b';
        break;
      case 'f':
        value += '\f';
        break;
      case 'u': {
        const hex = text.slice(i + 2, i + 6);
        if (/^[0-9A-Fa-f]{4}$/.test(hex)) {
          value += String.fromCharCode(Number.parseInt(hex, 16));
          i += 6;
          continue;
        }
        value += 'u';
        break;
      }
      default:
        value += e;
    }
    i += 2;
  }
  return null;
}

function readDistanceUnit(text: string, at: number): DistanceUnit | null {
  for (const unit of DISTANCE_UNITS_LONGEST_FIRST) {
    if (text.startsWith(unit, at) && !isNameChar(text[at + unit.length])) return unit;
  }
  return null;
}

/** Refuses clauses over the size limits (with OdsqlSyntaxError) before any work proportional to them. */
export function tokenize(text: string): Token[] {
  if (text.length > MAX_CLAUSE_CHARS) {
    throw new OdsqlSyntaxError({ reason: 'too-long', clause: text, position: MAX_CLAUSE_CHARS, token: '' });
  }
  const tokens: Token[] = [];
  const push = (token: Token) => {
    if (tokens.length === MAX_CLAUSE_TOKENS) {
      throw new OdsqlSyntaxError({
        reason: 'too-many-tokens',
        clause: text,
        position: token.start,
        token: token.text,
      });
    }
    tokens.push(token);
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const start = i;
    if (isNameStart(c)) {
      i += 1;
      while (isNameChar(text[i])) i += 1;
      const word = text.slice(start, i).toLowerCase();
      const q = text[i];
      if ((word === 'date' || word === 'geom') && (q === "'" || q === '"')) {
        const body = readQuoted(text, i, q);
        if (body === null) throw unexpected(text, text.length, '');
        i = body.end;
        push({
          kind: word === 'date' ? 'date' : 'geom',
          text: text.slice(start, i),
          value: body.value,
          start,
          end: i,
        });
        continue;
      }
      while (text[i] === '.' && isNameChar(text[i + 1])) {
        i += 2;
        while (isNameChar(text[i])) i += 1;
      }
      push({ kind: 'name', text: text.slice(start, i), start, end: i });
      continue;
    }
    if (isDigit(c)) {
      while (isDigit(text[i])) i += 1;
      // A dot not followed by a digit is left for `..` (ranges such as `[1..10]`).
      if (text[i] === '.' && isDigit(text[i + 1])) {
        i += 1;
        while (isDigit(text[i])) i += 1;
      }
      const raw = text.slice(start, i);
      const unit = readDistanceUnit(text, i);
      if (unit !== null) {
        i += unit.length;
        push({ kind: 'distance', text: text.slice(start, i), raw, unit, start, end: i });
      } else {
        push({ kind: 'number', text: raw, start, end: i });
      }
      continue;
    }
    if (c === '`') {
      const body = readQuoted(text, i, '`');
      if (body === null) throw unexpected(text, text.length, '');
      i = body.end;
      push({ kind: 'quoted', text: text.slice(start, i), value: body.value, start, end: i });
      continue;
    }
    if (c === "'" || c === '"') {
      const body = readQuoted(text, i, c);
      if (body === null) throw unexpected(text, text.length, '');
      i = body.end;
      push({ kind: 'string', text: text.slice(start, i), value: body.value, start, end: i });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHAR_PUNCT.has(two)) {
      i += 2;
      push({ kind: 'punct', text: two as Punct, start, end: i });
      continue;
    }
    if (ONE_CHAR_PUNCT.has(c)) {
      i += 1;
      push({ kind: 'punct', text: c as Punct, start, end: i });
      continue;
    }
    // Report a whole code point, so an emoji is not cut in half in the message.
    const codePoint = String.fromCodePoint(text.codePointAt(i)!);
    throw unexpected(text, i, codePoint);
  }
  tokens.push({ kind: 'eof', text: '', start: text.length, end: text.length });
  return tokens;
}
