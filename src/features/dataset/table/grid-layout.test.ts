import { describe, expect, it } from 'vitest';
import { fitLayout, layoutKey, moveColumn, shiftColumn } from './grid-layout';

describe('grid layout', () => {
  it('is kept per portal and dataset', () => {
    expect(layoutKey('', 'cities')).toBe('ods-explorer:grid-layout:embedded:cities');
    expect(layoutKey('https://data.example.org', 'cities')).toBe(
      'ods-explorer:grid-layout:https://data.example.org:cities',
    );
  });

  it('fits a saved layout to the columns of today', () => {
    const saved = { order: ['b', 'gone', 'a'], hidden: ['gone', 'c'], widths: { a: 10, b: 5000, gone: 100 } };
    expect(fitLayout(saved, ['a', 'b', 'c', 'd'])).toEqual({
      order: ['b', 'a', 'c', 'd'],
      hidden: ['c'],
      widths: { a: 56, b: 900 },
    });
    expect(fitLayout(null, ['a', 'b'])).toEqual({ order: ['a', 'b'], hidden: [], widths: {} });
  });

  it('moves columns, skipping hidden ones when shifting', () => {
    expect(moveColumn(['a', 'b', 'c'], 'c', 'a')).toEqual(['c', 'a', 'b']);
    expect(moveColumn(['a', 'b', 'c'], 'a', null)).toEqual(['b', 'c', 'a']);
    expect(shiftColumn(['a', 'b', 'c', 'd'], ['b'], 'c', -1)).toEqual(['c', 'a', 'b', 'd']);
    expect(shiftColumn(['a', 'b', 'c', 'd'], ['c'], 'b', 1)).toEqual(['a', 'c', 'd', 'b']);
    expect(shiftColumn(['a', 'b'], [], 'b', 1)).toEqual(['a', 'b']);
  });
});
