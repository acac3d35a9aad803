import { readFileSync } from 'node:fs';

/**
 * The real ODS responses in tests/fixtures/ods-recorded, and a shape to compare ours with them:
 * the same keys at every level and the same kinds of values, whatever the values are.
 */

/** Parsed as JSON.parse gives it: tests index into it as they would into a response body. */
export function recorded(name: string): ReturnType<typeof JSON.parse> {
  return JSON.parse(readFileSync(`tests/fixtures/ods-recorded/${name}`, 'utf8'));
}

/** The keys of an object, sorted; arrays are described by their first item. */
export function shape(value: unknown, depth: number): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0], depth)];
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  if (depth === 0) return 'object';
  return Object.fromEntries(
    Object.keys(value as object)
      .sort()
      .map((key) => [key, shape((value as Record<string, unknown>)[key], depth - 1)]),
  );
}
