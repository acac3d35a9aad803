import type { FacetValue } from '../../common/ods-api/types';

/**
 * The keyboard inside one facet group. The group's values are a single tab stop (roving
 * tabindex), so Tab walks from group to group instead of through hundreds of values:
 * ↑ ↓ move between the values shown (children of an open year or branch included), Home / End to
 * the first and last, → opens a value's children (then steps into them), ← closes them (or goes
 * back to the parent), Enter / Space refine (the button's own click), and X or Delete excludes
 * the value (or stops excluding it). The eye button stays for the mouse; X is its keyboard twin,
 * so the eye leaves the tab order with the values.
 */

export type FacetKeyAction =
  | { kind: 'focus'; index: number }
  | { kind: 'expand' }
  | { kind: 'collapse' }
  | { kind: 'exclude' };

/** Where the focused value stands in the group's visible values. */
export interface FacetKeyContext {
  index: number;
  count: number;
  hasChildren: boolean;
  expanded: boolean;
  /** The index of the value's parent in the same list, null at the top level. */
  parentIndex: number | null;
}

/** What a key does on a focused value; null leaves the key to the browser (Enter, Space, Tab…). */
export function facetKeyAction(key: string, at: FacetKeyContext): FacetKeyAction | null {
  switch (key) {
    case 'ArrowDown':
      return at.index < at.count - 1 ? { kind: 'focus', index: at.index + 1 } : null;
    case 'ArrowUp':
      return at.index > 0 ? { kind: 'focus', index: at.index - 1 } : null;
    case 'Home':
      return at.index > 0 ? { kind: 'focus', index: 0 } : null;
    case 'End':
      return at.index < at.count - 1 ? { kind: 'focus', index: at.count - 1 } : null;
    case 'ArrowRight':
      if (!at.hasChildren) return null;
      // An open value's first child is the next one in the list.
      return at.expanded ? { kind: 'focus', index: at.index + 1 } : { kind: 'expand' };
    case 'ArrowLeft':
      if (at.hasChildren && at.expanded) return { kind: 'collapse' };
      return at.parentIndex === null ? null : { kind: 'focus', index: at.parentIndex };
    case 'x':
    case 'X':
    case 'Delete':
      return { kind: 'exclude' };
    default:
      return null;
  }
}

export interface VisibleFacetValue {
  /** The value's path from the top of the group: unique in it, stable across renders. */
  key: string;
  parentKey: string | null;
  value: FacetValue;
  depth: number;
}

/** The path of a value under `parentKey` (a separator no facet value contains). */
export function facetValueKey(parentKey: string | null, value: string): string {
  return parentKey === null ? value : `${parentKey}\u001f${value}`;
}

/** The values a user sees, top to bottom: the given top-level ones, and the children of open ones. */
export function visibleFacetValues(
  values: readonly FacetValue[],
  isExpanded: (key: string, value: FacetValue) => boolean,
  parentKey: string | null = null,
  depth = 0,
): VisibleFacetValue[] {
  return values.flatMap((value) => {
    const key = facetValueKey(parentKey, value.value);
    const row: VisibleFacetValue = { key, parentKey, value, depth };
    const children = value.facets ?? [];
    return children.length > 0 && isExpanded(key, value)
      ? [row, ...visibleFacetValues(children, isExpanded, key, depth + 1)]
      : [row];
  });
}
