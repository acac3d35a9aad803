import { describe, expect, it } from 'vitest';
import { columnRules } from './column-styles';

describe('columnRules', () => {
  it('gives each visible column its width, and the two title columns their left offsets', () => {
    // Display order: the row numbers (class c0), then field 3, field 1, field 2.
    const rules = columnRules(
      'grid-a',
      [
        [0, 60],
        [3, 150],
        [1, 96],
        [2, 120],
      ],
      undefined,
    ).split('\n');
    expect(rules).toEqual([
      '#grid-a .c0{width:60px;--pin-left:0px}',
      '#grid-a .c3{width:150px;--pin-left:60px}',
      '#grid-a .c1{width:96px}',
      '#grid-a .c2{width:120px}',
    ]);
  });

  it('lines a waiting row’s bars up with the columns after the row number', () => {
    const rules = columnRules(
      'grid-a',
      [
        [0, 60],
        [1, 100],
        [2, 50],
      ],
      'waiting',
    );
    const bars = rules.split('\n').at(-1)!;
    expect(bars.startsWith('#grid-a .waiting{')).toBe(true);
    expect(bars).toContain('background-position:8px 50%,108px 50%');
    expect(bars).toContain('background-size:59px 10px,24px 10px');
  });
});
