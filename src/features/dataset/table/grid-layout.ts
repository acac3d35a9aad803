import { z } from 'zod';

/**
 * A grid's column layout, kept per portal and dataset in localStorage: which columns are hidden,
 * their order, their widths. A layout that no longer fits the schema (a field renamed or gone) is
 * cleaned on read: unknown columns are dropped, new ones appear at the end.
 */
export interface GridLayout {
  order: string[];
  hidden: string[];
  widths: Record<string, number>;
}

const STORAGE_PREFIX = 'ods-explorer:grid-layout:';
export const MIN_COLUMN_WIDTH = 56;
export const MAX_COLUMN_WIDTH = 900;

const layoutSchema = z.object({
  order: z.array(z.string()).catch([]),
  hidden: z.array(z.string()).catch([]),
  widths: z.record(z.string(), z.number()).catch({}),
});

export function layoutKey(portal: string, datasetId: string): string {
  return `${STORAGE_PREFIX}${portal || 'embedded'}:${datasetId}`;
}

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    // Storage can be disabled (privacy settings); the layout then lasts as long as the page.
    return null;
  }
}

/** The saved layout fitted to the columns that exist now. */
export function fitLayout(saved: GridLayout | null, columns: readonly string[]): GridLayout {
  const known = new Set(columns);
  const order = (saved?.order ?? []).filter((id) => known.has(id));
  const ordered = new Set(order);
  for (const id of columns) if (!ordered.has(id)) order.push(id);
  const hidden = (saved?.hidden ?? []).filter((id) => known.has(id));
  const widths: Record<string, number> = {};
  for (const [id, width] of Object.entries(saved?.widths ?? {})) {
    if (known.has(id) && Number.isFinite(width)) {
      widths[id] = Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, Math.round(width)));
    }
  }
  return { order, hidden, widths };
}

export function readLayout(key: string): GridLayout | null {
  const text = storage()?.getItem(key);
  if (!text) return null;
  try {
    const parsed = layoutSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveLayout(key: string, layout: GridLayout): void {
  try {
    storage()?.setItem(key, JSON.stringify(layout));
  } catch {
    // A full storage keeps the layout for this page only.
  }
}

export function clearLayout(key: string): void {
  storage()?.removeItem(key);
}

/** Moves a column before another one (or to the end when `before` is null). */
export function moveColumn(order: readonly string[], id: string, before: string | null): string[] {
  const next = order.filter((item) => item !== id);
  const at = before === null ? -1 : next.indexOf(before);
  if (at === -1) next.push(id);
  else next.splice(at, 0, id);
  return next;
}

/** Moves a column one place among the visible ones (delta −1: left, +1: right). */
export function shiftColumn(
  order: readonly string[],
  hidden: readonly string[],
  id: string,
  delta: -1 | 1,
): string[] {
  const visible = order.filter((item) => !hidden.includes(item));
  const index = visible.indexOf(id);
  const target = visible[index + delta];
  if (index === -1 || target === undefined) return [...order];
  if (delta === -1) return moveColumn(order, id, target);
  const after = visible[index + 2] ?? null;
  return moveColumn(order, id, after);
}
