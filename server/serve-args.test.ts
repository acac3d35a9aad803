import { describe, expect, it } from 'vitest';
import { parseKeep, parseServeArgs, parseSize } from './serve';

/** The hardening flags of `npm start` / `npm run portal`. */

describe('serve flags', () => {
  it('reads CSV strictly with 1 MiB cells and keeps 10 snapshots unless told otherwise', () => {
    const options = parseServeArgs([], {});
    expect(options.csv).toEqual({ strict: true, maxCellBytes: 1024 * 1024 });
    expect(options.keepSnapshots).toBe(10);
  });

  it('takes --lenient, --max-cell in bytes, K or M, and --keep-snapshots', () => {
    const options = parseServeArgs(['--lenient', '--max-cell', '4M', '--keep-snapshots', '3'], {});
    expect(options.csv).toEqual({ strict: false, maxCellBytes: 4 * 1024 * 1024 });
    expect(options.keepSnapshots).toBe(3);
    expect(parseSize('512K')).toBe(512 * 1024);
    expect(parseSize('2048')).toBe(2048);
    expect(parseSize('1 MiB')).toBe(1024 * 1024);
  });

  it('refuses sizes and counts that are not', () => {
    expect(() => parseSize('big')).toThrow(
      '--max-cell must be a size such as 1048576, 512K or 4M, got "big"',
    );
    expect(() => parseSize('0')).toThrow('--max-cell must be a size');
    expect(() => parseKeep('-1', '--keep-snapshots')).toThrow(
      '--keep-snapshots must be a whole number, 0 or more, got "-1"',
    );
    expect(parseKeep('0', '--keep-snapshots')).toBe(0);
  });
});
