import type { Expr } from '../../common/odsql/ast';
import { type FieldLayout, vocabTableOf } from '../store/layout';
import { quoteIdent } from '../store/sql-ident';
import type { Compiler } from './compile';
import { fail } from './compiled';

/**
 * Full text over the dataset's FTS5 table: bare `"words"`, LIKE, and `search()`/`suggest()` with their
 * typo and prefix rules (ods-api.md §4.2).
 */

/** FTS5 query text for user words: each word a quoted token; the last a prefix when `prefixLast`. */
function ftsTerms(text: string): string[] {
  return text.normalize('NFC').match(/[\p{L}\p{N}_]+\*?/gu) ?? [];
}

function quoteFtsToken(token: string): string {
  const star = token.endsWith('*');
  const word = star ? token.slice(0, -1) : token;
  return `"${word.replaceAll('"', '""')}"${star ? '*' : ''}`;
}

/** Lower-case, without diacritics: how FTS5's unicode61 tokenizer (remove_diacritics 2) stores terms. */
function normalizeTerm(term: string): string {
  return term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Full-text search through FTS5, over every text field or the given ones. */
export function fullTextSql(
  compiler: Compiler,
  text: string,
  fields: FieldLayout[] | null,
  mode: 'all' | 'prefix' | 'fuzzy' = 'all',
): string {
  const fts = compiler.options.layout.ftsTable;
  const terms = ftsTerms(text);
  if (terms.length === 0) return '1';
  if (!fts) return '0';
  const searchable = fields?.filter((f) => f.fullText);
  if (fields && searchable?.length === 0) return '0';
  let query: string;
  if (mode === 'fuzzy') {
    query = terms
      .map((term, k) => fuzzyAlternatives(compiler, term, k, k === terms.length - 1))
      .join(' AND ');
  } else {
    query = terms
      .map((term) => quoteFtsToken(mode === 'prefix' ? `${term.replace(/\*$/, '')}*` : term))
      .join(' ');
  }
  if (searchable) query = `{${searchable.map((f) => f.ftsColumn).join(' ')}} : (${query})`;
  const table = quoteIdent(fts);
  return `t.rid IN (SELECT rowid FROM ${table} WHERE ${table} MATCH ${compiler.bind(query)})`;
}

/**
 * search()'s expansions are bounded by count, so that a long text costs what a short one does
 * rather than the time limit: only the first words look for typos, each takes its most frequent
 * near terms, and the last word's prefix takes its most frequent completions. The other words
 * match as written. A word past these bounds still has to match; it is only not forgiven.
 */
export const FUZZY_WORDS = 8;
export const FUZZY_CANDIDATES = 50;
export const PREFIX_COMPLETIONS = 200;

/**
 * `search()` forgives typos: a term longer than 5 characters matches terms within edit distance 2,
 * longer than 2 within 1, and the last term also matches as a prefix (ods-api.md §4.2). Candidates
 * come from the FTS vocabulary, sharing the first letter (an assumption that keeps the lookup
 * fast; documented in ARCHITECTURE.md).
 */
function fuzzyAlternatives(compiler: Compiler, term: string, position: number, last: boolean): string {
  const word = normalizeTerm(term.replace(/\*$/, ''));
  const fts = compiler.options.layout.ftsTable!;
  const vocab = quoteIdent(vocabTableOf(fts));
  const db = compiler.options.db;
  const alternatives = new Set<string>([word]);
  if (last) {
    // Completions from the vocabulary, most frequent first, instead of FTS5's unbounded `word*`.
    const completions = db
      .prepare(`SELECT term FROM ${vocab} WHERE term >= ? AND term < ? ORDER BY cnt DESC LIMIT ?`)
      .pluck()
      .all(word, `${word}\u{10ffff}`, PREFIX_COMPLETIONS) as string[];
    for (const completion of completions) alternatives.add(completion);
  }
  const distance = word.length > 5 ? 2 : word.length > 2 ? 1 : 0;
  if (distance > 0 && position < FUZZY_WORDS) {
    const first = word[0]!;
    const candidates = db
      .prepare(
        `SELECT term FROM ${vocab} WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?
         AND ods_levenshtein(term, ?, ?) <= ? ORDER BY cnt DESC LIMIT ${FUZZY_CANDIDATES}`,
      )
      .pluck()
      .all(
        first,
        `${first}\u{10ffff}`,
        word.length - distance,
        word.length + distance,
        word,
        distance,
        distance,
      ) as string[];
    for (const candidate of candidates) alternatives.add(candidate);
  }
  const tokens = [...alternatives].map(quoteFtsToken);
  return tokens.length === 1 ? tokens[0]! : `(${tokens.join(' OR ')})`;
}

export function textTargets(compiler: Compiler, args: readonly Expr[], name: string): FieldLayout[] | null {
  if (args.length === 1 && args[0]!.kind === 'Star') return null;
  return args.map((arg) => {
    if (arg.kind !== 'Field') return fail(`${name}() takes field names or * before the text.`);
    const field = compiler.field(arg);
    if (field.field.type !== 'text')
      fail(`${name}() searches text fields, and ${arg.name} is ${field.field.type}.`);
    return field;
  });
}
