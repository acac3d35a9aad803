import { describe, expect, it } from 'vitest';
import { pageWindow } from './page-window';

describe('pageWindow', () => {
  it.each([
    [1, 1, [1]],
    [1, 3, [1, 2, 3]],
    [1, 10, [1, 2, 3, 'gap', 10]],
    [6, 50, [1, 'gap', 4, 5, 6, 7, 8, 'gap', 50]],
    [4, 10, [1, 2, 3, 4, 5, 6, 'gap', 10]],
    [50, 50, [1, 'gap', 48, 49, 50]],
  ])('page %i of %i', (page, count, expected) => {
    expect(pageWindow(page, count)).toEqual(expected);
  });
});
