import { describe, expect, it } from 'vitest';
import type { FacetValue } from '../../common/ods-api/types';
import { type FacetKeyContext, facetKeyAction, facetValueKey, visibleFacetValues } from './facet-keys';

const at = (context: Partial<FacetKeyContext>): FacetKeyContext => ({
  index: 1,
  count: 4,
  hasChildren: false,
  expanded: false,
  parentIndex: null,
  ...context,
});

describe('facetKeyAction', () => {
  it('moves up and down without wrapping, and to either end', () => {
    expect(facetKeyAction('ArrowDown', at({ index: 1 }))).toEqual({ kind: 'focus', index: 2 });
    expect(facetKeyAction('ArrowUp', at({ index: 1 }))).toEqual({ kind: 'focus', index: 0 });
    expect(facetKeyAction('ArrowDown', at({ index: 3 }))).toBeNull();
    expect(facetKeyAction('ArrowUp', at({ index: 0 }))).toBeNull();
    expect(facetKeyAction('Home', at({ index: 2 }))).toEqual({ kind: 'focus', index: 0 });
    expect(facetKeyAction('End', at({ index: 1 }))).toEqual({ kind: 'focus', index: 3 });
    expect(facetKeyAction('Home', at({ index: 0 }))).toBeNull();
    expect(facetKeyAction('End', at({ index: 3 }))).toBeNull();
  });

  it('opens a closed level with →, then steps into it; ← closes it or goes back to the parent', () => {
    expect(facetKeyAction('ArrowRight', at({ hasChildren: true }))).toEqual({ kind: 'expand' });
    expect(facetKeyAction('ArrowRight', at({ hasChildren: true, expanded: true }))).toEqual({
      kind: 'focus',
      index: 2,
    });
    expect(facetKeyAction('ArrowRight', at({}))).toBeNull();
    expect(facetKeyAction('ArrowLeft', at({ hasChildren: true, expanded: true }))).toEqual({
      kind: 'collapse',
    });
    expect(facetKeyAction('ArrowLeft', at({ index: 2, parentIndex: 0 }))).toEqual({
      kind: 'focus',
      index: 0,
    });
    expect(facetKeyAction('ArrowLeft', at({}))).toBeNull();
  });

  it('excludes with X or Delete, and leaves Enter, Space and Tab to the button', () => {
    for (const key of ['x', 'X', 'Delete']) expect(facetKeyAction(key, at({}))).toEqual({ kind: 'exclude' });
    for (const key of ['Enter', ' ', 'Tab', 'a']) expect(facetKeyAction(key, at({}))).toBeNull();
  });
});

describe('visibleFacetValues', () => {
  const value = (name: string, facets?: FacetValue[]): FacetValue => ({
    name,
    value: name,
    count: 1,
    state: 'displayed',
    ...(facets ? { facets } : {}),
  });
  const values = [value('2024', [value('2024/11'), value('2024/12')]), value('2023', [value('2023/01')])];

  it('lists open levels’ children after their parent, with paths as keys', () => {
    const rows = visibleFacetValues(values, (key) => key === '2024');
    expect(rows.map((row) => [row.key, row.parentKey, row.depth])).toEqual([
      ['2024', null, 0],
      [facetValueKey('2024', '2024/11'), '2024', 1],
      [facetValueKey('2024', '2024/12'), '2024', 1],
      ['2023', null, 0],
    ]);
  });

  it('lists only the top level when nothing is open', () => {
    expect(visibleFacetValues(values, () => false).map((row) => row.key)).toEqual(['2024', '2023']);
  });
});
