import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './serve';

describe('parseServeArgs', () => {
  it('reads --workers, leaving the default (one per core) to the pool', () => {
    expect(parseServeArgs(['--workers', '3'], {}).workers).toBe(3);
    expect(parseServeArgs([], {}).workers).toBeUndefined();
  });

  it('refuses a worker count that is not a whole number from 1', () => {
    for (const bad of ['0', '-2', '1.5', 'many']) {
      expect(() => parseServeArgs([`--workers=${bad}`], {})).toThrow(/--workers must be a whole number/);
    }
  });
});
