/**
 * SQL identifiers (tables, columns, indexes, aliases) written into statements. Names come from the
 * layout, never from a request, yet a dataset's field name could hold a `"`: doubling it keeps the
 * statement well formed whatever the name.
 */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
