import type { Feature } from 'geojson';
import { type PortalTarget, type RequestOptions, send } from './client';

/**
 * Exports read as they arrive, so a caller can use the first rows while the rest stream in and
 * stop the transfer once it has what it needs (a cancelled viewport, a record found).
 */

/**
 * A GeoJSON document's features, one by one. JSON.parse needs a whole document; this splitter cuts
 * each element of the root object's `features` array out of the text as soon as its closing brace
 * arrives, whatever the chunking.
 */
export class FeatureSplitter {
  /** Open containers: `{` or `[`, the root object first. */
  private stack: string[] = [];
  private inString = false;
  private escaped = false;
  /** The last string read directly in the root object: the key of the value that follows. */
  private lastRootString = '';
  /** Where the root-level string being read started in this chunk (-1: not in one), and its text so far. */
  private stringStart = -1;
  private rootString = '';
  private featuresDepth = -1;
  /** Text of the feature being read (possibly across chunks). */
  private current = '';
  private capturing = false;

  /** Feeds a chunk of text; returns the JSON text of every feature it completed. */
  push(chunk: string): string[] {
    const done: string[] = [];
    let start = this.capturing ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          if (this.stringStart !== -1) {
            this.lastRootString = this.rootString + chunk.slice(this.stringStart, i);
            this.stringStart = -1;
          }
        }
        continue;
      }
      if (c === '"') {
        this.inString = true;
        this.stringStart = this.stack.length === 1 ? i + 1 : -1;
        this.rootString = '';
      } else if (c === '{' || c === '[') {
        if (c === '[' && this.stack.length === 1 && this.lastRootString === 'features') {
          this.featuresDepth = 2;
        } else if (c === '{' && this.stack.length === this.featuresDepth && !this.capturing) {
          this.capturing = true;
          start = i;
        }
        this.stack.push(c);
      } else if (c === '}' || c === ']') {
        this.stack.pop();
        if (this.capturing && c === '}' && this.stack.length === this.featuresDepth) {
          done.push(this.current + chunk.slice(start, i + 1));
          this.current = '';
          this.capturing = false;
          start = -1;
        } else if (c === ']' && this.stack.length === 1 && this.featuresDepth === 2) {
          this.featuresDepth = -1;
        }
      }
    }
    if (this.capturing) this.current += chunk.slice(start);
    if (this.stringStart !== -1) {
      this.rootString += chunk.slice(this.stringStart);
      this.stringStart = 0;
    }
    return done;
  }
}

export interface FeatureBatch {
  features: Feature[];
  /** Bytes received so far. */
  received: number;
}

/** The text of a response body as it arrives, with the bytes received so far. */
async function* textChunks(
  target: PortalTarget,
  url: string,
  accept: string,
  { signal }: RequestOptions,
): AsyncGenerator<{ text: string; received: number }> {
  const response = await send(target, url, { signal, headers: { Accept: accept } });
  if (!response.body) {
    const text = await response.text();
    yield { text, received: text.length };
    return;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      yield { text: decoder.decode(value, { stream: true }), received };
    }
  } finally {
    // An early return (a moved viewport, a record found) or an abort stops the transfer.
    await reader.cancel().catch(() => {});
  }
}

/**
 * Streams the features of a GeoJSON document at `url` in batches (one per network chunk).
 * Rejects with the typed API error when the portal refuses the request; an abort ends it.
 */
export async function* streamFeatures(
  target: PortalTarget,
  url: string,
  options: RequestOptions = {},
): AsyncGenerator<FeatureBatch> {
  const splitter = new FeatureSplitter();
  for await (const { text, received } of textChunks(
    target,
    url,
    'application/geo+json, application/json',
    options,
  )) {
    const texts = splitter.push(text);
    if (texts.length) yield { features: texts.map((t) => JSON.parse(t) as Feature), received };
  }
}

/** Streams the lines of a text export (a one-column CSV, JSON lines) at `url`, in batches. */
export async function* streamLines(
  target: PortalTarget,
  url: string,
  options: RequestOptions = {},
): AsyncGenerator<string[]> {
  let rest = '';
  for await (const { text } of textChunks(target, url, 'text/csv, application/jsonl, text/plain', options)) {
    const lines = (rest + text).split(/\r?\n/);
    rest = lines.pop() ?? '';
    if (lines.length) yield lines;
  }
  if (rest) yield [rest];
}
