import { z } from 'zod';
import { MAX_FEEDBACK_COMMENT } from '../../common/ods-api/params';
import { invalidParameter } from '../errors';

/**
 * The body of `PUT …/feedback` (ods-api.md §7, from the 2019 API): `{"feedback": {comment,
 * recordid?, newValues?, schema?}}`, or the inner object alone. ODS documents no validation; this
 * portal checks what a publisher needs to act on it, and each refusal names the field at fault.
 * Whether the record and the fields exist is checked against the dataset by the route.
 */

export const MAX_BODY_BYTES = 64 * 1024;
/**
 * Deeper JSON is refused before it is parsed: a body nested 10,000 levels parses, but storing it
 * (`JSON.stringify`) overflows the stack. No real correction needs more than a few levels.
 */
export const MAX_DEPTH = 32;

/** How deeply arrays and objects nest in a JSON text, counting brackets outside strings. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92)
        i++; // a backslash escapes the next character
      else if (code === 34) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 123 || code === 91) deepest = Math.max(deepest, ++depth);
    else if (code === 125 || code === 93) depth--;
  }
  return deepest;
}

const typeError =
  (expected: string, required = false) =>
  (issue: { input: unknown }) =>
    issue.input === undefined && required
      ? 'it is required.'
      : `expected ${expected}, got ${shapeOf(issue.input)}.`;

function shapeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`.slice(0, 80);
}

const objectOfValues = (expected: string) =>
  z.record(z.string(), z.unknown(), { error: typeError(expected) }).nullish();

const feedbackSchema = z.object({
  comment: z
    .string({ error: typeError('a string', true) })
    .refine((text) => text.trim() !== '', { error: 'it must not be empty.' })
    .refine((text) => text.length <= MAX_FEEDBACK_COMMENT, {
      error: (issue) =>
        `at most ${MAX_FEEDBACK_COMMENT.toLocaleString('en-US')} characters, got ${(issue.input as string).length.toLocaleString('en-US')}.`,
    }),
  recordid: z.string({ error: typeError('a record id (a string)') }).nullish(),
  newValues: objectOfValues('an object of field names to new values'),
  schema: objectOfValues('an object'),
});

export interface FeedbackBody {
  comment: string;
  recordId: string | null;
  newValues: Record<string, unknown> | null;
  schema: Record<string, unknown> | null;
}

/** Parses and checks the body text; a 400 whose message says which field is wrong otherwise. */
export function parseFeedbackBody(text: string): FeedbackBody {
  if (nestingDepth(text) > MAX_DEPTH) {
    throw invalidParameter(`The feedback body nests arrays and objects more than ${MAX_DEPTH} levels deep.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidParameter('The feedback body must be JSON: {"feedback": {"comment": "…"}}.');
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw invalidParameter('The feedback body must be a JSON object: {"feedback": {"comment": "…"}}.');
  }
  const outer = json as Record<string, unknown>;
  const wrapped = 'feedback' in outer;
  const inner = wrapped ? outer.feedback : outer;
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) {
    throw invalidParameter(`Invalid value for feedback: expected an object, got ${shapeOf(inner)}.`);
  }
  const parsed = feedbackSchema.safeParse(inner);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalidParameter(`Invalid value for feedback.${issue.path.join('.')}: ${issue.message}`);
  }
  return {
    comment: parsed.data.comment,
    recordId: parsed.data.recordid ?? null,
    newValues: parsed.data.newValues ?? null,
    schema: parsed.data.schema ?? null,
  };
}
