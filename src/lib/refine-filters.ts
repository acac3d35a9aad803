/**
 * Facet filters as the API writes them, `facet:value` (`refine` and `exclude`, ods-api.md §4.8),
 * and the list changes a facet panel makes: refine on a value or lift it, exclude a value or lift
 * it. Shared by every page that has facets (the catalog, a dataset).
 */

/** `facet:value`: a facet name (letters, digits, `_`, `.`), a colon, then any non-empty value. */
const FILTER = /^([A-Za-z0-9_.]+):(.+)$/s;

export interface Filter {
  facet: string;
  value: string;
}

export function splitFilter(filter: string): Filter | null {
  const match = FILTER.exec(filter);
  return match ? { facet: match[1]!, value: match[2]! } : null;
}

export function joinFilter(facet: string, value: string): string {
  return `${facet}:${value}`;
}

/** The valid, distinct `facet:value` strings of a raw search value (one string or several). */
export function filterList(value: unknown): string[] | undefined {
  const items = (Array.isArray(value) ? value : [value]).filter(
    (item): item is string | number => typeof item === 'string' || typeof item === 'number',
  );
  const valid = [...new Set(items.map(String).filter((item) => splitFilter(item) !== null))];
  return valid.length ? valid : undefined;
}

export function listWithout(list: readonly string[] | undefined, filter: string): string[] | undefined {
  const next = (list ?? []).filter((item) => item !== filter);
  return next.length ? next : undefined;
}

/** Whether two values of a path facet (`2020`, `2020/11`) are the same branch: one contains the other. */
function sameBranch(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

export interface FacetFilters {
  refine?: string[];
  exclude?: string[];
}

/**
 * Refines on a value, or lifts the refinement when it is already there; lifts an exclusion of it.
 * On a path facet (a date's year/month/day, a hierarchy), refining a level replaces the refinement
 * of the same branch, as ODS's own facet panel does.
 */
export function toggleRefineIn(
  filters: FacetFilters,
  facet: string,
  value: string,
  { hierarchical = false }: { hierarchical?: boolean } = {},
): FacetFilters {
  const filter = joinFilter(facet, value);
  const refined = filters.refine?.includes(filter);
  const others = (filters.refine ?? []).filter((item) => {
    if (item === filter) return false;
    if (!hierarchical || refined) return true;
    const parts = splitFilter(item);
    return !(parts && parts.facet === facet && sameBranch(parts.value, value));
  });
  const refine = refined ? others : [...others, filter];
  return { refine: refine.length ? refine : undefined, exclude: listWithout(filters.exclude, filter) };
}

/** Excludes a value, or lifts the exclusion when it is already there. Lifts a refinement on it. */
export function toggleExcludeIn(filters: FacetFilters, facet: string, value: string): FacetFilters {
  const filter = joinFilter(facet, value);
  const excluded = filters.exclude?.includes(filter);
  return {
    exclude: excluded ? listWithout(filters.exclude, filter) : [...(filters.exclude ?? []), filter],
    refine: listWithout(filters.refine, filter),
  };
}
