/**
 * ODSQL syntax errors. The message copies ODS's wording (ods-api.md §8) so that the embedded portal
 * can answer `{"error_code":"ODSQLSyntaxError","message":…}` exactly as a real portal does:
 *
 *   ODSQL syntax exception: unexpected = at position 8 in garbage==
 *
 * `position` is a 0-based offset into the clause, as in ODS's own examples. When the clause ends
 * too early the token is reported as `end of input` (ODS's wording for that case was never
 * captured) and the position is the clause's length; an unterminated quote is reported the same
 * way, since it is the end of input that the lexer did not expect. The server appends
 * `. Clause(s) containing the error(s): where.` itself; that part depends on which parameter failed.
 *
 * The size guards (clause length, token count, nesting depth) use the same prefix and say which
 * limit was hit, so a user reading the message knows the clause is refused for its size, not its syntax.
 */

/** Bounds on the work one clause can cause (style habit 8: cap parse size). */
export const MAX_CLAUSE_CHARS = 10_000;
export const MAX_CLAUSE_TOKENS = 2_000;
export const MAX_NESTING_DEPTH = 100;

export type OdsqlSyntaxErrorReason = 'unexpected' | 'too-long' | 'too-many-tokens' | 'too-deep';

export interface OdsqlSyntaxErrorInit {
  readonly reason: OdsqlSyntaxErrorReason;
  readonly clause: string;
  readonly position: number;
  /** The offending token as written; '' at the end of input and for the length guard. */
  readonly token: string;
  /** What the parser would have accepted instead, when it knows (for tooling; not in the message). */
  readonly expected?: string | null;
}

const PREFIX = 'ODSQL syntax exception:';

function messageFor(init: OdsqlSyntaxErrorInit): string {
  switch (init.reason) {
    case 'unexpected': {
      const what = init.token === '' ? 'end of input' : init.token;
      return `${PREFIX} unexpected ${what} at position ${init.position} in ${init.clause}`;
    }
    case 'too-long':
      // Echoing a clause that is refused for its length would only make the message huge.
      return `${PREFIX} clause too long: ${init.clause.length} characters, at most ${MAX_CLAUSE_CHARS} are allowed`;
    case 'too-many-tokens':
      return `${PREFIX} too many tokens (more than ${MAX_CLAUSE_TOKENS}) at position ${init.position} in ${init.clause}`;
    case 'too-deep':
      return `${PREFIX} nesting deeper than ${MAX_NESTING_DEPTH} levels at position ${init.position} in ${init.clause}`;
    default: {
      const unreachable: never = init.reason;
      return unreachable;
    }
  }
}

export class OdsqlSyntaxError extends Error {
  override readonly name = 'OdsqlSyntaxError';
  readonly reason: OdsqlSyntaxErrorReason;
  readonly clause: string;
  readonly position: number;
  readonly token: string;
  readonly expected: string | null;

  constructor(init: OdsqlSyntaxErrorInit) {
    super(messageFor(init));
    this.reason = init.reason;
    this.clause = init.clause;
    this.position = init.position;
    this.token = init.token;
    this.expected = init.expected ?? null;
  }
}

export function unexpected(
  clause: string,
  position: number,
  token: string,
  expected: string | null = null,
): OdsqlSyntaxError {
  return new OdsqlSyntaxError({ reason: 'unexpected', clause, position, token, expected });
}
