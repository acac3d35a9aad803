import type { Feature } from 'geojson';
import { type PortalTarget, type RequestOptions, send } from './client';

/**
 * Reads a GeoJSON export (`…/exports/geojson`) feature by feature as it arrives, so the map can
 * draw the first records while the rest stream in, and a cancelled viewport stops the transfer.
 * JSON.parse needs a whole document; this splitter cuts each element of the root object's
 * `features` array out of the text as soon as its closing brace arrives, whatever the chunking.
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

/**
 * Streams the features of a GeoJSON document at `url` in batches (one per network chunk).
 * Rejects with the typed API error when the portal refuses the request; an abort ends it.
 */
export async function* streamFeatures(
  target: PortalTarget,
  url: string,
  { signal }: RequestOptions = {},
): AsyncGenerator<FeatureBatch> {
  const response = await send(target, url, {
    signal,
    headers: { Accept: 'application/geo+json, application/json' },
  });
  if (!response.body) {
    const body = (await response.json()) as { features?: Feature[] };
    yield { features: body.features ?? [], received: 0 };
    return;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const splitter = new FeatureSplitter();
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      const texts = splitter.push(decoder.decode(value, { stream: true }));
      if (texts.length) yield { features: texts.map((text) => JSON.parse(text) as Feature), received };
    }
  } finally {
    // An early return (a moved viewport) or an abort stops the transfer.
    await reader.cancel().catch(() => {});
  }
}
