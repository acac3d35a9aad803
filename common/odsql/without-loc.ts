/**
 * Strips what the contract "parse(print(ast)) equals ast" ignores: every `loc`, and SelectItem.text
 * (the source text, which printing normalizes). For comparing trees in tests and for telling whether
 * two filters say the same thing regardless of how they were typed.
 */
export function withoutLoc<T>(node: T): T {
  return strip(node) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  const isSelectItem = (value as { kind?: unknown }).kind === 'SelectItem';
  for (const [key, v] of Object.entries(value)) {
    if (key === 'loc' || (isSelectItem && key === 'text')) continue;
    out[key] = strip(v);
  }
  return out;
}
